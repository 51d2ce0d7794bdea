"""`python manage.py demo_accounts`: where to log in and with which demo account."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from projects.demo_accounts import DEMO_ACCOUNTS, demo_accounts_ensure, demo_password


class Command(BaseCommand):
    help = "Print the demo accounts and where to log in (creates them if they are missing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default=None, help="e.g. http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        demo_accounts_ensure()
        base = options["base_url"] or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        from_env = bool(os.environ.get("DEMO_PASSWORD"))
        self.stdout.write("Demo accounts")
        self.stdout.write(f"  staff workspace: {base}/en/staff/login/")
        self.stdout.write(f"  Django admin:    {base}/admin/")
        self.stdout.write(
            "  password for every account: "
            + ("the value of DEMO_PASSWORD" if from_env else f"{demo_password()!r}")
            + ("" if from_env else " (set DEMO_PASSWORD to choose another)")
        )
        width = max(len(a.username) for a in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username.ljust(width)}  {account.description}")
