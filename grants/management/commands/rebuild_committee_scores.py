"""Recompute the committee's stored figures (score, criteria scored, reviewers, place in the
ranking and running total) from the reviews: after a bulk load or a write made behind the
services' back (SQL, ``QuerySet.update``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from grants.models import GrantProgramme
from grants.services import application_scores_refresh


class Command(BaseCommand):
    help = "Recompute every application's stored committee score and ranking place."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", type=int, help="only this programme (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        programmes = GrantProgramme.objects.order_by("pk")
        if options["programme"] is not None:
            programmes = programmes.filter(pk=options["programme"])
        for programme in programmes:
            changed = application_scores_refresh(programme=programme)
            self.stdout.write(f"{programme.pk}: {changed} score(s) changed, ranking refreshed.")
