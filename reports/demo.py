"""The demo portal: the records in ``reports/data/demo/`` plus the demo accounts.

The loader (``core.demo``) is generic; this module only knows the order that spans apps:
organisations first, then the accounts (they hold staff memberships in those organisations,
and the demo's published activities name one of them as author), then everything else.
It lives in the top domain app because the demo fills every app below it.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet

from communities.models import Community, Region
from communities.place_services import communities_place_approximately
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
    # Every place the demo names is on the map: where the sources give only its district,
    # at the district's centre, marked approximate (issue #17). Not a count of data-file
    # records, so it is not added to the counts.
    communities_place_approximately(
        communities=demo_communities()
        .filter(latitude__isnull=True)
        .select_related("district", "region")
    )
    return counts


# Every relation by which a demo record names a community.
DEMO_COMMUNITY_LINKS = (
    "project_links",
    "project_areas",
    "activities",
    "working_groups",
    "covering_working_groups",
    "assessments",
    "plans",
    "grants",
    "grant_applications",
)


def demo_communities() -> QuerySet[Community]:
    named = Q()
    for link in DEMO_COMMUNITY_LINKS:
        named |= Q(**{f"{link}__isnull": False})
    return Community.objects.filter(pk__in=Community.objects.filter(named).values("pk"))
