"""Grants spreadsheet: the template admins receive from programmes, imported and exported
through django-import-export. The column rules are in core/spreadsheets/columns.py, the
machinery in core/spreadsheets/resource.py, and how each cell is read in
grants/import_rows.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import tablib
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.gazetteer import GazetteerIndex
from communities.models import Community, Region
from core.bulk import copy_insert
from core.choices import Currency
from core.spreadsheets.columns import (
    choice_lookup,
    clean_amount,
    clean_choice,
    clean_currency,
    clean_date,
    clean_text,
    normalise_header,
    organisation_match_key,
)
from core.spreadsheets.resource import (
    ParsedRow,
    RowContext,
    SpreadsheetResource,
    blank_instance_factory,
    bulk_history,
    translated_headers,
)
from grants.import_columns import (
    GRANT_COLUMNS,
    GRANT_COMPARED,
    GRANTEE_TYPE_SYNONYMS,
    LANGS,
    STATUS_SYNONYMS,
)
from grants.import_rows import GrantRowCells
from grants.models import Grant, GrantProgramme, GrantStatus
from projects import legal_forms
from projects.models import GranteeType, LegalForm, Organisation


class GrantResource(GrantRowCells, SpreadsheetResource):
    """Rows keyed on programme + Grant ID: a second import of the same file changes
    nothing, a changed row updates its grant."""

    columns = GRANT_COLUMNS
    compared_fields = GRANT_COMPARED
    update_fields = (
        "grantee",
        "grantee_type",
        "title_en",
        "title_ru",
        "title_ky",
        "title_tg",
        "summary_en",
        "summary_ru",
        "summary_ky",
        "summary_tg",
        "region",
        "district",
        "amount",
        "currency",
        "start_date",
        "end_date",
        "status",
    )

    class Meta(SpreadsheetResource.Meta):
        model = Grant
        fields = ("reference",)
        name = "Grants"

    @classmethod
    def get_display_name(cls) -> str:
        return _("Grants (template)")

    # --- caches --------------------------------------------------------------------------

    def load_caches(self, dataset: tablib.Dataset) -> None:
        self.gazetteer = GazetteerIndex.build()
        self.place_cache: dict[tuple[str, str, int | None, int | None], Any] = {}
        self.programmes: dict[str, GrantProgramme] = {}
        for programme in GrantProgramme.objects.all():
            for name in (programme.slug, *(getattr(programme, f"name_{c}") for c in LANGS)):
                if name:
                    self.programmes.setdefault(normalise_header(name), programme)
        self.organisations: dict[str, Organisation] = {}
        self.organisation_slugs: set[str] = set()
        self.slug_counters: dict[str, int] = {}
        self.organisations_by_id: dict[int, Organisation] = {}
        # Organisations whose empty legal form this import fills in.
        self.organisation_legal_forms: dict[int, str] = {}
        for org in Organisation.objects.only(
            "id", "slug", "kind", "acronym", "legal_form", *(f"name_{c}" for c in LANGS)
        ).order_by("id"):
            self.organisations_by_id[org.pk] = org
            self.organisation_slugs.add(org.slug)
            for name in (*(getattr(org, f"name_{c}") for c in LANGS), org.acronym):
                key = organisation_match_key(name)
                if key:
                    self.organisations.setdefault(key, org)
        self.new_organisations: dict[str, Organisation] = {}
        self.governed: dict[int, Organisation] = {}
        self.governed_done: set[int] = set()
        wanted = {p.pk for p in self.programmes.values()}
        self.grants: dict[tuple[int, str], Grant] = {
            (g.programme_id, g.reference.casefold()): g
            for g in Grant.objects.filter(programme_id__in=wanted)
        }
        self.grant_communities: dict[int, list[int]] = defaultdict(list)
        through = Grant.communities.through
        self.grant_links: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for link_id, grant_id, community_id in through.objects.filter(
            grant__programme_id__in=wanted
        ).values_list("id", "grant_id", "community_id"):
            self.grant_communities[grant_id].append(community_id)
            self.grant_links[grant_id].append((link_id, community_id))
        self.new_grant = blank_instance_factory(Grant)
        self.new_organisation = blank_instance_factory(Organisation)
        self.status_table = choice_lookup(GrantStatus.choices, STATUS_SYNONYMS)
        self.type_table = choice_lookup(GranteeType.choices, GRANTEE_TYPE_SYNONYMS)
        # Joined once: evaluating the lazy labels per row cost a fifth of the parsing.
        self.status_labels = ", ".join(str(label) for _v, label in GrantStatus.choices)
        self.type_labels = ", ".join(str(label) for _v, label in GranteeType.choices)
        self.legal_form_table = legal_forms.legal_form_lookup()
        self.legal_form_labels = legal_forms.choices_label()

    # --- one row -------------------------------------------------------------------------

    def parse_row(self, ctx: RowContext) -> None:
        parsed = ctx.parsed
        values = parsed.values

        reference = clean_text(ctx.raw("reference"))
        if not reference:
            ctx.error("reference", _("the Grant ID is empty."))
        elif len(reference) > 60:
            ctx.error("reference", _("the Grant ID is longer than 60 characters."))

        programme = self._programme(ctx)
        if programme is not None and reference:
            parsed.key = (programme.pk, reference.casefold())
            parsed.extra["programme"] = programme
            parsed.extra["reference"] = reference

        self._places(ctx)
        self._grantee(ctx)
        self._texts(ctx, "title", max_length=500, required=True)
        self._texts(ctx, "summary", max_length=None, required=False)

        if ctx.has("amount"):
            values["amount"] = ctx.clean("amount", clean_amount)
        if ctx.has("currency") or programme is not None:
            currency = ctx.clean("currency", clean_currency) if ctx.has("currency") else None
            if currency is None and programme is not None:
                currency = programme.currency
            if currency:
                values["currency"] = currency
        start = ctx.clean("start_date", clean_date) if ctx.has("start_date") else None
        end = ctx.clean("end_date", clean_date) if ctx.has("end_date") else None
        if ctx.has("start_date"):
            values["start_date"] = start
        if ctx.has("end_date"):
            values["end_date"] = end
        if start and end and end < start:
            ctx.error(
                "end_date",
                _("the end date %(end)s is before the start date %(start)s.")
                % {"end": f"{end:%d.%m.%Y}", "start": f"{start:%d.%m.%Y}"},
            )
        if ctx.has("status"):
            status = ctx.clean(
                "status",
                clean_choice,
                self.status_table,
                self.status_labels,
            )
            if status:
                values["status"] = status

    # --- instances -----------------------------------------------------------------------

    def existing_instance(self, key: Any) -> Grant | None:
        return self.grants.get(key)

    def new_instance(self, parsed: ParsedRow) -> Grant:
        grant = self.new_grant(
            programme=parsed.extra.get("programme"), reference=parsed.extra.get("reference", "")
        )
        programme = parsed.extra.get("programme")
        if programme is not None:
            grant.currency = programme.currency
        return grant

    def apply(self, instance: models.Model, parsed: ParsedRow) -> None:
        super().apply(instance, parsed)
        if "grantee_legal_form" in parsed.extra:
            instance._import_legal_form = parsed.extra["grantee_legal_form"]  # type: ignore[attr-defined]  # carried on the row until snapshot()
        communities = parsed.extra.get("communities")
        if communities is not None:
            instance._import_communities = sorted(c.pk for c in communities)  # type: ignore[attr-defined]  # carried on the row from before_save to save_related

    def snapshot(self, instance: models.Model) -> tuple[Any, ...]:
        links = getattr(instance, "_import_communities", None)
        if links is None:
            links = sorted(self.grant_communities.get(instance.pk, []))
        legal_form = getattr(instance, "_import_legal_form", None)
        if legal_form is None and getattr(instance, "grantee_id", None):
            org = self.organisations_by_id.get(instance.grantee_id)  # type: ignore[attr-defined]  # rows are grants; the base resource types them as Model
            legal_form = org.legal_form if org is not None else ""
        return (*super().snapshot(instance), tuple(links), legal_form)

    def before_write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        # Rows are written in chunks: only the grantees first named since the last one.
        organisations = list(
            {id(o): o for o in self.new_organisations.values() if o.pk is None}.values()
        )
        for org in organisations:
            base = slugify(org.name_en or "", allow_unicode=False)[:100] or "grantee"
            # Most new grantees have no English name, so most share the base «grantee»:
            # counting on from the last number taken keeps this linear.
            n = self.slug_counters.get(base, 1)
            slug = base if n == 1 else f"{base}-{n}"
            while slug in self.organisation_slugs:
                n += 1
                slug = f"{base}-{n}"
            self.slug_counters[base] = n
            self.organisation_slugs.add(slug)
            org.slug = slug
        if organisations:
            copy_insert(Organisation, organisations)
            bulk_history(
                Organisation,
                organisations,
                user=self.user,
                reason=_("Created by a grants import"),
            )
        for grant in (*created, *updated):
            grant.grantee = grant.grantee  # type: ignore[attr-defined]  # rows are grants; the base resource types them as Model
        governed = {pk: org for pk, org in self.governed.items() if pk not in self.governed_done}
        if governed:
            self.governed_done.update(governed)
            communities = list(
                Community.objects.filter(pk__in=governed, local_government__isnull=True)
            )
            for community in communities:
                community.local_government = self.governed[community.pk]
            Community.objects.bulk_update(communities, ["local_government"])
            bulk_history(
                Community,
                communities,
                update=True,
                user=self.user,
                reason=_("Local self-government from a grants import"),
            )
        # Stored grantees whose legal form was empty get the one the list states.
        filled: dict[int, Organisation] = {}
        for grant in (*created, *updated):
            legal_form = getattr(grant, "_import_legal_form", None)
            found = self.organisations_by_id.get(grant.grantee_id)  # type: ignore[attr-defined]  # rows are grants
            if legal_form and found is not None and not found.legal_form:
                found.legal_form = legal_form
                filled[found.pk] = found
        if filled:
            # Reloaded whole: the cached ones are deferred, and history reads every field.
            complete = list(Organisation.objects.filter(pk__in=filled))
            for org in complete:
                org.legal_form = filled[org.pk].legal_form
            Organisation.objects.bulk_update(complete, ["legal_form"])
            bulk_history(
                Organisation,
                complete,
                update=True,
                user=self.user,
                reason=_("Legal form from a grants import"),
            )

    def save_related(self, created: list[models.Model], updated: list[models.Model]) -> None:
        through = Grant.communities.through
        changed = [
            g
            for g in updated
            if getattr(g, "_import_communities", None) is not None
            and sorted(self.grant_communities.get(g.pk, []))
            != getattr(g, "_import_communities", None)
        ]
        if changed:
            through.objects.filter(grant_id__in=[g.pk for g in changed]).delete()
        new_link = blank_instance_factory(through)
        links = [
            new_link(grant_id=g.pk, community_id=c)
            for g in (*created, *changed)
            for c in getattr(g, "_import_communities", None) or []
        ]
        created_links = copy_insert(through, links)
        self.links_by_grant: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for link in created_links:
            self.links_by_grant[link.grant_id].append((link.pk, link.community_id))
        changed_ids = {g.pk for g in changed}
        for g in updated:
            if g.pk not in changed_ids:
                self.links_by_grant[g.pk].extend(self.grant_links.get(g.pk, []))

    def after_history(self, pairs: list[tuple[models.Model, models.Model]]) -> None:
        historical = Grant.history.model  # type: ignore[attr-defined]  # registered in grants/translation.py
        m2m_model = next(
            rel.related_model
            for rel in historical._meta.related_objects
            if rel.field.name == "history"
        )
        new_row = blank_instance_factory(m2m_model)
        rows = [
            new_row(history=record, id=link_id, grant_id=grant.pk, community_id=community_id)
            for grant, record in pairs
            for link_id, community_id in self.links_by_grant.get(grant.pk, [])
        ]
        copy_insert(m2m_model, rows)

    # --- export --------------------------------------------------------------------------

    def column_choices(self, key: str) -> list[str]:
        if key == "programme":
            return [p.name for p in GrantProgramme.objects.order_by("name")]
        if key == "region":
            return [str(r) for r in Region.objects.order_by("country", "name")]
        if key == "grantee_type":
            return [str(label) for _v, label in GranteeType.choices]
        if key == "legal_form":
            return [str(label) for _v, label in LegalForm.choices]
        if key == "currency":
            return [str(code) for code, _label in Currency.choices]
        if key == "status":
            return [str(label) for _v, label in GrantStatus.choices]
        return []

    def column_choices_strict(self, key: str) -> bool:
        # These also take abbreviations and other spellings the importer recognises.
        return key == "programme"

    def get_queryset(self) -> models.QuerySet[Grant]:
        return Grant.objects.all()

    def export(self, queryset: Any = None, **kwargs: Any) -> tablib.Dataset:
        queryset = (
            (queryset if queryset is not None else self.get_queryset())
            .select_related("programme", "grantee", "region", "district")
            .prefetch_related("communities")
            .order_by("programme__slug", "reference")
        )
        return super().export(queryset, **kwargs)

    def export_headers(self, language: str) -> list[str]:
        headers: list[str] = []
        for column in self.columns:
            if column.key in ("title", "summary"):
                headers.extend(translated_headers(column, language))
            else:
                headers.append(column.header(language))
        return headers

    def export_row(self, grant: Grant) -> list[Any]:  # type: ignore[override]  # each resource exports its own model; the base takes any Model
        communities = "; ".join(str(c) for c in grant.communities.all())
        return [
            grant.reference,
            grant.programme.name,
            str(grant.region) if grant.region_id else "",
            str(grant.district) if grant.district_id else "",
            communities,
            grant.grantee.name,
            grant.get_grantee_type_display(),
            grant.grantee.get_legal_form_display(),
            *(getattr(grant, f"title_{c}") or "" for c in LANGS),
            *(getattr(grant, f"summary_{c}") or "" for c in LANGS),
            grant.amount,
            grant.currency,
            grant.start_date,
            grant.end_date,
            grant.get_status_display(),
        ]

    def example_row(self) -> list[Any]:
        programme = GrantProgramme.objects.order_by("pk").first()
        region = Region.objects.filter(Q(name_en__icontains="osh") | Q(code="KG-O")).first()
        return [
            "LIP-2021-01",
            programme.name if programme else "Living in Peace",
            str(region) if region else "Ошская область",
            "",
            "",
            "ОФ «Ыйман»",
            GranteeType.CIVIL_SOCIETY.label,
            LegalForm.PUBLIC_FOUNDATION.label,
            "Youth and elders for peace",
            "Молодёжь и старейшины за мир",
            "",
            "",
            "Joint sports and dialogue events in two villages.",
            "Совместные спортивные мероприятия и диалоги в двух сёлах.",
            "",
            "",
            1250000,
            "KGS",
            dt.date(2021, 4, 1),
            dt.date(2021, 12, 31),
            GrantStatus.COMPLETED.label,
        ]
