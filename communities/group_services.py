"""Writes that set up a working group and end its seats: the group itself, with its communities
and projects, and a member leaving (optionally replaced by a successor).

Each function is keyword-only, atomic, re-checks the acting user's rights through the access
helpers and calls ``full_clean()`` before saving, so a refused write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.access import (
    can_manage_members,
    writable_communities,
)
from communities.models import (
    Community,
    Membership,
    WorkingGroup,
    WorkingGroupStatus,
)
from projects.access import (
    projects_for_user,
    writable_organisation_ids,
)
from projects.models import Organisation, Project

# --- Working groups ------------------------------------------------------------------------


def _check_group_choices(
    *,
    user: Any,
    organisation: Organisation,
    communities: list[Community],
    projects: list[Project],
) -> None:
    if organisation.pk not in writable_organisation_ids(user):
        raise ValidationError({"organisation": _("Choose an organisation you work for.")})
    if not communities:
        raise ValidationError({"communities": _("Choose at least one community the group covers.")})
    allowed = set(
        writable_communities(user)
        .filter(pk__in=[c.pk for c in communities])
        .values_list("pk", flat=True)
    )
    if any(c.pk not in allowed for c in communities):
        raise ValidationError({"communities": _("Choose only communities your projects work in.")})
    mine = set(
        projects_for_user(user, write=True)
        .filter(pk__in=[p.pk for p in projects])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in mine for p in projects):
        raise ValidationError({"projects": _("Choose only projects you work on.")})


def _apply_group_fields(
    group: WorkingGroup,
    *,
    organisation: Organisation,
    name: str,
    seat: Community | None,
    communities: list[Community],
    status: str,
    established_on: dt.date | None,
    founding_act_number: str,
    founding_act_date: dt.date | None,
    founding_act_issued_by: str,
    source_note: str,
) -> None:
    if seat is not None and seat.pk not in {c.pk for c in communities}:
        raise ValidationError(
            {"community": _("The group's seat must be one of the communities it covers.")}
        )
    group.organisation = organisation
    group.community = seat or communities[0]
    group.name = name.strip()
    group.status = status
    group.established_on = established_on
    group.founding_act_number = founding_act_number.strip()
    group.founding_act_date = founding_act_date
    group.founding_act_issued_by = founding_act_issued_by.strip()
    group.source_note = source_note
    if group.founding_act_number and not group.founding_act_date:
        raise ValidationError({"founding_act_date": _("Give the date of the founding act.")})


@transaction.atomic
def working_group_create(
    *,
    user: Any,
    organisation: Organisation,
    name: str,
    communities: Iterable[Community],
    seat: Community | None = None,
    projects: Iterable[Project] = (),
    status: str = WorkingGroupStatus.ACTIVE,
    established_on: dt.date | None = None,
    founding_act_number: str = "",
    founding_act_date: dt.date | None = None,
    founding_act_issued_by: str = "",
    source_note: str = "",
) -> WorkingGroup:
    covered, linked = list(communities), list(projects)
    _check_group_choices(user=user, organisation=organisation, communities=covered, projects=linked)
    group = WorkingGroup()
    _apply_group_fields(
        group,
        organisation=organisation,
        name=name,
        seat=seat,
        communities=covered,
        status=status,
        established_on=established_on,
        founding_act_number=founding_act_number,
        founding_act_date=founding_act_date,
        founding_act_issued_by=founding_act_issued_by,
        source_note=source_note,
    )
    group.full_clean()
    group.save()
    group.communities.set(covered)
    group.projects.set(linked)
    return group


@transaction.atomic
def working_group_update(
    *,
    user: Any,
    group: WorkingGroup,
    organisation: Organisation,
    name: str,
    communities: Iterable[Community],
    seat: Community | None = None,
    projects: Iterable[Project] = (),
    status: str = WorkingGroupStatus.ACTIVE,
    established_on: dt.date | None = None,
    founding_act_number: str = "",
    founding_act_date: dt.date | None = None,
    founding_act_issued_by: str = "",
    source_note: str = "",
) -> WorkingGroup:
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    # Only the owning organisation's writers change what the group is.
    if not can_manage_members(user, group):
        raise PermissionDenied
    covered, linked = list(communities), list(projects)
    _check_group_choices(user=user, organisation=organisation, communities=covered, projects=linked)
    # Projects of other organisations linked earlier stay linked: this user cannot see them
    # in the form, so leaving them out is not a request to drop them.
    hidden = list(group.projects.exclude(pk__in=projects_for_user(user, write=True).values("pk")))
    _apply_group_fields(
        group,
        organisation=organisation,
        name=name,
        seat=seat,
        communities=covered,
        status=status,
        established_on=established_on,
        founding_act_number=founding_act_number,
        founding_act_date=founding_act_date,
        founding_act_issued_by=founding_act_issued_by,
        source_note=source_note,
    )
    group.full_clean()
    group.save()
    group.communities.set(covered)
    group.projects.set([*linked, *hidden])
    return group


# --- Seats: leaving and replacement ----------------------------------------------------------


@transaction.atomic
def membership_leave(
    *,
    user: Any,
    member: Membership,
    left_on: dt.date,
    reason: str = "",
    replaced_by: Membership | None = None,
) -> Membership:
    """End a seat. The record stays, so the group's history shows who sat when."""
    member = (
        Membership.objects.select_for_update().select_related("working_group").get(pk=member.pk)
    )
    if not can_manage_members(user, member.working_group):
        raise PermissionDenied
    if replaced_by is not None:
        if replaced_by.pk == member.pk:
            raise ValidationError({"replaced_by": _("A member cannot replace themselves.")})
        if replaced_by.working_group_id != member.working_group_id:
            raise ValidationError({"replaced_by": _("Choose a successor from this working group.")})
    if member.joined_on and left_on < member.joined_on:
        raise ValidationError({"left_on": _("The leaving date is before the joining date.")})
    member.left_on = left_on
    member.leave_reason = reason.strip()
    member.replaced_by = replaced_by
    member.full_clean()
    member.save()
    return member
