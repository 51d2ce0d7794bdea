"""Admin for source documents, reported figures and results frameworks. Staff enter period
values on their own page (staff:result_indicator_detail); the admin is for set-up."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin_translations import FallbackMarkerAdminMixin
from reports.models import (
    IndicatorPeriod,
    ReportedFigure,
    Result,
    ResultIndicator,
    SourceDocument,
)


@admin.register(SourceDocument)
class SourceDocumentAdmin(FallbackMarkerAdminMixin, TranslationAdmin):
    list_display = ("title", "publisher", "published_on", "url")
    search_fields = ("title", "publisher", "slug")
    filter_horizontal = ("projects",)


@admin.register(ReportedFigure)
class ReportedFigureAdmin(FallbackMarkerAdminMixin, TranslationAdmin):
    list_display = ("project", "kind", "qualifier", "value", "currency", "source_document")
    list_filter = ("kind",)
    raw_id_fields = ("project", "source_document", "entered_by")
    readonly_fields = ("entered_at",)


class ResultIndicatorInline(TranslationTabularInline):
    model = ResultIndicator
    extra = 0
    fields = ("position", "catalogue_code", "title", "unit", "currency", "baseline_value")


@admin.register(Result)
class ResultAdmin(FallbackMarkerAdminMixin, TranslationAdmin):
    list_display = ("title", "project", "kind", "position")
    list_filter = ("kind",)
    raw_id_fields = ("project",)
    inlines = [ResultIndicatorInline]


@admin.register(ResultIndicator)
class ResultIndicatorAdmin(FallbackMarkerAdminMixin, TranslationAdmin):
    list_display = ("__str__", "result", "catalogue_code", "unit", "baseline_value")
    raw_id_fields = ("result",)


@admin.register(IndicatorPeriod)
class IndicatorPeriodAdmin(FallbackMarkerAdminMixin, admin.ModelAdmin):
    list_display = ("indicator", "period_start", "period_end", "target_value", "status")
    list_filter = ("status",)
    raw_id_fields = ("indicator", "source_document", "entered_by", "approved_by")
    readonly_fields = ("entered_at", "approved_at")
