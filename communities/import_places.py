"""The region and district columns of an import row, read by one rule for every import that
names places (communities, grants), with the same messages in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from communities.gazetteer import GazetteerIndex
from communities.models import District, Region
from core.spreadsheets.columns import clean_text, display
from core.spreadsheets.resource import RowContext

# find(kind, name, region, district), kind being "region", "suggest", "district" or
# "community": find_place on the import's gazetteer, or a per-import cache in front of it.
PlaceFinder = Callable[[str, str, Region | None, District | None], Any]


def find_place(
    index: GazetteerIndex, kind: str, name: str, region: Region | None, district: District | None
) -> Any:
    if kind == "region":
        return index.find_region(name)
    if kind == "suggest":
        return index.suggest_region(name)
    if kind == "district":
        return index.find_district(name, region=region)
    return index.find_community(name, region=region, district=district)


def read_region_and_district(
    ctx: RowContext, find: PlaceFinder
) -> tuple[Region | None, District | None, bool]:
    """The row's region and district (the region taken from the district when only that is
    given), and whether both read; an unknown name is reported on its cell, with the region
    it was meant if that is a likely spelling, or the region the district lies in."""
    region = district = None
    region_name = clean_text(ctx.raw("region"))
    if region_name:
        region = find("region", region_name, None, None)
        if region is None:
            suggestion = find("suggest", region_name, None, None)
            if suggestion is not None:
                ctx.error(
                    "region",
                    _("%(value)s is not a known region. Did you mean %(suggestion)s?")
                    % {"value": display(region_name), "suggestion": suggestion},
                )
            else:
                ctx.error(
                    "region",
                    _("%(value)s is not a known region.") % {"value": display(region_name)},
                )
            return None, None, False
    district_name = clean_text(ctx.raw("district"))
    if district_name:
        district = find("district", district_name, region, None)
        if district is None:
            elsewhere = find("district", district_name, None, None) if region else None
            if elsewhere is not None:
                ctx.error(
                    "district",
                    _("%(value)s is in %(other)s, not in %(region)s.")
                    % {
                        "value": display(district_name),
                        "other": elsewhere.region,
                        "region": region,
                    },
                )
            elif region is not None:
                ctx.error(
                    "district",
                    _("%(value)s is not a known district of %(region)s.")
                    % {"value": display(district_name), "region": region},
                )
            else:
                ctx.error(
                    "district",
                    _("%(value)s is not a known district.") % {"value": display(district_name)},
                )
            return None, None, False
        region = region or district.region
    return region, district, True
