"""`python manage.py rebuild_summaries`: every plan summary from the actions and contributions,
every working group's member counts from its seats, and the news sort keys on activity places
(refilled where a bulk load skipped the triggers)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from communities.summary_services import (
    activity_place_keys_rebuild,
    plan_totals_rebuild,
    working_group_totals_rebuild,
)
from core.cache import invalidate_all


class Command(BaseCommand):
    help = (
        "Recompute the plan summaries (action counts, co-financing by source and currency) "
        "and the working groups' member counts that place and project pages read, and the "
        "news sort keys on activity places. "
        "Writes through the services and the admin keep them current; loaders that write in "
        "bulk, with triggers off or load fixtures raw need this."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        plans = plan_totals_rebuild()
        groups = working_group_totals_rebuild()
        links = activity_place_keys_rebuild()
        # The summaries send no signal: pages cached from the old ones go explicitly.
        invalidate_all()
        self.stdout.write(
            f"Plan summaries rebuilt for {plans} plans, member counts for {groups} working "
            f"groups, news sort keys refilled on {links} "
            f"activity places, in {time.monotonic() - started:.1f} s."
        )
