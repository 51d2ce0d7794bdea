"""What a write to a project retires from the public cache (core/cache.py): the project's own
pages and every list or aggregate of projects. Registered in ProjectsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model

from core.cache import register_write_scopes

# Lists, maps and figures that show projects (or hide what hangs off a private one).
PROJECTS = "projects"


def project_scope(slug: str) -> str:
    """Everything on one project's pages (its news, grants and figures) depends on this."""
    return f"project:{slug}"


def project_scopes(project: Model) -> Iterable[str]:
    return [PROJECTS, project_scope(project.slug)]  # type: ignore[attr-defined]  # registered for Project only; the registry types its writers as Model


def register() -> None:
    from projects.models import Project

    register_write_scopes(Project, project_scopes)
