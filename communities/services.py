"""Writes for working groups, meetings, assessments and joint plans from the staff workspace.

Each function is keyword-only, atomic, re-checks the acting user's rights through the access
helpers and calls ``full_clean()`` before saving.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import (
    can_manage_members,
    can_write_working_group,
    project_communities,
    working_groups_for_user,
)
from communities.location import (
    NO_LOCATION,
    Location,
    meeting_is_sensitive,
    refuse_location_if_sensitive,
)
from communities.models import (
    ActionStatus,
    Assessment,
    IdentifiedProblem,
    Meeting,
    Membership,
    PlanAction,
    PlanActionUpdate,
    ProblemStatus,
    WorkingGroup,
)
from projects.access import can_write_project
from projects.models import Project

MEMBER_FIELDS = (
    "full_name",
    "body",
    "sex",
    "age_band",
    "sector",
    "position",
    "organisation_name",
    "role",
    "joined_on",
    "left_on",
    "phone",
    "email",
)


def _members_of(group: WorkingGroup, members: Iterable[Membership]) -> list[Membership]:
    chosen = list(members)
    if any(member.working_group_id != group.pk for member in chosen):
        raise ValidationError({"members_present": _("Tick only members of this working group.")})
    return chosen


def meeting_find_sent(*, user: Any, client_key: uuid.UUID) -> Meeting | None:
    """The meeting an earlier attempt of the same outbox entry recorded, if any. A key is
    its author's own: someone else's is refused, never answered with their meeting."""
    existing = Meeting.objects.filter(client_key=client_key).first()
    if existing is not None and existing.recorded_by_id != getattr(user, "pk", None):
        raise PermissionDenied
    return existing


@transaction.atomic
def meeting_create(
    *,
    user: Any,
    working_group: WorkingGroup,
    date: dt.date,
    kind: str,
    agenda: str = "",
    decisions: str = "",
    women: int = 0,
    men: int = 0,
    youth: int = 0,
    members_present: Iterable[Membership] = (),
    location: Location | None = None,
    client_key: uuid.UUID | None = None,
) -> Meeting:
    """Record a meeting. ``client_key`` is the outbox key the phone made: sending the same
    meeting again returns the one already recorded (meeting_find_sent)."""
    if client_key is not None:
        existing = meeting_find_sent(user=user, client_key=client_key)
        if existing is not None:
            return existing
    if not can_write_working_group(user, working_group):
        raise PermissionDenied
    present = _members_of(working_group, members_present)
    meeting = Meeting(
        working_group=working_group,
        date=date,
        kind=kind,
        agenda=agenda,
        decisions=decisions,
        women=women,
        men=men,
        youth=youth,
        recorded_by=user if getattr(user, "pk", None) else None,
        client_key=client_key,
    )
    (location or NO_LOCATION).apply_to(meeting)
    meeting.full_clean()
    meeting.save()
    meeting.members_present.set(present)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    user: Any,
    meeting: Meeting,
    date: dt.date,
    kind: str,
    agenda: str = "",
    decisions: str = "",
    women: int = 0,
    men: int = 0,
    youth: int = 0,
    members_present: Iterable[Membership] = (),
    location: Location | None = None,
) -> Meeting:
    """``location`` None keeps the meeting's location as it is."""
    meeting = Meeting.objects.select_for_update().select_related("working_group").get(pk=meeting.pk)
    if not can_write_working_group(user, meeting.working_group):
        raise PermissionDenied
    present = _members_of(meeting.working_group, members_present)
    meeting.date = date
    meeting.kind = kind
    meeting.agenda = agenda
    meeting.decisions = decisions
    meeting.women = women
    meeting.men = men
    meeting.youth = youth
    if location is not None:
        refuse_location_if_sensitive(location, sensitive=meeting_is_sensitive(meeting))
        (location or NO_LOCATION).apply_to(meeting)
    meeting.full_clean()
    meeting.save()
    meeting.members_present.set(present)
    return meeting


@transaction.atomic
def membership_create(
    *, user: Any, working_group: WorkingGroup, values: Mapping[str, Any]
) -> Membership:
    if not can_manage_members(user, working_group):
        raise PermissionDenied
    member = Membership(working_group=working_group)
    for name in MEMBER_FIELDS:
        if name in values:
            setattr(member, name, values[name] if values[name] is not None else "")
    member.joined_on = values.get("joined_on")
    member.left_on = values.get("left_on")
    member.full_clean()
    member.save()
    # Taking over a seat: the predecessors' seats end the day the successor joins and point
    # to them, so the history shows who held the seat when.
    predecessors = list(values.get("replaces") or [])
    if any(old.working_group_id != working_group.pk or old.pk == member.pk for old in predecessors):
        raise ValidationError({"replaces": _("Choose a member of this working group.")})
    for old in predecessors:
        old.left_on = member.joined_on or timezone.localdate()
        old.replaced_by = member
        old.leave_reason = old.leave_reason or _("Replaced")
        old.full_clean()
        old.save()
    return member


