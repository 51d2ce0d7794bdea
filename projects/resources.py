"""Organisations spreadsheet: the same import machinery and messages as grants
(core/spreadsheets/resource.py). Rows are matched to stored organisations by slug when the
sheet has one, otherwise by normalised name in any language (the grantee rule), so the
same file imported twice changes nothing."""

from __future__ import annotations

from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import Country
from core.i18n import content_languages
from core.spreadsheets.columns import (
    CellError,
    Column,
    choice_lookup,
    clean_choice,
    clean_text,
    display,
    normalise_header,
    organisation_match_key,
)
from core.spreadsheets.resource import (
    ParsedRow,
    RowContext,
    SpreadsheetResource,
    blank_instance_factory,
    translated_headers,
)
from projects import legal_forms
from projects.models import LegalForm, Organisation, OrganisationKind

LANGS = content_languages()

ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column("slug", "Slug", "Код", aliases=("Identifier", "Идентификатор")),
    Column(
        "name",
        "Name",
        "Название",
        translated=True,
        required=True,
        aliases=("Organisation", "Organization", "Организация", "Наименование"),
    ),
    Column("acronym", "Acronym", "Аббревиатура", aliases=("Short name", "Сокращение")),
    Column(
        "kind",
        "Type",
        "Тип",
        aliases=("Organisation type", "Тип организации"),
        note=gettext_lazy("A type from the list, or a legal form such as ОФ or ОсОО."),
    ),
    Column(
        "legal_form",
        "Legal form",
        "Организационно-правовая форма",
        aliases=("ОПФ", "Правовая форма", "Уюштуруу-укуктук формасы", "Шакли ташкилию ҳуқуқӣ"),
        note=gettext_lazy("Full name or abbreviation: ОФ, ОО, ОЮЛ, Учреждение, ОсОО, АӨ…"),
    ),
    Column("country", "Country", "Страна"),
    Column("website", "Website", "Сайт", aliases=("Web site", "URL", "Веб-сайт")),
)

KIND_SYNONYMS = {
    "ngo": OrganisationKind.LOCAL_NGO,
    "нко": OrganisationKind.LOCAL_NGO,
    "нпо": OrganisationKind.LOCAL_NGO,
    "public foundation": OrganisationKind.LOCAL_NGO,
    "общественный фонд": OrganisationKind.LOCAL_NGO,
    "общественное объединение": OrganisationKind.LOCAL_NGO,
    "оф": OrganisationKind.LOCAL_NGO,
    "оо": OrganisationKind.LOCAL_NGO,
    "ingo": OrganisationKind.INTERNATIONAL_NGO,
    "международная нко": OrganisationKind.INTERNATIONAL_NGO,
    "un": OrganisationKind.UN_AGENCY,
    "оон": OrganisationKind.UN_AGENCY,
    "агентство оон": OrganisationKind.UN_AGENCY,
    "donor": OrganisationKind.DONOR_AGENCY,
    "донор": OrganisationKind.DONOR_AGENCY,
    "local government": OrganisationKind.LOCAL_GOVERNMENT,
    "омсу": OrganisationKind.LOCAL_GOVERNMENT,
    "айыл окмоту": OrganisationKind.LOCAL_GOVERNMENT,
    "мэрия": OrganisationKind.LOCAL_GOVERNMENT,
    "государственный орган": OrganisationKind.STATE_BODY,
    "министерство": OrganisationKind.STATE_BODY,
    "school": OrganisationKind.SCHOOL,
    "школа": OrganisationKind.SCHOOL,
    "бизнес": OrganisationKind.BUSINESS,
    "company": OrganisationKind.BUSINESS,
    "компания": OrganisationKind.BUSINESS,
}
COUNTRY_SYNONYMS = {
    "kyrgyz republic": Country.KYRGYZSTAN,
    "кыргызская республика": Country.KYRGYZSTAN,
    "кыргызстан": Country.KYRGYZSTAN,
    "киргизия": Country.KYRGYZSTAN,
    "kgz": Country.KYRGYZSTAN,
    "таджикистан": Country.TAJIKISTAN,
    "республика таджикистан": Country.TAJIKISTAN,
    "tjk": Country.TAJIKISTAN,
}


