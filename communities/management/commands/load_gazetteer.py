"""`python manage.py load_gazetteer [--data-dir DIR]`: load or refresh the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from communities.management.gazetteer_loader import (
    DEFAULT_DATA_DIR,
    GazetteerFileError,
    load_gazetteer,
)
from communities.models import Community, District, Region
from core.search_index import rebuild, suspended


class Command(BaseCommand):
    help = (
        "Load regions, districts and communities of Kyrgyzstan and Tajikistan from the "
        "gazetteer CSVs, and the problem-category taxonomy. Safe to run again: only new or "
        "changed rows are written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help="Folder with regions.csv, districts.csv, municipalities.csv and coordinates.csv.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # Saves do not reindex one by one; the places' search documents are rebuilt once.
            with suspended():
                result = load_gazetteer(data_dir=options["data_dir"])
        except GazetteerFileError as exc:
            raise CommandError(str(exc)) from exc
        if result.changed:
            rebuild(models_=[Region, District, Community])
        for label, counts in result.counts.items():
            self.stdout.write(f"{label}: {counts}")
        self.stdout.write(f"places with coordinates (GeoNames): {result.placed}")
        self.stdout.write(
            self.style.SUCCESS("Gazetteer loaded.")
            if result.changed
            else "Gazetteer already up to date."
        )
