"""Admin for organisations, projects, money and staff roles.

See communities/admin.py for why translated models use the plain ``TranslationAdmin``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_translations import FallbackMarkerAdminMixin
from core.forms import CHECKED_IMAGE_OVERRIDES
from core.i18n import translated
from core.spreadsheets.admin import SpreadsheetImportExportMixin
from projects.models import ExchangeRate, Organisation, Partnership, Project, StaffMembership, Theme
from projects.resources import OrganisationResource


class HistoryTranslationAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """History page plus per-language fields."""


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetImportExportMixin, HistoryTranslationAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "acronym", "kind", "legal_form", "country", "website", "is_archived")
    list_filter = ("kind", "legal_form", "country", "is_archived")
    search_fields = ("name_en", "name_ru", "name_ky", "name_tg", "acronym", "slug", "match_key")
    prepopulated_fields = {"slug": ("name_en",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = (
        "name",
        "slug",
        "acronym",
        "kind",
        "legal_form",
        "country",
        "website",
        "iati_identifier",
        "iati_identifier_source",
        "is_archived",
    )


@admin.register(Theme)
class ThemeAdmin(FallbackMarkerAdminMixin, TranslationAdmin):
    list_display = ("name", "slug")
    search_fields = ("slug", "name_en", "name_ru", "name_ky", "name_tg")
    fields = ("name", "slug")


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    fields = ("organisation", "role", "funding_amount", "currency")
    autocomplete_fields = ("organisation",)


@admin.register(Project)
class ProjectAdmin(HistoryTranslationAdmin):
    list_display = (
        "title",
        "slug",
        "status",
        "planned_start",
        "planned_end",
        "budget",
        "currency",
        "is_public",
        "is_featured",
        "is_archived",
    )
    list_filter = ("status", "is_public", "is_featured", "is_archived", "themes")
    search_fields = ("title_en", "title_ru", "title_ky", "title_tg", "slug")
    autocomplete_fields = ("themes",)
    prepopulated_fields = {"slug": ("title_en",)}
    # Cover images get the photo checks with a clear message (core.uploads strips them).
    formfield_overrides = CHECKED_IMAGE_OVERRIDES
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "themes", "cover_image")}),
        (
            _("Dates and money"),
            {
                "fields": (
                    "status",
                    ("planned_start", "planned_end"),
                    ("actual_start", "actual_end"),
                    ("budget", "currency"),
                )
            },
        ),
        (_("Publication"), {"fields": ("is_public", "is_featured", "is_archived", "source_note")}),
    )
    # communities/admin.py adds the target communities inline: they live one layer up.
    inlines: ClassVar[tuple[type[admin.options.InlineModelAdmin[Any, Any]], ...]] = (
        PartnershipInline,
    )


@admin.register(Partnership)
class PartnershipAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("organisation", "project", "role", "funding_amount", "currency")
    list_filter = ("role",)
    list_select_related = ("organisation", "project")
    search_fields = translated("organisation__name", "project__title")
    autocomplete_fields = ("organisation", "project")
    fields = ("project", "organisation", "role", "funding_amount", "currency")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(SimpleHistoryAdmin):
    list_display = ("currency", "date", "rate_to_usd", "source_note")
    list_filter = ("currency",)
    search_fields = ("source_note",)
    date_hierarchy = "date"
    fields = ("currency", "date", "rate_to_usd", "source_note")


@admin.register(StaffMembership)
class StaffMembershipAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "organisation")
    search_fields = ("user__username", "user__email", *translated("organisation__name"))
    autocomplete_fields = ("user", "organisation")
    fields = ("user", "organisation", "role")
