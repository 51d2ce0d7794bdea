"""Who may see and change which project records in the staff workspace.

Staff scoping comes only from StaffMembership: a user works on a project when one of their
organisations is a partner in it. Superusers get no special treatment here; the Django admin
is where they work. An outsider asking for a record gets 404 (we do not even confirm it
exists); a member whose role may not do the thing asked gets 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from core.inputs import parse_id
from projects.models import (
    MANAGE_ROLES,
    REVIEW_ROLES,
    WRITE_ROLES,
    Organisation,
    Partnership,
    Programme,
    Project,
    ProjectBudgetLine,
    StaffMembership,
    public_project_q,
)

_CACHE_ATTR = "_staff_roles_cache"


def staff_roles(user: Any) -> dict[int, str]:
    """Organisation id → role, loaded once per user object (one query per request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # Unordered: the default order joins the organisation to sort rows read into a dict.
        cached = dict(
            StaffMembership.objects.filter(user=user)
            .order_by()
            .values_list("organisation_id", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def remember_staff_roles(user: Any, roles: dict[int, str]) -> None:
    """Roles read together with the user (projects.auth_backends): staff_roles then needs
    no query of its own."""
    setattr(user, _CACHE_ATTR, roles)


def staff_organisation_ids(user: Any) -> list[int]:
    return sorted(staff_roles(user))


def writable_organisation_ids(user: Any) -> list[int]:
    return sorted(org for org, role in staff_roles(user).items() if role in WRITE_ROLES)


def review_organisation_ids(user: Any) -> list[int]:
    return sorted(org for org, role in staff_roles(user).items() if role in REVIEW_ROLES)


def manage_organisation_ids(user: Any) -> list[int]:
    """Organisations in which the user may set projects up (administrators and programme
    managers)."""
    return sorted(org for org, role in staff_roles(user).items() if role in MANAGE_ROLES)


def _partner_project_ids(organisation_ids: list[int]) -> QuerySet[Partnership, Any]:
    return Partnership.objects.filter(organisation_id__in=organisation_ids).values("project_id")


def projects_for_user(user: Any, *, write: bool = False) -> QuerySet[Project]:
    """Projects one of the user's organisations is a partner in. With ``write``, only those
    where that organisation's role may change records, and never archived ones."""
    ids = writable_organisation_ids(user) if write else staff_organisation_ids(user)
    projects = Project.objects.filter(pk__in=_partner_project_ids(ids))
    if write:
        projects = projects.filter(is_archived=False)
    return projects


def reviewable_projects_for_user(user: Any) -> QuerySet[Project]:
    return Project.objects.filter(pk__in=_partner_project_ids(review_organisation_ids(user)))


def _project_ids_for(user: Any, organisation_ids: list[int]) -> set[int]:
    cache = getattr(user, "_staff_project_ids_cache", None)
    if cache is None:
        cache = {}
        user._staff_project_ids_cache = cache
    key = tuple(organisation_ids)
    if key not in cache:
        cache[key] = set(
            Partnership.objects.filter(organisation_id__in=organisation_ids).values_list(
                "project_id", flat=True
            )
        )
    return cache[key]


def can_write_project(user: Any, project: Project) -> bool:
    return not project.is_archived and project.pk in _project_ids_for(
        user, writable_organisation_ids(user)
    )


def can_review_project(user: Any, project: Project) -> bool:
    return project.pk in _project_ids_for(user, review_organisation_ids(user))


def can_manage_project(user: Any, project: Project) -> bool:
    """May the user change the project's setup (title, dates, partners, budget, areas)?
    Only managers of a partner organisation, and only while the project is not archived."""
    return not project.is_archived and project.pk in _project_ids_for(
        user, manage_organisation_ids(user)
    )


def get_project_for_user(
    user: Any, pk_or_slug: int | str, *, write: bool = False, manage: bool = False
) -> Project:
    """A project the user's organisations are partners in (else 404). With ``write``, the
    user must be able to record work on it; with ``manage``, to change its setup (else 403)."""
    pk = parse_id(pk_or_slug)
    lookup = Q(pk=pk) if pk is not None else Q(slug=str(pk_or_slug))
    project = projects_for_user(user).filter(lookup).first()
    if project is None:
        raise Http404("No such project.")
    if write and not can_write_project(user, project):
        raise PermissionDenied
    if manage and not can_manage_project(user, project):
        raise PermissionDenied
    return project


def get_partnership_for_user(user: Any, pk: int | str, *, manage: bool = False) -> Partnership:
    """A partnership on one of the user's projects (else 404); ``manage`` as for projects."""
    partnership = (
        Partnership.objects.filter(
            pk=parse_id(pk) or 0, project__in=projects_for_user(user).values("pk")
        )
        .select_related("project", "organisation")
        .first()
    )
    if partnership is None:
        raise Http404("No such partner.")
    if manage and not can_manage_project(user, partnership.project):
        raise PermissionDenied
    return partnership


def get_budget_line_for_user(
    user: Any, pk: int | str, *, manage: bool = False
) -> ProjectBudgetLine:
    """A budget line of one of the user's projects (else 404); ``manage`` as for projects."""
    line = (
        ProjectBudgetLine.objects.filter(
            pk=parse_id(pk) or 0, project__in=projects_for_user(user).values("pk")
        )
        .select_related("project", "source_organisation")
        .first()
    )
    if line is None:
        raise Http404("No such budget line.")
    if manage and not can_manage_project(user, line.project):
        raise PermissionDenied
    return line


def get_organisation_for_user(user: Any, pk: int | str, *, manage: bool = False) -> Organisation:
    """One of the user's own organisations (else 404). With ``manage``, the user must be its
    administrator or a programme manager in it (else 403): they speak for it, so they
    translate its name."""
    organisation_id = parse_id(pk)
    if organisation_id is None or organisation_id not in staff_organisation_ids(user):
        raise Http404("No such organisation.")
    organisation = Organisation.objects.get(pk=organisation_id)
    if manage and organisation_id not in manage_organisation_ids(user):
        raise PermissionDenied
    return organisation


def programmes_for_user(user: Any) -> QuerySet[Programme]:
    """Programmes a manager may link a project to: those run by an organisation the user
    may see (see organisations_for_user), and not archived."""
    return Programme.objects.active().filter(organisation__in=organisations_for_user(user))


def organisations_for_user(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may see and choose: partners on public projects, partners on the
    user's own projects, and the user's own. An organisation known only from another
    organisation's private project stays hidden (it would leak that project)."""
    partners = Partnership.objects.filter(
        Q(project__in=projects_for_user(user)) | public_project_q("project__")
    ).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=partners) | Q(pk__in=staff_organisation_ids(user)))
