"""The activity's own rules, checked by full_clean before the database sees the row."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from communities import models as cm
from communities.models import Activity
from tests import factories as f

pytestmark = pytest.mark.django_db


def _activity(**counts: int | None) -> Activity:
    activity = f.ActivityFactory.build(project=f.ProjectFactory(), **counts)
    activity.title = activity.title_en
    return activity


@pytest.mark.parametrize(
    "counts",
    [
        {"women": None, "men": None, "youth": None},
        {"women": None, "men": None, "youth": 4},
        {"women": 3, "men": None, "youth": None},
        {"women": None, "men": 3, "youth": 2},
    ],
)
def test_unknown_counts_validate_without_a_database_error(
    counts: dict[str, int | None], caplog: pytest.LogCaptureFixture
) -> None:
    # Unknown is not nobody: the check cannot tell, so it lets the record through, as
    # the database's own CHECK does; before, PostgreSQL could not type NULL + NULL and
    # Django logged "Got a database error calling check()" for each such record.
    activity = _activity(**counts)
    with caplog.at_level(logging.WARNING, logger="django.db.models"):
        activity.full_clean()
    assert [r.getMessage() for r in caplog.records if "check()" in r.getMessage()] == []
    activity.save()
    assert Activity.objects.get(pk=activity.pk).youth == counts["youth"]


def test_more_young_people_than_participants_is_still_refused() -> None:
    activity = _activity(women=2, men=1, youth=4)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert "activity_youth_within_participants" in str(refused.value)


def test_a_long_plan_action_reads_as_cut_after_a_whole_word() -> None:
    action = cm.PlanAction(
        description_en="Patrols by the youth volunteers around the school and the central market "
        "(Illustrative; the plan names no dates)"
    )
    with translation.override("en"):
        shown = str(action)
    assert shown == "Patrols by the youth volunteers around the school and the central market…"
    assert len(shown) <= 80


def test_a_short_plan_action_reads_whole() -> None:
    with translation.override("en"):
        assert str(cm.PlanAction(description_en="Street lighting")) == "Street lighting"