def clean_website(value: object) -> str:
    text = clean_text(value)
    if not text:
        return ""
    url = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(
            _("%(value)s is not a web address. Write it like https://example.org.")
            % {"value": display(value)}
        ) from None
    if len(url) > 200:
        raise CellError(_("the web address is longer than 200 characters."))
    return url


class OrganisationResource(SpreadsheetResource):
    columns = ORGANISATION_COLUMNS
    compared_fields = (
        "name_en",
        "name_ru",
        "name_ky",
        "name_tg",
        "acronym",
        "kind",
        "legal_form",
        "country",
        "website",
    )
    update_fields = (*compared_fields, "match_key")

    class Meta(SpreadsheetResource.Meta):
        model = Organisation
        fields = ("slug",)
        name = "Organisations"

    @classmethod
    def get_display_name(cls) -> str:
        return _("Organisations (template)")

    def load_caches(self, dataset: tablib.Dataset) -> None:
        self.by_slug: dict[str, Organisation] = {}
        self.by_name: dict[str, Organisation] = {}
        self.by_pk: dict[int, Organisation] = {}
        for org in Organisation.objects.order_by("id"):
            self.by_pk[org.pk] = org
            self.by_slug[org.slug.casefold()] = org
            for name in (*(getattr(org, f"name_{c}") for c in LANGS), org.acronym):
                key = organisation_match_key(name)
                if key:
                    self.by_name.setdefault(key, org)
        self.slugs = set(self.by_slug)
        self.new_organisation = blank_instance_factory(Organisation)
        self.kind_table = choice_lookup(OrganisationKind.choices, KIND_SYNONYMS)
        self.kind_labels = ", ".join(str(label) for _v, label in OrganisationKind.choices)
        self.country_table = choice_lookup(Country.choices, COUNTRY_SYNONYMS)
        self.country_labels = ", ".join(f"{v} ({label})" for v, label in Country.choices)
        self.legal_form_table = legal_forms.legal_form_lookup()
        self.legal_form_labels = legal_forms.choices_label()

    def parse_row(self, ctx: RowContext) -> None:
        parsed, values = ctx.parsed, ctx.parsed.values
        names = ctx.texts("name")
        given = {lang: n for lang, n in names.items() if n}
        if not given:
            ctx.error("name", _("the %(column)s is empty.") % {"column": ctx.label("name")})
        for lang, name in names.items():
            if len(name) > 300:
                ctx.error("name", _("the name is longer than 300 characters."))
            elif name:
                values[f"name_{lang}"] = name
        keys = [k for k in (organisation_match_key(n) for n in given.values()) if k]
        if given and not keys:
            ctx.error(
                "name",
                _("%(value)s is not an organisation name.")
                % {"value": display(next(iter(given.values())))},
            )
        slug = clean_text(ctx.raw("slug")) if ctx.has("slug") else ""
        existing = None
        if slug:
            if slugify(slug) != slug.lower() or len(slug) > 120:
                ctx.error(
                    "slug",
                    _("%(value)s is not a slug: use Latin letters, digits and hyphens.")
                    % {"value": display(slug)},
                )
            existing = self.by_slug.get(slug.casefold())
            parsed.extra["slug"] = slug.lower()
        elif keys:
            existing = next((self.by_name[k] for k in keys if k in self.by_name), None)
        if existing is not None:
            parsed.key = ("id", existing.pk)
        elif slug:
            parsed.key = ("slug", slug.casefold())
        elif keys:
            parsed.key = ("name", keys[0])
        parsed.extra["match_key"] = keys[0] if keys else ""
        if ctx.has("acronym"):
            acronym = clean_text(ctx.raw("acronym"))
            if len(acronym) > 40:
                ctx.error("acronym", _("the acronym is longer than 40 characters."))
            values["acronym"] = acronym
        legal_form = None
        if ctx.has("legal_form") and clean_text(ctx.raw("legal_form")):
            legal_form = self._legal_form(ctx.raw("legal_form"))
            if legal_form is None:
                ctx.error(
                    "legal_form",
                    _("%(value)s is not a legal form we know. Allowed: %(forms)s.")
                    % {"value": display(ctx.raw("legal_form")), "forms": self.legal_form_labels},
                )
        if ctx.has("kind") and clean_text(ctx.raw("kind")):
            # Real lists put the legal form («ОФ», «Учреждение») where the type is asked.
            stated = self._legal_form(ctx.raw("kind"))
            text = normalise_header(clean_text(ctx.raw("kind"))).rstrip(".")
            if text in self.kind_table:
                values["kind"] = self.kind_table[text]
            elif stated is not None:
                legal_form = legal_form or stated
                values["kind"] = legal_forms.organisation_kind(stated)
            else:
                ctx.error(
                    "kind",
                    _(
                        "%(value)s is neither an organisation type (%(types)s) nor a legal "
                        "form we know (%(forms)s)."
                    )
                    % {
                        "value": display(ctx.raw("kind")),
                        "types": self.kind_labels,
                        "forms": self.legal_form_labels,
                    },
                )
        # Read from the name only for a new organisation: a stored one keeps what was
        # entered, so an export re-imports unchanged.
        if legal_form is None and existing is None:
            legal_form = next(
                (f for f in map(legal_forms.legal_form_in_name, given.values()) if f), None
            )
        if legal_form is not None:
            values["legal_form"] = legal_form
            if "kind" not in values and existing is None:
                values["kind"] = legal_forms.organisation_kind(legal_form)
        if ctx.has("country"):
            country = ctx.clean("country", clean_choice, self.country_table, self.country_labels)
            values["country"] = country or ""
        if ctx.has("website"):
            website = ctx.clean("website", clean_website)
            if website is not None:
                values["website"] = website

    def _legal_form(self, value: object) -> str | None:
        return self.legal_form_table.get(legal_forms.normalise_legal_form(clean_text(value)))

    def existing_instance(self, key: Any) -> Organisation | None:
        return self.by_pk.get(key[1]) if key[0] == "id" else None

    def new_instance(self, parsed: ParsedRow) -> Organisation:
        org = self.new_organisation(kind=OrganisationKind.LOCAL_NGO)
        org.slug = parsed.extra.get("slug", "")
        return org

    def apply(self, instance: models.Model, parsed: ParsedRow) -> None:
        super().apply(instance, parsed)
        names = [getattr(instance, f"name_{c}") for c in LANGS]
        instance.match_key = next(  # type: ignore[attr-defined]  # a matching key carried on the row for before_save
            (k for k in map(organisation_match_key, names) if k), parsed.extra["match_key"]
        )

    def before_write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        for org in created:
            if org.slug:  # type: ignore[attr-defined]  # rows are organisations; the base resource types them as Model
                continue
            names = [getattr(org, f"name_{c}") or "" for c in LANGS]
            base = next((slugify(n)[:100] for n in names if slugify(n)), "") or "organisation"
            slug, n = base, 1
            while slug in self.slugs:
                n += 1
                slug = f"{base}-{n}"
            self.slugs.add(slug)
            org.slug = slug  # type: ignore[attr-defined]  # rows are organisations; the base resource types them as Model

    # --- export --------------------------------------------------------------------------

    def column_choices(self, key: str) -> list[str]:
        if key == "kind":
            return [str(label) for _v, label in OrganisationKind.choices]
        if key == "legal_form":
            return [str(label) for _v, label in LegalForm.choices]
        if key == "country":
            return [str(v) for v, _label in Country.choices]
        return []

    def column_choices_strict(self, key: str) -> bool:
        # These also take abbreviations and other spellings the importer knows.
        return key not in ("kind", "legal_form", "country")

    def get_queryset(self) -> models.QuerySet[Organisation]:
        return Organisation.objects.order_by("slug")

    def export_headers(self, language: str) -> list[str]:
        headers: list[str] = []
        for column in self.columns:
            if column.translated:
                headers.extend(translated_headers(column, language))
            else:
                headers.append(column.header(language))
        return headers

    def export_row(self, org: Organisation) -> list[Any]:  # type: ignore[override]  # each resource exports its own model; the base takes any Model
        return [
            org.slug,
            *(getattr(org, f"name_{c}") or "" for c in LANGS),
            org.acronym,
            org.get_kind_display(),
            org.get_legal_form_display(),
            org.country,
            org.website,
        ]

    def example_row(self) -> list[Any]:
        return [
            "yiman",
            "Yiman Public Foundation",
            "Общественный фонд «Ыйман»",
            "«Ыйман» коомдук фонду",
            "",
            "",
            OrganisationKind.LOCAL_NGO.label,
            LegalForm.PUBLIC_FOUNDATION.label,
            Country.KYRGYZSTAN,
            "https://example.org",
        ]
