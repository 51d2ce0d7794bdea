"""Reviewers add translations of a news item's (activity's) or joint plan's title and text
while reviewing it, so a record written in one language reads properly in the others (the
marker «показано на кыргызском» then disappears from those pages). The form and the write are
shared (core.record_translations); the access checks are these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied

from communities.access import can_write_working_group
from communities.models import Activity, JointPlan
from core.record_translations import DESCRIPTION, TITLE, record_translations_update
from projects.access import can_review_project

ACTIVITY_FIELDS = (TITLE, DESCRIPTION)
PLAN_FIELDS = (TITLE,)


def activity_translations_update(
    *, activity: Activity, reviewer: Any, texts: Mapping[str, str]
) -> Activity:
    """Set ``title_<lang>`` / ``description_<lang>`` from ``texts`` (keys such as
    ``"title_ky"``); the title may not end up empty in every language."""
    if not can_review_project(reviewer, activity.project):
        raise PermissionDenied
    record = record_translations_update(record=activity, fields=ACTIVITY_FIELDS, texts=texts)
    assert isinstance(record, Activity)
    return record


def plan_translations_update(*, plan: JointPlan, user: Any, texts: Mapping[str, str]) -> JointPlan:
    """Set the joint plan's ``title_<lang>`` from ``texts``: the working group's writers
    approve and revise the plan, so they translate it."""
    if not can_write_working_group(user, plan.working_group):
        raise PermissionDenied
    record = record_translations_update(record=plan, fields=PLAN_FIELDS, texts=texts)
    assert isinstance(record, JointPlan)
    return record
