"""Filters for the public grants directory; values are slugs and codes so links are
shareable and stable."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.cache import request_value
from core.filters import (
    FastSelect,
    ListedChoiceFilter,
    MarkedModelChoiceFilter,
    label_lookup,
    listed_choices,
)
from core.i18n import marked_text, translated
from core.search import filter_by_document
from grants.cache_scopes import GRANTS
from grants.models import Grant
from grants.selectors import grant_regions, grant_years, public_organisations, public_programmes
from projects.cache_scopes import PROJECTS
from projects.models import GranteeType


def _programme_choices() -> list[tuple[str, str]]:
    # The programmes with most public grants; any other is still accepted (see
    # ListedChoiceField), and each programme page links to its grants.
    # Counted per programme through the grants' programme index: a join of every grant to
    # its programme row, grouped, hashed the wide programme rows once per grant (14 ms for
    # 5,000 grants at scale 10).
    grant_count = (
        Grant.objects.filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return listed_choices(
        "grant-programmes",
        public_programmes()
        .annotate(grant_count=Coalesce(Subquery(grant_count), 0))
        .only("id", "slug", *translated("name"))
        .order_by("-grant_count", "slug"),
        label=lambda programme: marked_text(programme, "name"),
        # Programme writes retire every entry; grant and project writes bump these.
        scopes=[GRANTS, PROJECTS],
    )


def _year_choices() -> list[tuple[int, int]]:
    # The form calls this once to check the chosen year and once to render the select:
    # kept for the request, the DISTINCT over every public grant runs once (150-200 ms of a
    # filtered directory at scale 100).
    years = request_value("grant-years", grant_years)
    return [(year, year) for year in years]


class GrantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    programme = ListedChoiceFilter(
        label=_("Programme"),
        choices=_programme_choices,
        lookup=label_lookup(public_programmes()),
        field_name="programme__slug",
        empty_label=_("All programmes"),
    )
    region = MarkedModelChoiceFilter(
        widget=FastSelect,
        label=_("Region"),
        queryset=lambda request: grant_regions(),
        to_field_name="code",
        empty_label=_("All regions"),
    )
    grantee_type = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Grantee type"),
        choices=GranteeType.choices,
        empty_label=_("Any grantee"),
    )
    year = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Year"),
        choices=_year_choices,
        field_name="start_date__year",
        empty_label=_("Any year"),
    )
    # Reached from an organisation's page ("all grants received"); not shown as a select.
    grantee = django_filters.ModelChoiceFilter(
        queryset=lambda request: public_organisations(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Grant
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # The stored search documents (core.search): GIN-indexed, every record, any script.
        return filter_by_document(queryset, value, "grants")
