"""What a write to a grant retires from the public cache (core/cache.py): its own page, its
programme's, its project's, and the lists and totals of grants. Registered in
GrantsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.cache import register_write_scopes
from projects.cache_scopes import project_scope

# The grants directory, organisation pages and the communities grants make public.
GRANTS = "grants"


def grant_scope(grant_pk: int) -> str:
    return f"grant:{grant_pk}"


def programme_scope(slug: str) -> str:
    return f"programme:{slug}"


def grant_scopes(grant: Any) -> Iterable[str]:
    from grants.models import GrantProgramme

    scopes = [GRANTS]
    if grant.pk is not None:
        scopes.append(grant_scope(grant.pk))
    programme = (
        GrantProgramme.objects.filter(pk=grant.programme_id)
        .values_list("slug", "project__slug")
        .first()
    )
    if programme is not None:
        slug, project_slug = programme
        scopes.append(programme_scope(slug))
        if project_slug:
            scopes.append(project_scope(project_slug))
    return scopes


def register() -> None:
    from grants.models import Grant

    register_write_scopes(Grant, grant_scopes)
