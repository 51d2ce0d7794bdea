"""Where an activity or a meeting took place is staff-only: no public page, feed, download,
open-data file or IATI file shows coordinates, whatever the precision recorded. Public pages
never say more than the community."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from communities.models import Activity, Meeting
from reports import iati
from tests import factories as f
from tests.public.conftest import LANGS, Portal
from tests.public.test_leaks import crawl

# Digits that appear nowhere else in the portal's pages.
ACTIVITY_POSITION = (Decimal("41.734219"), Decimal("71.958364"))
MEETING_POSITION = (Decimal("39.871537"), Decimal("70.642891"))
MARKERS = ["734219", "958364", "871537", "642891"]


def _locate(record: Activity | Meeting, position: tuple[Decimal, Decimal]) -> None:
    record.location_precision = "exact"
    record.latitude, record.longitude = position
    record.location_accuracy_m = 8
    record.save()


@pytest.mark.django_db
def test_no_public_page_feed_or_file_shows_where_work_took_place(
    client: Client, portal: Portal
) -> None:
    _locate(portal.news, ACTIVITY_POSITION)
    group = f.WorkingGroupFactory(community=portal.community, organisation=portal.implementer)
    group.projects.add(portal.project)
    meeting = f.MeetingFactory(working_group=group)
    _locate(meeting, MEETING_POSITION)
    portal.news.meeting = meeting
    portal.news.save()

    bodies = crawl(client, [f"/{lang}/" for lang in LANGS] + ["/sitemap.xml"])
    # The walk reached the published activity, its feeds, the open data and IATI.
    assert f"/en/news/{portal.news.pk}/" in bodies
    assert "/en/news/feed/" in bodies
    assert any("/open-data/" in url and url.endswith(".csv") for url in bodies)
    assert any("/open-data/" in url and url.endswith(".json") for url in bodies)
    # The IATI file of the project (the fixture's organisations have no IATI identifier,
    # so the implementer gets one and the file is written directly).
    portal.implementer.iati_identifier = "KG-TEST-0001"
    portal.implementer.save()
    bodies["iati"] = iati.activities_xml([portal.project]).decode()
    assert "<iati-activities" in bodies["iati"]
    leaks = [(url, marker) for url, body in bodies.items() for marker in MARKERS if marker in body]
    assert leaks == []
    # Positive control: the staff page of the same activity does show it.
    portal.news.refresh_from_db()
    assert portal.news.latitude == ACTIVITY_POSITION[0]