@transaction.atomic
def membership_update(*, user: Any, member: Membership, values: Mapping[str, Any]) -> Membership:
    member = (
        Membership.objects.select_for_update().select_related("working_group").get(pk=member.pk)
    )
    if not can_manage_members(user, member.working_group):
        raise PermissionDenied
    for name in MEMBER_FIELDS:
        if name in values:
            setattr(member, name, values[name] if values[name] is not None else "")
    member.joined_on = values.get("joined_on")
    member.left_on = values.get("left_on")
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def assessment_create(
    *,
    user: Any,
    project: Project,
    community: Any,
    date: dt.date,
    method: str,
    title: str = "",
    notes: str = "",
    working_group: WorkingGroup | None = None,
    women: int = 0,
    men: int = 0,
    youth: int = 0,
) -> Assessment:
    if not can_write_project(user, project):
        raise PermissionDenied
    if not project_communities(project.pk).filter(pk=community.pk).exists():
        raise ValidationError({"community": _("Choose a community this project works in.")})
    if (
        working_group is not None
        and not working_groups_for_user(user).filter(pk=working_group.pk).exists()
    ):
        raise ValidationError({"working_group": _("Choose a working group you work with.")})
    assessment = Assessment(
        project=project,
        community=community,
        working_group=working_group,
        date=date,
        method=method,
        title=title,
        notes=notes,
        women=women,
        men=men,
        youth=youth,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def problem_create(
    *,
    user: Any,
    assessment: Assessment,
    category: Any,
    description: str,
    raised_by: str,
    votes: int = 0,
) -> IdentifiedProblem:
    if not can_write_project(user, assessment.project):
        raise PermissionDenied
    problem = IdentifiedProblem(
        assessment=assessment,
        category=category,
        description=description,
        raised_by=raised_by,
        votes=votes,
    )
    problem.full_clean()
    problem.save()
    return problem


@transaction.atomic
def assessment_rank(
    *, user: Any, assessment: Assessment, ranks: Mapping[int, int | None]
) -> list[IdentifiedProblem]:
    """Set every problem's priority rank at once. ``ranks`` maps problem id → rank (1 = most
    pressing) or None to leave it unranked. Ranks must be unique within the assessment."""
    if not can_write_project(user, assessment.project):
        raise PermissionDenied
    problems = list(
        IdentifiedProblem.objects.select_for_update().filter(assessment=assessment).order_by("pk")
    )
    known = {problem.pk for problem in problems}
    if set(ranks) - known:
        raise ValidationError(_("Rank only the problems raised in this assessment."))
    given = [rank for rank in ranks.values() if rank is not None]
    if len(given) != len(set(given)):
        raise ValidationError(_("Each rank may be used once; two problems share a rank."))
    if any(rank < 1 for rank in given):
        raise ValidationError(_("Ranks start at 1 for the most pressing problem."))
    # Clear first so swapping two ranks never trips the unique constraint half-way.
    IdentifiedProblem.objects.filter(assessment=assessment).update(priority_rank=None)
    for problem in problems:
        if problem.pk not in ranks:
            continue
        problem.priority_rank = ranks[problem.pk]
        if problem.priority_rank is not None and problem.status == ProblemStatus.IDENTIFIED:
            problem.status = ProblemStatus.PRIORITISED
        problem.full_clean(validate_constraints=False)
        problem.save()
    return problems


def plan_action_update_find_sent(*, user: Any, client_key: uuid.UUID) -> PlanActionUpdate | None:
    """The update an earlier attempt of the same outbox entry applied, if any; someone
    else's key is refused."""
    existing = PlanActionUpdate.objects.select_related("action").filter(client_key=client_key)
    update = existing.first()
    if update is not None and update.author_id != getattr(user, "pk", None):
        raise PermissionDenied
    return update


@transaction.atomic
def plan_action_update(
    *,
    user: Any,
    action: PlanAction,
    status: str,
    completed_on: dt.date | None = None,
    result_notes: Mapping[str, str] | None = None,
    client_key: uuid.UUID | None = None,
) -> PlanAction:
    """Report progress on an action. Sent again with the same ``client_key`` (a retry from
    the outbox), it changes nothing: a later update by someone else is not overwritten."""
    if client_key is not None:
        applied = plan_action_update_find_sent(user=user, client_key=client_key)
        if applied is not None:
            return applied.action
    action = (
        PlanAction.objects.select_for_update()
        .select_related("plan", "plan__working_group")
        .get(pk=action.pk)
    )
    if not can_write_working_group(user, action.plan.working_group):
        raise PermissionDenied
    if status == ActionStatus.DONE and completed_on is None:
        raise ValidationError({"completed_on": _("Give the date the action was completed.")})
    action.status = status
    action.completed_on = completed_on
    for code, text in (result_notes or {}).items():
        setattr(action, f"result_note_{code}", (text or "").strip())
    action.full_clean()
    action.save()
    update = PlanActionUpdate(
        action=action,
        author=user,
        status=status,
        completed_on=completed_on,
        client_key=client_key,
    )
    update.full_clean()
    update.save()
    return action
