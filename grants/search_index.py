"""How organisations and grants become search documents. Organisations are registered here,
not in ``projects``: an organisation is public through a public project *or* a public grant
or grant programme (``grants.selectors.public_organisations``). Registered from
``GrantsConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from communities.models import Community
from communities.search_index import place_names_by_record
from core.i18n import marked_text
from core.search_index import (
    SearchEntry,
    names_of,
    neutral_path,
    per_language,
    register_search_dependency,
    register_search_m2m,
    register_search_source,
    texts_of,
)
from grants.models import Grant, GrantProgramme
from grants.selectors import public_organisations
from projects.models import Organisation

Affected = Iterable[tuple[type[Any], Iterable[int]]]


def _organisations(pks: list[int] | None) -> QuerySet[Organisation]:
    organisations = public_organisations()
    return organisations if pks is None else organisations.filter(pk__in=pks)


def _organisation_entry(organisation: Organisation) -> SearchEntry:
    def detail() -> str:
        return str(organisation.get_kind_display())

    return SearchEntry(
        path=neutral_path(organisation),
        titles=texts_of(organisation, "name"),
        details=per_language(detail),
        extra_titles=[organisation.acronym] if organisation.acronym else [],
    )


def _grants(pks: list[int] | None) -> QuerySet[Grant]:
    grants = Grant.objects.public().select_related("grantee", "programme", "region", "district")
    return grants if pks is None else grants.filter(pk__in=pks)


def _prepare_grants(batch: list[Grant]) -> None:
    places = place_names_by_record(
        Grant.communities.through, "grant_id", [grant.pk for grant in batch]
    )
    for grant in batch:
        grant.search_places = places[grant.pk]  # type: ignore[attr-defined]  # carried on the batch's rows for _grant_entry


def _grant_entry(grant: Grant) -> SearchEntry:
    places: list[str] = [
        *names_of(grant.region),
        *names_of(grant.district),
        *grant.search_places,  # type: ignore[attr-defined]  # set by _prepare_grants on each batch
    ]
    grantee = grant.grantee

    def detail() -> str:
        # The grantee's name carries the marker when it is in another language (issue #21).
        name = marked_text(grantee, "name") if grantee is not None else ""
        return " · ".join(part for part in (grant.reference, name) if part)

    return SearchEntry(
        path=neutral_path(grant),
        titles=texts_of(grant, "title"),
        details=per_language(detail),
        summaries=texts_of(grant, "summary"),
        extra_titles=[grant.reference],
        context=[
            *places,
            *names_of(grantee),
            grantee.acronym,
            *names_of(grant.programme),
        ],
        body=names_of(grant, "summary"),
        date=grant.start_date,
    )


def _grant_affects(grant: Grant) -> Affected:
    yield Organisation, [grant.grantee_id]
    if grant.pk:
        yield Community, grant.communities.values_list("pk", flat=True)


def _programme_affects(programme: GrantProgramme) -> Affected:
    # Publishing a programme publishes its grants, their grantees and places, its funders.
    yield Grant, Grant.objects.filter(programme_id=programme.pk).values_list("pk", flat=True)
    yield Organisation, [programme.managing_organisation_id]
    yield (
        Organisation,
        Grant.objects.filter(programme_id=programme.pk).values_list("grantee_id", flat=True),
    )
    if programme.pk:
        yield Organisation, programme.funders.values_list("pk", flat=True)
    yield (
        Community,
        Grant.communities.through.objects.filter(grant__programme_id=programme.pk).values_list(
            "community_id", flat=True
        ),
    )


def _grant_places_changed(
    instance: Any, action: str, pk_set: set[int] | None, reverse: bool
) -> Affected:
    if reverse:
        yield Community, [instance.pk]
        yield Grant, pk_set or []
    else:
        yield Grant, [instance.pk]
        if pk_set:
            yield Community, pk_set
        elif action == "pre_clear":
            yield Community, instance.communities.values_list("pk", flat=True)


def _funders_changed(
    instance: Any, action: str, pk_set: set[int] | None, reverse: bool
) -> Affected:
    if reverse:
        yield Organisation, [instance.pk]
    elif pk_set:
        yield Organisation, pk_set
    elif action == "pre_clear":
        yield Organisation, instance.funders.values_list("pk", flat=True)


def register() -> None:
    register_search_source(
        Organisation,
        section="organisations",
        records=_organisations,
        entry=_organisation_entry,
    )
    register_search_source(
        Grant, section="grants", records=_grants, entry=_grant_entry, prepare=_prepare_grants
    )
    register_search_dependency(Grant, _grant_affects)
    register_search_dependency(GrantProgramme, _programme_affects)
    register_search_m2m(Grant.communities.through, _grant_places_changed)
    register_search_m2m(GrantProgramme.funders.through, _funders_changed)
