"""`python manage.py load_demo`: the five source programmes from the demo data files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.search_index import rebuild, suspended
from reports.demo import DEMO_DATA_DIR, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo from reports/data/demo/: the five programmes of the source documents "
        "with their organisations, partners, communities, working group, grants and news, "
        "plus clearly marked illustrative records. Run load_gazetteer first. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The loader writes in bulk; the search index is rebuilt once at the end.
            with suspended():
                counts = demo_load()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        counts.update({f"search documents, {k}": v for k, v in rebuild().items()})
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded from {DEMO_DATA_DIR}."))
