"""`python manage.py rebuild_search_index`: every search document from scratch."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from core.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the stored search documents of every public place, project, organisation, "
        "grant and news item. Loaders that write in bulk (demo, bench data, imports) need it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = rebuild()
        for section, count in counts.items():
            self.stdout.write(f"search documents, {section}: {count}")
        self.stdout.write(f"Search index rebuilt in {time.monotonic() - started:.1f} s.")
