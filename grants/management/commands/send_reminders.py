"""Send today's grantee report reminders (what celery beat runs daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grants.reminders import send_report_reminders


class Command(BaseCommand):
    help = "E-mail grantees whose reports are coming due or overdue; never the same one twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="run as of this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2026-12-31") from None
        sent = send_report_reminders(today=today)
        self.stdout.write(f"{sent} reminder(s) sent for {today:%Y-%m-%d}.")
