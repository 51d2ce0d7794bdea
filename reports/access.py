"""Who may read which figures. Reports are reads, so every staff role (viewer included) may
run them, but only over projects one of the user's organisations is a partner in."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from projects.models import Organisation, PartnerRole, Partnership, Project, StaffMembership


def report_organisation_ids(user: Any) -> tuple[int, ...]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_report_org_ids", None)
    if cached is None:
        cached = tuple(
            StaffMembership.objects.filter(user=user)
            .order_by("organisation_id")
            .values_list("organisation_id", flat=True)
        )
        user._report_org_ids = cached
    return cached


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
