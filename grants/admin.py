"""Admin for the small-grant lifecycle, with history on every model and spreadsheet
import/export of grants. TranslationAdmin (not the tabbed variant, which pulls jQuery UI
from a CDN) shows the per-language fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.spreadsheets.admin import SpreadsheetImportExportMixin
from grants.models import (
    Application,
    Disbursement,
    Grant,
    GrantProgramme,
    GrantReport,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from grants.ranking import programme_ranking
from grants.resources import GrantResource


class AutocompleteWhereRegisteredMixin:
    """Autocomplete for relations whose admin is registered with search fields; plain
    selects otherwise (the admin check would fail on an unregistered target)."""

    autocomplete_candidates: tuple[str, ...] = ()

    def get_autocomplete_fields(self, request: HttpRequest) -> tuple[str, ...]:
        fields = []
        registry = self.admin_site._registry  # type: ignore[attr-defined]
        for name in self.autocomplete_candidates:
            related = self.model._meta.get_field(name).related_model  # type: ignore[attr-defined]
            target = registry.get(related)
            if target is not None and target.search_fields:
                fields.append(name)
        return tuple(fields)


class HistoryTranslationAdmin(
    AutocompleteWhereRegisteredMixin, SimpleHistoryAdmin, TranslationAdmin
):
    pass


# --- programmes ------------------------------------------------------------------------


class ScoringCriterionInline(TranslationTabularInline):
    model = ScoringCriterion
    fields = ("name", "weight", "max_score", "position")
    extra = 0


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(HistoryTranslationAdmin):
    list_display = ("name", "slug", "managing_organisation", "currency", "envelope", "is_public")
    list_filter = ("is_public", "currency")
    list_select_related = ("managing_organisation",)
    search_fields = ("name_en", "name_ru", "name_ky", "name_tg", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_candidates = ("managing_organisation", "project", "funders")
    inlines = [ScoringCriterionInline]
    readonly_fields = ("ranking",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "slug",
                    "name",
                    "description",
                    "managing_organisation",
                    "funders",
                    "project",
                )
            },
        ),
        (_("Money"), {"fields": ("currency", "envelope")}),
        (
            _("Call"),
            {
                "fields": (
                    "accepts_civil_society",
                    "accepts_local_government",
                    "call_opens",
                    "call_closes",
                    "is_public",
                    "source_note",
                )
            },
        ),
        (_("Ranking of applications"), {"fields": ("ranking",)}),
    )

    @admin.display(description=_("Ranking"))
    def ranking(self, obj: GrantProgramme) -> str:
        if obj.pk is None:
            return gettext("Save the programme first.")
        rows = programme_ranking(obj)
        if not rows:
            return gettext("No applications yet.")
        head = format_html(
            "<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th></tr></thead>",
            gettext("Application"),
            gettext("Weighted score (0–100)"),
            gettext("Reviewers"),
            gettext("Requested"),
            gettext("Cumulative"),
            gettext("Share of envelope"),
        )
        body = format_html_join(
            "",
            '<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
            "<td>{}</td></tr>",
            (
                (
                    "" if r.within_envelope else "over-envelope",
                    r.rank,
                    r.application,
                    "—" if r.score is None else f"{r.score}{'' if r.complete else ' *'}",
                    r.reviewers,
                    r.requested,
                    r.cumulative_requested,
                    "—" if r.envelope_share is None else f"{r.envelope_share} %",
                )
                for r in rows
            ),
        )
        note = gettext("* not every criterion has been scored. Rows past the envelope are marked.")
        return format_html(
            '<table>{}<tbody>{}</tbody></table><p class="help">{}</p>', head, body, note
        )


# --- applications and reviews ----------------------------------------------------------


@admin.register(Application)
class ApplicationAdmin(HistoryTranslationAdmin):
    list_display = ("title", "applicant", "programme", "requested_amount", "received_on", "status")
    list_filter = ("status", "programme")
    list_select_related = ("applicant", "programme")
    search_fields = ("title_en", "title_ru", "applicant__name_en", "applicant__name_ru")
    autocomplete_candidates = ("programme", "applicant", "communities")
    date_hierarchy = "received_on"


class ReviewScoreFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        review: Review = self.instance
        scoring = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if review.conflict_of_interest and scoring:
            raise forms.ValidationError(
                gettext("This reviewer declared a conflict of interest and cannot score.")
            )
        for form in scoring:
            criterion = form.cleaned_data.get("criterion")
            score = form.cleaned_data.get("score")
            if (
                criterion
                and review.application_id
                and (criterion.programme_id != review.application.programme_id)
            ):
                form.add_error("criterion", gettext("This criterion belongs to another programme."))
            if criterion and score is not None and not 0 <= score <= criterion.max_score:
                form.add_error(
                    "score",
                    gettext("The score must be between 0 and %(max)s.")
                    % {"max": criterion.max_score},
                )


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    formset = ReviewScoreFormSet
    fields = ("criterion", "score")
    extra = 0


@admin.register(Review)
class ReviewAdmin(AutocompleteWhereRegisteredMixin, SimpleHistoryAdmin):
    list_display = ("application", "reviewer", "conflict_of_interest", "created_at")
    list_filter = ("conflict_of_interest", "application__programme")
    list_select_related = ("application__applicant", "reviewer")
    search_fields = ("application__title_en", "application__title_ru", "reviewer__username")
    autocomplete_candidates = ("application", "reviewer")
    fields = ("application", "reviewer", "comment", "conflict_of_interest", "conflict_note")
    inlines = [ReviewScoreInline]


@admin.register(ReviewScore)
class ReviewScoreAdmin(SimpleHistoryAdmin):
    list_display = ("review", "criterion", "score")
    list_select_related = ("review__application__applicant", "review__reviewer", "criterion")
    raw_id_fields = ("review",)
    fields = ("review", "criterion", "score")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Scores are entered on their review, where the conflict rule is checked.
        return False


# --- grants ----------------------------------------------------------------------------


class DisbursementFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        grant: Grant = self.instance
        paid = sum(
            (f.cleaned_data.get("paid_amount") or Decimal("0"))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        award = grant.amount
        if paid and (award is None or paid > award):
            raise forms.ValidationError(
                gettext("Paid tranches add up to %(paid)s, more than the %(award)s awarded.")
                % {"paid": paid, "award": award if award is not None else "—"}
            )


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    formset = DisbursementFormSet
    fields = ("tranche", "planned_date", "planned_amount", "paid_date", "paid_amount")
    extra = 0


class GrantReportInline(admin.TabularInline):
    model = GrantReport
    fields = ("kind", "due_date", "received_on", "status", "note")
    extra = 0


@admin.register(Grant)
class GrantAdmin(SpreadsheetImportExportMixin, HistoryTranslationAdmin):
    resource_classes = [GrantResource]
    list_display = (
        "reference",
        "title",
        "grantee",
        "programme",
        "region",
        "amount",
        "currency",
        "status",
        "paid",
    )
    list_filter = ("status", "programme", "grantee_type", "region")
    list_select_related = ("grantee", "programme", "region")
    search_fields = (
        "reference",
        "title_en",
        "title_ru",
        "title_ky",
        "title_tg",
        "grantee__name_en",
        "grantee__name_ru",
    )
    autocomplete_candidates = (
        "programme",
        "grantee",
        "application",
        "region",
        "district",
        "communities",
    )
    date_hierarchy = "start_date"
    inlines = [DisbursementInline, GrantReportInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "programme",
                    "reference",
                    "grantee",
                    "grantee_type",
                    "application",
                    "title",
                    "summary",
                )
            },
        ),
        (_("Place"), {"fields": ("region", "district", "communities")}),
        (
            _("Money and dates"),
            {"fields": ("amount", "currency", "start_date", "end_date", "status", "source_note")},
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Grant]:
        return super().get_queryset(request).annotate(paid_total=Sum("disbursements__paid_amount"))

    @admin.display(description=_("paid"), ordering="paid_total")
    def paid(self, obj: Grant) -> Decimal | None:
        return getattr(obj, "paid_total", None)

    def get_export_queryset(self, request: HttpRequest) -> QuerySet[Grant]:
        return (
            super()
            .get_export_queryset(request)
            .select_related("programme", "grantee", "region", "district")
            .prefetch_related("communities")
        )


@admin.register(Disbursement)
class DisbursementAdmin(SimpleHistoryAdmin):
    list_display = (
        "grant",
        "tranche",
        "planned_date",
        "planned_amount",
        "paid_date",
        "paid_amount",
    )
    list_select_related = ("grant",)
    raw_id_fields = ("grant",)
    search_fields = ("grant__reference",)
    fields = ("grant", "tranche", "planned_date", "planned_amount", "paid_date", "paid_amount")

    def save_model(self, request: HttpRequest, obj: Disbursement, form: Any, change: bool) -> None:
        # Lock the grant while saving so a payment entered elsewhere at the same moment
        # waits for this one and then sees it in its own check.
        with transaction.atomic():
            Grant.objects.select_for_update().filter(pk=obj.grant_id).first()
            super().save_model(request, obj, form, change)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)

        class PaymentCheckedForm(form):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                grant, paid = data.get("grant"), data.get("paid_amount")
                if grant and paid:
                    others = grant.disbursements.exclude(pk=self.instance.pk).aggregate(
                        total=Sum("paid_amount")
                    )["total"] or Decimal("0")
                    if grant.amount is None or others + paid > grant.amount:
                        self.add_error(
                            "paid_amount", gettext("Paid tranches would exceed the amount awarded.")
                        )
                return data

        return PaymentCheckedForm


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", gettext("Overdue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[GrantReport]) -> Any:
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())  # type: ignore[attr-defined]
        return queryset


@admin.register(GrantReport)
class GrantReportAdmin(SimpleHistoryAdmin):
    list_display = ("grant", "kind", "due_date", "received_on", "status")
    list_filter = (OverdueFilter, "kind", "status", "grant__programme")
    list_select_related = ("grant",)
    raw_id_fields = ("grant",)
    search_fields = ("grant__reference", "grant__title_en", "grant__title_ru")
    date_hierarchy = "due_date"
    fields = ("grant", "kind", "due_date", "received_on", "status", "note")
