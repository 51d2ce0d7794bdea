"""Admin for the gazetteer and the cycle of security.

Translated models use modeltranslation's plain ``TranslationAdmin`` (each field's four
languages side by side, no tabs): the tabbed variant loads jQuery UI from a CDN, which the CSP
forbids. ``SimpleHistoryAdmin`` adds the History page to every model staff edit.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from communities.models import (
    Activity,
    ActivityAttachment,
    ActivityPhoto,
    Assessment,
    Community,
    Contribution,
    District,
    IdentifiedProblem,
    JointPlan,
    Meeting,
    Membership,
    PlanAction,
    ProblemCategory,
    ProjectCommunity,
    Region,
    WorkingGroup,
)
from communities.resources import CommunityResource
from communities.services import MEMBER_FIELDS
from core.admin_translations import FallbackMarkerAdminMixin
from core.forms import CHECKED_IMAGE_OVERRIDES
from core.i18n import translated
from core.spreadsheets.admin import SpreadsheetImportExportMixin
from projects.admin import ProjectAdmin


class HistoryTranslationAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """History page plus per-language fields."""


GAZETTEER_FIELDS = (
    "country",
    "kind",
    "name",
    "soate_code",
    "population",
    ("latitude", "longitude"),
    "source_note",
    "lookup_names",
)


@admin.register(Region)
class RegionAdmin(HistoryTranslationAdmin):
    list_display = ("code", "name", "kind", "country", "soate_code", "population")
    list_filter = ("country", "kind")
    search_fields = ("code", "name_en", "name_ru", "name_ky", "name_tg", "lookup_names")
    fields = ("code", *GAZETTEER_FIELDS)
    readonly_fields = ("lookup_names",)


@admin.register(District)
class DistrictAdmin(HistoryTranslationAdmin):
    list_display = ("name", "kind", "region", "country", "soate_code", "population")
    list_filter = ("country", "kind", "region")
    list_select_related = ("region",)
    search_fields = ("name_en", "name_ru", "name_ky", "name_tg", "soate_code", "lookup_names")
    autocomplete_fields = ("region",)
    fields = ("region", *GAZETTEER_FIELDS)
    readonly_fields = ("lookup_names",)


@admin.register(Community)
class CommunityAdmin(SpreadsheetImportExportMixin, HistoryTranslationAdmin):
    resource_classes = [CommunityResource]
    list_display = (
        "name",
        "kind",
        "district",
        "region",
        "country",
        "soate_code",
        "population",
        "has_location",
    )
    list_filter = ("country", "kind", "region")
    list_select_related = ("region", "district")
    search_fields = ("name_en", "name_ru", "name_ky", "name_tg", "soate_code", "lookup_names")
    autocomplete_fields = ("region", "district", "local_government")
    fields = ("region", "district", *GAZETTEER_FIELDS, "local_government")
    readonly_fields = ("lookup_names",)

    @admin.display(boolean=True, description=_("on the map"))
    def has_location(self, obj: Community) -> bool:
        return obj.has_location


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(HistoryTranslationAdmin):
    list_display = ("name", "slug", "sensitive", "position")
    list_filter = ("sensitive",)
    list_editable = ("position",)
    search_fields = ("slug", "name_en", "name_ru", "name_ky", "name_tg")
    fields = ("slug", "name", "sensitive", "position")


class IdentifiedProblemInline(admin.TabularInline):
    model = IdentifiedProblem
    extra = 0
    fields = ("category", "description", "raised_by", "votes", "priority_rank", "status")
    autocomplete_fields = ("category",)


@admin.register(Assessment)
class AssessmentAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "date",
        "community",
        "project",
        "method",
        "women",
        "men",
        "youth",
        "is_illustrative",
    )
    list_filter = ("method", "is_illustrative", "community__region")
    list_select_related = ("community", "project")
    search_fields = ("title", "notes", *translated("community__name"))
    autocomplete_fields = ("community", "project", "working_group")
    date_hierarchy = "date"
    fields = (
        "community",
        "project",
        "working_group",
        "date",
        "method",
        "title",
        "notes",
        ("women", "men", "youth"),
        "is_illustrative",
    )
    inlines = (IdentifiedProblemInline,)


@admin.register(IdentifiedProblem)
class IdentifiedProblemAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("category", "assessment", "raised_by", "votes", "priority_rank", "status")
    list_filter = ("status", "raised_by", "category")
    list_select_related = ("category", "assessment__community")
    search_fields = ("description",)
    autocomplete_fields = ("assessment", "category")
    fields = (
        "assessment",
        "category",
        "description",
        "raised_by",
        "votes",
        "priority_rank",
        "status",
        "resolved_on",
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    # The same fields staff edit in the workspace, so the two forms never drift apart.
    fields = MEMBER_FIELDS


@admin.register(WorkingGroup)
class WorkingGroupAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "community", "organisation", "status", "established_on", "is_archived")
    list_filter = ("status", "is_archived", "community__region")
    list_select_related = ("community", "organisation")
    search_fields = ("name", *translated("community__name"), "founding_act_number")
    autocomplete_fields = ("community", "communities", "organisation", "projects", "chair")
    fields = (
        "name",
        "community",
        "communities",
        "organisation",
        "projects",
        "status",
        "established_on",
        ("founding_act_number", "founding_act_date"),
        "founding_act_issued_by",
        "chair",
        "is_archived",
        "source_note",
    )
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "working_group", "sector", "role", "sex", "joined_on", "left_on")
    list_filter = ("sector", "role", "sex", "age_band")
    list_select_related = ("working_group",)
    search_fields = ("full_name", "position", "organisation_name", "working_group__name")
    autocomplete_fields = ("working_group",)
    fields = (
        "working_group",
        "full_name",
        ("sex", "age_band"),
        "sector",
        "position",
        "organisation_name",
        "role",
        ("joined_on", "left_on"),
        ("phone", "email"),
    )


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("date", "working_group", "kind", "women", "men", "youth", "is_illustrative")
    list_filter = ("kind", "is_illustrative")
    list_select_related = ("working_group",)
    search_fields = ("agenda", "decisions", "working_group__name")
    autocomplete_fields = ("working_group", "members_present")
    date_hierarchy = "date"
    fields = (
        "working_group",
        "date",
        "kind",
        "agenda",
        "decisions",
        ("women", "men", "youth"),
        "members_present",
        "is_illustrative",
        "source_note",
    )


class PlanActionInline(TranslationStackedInline):
    model = PlanAction
    extra = 0
    fields = (
        "position",
        "description",
        "responsible_organisation",
        ("start_date", "due_date"),
        ("status", "completed_on"),
        "result_note",
    )
    autocomplete_fields = ("responsible_organisation",)
    show_change_link = True


@admin.register(JointPlan)
class JointPlanAdmin(HistoryTranslationAdmin):
    list_display = (
        "title",
        "community",
        "working_group",
        "status",
        "period_start",
        "period_end",
        "approval_date",
        "is_illustrative",
    )
    list_filter = ("status", "is_illustrative", "community__region")
    list_select_related = ("community", "working_group")
    search_fields = ("title_en", "title_ru", "title_ky", "title_tg", "decision_number")
    autocomplete_fields = ("community", "working_group")
    fields = (
        "title",
        "community",
        "working_group",
        ("period_start", "period_end"),
        "status",
        "approved_by",
        ("decision_number", "approval_date"),
        "presented_on",
        "is_illustrative",
        "source_note",
    )
    inlines = (PlanActionInline,)


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ("source_type", "contributor", "amount", "currency", "state", "date", "note")
    autocomplete_fields = ("contributor",)


@admin.register(PlanAction)
class PlanActionAdmin(HistoryTranslationAdmin):
    list_display = (
        "__str__",
        "plan",
        "status",
        "start_date",
        "due_date",
        "completed_on",
        "responsible_organisation",
    )
    list_filter = ("status",)
    list_select_related = ("plan", "responsible_organisation")
    search_fields = ("description_en", "description_ru", "description_ky", "description_tg")
    autocomplete_fields = ("plan", "responsible_organisation", "partners", "problems")
    fields = (
        "plan",
        "position",
        "description",
        "problems",
        "responsible_organisation",
        "partners",
        ("start_date", "due_date"),
        ("status", "completed_on"),
        "result_note",
    )
    inlines = (ContributionInline,)


@admin.register(Contribution)
class ContributionAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "action", "plan", "project", "contributor", "state", "date")
    list_filter = ("source_type", "state", "currency", "kind")
    list_select_related = ("action", "plan", "project", "contributor")
    search_fields = ("note", *translated("contributor__name"))
    autocomplete_fields = ("action", "plan", "project", "contributor")
    date_hierarchy = "date"
    fields = (
        ("action", "plan", "project"),
        "source_type",
        "kind",
        "contributor",
        ("amount", "currency"),
        "state",
        "date",
        ("pledged_amount", "pledged_on"),
        "document",
        "note",
    )


# --- Target communities and the activity log ------------------------------------------


class ProjectCommunityInline(admin.TabularInline):
    model = ProjectCommunity
    extra = 0
    fields = ("community", "start_date", "end_date", "population_covered")
    autocomplete_fields = ("community",)


# The project form lists its target communities; the inline is added from here because
# projects sits below communities and must not import it.
ProjectAdmin.inlines = (*ProjectAdmin.inlines, ProjectCommunityInline)


@admin.register(ProjectCommunity)
class ProjectCommunityAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("community", "project", "start_date", "end_date", "population_covered")
    list_filter = ("community__region",)
    list_select_related = ("community", "project")
    search_fields = translated("community__name", "project__title")
    autocomplete_fields = ("community", "project")
    fields = ("project", "community", "start_date", "end_date", "population_covered")


class ActivityPhotoInline(TranslationTabularInline):
    model = ActivityPhoto
    extra = 0
    formfield_overrides = CHECKED_IMAGE_OVERRIDES
    fields = ("image", "caption", "position")


class ActivityAttachmentInline(admin.TabularInline):
    model = ActivityAttachment
    extra = 0
    fields = ("file", "original_name")


@admin.register(Activity)
class ActivityAdmin(HistoryTranslationAdmin):
    list_display = (
        "date",
        "title",
        "project",
        "kind",
        "status",
        "women",
        "men",
        "youth",
        "is_illustrative",
        "author",
    )
    list_filter = ("status", "kind", "is_illustrative", "project")
    list_select_related = ("project", "author")
    search_fields = ("title_en", "title_ru", "title_ky", "title_tg", "source_note")
    autocomplete_fields = (
        "project",
        "communities",
        "plan_action",
        "meeting",
        "author",
        "reviewed_by",
    )
    date_hierarchy = "date"
    fieldsets = (
        (None, {"fields": ("project", "communities", "date", "kind", "title", "description")}),
        (_("Participants"), {"fields": (("women", "men", "youth"),)}),
        (_("Links"), {"fields": ("plan_action", "meeting")}),
        (
            _("Review"),
            {
                "fields": (
                    "status",
                    "author",
                    "reviewed_by",
                    "review_comment",
                    "submitted_at",
                    "published_at",
                    "is_illustrative",
                    "source_note",
                )
            },
        ),
    )
    inlines = (ActivityPhotoInline, ActivityAttachmentInline)


@admin.register(ActivityPhoto)
class ActivityPhotoAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("__str__", "activity", "position", "width", "height")
    list_select_related = ("activity",)
    search_fields = translated("caption", "activity__title")
    autocomplete_fields = ("activity",)
    fields = ("activity", "image", "caption", "position")
    formfield_overrides = CHECKED_IMAGE_OVERRIDES


@admin.register(ActivityAttachment)
class ActivityAttachmentAdmin(FallbackMarkerAdminMixin, SimpleHistoryAdmin):
    list_display = ("original_name", "activity", "content_type", "size", "created_at")
    list_select_related = ("activity",)
    search_fields = ("original_name", *translated("activity__title"))
    autocomplete_fields = ("activity",)
    fields = ("activity", "file", "original_name", "content_type", "size")
