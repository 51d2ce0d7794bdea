"""Who may read which figures. Reports are reads, so every staff role (viewer included) may
run them, but only over projects one of the user's organisations is a partner in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from core.inputs import parse_id
from projects.access import (
    can_review_project,
    can_write_project,
    projects_for_user,
    staff_organisation_ids,
)
from projects.models import Organisation, PartnerRole, Partnership, Project
from reports.models import IndicatorPeriod, Result, ResultIndicator


def report_organisation_ids(user: Any) -> tuple[int, ...]:
    """The organisations whose projects the user may report on: every one they are on the
    staff of, whatever the role. Read with the user's roles (``staff_roles``, which the
    sign-in backend loads beside the user row on PostgreSQL), not by a query of its own."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    return tuple(staff_organisation_ids(user))


def reportable_projects(user: Any) -> QuerySet[Project]:
    return Project.objects.filter(
        pk__in=Partnership.objects.filter(organisation_id__in=report_organisation_ids(user)).values(
            "project_id"
        )
    )


def reportable_donors(user: Any) -> QuerySet[Organisation]:
    """Funders of at least one project the user may report on."""
    return Organisation.objects.filter(
        pk__in=Partnership.objects.filter(
            role=PartnerRole.FUNDING, project__in=reportable_projects(user).values("pk")
        ).values("organisation_id")
    )


# --- Results frameworks -------------------------------------------------------------------
# Partners of a project see its results; writers enter period values; reviewers (programme
# managers, organisation administrators) approve them. An outsider gets 404, a partner
# without the right role 403.


def results_for_user(user: Any) -> QuerySet[Result]:
    return Result.objects.filter(project__in=projects_for_user(user).values("pk"))


def get_result_indicator_for_user(
    user: Any, pk: int | str, *, write: bool = False
) -> ResultIndicator:
    indicator_pk = parse_id(pk)
    indicator = (
        ResultIndicator.objects.select_related("result__project")
        .filter(pk=indicator_pk, result__in=results_for_user(user).values("pk"))
        .first()
        if indicator_pk is not None
        else None
    )
    if indicator is None:
        raise Http404("No such indicator.")
    if write and not can_write_project(user, indicator.result.project):
        raise PermissionDenied
    return indicator


def get_indicator_period_for_user(
    user: Any, pk: int | str, *, write: bool = False, approve: bool = False
) -> IndicatorPeriod:
    period_pk = parse_id(pk)
    period = (
        IndicatorPeriod.objects.select_related("indicator__result__project", "source_document")
        .filter(pk=period_pk, indicator__result__in=results_for_user(user).values("pk"))
        .first()
        if period_pk is not None
        else None
    )
    if period is None:
        raise Http404("No such period.")
    project = period.indicator.result.project
    if write and not can_write_project(user, project):
        raise PermissionDenied
    if approve and not (can_review_project(user, project) and not project.is_archived):
        raise PermissionDenied
    return period


def can_approve_results(user: Any, project: Project) -> bool:
    return not project.is_archived and can_review_project(user, project)
