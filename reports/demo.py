"""The demo portal: the records in ``reports/data/demo/`` plus the demo accounts.

The loader (``core.demo``) is generic; this module only knows the order that spans apps:
organisations first, then the accounts (they hold staff memberships in those organisations,
and the demo's published activities name one of them as author), then everything else.
It lives in the top domain app because the demo fills every app below it.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from communities.models import Region
from core.demo import demo_manifest_read, demo_records_load, demo_records_read
from projects.demo_accounts import demo_accounts_ensure

DEMO_DATA_DIR = Path(__file__).resolve().parent / "data" / "demo"
ACCOUNTS_AFTER = "projects.Organisation"


@transaction.atomic
def demo_load(*, directory: Path = DEMO_DATA_DIR) -> dict[str, int]:
    """Load (or refresh) the demo; needs the gazetteer (``load_gazetteer``) first.

    Returns how many records of each model the data files hold.
    """
    if not Region.objects.exists():
        raise ValueError("The gazetteer is empty: run `python manage.py load_gazetteer` first.")
    manifest = demo_manifest_read(directory)
    records = demo_records_read(directory, manifest=manifest)
    first = [record for record in records if record.model == ACCOUNTS_AFTER]
    rest = [record for record in records if record.model != ACCOUNTS_AFTER]
    counts = demo_records_load(first, manifest=manifest)
    demo_accounts_ensure()
    counts.update(demo_records_load(rest, manifest=manifest))
    return counts
