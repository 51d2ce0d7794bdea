"""Placing a community whose own point no source gives: its district's centre, marked
approximate on the map and on its page, in the page's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from communities.models import LocationPrecision
from communities.place_services import community_place_approximately, district_centre
from communities.selectors import map_markers
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    district = f.DistrictFactory(
        name_en="Isfara", name_ru="Исфаринский район", latitude=None, longitude=None
    )
    f.CommunityFactory(district=district, latitude=Decimal("40.0"), longitude=Decimal("70.0"))
    f.CommunityFactory(district=district, latitude=Decimal("40.2"), longitude=Decimal("70.6"))
    return district


def test_the_district_centre_is_the_mean_of_its_placed_communities(district) -> None:
    assert district_centre(district) == (Decimal("40.100000"), Decimal("70.300000"))


def test_it_places_an_unplaced_community_at_its_district_centre_marked_approximate(
    district,
) -> None:
    surkh = f.CommunityFactory(district=district, latitude=None, longitude=None)

    assert community_place_approximately(community=surkh) is True

    surkh.refresh_from_db()
    assert (surkh.latitude, surkh.longitude) == (Decimal("40.1"), Decimal("70.3"))
    assert surkh.location_precision == LocationPrecision.DISTRICT_CENTRE
    assert surkh.location_is_approximate
    # An approximate point never counts towards the next centre.
    f.CommunityFactory(district=district, latitude=Decimal("50"), longitude=Decimal("80"))
    other = f.CommunityFactory(district=district, latitude=None, longitude=None)
    community_place_approximately(community=other)
    other.refresh_from_db()
    assert other.latitude == Decimal("43.4")


def test_it_uses_the_district_point_when_no_community_there_is_placed() -> None:
    district = f.DistrictFactory(latitude=Decimal("41.40452"), longitude=Decimal("74.02828"))
    community = f.CommunityFactory(district=district, latitude=None, longitude=None)
    community_place_approximately(community=community)
    assert (community.latitude, community.longitude) == (
        Decimal("41.40452"),
        Decimal("74.02828"),
    )
    assert community.location_precision == LocationPrecision.DISTRICT_CENTRE


def test_it_falls_back_to_the_region_point_and_says_so() -> None:
    region = f.RegionFactory(
        name_en="Bishkek", latitude=Decimal("42.87"), longitude=Decimal("74.59")
    )
    district = f.DistrictFactory(region=region, latitude=None, longitude=None)
    community = f.CommunityFactory(district=district, latitude=None, longitude=None)
    community_place_approximately(community=community)
    assert community.location_precision == LocationPrecision.REGION_CENTRE
    with translation.override("en"):
        (marker,) = map_markers([community])
    assert marker["note"] == "Approximate location: the centre of the region (Bishkek)."


def test_a_community_with_its_own_point_or_with_nothing_to_go_on_is_left_alone() -> None:
    placed = f.CommunityFactory(latitude=Decimal("40.5"), longitude=Decimal("72.8"))
    assert community_place_approximately(community=placed) is False
    assert placed.location_precision == LocationPrecision.PLACE
    nowhere = f.CommunityFactory(
        district=f.DistrictFactory(
            region=f.RegionFactory(latitude=None, longitude=None), latitude=None, longitude=None
        ),
        latitude=None,
        longitude=None,
    )
    assert community_place_approximately(community=nowhere) is False
    assert nowhere.latitude is None


def test_markers_say_which_points_are_approximate_in_the_active_language(district) -> None:
    exact = district.communities.first()
    surkh = f.CommunityFactory(district=district, latitude=None, longitude=None)
    community_place_approximately(community=surkh)
    with translation.override("ru"):
        markers = map_markers([exact, surkh])
    assert "approximate" not in markers[0] and "note" not in markers[0]
    assert markers[1]["approximate"] is True
    assert markers[1]["note"] == (
        "Приблизительное местоположение: центр района (Исфаринский район)."
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Approximate location: the centre of the district (Isfara)."),
        ("ru", "Приблизительное местоположение: центр района (Исфаринский район)."),
    ],
)
def test_the_community_page_says_its_point_is_approximate(client, district, lang, text) -> None:
    project = f.ProjectFactory()
    surkh = f.CommunityFactory(district=district, latitude=None, longitude=None)
    f.ProjectCommunityFactory(project=project, community=surkh)
    community_place_approximately(community=surkh)
    exact = district.communities.exclude(pk=surkh.pk).first()
    f.ProjectCommunityFactory(project=project, community=exact)
    with translation.override(lang):
        html = client.get(reverse("communities:community_detail", args=[surkh.pk])).content
        exact_html = client.get(reverse("communities:community_detail", args=[exact.pk])).content
    assert text in html.decode()
    assert '"approximate": true' in html.decode()
    assert html.decode().count("map-approximate-legend") == 1
    assert "map-approximate" not in exact_html.decode()


def test_markers_mark_names_shown_in_another_language_on_a_kyrgyz_map(district) -> None:
    daryi = f.CommunityFactory(
        district=district,
        name_ru="Дарыинский айылный аймак",
        name_en="",
        name_ky="",
        latitude=Decimal("40.1"),
        longitude=Decimal("70.2"),
    )
    kyzyl = f.CommunityFactory(
        district=district,
        name_ru="Кызыл-Кийский айылный аймак",
        name_ky="Кызыл-Кыя айыл аймагы",
        latitude=Decimal("40.3"),
        longitude=Decimal("70.4"),
    )
    surkh = f.CommunityFactory(district=district, latitude=None, longitude=None)
    community_place_approximately(community=surkh)
    with translation.override("ky"):
        markers = map_markers([daryi, kyzyl, surkh])

    assert markers[0]["name"] == "Дарыинский айылный аймак (орусча көрсөтүлдү)"
    assert markers[1]["name"] == "Кызыл-Кыя айыл аймагы"
    # The district has no Kyrgyz name either: the popup's note marks it in words.
    assert "(Исфаринский район (орусча көрсөтүлдү))" in markers[2]["note"]
