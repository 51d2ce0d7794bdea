"""Admin for the small-grant lifecycle, with history on every model and spreadsheet
import/export of grants. TranslationAdmin (not the tabbed variant, which pulls jQuery UI
from a CDN) shows the per-language fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_translations import FallbackMarkerAdminMixin
from core.i18n import translated
from core.spreadsheets.admin import SpreadsheetImportExportMixin
from grants.models import (
    Application,
    CommitteeMember,
    Disbursement,
    Grant,
    GrantProgramme,
    GrantReport,
    ReportStatus,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from grants.ranking import programme_ranking
from grants.resources import GrantResource
from grants.service_admin import (
    SavesThroughServicesMixin,
    ServiceRefusal,
    adopt,
    payment_change,
    save_disbursement,
    save_grant_report,
    save_rows,
)
from grants.services import (
    GRANT_EDITABLE_FIELDS,
    application_award,
    application_scores_refresh,
    grant_create,
    grant_report_mark_received,
    grant_update,
    review_delete,
    review_scores_delete,
    review_submit,
)


class AutocompleteWhereRegisteredMixin(admin.ModelAdmin):
    """Autocomplete for relations whose admin is registered with search fields; plain
    selects otherwise (the admin check would fail on an unregistered target)."""

    autocomplete_candidates: tuple[str, ...] = ()

    def get_autocomplete_fields(self, request: HttpRequest) -> tuple[str, ...]:
        fields = []
        registry = self.admin_site._registry
        for name in self.autocomplete_candidates:
            related = self.model._meta.get_field(name).related_model
            target = registry.get(related)
            if target is not None and target.search_fields:
                fields.append(name)
        return tuple(fields)


class HistoryTranslationAdmin(
    FallbackMarkerAdminMixin, AutocompleteWhereRegisteredMixin, SimpleHistoryAdmin, TranslationAdmin
):
    pass


# --- programmes ------------------------------------------------------------------------


class CommitteeMemberInline(admin.TabularInline):
    """The committee is data: who sits on it and whom they represent."""

    model = CommitteeMember
    extra = 0
    fields = ("user", "affiliation", "represents", "is_chair")
    autocomplete_fields = ("user",)


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
    inlines = [ScoringCriterionInline, CommitteeMemberInline]
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
        (
            _("Money"),
            {"fields": ("currency", "envelope", "budget_ceiling", "announced_grant_count")},
        ),
        (
            _("Call"),
            {
                "fields": (
                    "eligibility",
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

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # A criterion added, removed or reweighted changes every stored score.
        application_scores_refresh(programme=form.instance)

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
    search_fields = translated("title", "applicant__name")
    autocomplete_candidates = ("programme", "applicant", "communities")
    date_hierarchy = "received_on"
    actions = ["award_grants"]

    @admin.action(description=_("Award grants to the selected applications"))
    def award_grants(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        # Each application is awarded in its own transaction: one refusal (already
        # awarded, rejected, …) leaves the others' grants in place and is reported.
        for application in queryset.select_related("programme"):
            try:
                grant = application_award(application=application)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("Grant %(reference)s awarded for %(application)s.")
                    % {"reference": grant.reference, "application": application},
                    messages.SUCCESS,
                )


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    fields = ("criterion", "score")
    extra = 0


@admin.register(Review)
class ReviewAdmin(
    FallbackMarkerAdminMixin,
    SavesThroughServicesMixin,
    AutocompleteWhereRegisteredMixin,
    SimpleHistoryAdmin,
):
    list_display = ("application", "reviewer", "conflict_of_interest", "created_at")
    list_filter = ("conflict_of_interest", "application__programme")
    list_select_related = ("application__applicant", "reviewer")
    search_fields = (*translated("application__title"), "reviewer__username")
    autocomplete_candidates = ("application", "reviewer")
    fields = ("application", "reviewer", "comment", "conflict_of_interest", "conflict_note")
    inlines = [ReviewScoreInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # review_submit keeps one review per application and reviewer: a saved review is
        # not moved to another application or reviewer.
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "application", "reviewer") if obj else readonly

    def save_model(self, request: HttpRequest, obj: Review, form: Any, change: bool) -> None:
        # Saved with its scores in save_related, where the score rows are known.
        pass

    def delete_model(self, request: HttpRequest, obj: Review) -> None:
        review_delete(review=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        for review in queryset.select_related("application__programme"):
            review_delete(review=review)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        review: Review = form.instance
        (scores_formset,) = formsets
        scores = {
            row.cleaned_data["criterion"]: row.cleaned_data["score"]
            for row in scores_formset.forms
            if row.cleaned_data and not row.cleaned_data.get("DELETE")
        }
        data = form.cleaned_data
        try:
            saved = review_submit(
                application=review.application,
                reviewer=review.reviewer,
                scores=scores,
                comment=data.get("comment", ""),
                conflict_of_interest=data.get("conflict_of_interest", False),
                conflict_note=data.get("conflict_note", ""),
            )
        except ValidationError as error:
            raise ServiceRefusal(error) from error
        adopt(review, saved)
        scores_formset.new_objects = []
        scores_formset.changed_objects = []
        scores_formset.deleted_objects = []


@admin.register(ReviewScore)
class ReviewScoreAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("review", "criterion", "score")
    list_select_related = ("review__application__applicant", "review__reviewer", "criterion")
    raw_id_fields = ("review",)
    fields = ("review", "criterion", "score")

    # Scores are entered on their review, where review_submit checks the conflict of
    # interest, the programme and the range; here they are only read, or deleted through
    # the service that keeps the application's stored score.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: ReviewScore) -> None:
        review_scores_delete(scores=ReviewScore.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ReviewScore]) -> None:
        review_scores_delete(scores=queryset)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- grants ----------------------------------------------------------------------------


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    fields = ("tranche", "planned_date", "planned_amount", "paid_date", "paid_amount")
    extra = 0


class GrantReportInline(admin.TabularInline):
    model = GrantReport
    fields = ("kind", "due_date", "received_on", "status", "note")
    extra = 0


@admin.register(Grant)
class GrantAdmin(SavesThroughServicesMixin, SpreadsheetImportExportMixin, HistoryTranslationAdmin):
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
    search_fields = ("reference", *translated("title", "grantee__name"))
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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # grant_update does not move a grant to another programme.
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "programme") if obj else readonly

    def save_model(self, request: HttpRequest, obj: Grant, form: Any, change: bool) -> None:
        data = form.cleaned_data
        fields = {name: value for name, value in data.items() if name in GRANT_EDITABLE_FIELDS}
        try:
            if change:
                saved = grant_update(grant=obj, communities=data.get("communities"), **fields)
            else:
                saved = grant_create(
                    programme=data["programme"], communities=data.get("communities"), **fields
                )
        except ValidationError as error:
            raise ServiceRefusal(error) from error
        adopt(obj, saved)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The communities were set by the service with the grant; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        grant: Grant = form.instance
        if formset.model is Disbursement:
            save_rows(formset, lambda row: save_disbursement(row, grant), payment_change)
        elif formset.model is GrantReport:
            save_rows(formset, lambda row: save_grant_report(row, grant))
        else:
            super().save_formset(request, form, formset, change)

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
class DisbursementAdmin(FallbackMarkerAdminMixin, SavesThroughServicesMixin, SimpleHistoryAdmin):
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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "grant") if obj else readonly

    def save_model(self, request: HttpRequest, obj: Disbursement, form: Any, change: bool) -> None:
        try:
            saved = save_disbursement(form, obj.grant)
        except ValidationError as error:
            raise ServiceRefusal(error) from error
        adopt(obj, saved)


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", gettext("Overdue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[GrantReport]) -> Any:
        if self.value() == "yes":
            return queryset.overdue(timezone.localdate())  # type: ignore[attr-defined]  # the admin's queryset is GrantReport.objects, a GrantReportQuerySet
        return queryset


@admin.register(GrantReport)
class GrantReportAdmin(FallbackMarkerAdminMixin, SavesThroughServicesMixin, SimpleHistoryAdmin):
    list_display = ("grant", "kind", "due_date", "received_on", "status")
    list_filter = (OverdueFilter, "kind", "status", "grant__programme")
    list_select_related = ("grant",)
    raw_id_fields = ("grant",)
    search_fields = ("grant__reference", *translated("grant__title"))
    date_hierarchy = "due_date"
    fields = ("grant", "kind", "due_date", "received_on", "status", "note")
    actions = ["accept_reports"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "grant") if obj else readonly

    def save_model(self, request: HttpRequest, obj: GrantReport, form: Any, change: bool) -> None:
        try:
            saved = save_grant_report(form, obj.grant)
        except ValidationError as error:
            raise ServiceRefusal(error) from error
        adopt(obj, saved)

    @admin.action(description=_("Accept the selected reports"))
    def accept_reports(self, request: HttpRequest, queryset: QuerySet[GrantReport]) -> None:
        accepted = 0
        for report in queryset.select_related("grant"):
            try:
                grant_report_mark_received(
                    report=report, received_on=report.received_on, status=ReportStatus.ACCEPTED
                )
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, f"{report}: {message}", messages.ERROR)
            else:
                accepted += 1
        if accepted:
            self.message_user(
                request,
                ngettext("%(count)d report accepted.", "%(count)d reports accepted.", accepted)
                % {"count": accepted},
                messages.SUCCESS,
            )
