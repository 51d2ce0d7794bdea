"""Writes to the gazetteer's points: placing a community whose own point no source gives."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count

from communities.models import Community, District, LocationPrecision

COORDINATE = Decimal("0.000001")


def district_centre(district: District) -> tuple[Decimal, Decimal] | None:
    """The centre of a district: the mean point of its communities that have a point of
    their own (the district's extent as far as the sources place it), else the district's
    own point (its administrative centre, from GeoNames), else None."""
    placed = Community.objects.filter(
        district=district,
        location_precision=LocationPrecision.PLACE,
        latitude__isnull=False,
        longitude__isnull=False,
    ).aggregate(lat=Avg("latitude"), lng=Avg("longitude"), n=Count("pk"))
    if placed["n"]:
        return _rounded(placed["lat"]), _rounded(placed["lng"])
    if district.has_location:
        assert district.latitude is not None and district.longitude is not None
        return district.latitude, district.longitude
    return None


def _rounded(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(COORDINATE, rounding=ROUND_HALF_UP)


@transaction.atomic
def community_place_approximately(*, community: Community) -> bool:
    """Give a community with no point of its own the centre of its district (or, when the
    district has no point either, its region's point), marked approximate so pages say so.
    A community that has a point keeps it. Returns whether it was placed."""
    if community.has_location:
        return False
    centre = district_centre(community.district) if community.district else None
    precision = LocationPrecision.DISTRICT_CENTRE
    if centre is None and community.region.has_location:
        assert community.region.latitude is not None and community.region.longitude is not None
        centre = (community.region.latitude, community.region.longitude)
        precision = LocationPrecision.REGION_CENTRE
    if centre is None:
        return False
    community.latitude, community.longitude = centre
    community.location_precision = precision
    community.full_clean()
    community.save(update_fields=["latitude", "longitude", "location_precision"])
    return True


def communities_place_approximately(*, communities: Iterable[Community]) -> int:
    """Place each community that has no point; the count of those placed."""
    return sum(community_place_approximately(community=c) for c in communities)
