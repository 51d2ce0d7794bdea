"""`python manage.py load_demo`: the five seed programmes, idempotently."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from projects.management.demo_loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo: the five programmes from the seed documents with their organisations, "
        "partners, communities, working group, grants and news, plus clearly marked "
        "illustrative records. Run load_gazetteer first. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_load()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for label, count in result.counts.items():
            self.stdout.write(f"{label}: {count}")
        if result.unresolved_localities:
            self.stdout.write(
                "Seed places with no single gazetteer unit (left unassigned, see SOURCES.md): "
                + ", ".join(result.unresolved_localities)
            )
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
