"""Which grants and grantee reports a staff user follows: those of programmes their
organisation manages, or whose project their organisation is a partner in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from grants.models import Grant, GrantReport, GrantReportQuerySet
from projects.access import (
    projects_for_user,
    staff_organisation_ids,
    writable_organisation_ids,
)


def grants_for_user(user: Any) -> QuerySet[Grant]:
    ids = staff_organisation_ids(user)
    return Grant.objects.filter(
        Q(programme__managing_organisation_id__in=ids)
        | Q(programme__project__in=projects_for_user(user))
    )


def get_grant_for_user(user: Any, pk: int | str, *, write: bool = False) -> Grant:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such grant.") from None
    grant = (
        grants_for_user(user)
        .select_related("programme", "programme__managing_organisation", "grantee")
        .filter(pk=pk)
        .first()
    )
    if grant is None:
        raise Http404("No such grant.")
    if write and grant.programme.managing_organisation_id not in writable_organisation_ids(user):
        raise PermissionDenied
    return grant


def grant_reports_for_user(user: Any) -> GrantReportQuerySet:
    return GrantReport.objects.filter(grant__in=grants_for_user(user))
