"""What a write to a project's results framework or to a figure its documents report retires
from the public cache (core/cache.py): that project's pages, and for a reported figure the
home page's figures too. Source documents register nothing: a title or address edited there
shows on the pages of every project whose figures cite it, so their writes retire every
entry (rare, admin-only). Registered in ReportsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.cache import register_write_scopes
from projects.cache_scopes import project_scope
from projects.models import Project

# The reported figures listed on the home page.
REPORTED_FIGURES = "reported-figures"


def _project_scopes(project_id: int | None) -> list[str]:
    if project_id is None:
        return []
    slug = Project.objects.filter(pk=project_id).values_list("slug", flat=True).first()
    return [project_scope(slug)] if slug else []


def reported_figure_scopes(figure: Any) -> Iterable[str]:
    return [REPORTED_FIGURES, *_project_scopes(figure.project_id)]


def result_scopes(result: Any) -> Iterable[str]:
    return _project_scopes(result.project_id)


def indicator_scopes(indicator: Any) -> Iterable[str]:
    from reports.models import Result

    project_id = Result.objects.filter(pk=indicator.result_id).values_list("project_id", flat=True)
    return _project_scopes(project_id.first())


def indicator_period_scopes(period: Any) -> Iterable[str]:
    from reports.models import ResultIndicator

    project_id = ResultIndicator.objects.filter(pk=period.indicator_id).values_list(
        "result__project_id", flat=True
    )
    return _project_scopes(project_id.first())


def register() -> None:
    from reports.models import IndicatorPeriod, ReportedFigure, Result, ResultIndicator

    register_write_scopes(ReportedFigure, reported_figure_scopes)
    register_write_scopes(Result, result_scopes)
    register_write_scopes(ResultIndicator, indicator_scopes)
    register_write_scopes(IndicatorPeriod, indicator_period_scopes)
