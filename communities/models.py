"""Where the work happens and the cycle of security itself: the gazetteer, problems raised
by residents, working groups, their meetings, joint prevention plans, co-financing, the
communities each project targets and the activity log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Country, Currency, Sex
from core.uploads import activity_attachment_path, activity_photo_path, activity_thumbnail_path
from projects.models import public_project_q

# --- Gazetteer -------------------------------------------------------------------------


class RegionKind(models.TextChoices):
    OBLAST = "oblast", _("Oblast")
    VILOYAT = "viloyat", _("Viloyat")
    AUTONOMOUS_REGION = "autonomous_region", _("Autonomous region")
    REPUBLICAN_SUBORDINATION = (
        "republican_subordination",
        _("Districts of republican subordination"),
    )
    CITY = "city", _("City of republican significance")


class DistrictKind(models.TextChoices):
    DISTRICT = "district", _("District")
    CITY = "city", _("City")
    CITY_DISTRICT = "city_district", _("City district")


class CommunityKind(models.TextChoices):
    AYIL_AIMAK = "ayil_aimak", _("Ayil aimak")
    JAMOAT = "jamoat", _("Jamoat")
    TOWN = "town", _("Town")
    CITY = "city", _("City")
    URBAN_SETTLEMENT = "urban_settlement", _("Urban-type settlement")
    CITY_DISTRICT = "city_district", _("City district")


class GazetteerUnit(models.Model):
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # Names come from published sources only, so some languages stay empty; at least one
    # is always present and modeltranslation falls back to it.
    name = models.CharField(_("name"), max_length=200, blank=True)
    soate_code = models.CharField(_("SOATE code"), max_length=14, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Normalised forms of every name in every language, space-joined with "|" separators,
    # so the lookup selector can match spelling variants without a query per name.
    lookup_names = models.TextField(blank=True, editable=False)
    source_note = models.TextField(_("source"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name or self.name_ru or self.name_en or "—"  # type: ignore[attr-defined]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _coordinates_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            name=f"{prefix}_latitude_range",
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
        ),
        models.CheckConstraint(
            name=f"{prefix}_longitude_range",
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
        ),
    ]


class Region(GazetteerUnit):
    code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=RegionKind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = _coordinates_constraints("region")

    def get_absolute_url(self) -> str:
        return reverse("communities:region_detail", kwargs={"code": self.code.lower()})


class District(GazetteerUnit):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    kind = models.CharField(_("type"), max_length=20, choices=DistrictKind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            *_coordinates_constraints("district"),
            models.UniqueConstraint(
                fields=["soate_code"],
                condition=~Q(soate_code=""),
                name="district_unique_soate_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("communities:district_detail", kwargs={"pk": self.pk})


class CommunityQuerySet(models.QuerySet["Community"]):
    def covered(self) -> CommunityQuerySet:
        """Communities that are the target of at least one public project."""
        return self.filter(public_project_q("project_links__project__")).distinct()


class Community(GazetteerUnit):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communities")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="communities"
    )
    kind = models.CharField(_("type"), max_length=20, choices=CommunityKind.choices)

    history = HistoricalRecords()
    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        permissions = [
            ("import_community", "Can import communities"),
            ("export_community", "Can export communities"),
        ]
        constraints = [
            *_coordinates_constraints("community"),
            models.UniqueConstraint(
                fields=["soate_code"],
                condition=~Q(soate_code=""),
                name="community_unique_soate_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("communities:community_detail", kwargs={"pk": self.pk})


# --- Problems raised by residents -----------------------------------------------------


class ProblemCategory(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Child abuse, suicide, domestic violence and the like: public pages only show them
    # folded into "other protection concerns", never one by one.
    sensitive = models.BooleanField(_("sensitive"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:communities_problemcategory_change", args=[self.pk])


class AssessmentMethod(models.TextChoices):
    COMMUNITY_MEETING = "community_meeting", _("Community meeting")
    SURVEY = "survey", _("Survey")
    FOCUS_GROUP = "focus_group", _("Focus group")
    INTERVIEWS = "interviews", _("Interviews")


class Assessment(models.Model):
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="assessments")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="assessments"
    )
    working_group = models.ForeignKey(
        "WorkingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    date = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=30, choices=AssessmentMethod.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    youth = models.PositiveIntegerField(_("youth"), default=0)
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                name="assessment_youth_within_participants",
                condition=Q(youth__lte=models.F("women") + models.F("men")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} — {self.community} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("staff:assessment_detail", kwargs={"pk": self.pk})

    @property
    def participants(self) -> int:
        return self.women + self.men


class RaisedBy(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    POLICE = "police", _("Police")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    SCHOOL = "school", _("School")
    YOUTH = "youth", _("Young people")
    WOMEN = "women", _("Women's council")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


class ProblemStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    PRIORITISED = "prioritised", _("Prioritised")
    IN_PLAN = "in_plan", _("In the plan")
    RESOLVED = "resolved", _("Resolved")
    DROPPED = "dropped", _("Dropped")


class IdentifiedProblem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="problems")
    category = models.ForeignKey(ProblemCategory, on_delete=models.PROTECT, related_name="problems")
    description = models.TextField(_("description"))
    raised_by = models.CharField(
        _("raised by"), max_length=30, choices=RaisedBy.choices, default=RaisedBy.RESIDENTS
    )
    votes = models.PositiveIntegerField(_("votes or score"), default=0)
    priority_rank = models.PositiveSmallIntegerField(_("priority rank"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProblemStatus.choices,
        default=ProblemStatus.IDENTIFIED,
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "priority_rank", "-votes", "id"]
        verbose_name = _("identified problem")
        verbose_name_plural = _("identified problems")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "priority_rank"],
                condition=Q(priority_rank__isnull=False),
                name="identified_problem_unique_rank",
            ),
            models.CheckConstraint(
                name="identified_problem_rank_positive",
                condition=Q(priority_rank__isnull=True) | Q(priority_rank__gte=1),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return self.assessment.get_absolute_url()


# --- Working groups --------------------------------------------------------------------


class WorkingGroupStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DISSOLVED = "dissolved", _("Dissolved")


class WorkingGroupQuerySet(models.QuerySet["WorkingGroup"]):
    def active(self) -> WorkingGroupQuerySet:
        return self.filter(status=WorkingGroupStatus.ACTIVE, is_archived=False)


class WorkingGroup(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="working_groups"
    )
    # The facilitating NGO owns the group's records, including members' personal data.
    organisation = models.ForeignKey(
        "projects.Organisation", on_delete=models.PROTECT, related_name="working_groups"
    )
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="working_groups")
    name = models.CharField(_("name"), max_length=300)
    established_on = models.DateField(_("date established"), null=True, blank=True)
    founding_act_number = models.CharField(_("founding act number"), max_length=60, blank=True)
    founding_act_issued_by = models.CharField(
        _("founding act issued by"), max_length=300, blank=True
    )
    founding_act_date = models.DateField(_("founding act date"), null=True, blank=True)
    chair = models.ForeignKey(
        "Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkingGroupStatus.choices,
        default=WorkingGroupStatus.ACTIVE,
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[projects])
    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["community", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="working_group_unique_name_in_community"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("staff:working_group_detail", kwargs={"pk": self.pk})


class Sector(models.TextChoices):
    ACTIVIST = "activist", _("Activist")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    POLICE = "police", _("Police")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    RELIGIOUS_LEADER = "religious_leader", _("Religious leader")
    YOUTH = "youth", _("Youth")
    WOMENS_COUNCIL = "womens_council", _("Women's council")
    ELDERS_COURT = "elders_court", _("Elders' court (aksakal court)")
    BUSINESS = "business", _("Business")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_44 = "30_44", _("30–44")
    AGE_45_59 = "45_59", _("45–59")
    AGE_60_PLUS = "60_plus", _("60 and over")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on=None) -> MembershipQuerySet:  # type: ignore[no-untyped-def]
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class Membership(models.Model):
    """A person on a working group. Names and contacts are personal data: never public."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["working_group", "role", "full_name"]
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "full_name"], name="membership_unique_person_in_group"
            ),
            models.CheckConstraint(
                name="membership_left_after_joined",
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return self.working_group.get_absolute_url()


class MeetingKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working-group meeting")
    COMMUNITY = "community", _("Community meeting")
    PUBLIC_HEARING = "public_hearing", _("Public hearing")
    TRAINING = "training", _("Training")


class Meeting(models.Model):
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("type"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.WORKING_GROUP
    )
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    youth = models.PositiveIntegerField(_("youth"), default=0)
    members_present = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_attended"
    )
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[members_present])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["working_group", "-date"], name="meeting_group_date")]
        constraints = [
            models.CheckConstraint(
                name="meeting_youth_within_participants",
                condition=Q(youth__lte=models.F("women") + models.F("men")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.working_group} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("staff:meeting_detail", kwargs={"pk": self.pk})

    @property
    def participants(self) -> int:
        return self.women + self.men


# --- Joint prevention plans ------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")


class JointPlanQuerySet(models.QuerySet["JointPlan"]):
    def approved(self) -> JointPlanQuerySet:
        return self.exclude(status=PlanStatus.DRAFT)


class JointPlan(models.Model):
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="plans")
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.CharField(
        _("approving body"), max_length=300, blank=True, help_text=_("e.g. the local council")
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    presented_on = models.DateField(_("public presentation date"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = JointPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("joint prevention plan")
        verbose_name_plural = _("joint prevention plans")
        constraints = [
            models.CheckConstraint(
                name="joint_plan_period_order",
                condition=Q(period_end__gte=models.F("period_start")),
            ),
            models.CheckConstraint(
                name="joint_plan_approved_has_date",
                condition=Q(status="draft") | Q(approval_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staff:plan_detail", kwargs={"pk": self.pk})


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class PlanAction(models.Model):
    plan = models.ForeignKey(JointPlan, on_delete=models.PROTECT, related_name="actions")
    problems = models.ManyToManyField(IdentifiedProblem, blank=True, related_name="actions")
    description = models.TextField(_("description"))
    responsible_organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_actions",
    )
    partners = models.ManyToManyField(
        "projects.Organisation", blank=True, related_name="partner_actions"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[problems, partners])

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        indexes = [
            models.Index(fields=["status", "due_date"], name="plan_action_status_due"),
            # The staff "due soon" list: open actions in due-date order.
            models.Index(
                fields=["due_date", "id"],
                name="planaction_open_due_idx",
                condition=~Q(status__in=["done", "cancelled"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="plan_action_due_after_start",
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="plan_action_done_has_completion_date",
                condition=~Q(status="done") | Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()

    @property
    def done_on_time(self) -> bool:
        return (
            self.status == ActionStatus.DONE
            and self.completed_on is not None
            and (self.due_date is None or self.completed_on <= self.due_date)
        )


class ContributionSource(models.TextChoices):
    LOCAL_BUDGET = "local_budget", _("Local budget")
    NATIONAL_BUDGET = "national_budget", _("National budget")
    BUSINESS = "business", _("Business")
    DONOR = "donor", _("International organisation or donor")
    RESIDENTS_CASH = "residents_cash", _("Residents (cash)")
    RESIDENTS_IN_KIND = "residents_in_kind", _("Residents (in-kind labour)")


class ContributionState(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    RECEIVED = "received", _("Received")


class Contribution(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="contributions")
    source_type = models.CharField(_("source"), max_length=30, choices=ContributionSource.choices)
    contributor = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    state = models.CharField(
        _("pledged or received"),
        max_length=10,
        choices=ContributionState.choices,
        default=ContributionState.PLEDGED,
    )
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "date", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["source_type", "state"], name="contribution_source")]
        constraints = [
            models.CheckConstraint(name="contribution_amount_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.get_source_type_display()})"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()


# --- Target communities and the activity log --------------------------------------------
# They sit here, not in projects: an activity links a project to communities, plan actions
# and meetings, so it belongs to the cycle of security, one layer above projects
# (docs/architecture.md). The tables keep their projects_* names so no data moves.


class ActivityHistory(HistoricalRecords):
    """Historical records whose many-to-many history table keeps the name it had when the
    activity log lived in projects: simple-history names it after the app otherwise."""

    def get_meta_options_m2m(self, through_model: Any) -> dict[str, Any]:
        options = super().get_meta_options_m2m(through_model)
        options["db_table"] = (
            f"projects_historical{through_model._meta.db_table[len('projects_') :]}"
        )
        return options


class ProjectCommunity(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="target_communities"
    )
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="project_links")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    population_covered = models.PositiveIntegerField(_("population covered"), null=True, blank=True)

    history = HistoricalRecords(table_name="projects_historicalprojectcommunity")

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_projectcommunity"
        ordering = ["project", "community"]
        verbose_name = _("target community")
        verbose_name_plural = _("target communities")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "community"], name="project_community_unique"
            ),
            models.CheckConstraint(
                name="project_community_end_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} — {self.project}"

    def get_absolute_url(self) -> str:
        return self.community.get_absolute_url()


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")
    CAMPAIGN = "campaign", _("Campaign")
    EXHIBITION = "exhibition", _("Exhibition")
    STUDY = "study", _("Study or assessment")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    MEDIATION = "mediation", _("Mediation")
    CULTURAL_EVENT = "cultural_event", _("Cultural or sport event")
    MEDIA = "media", _("Media")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def published(self) -> ActivityQuerySet:
        """What the public may see: published, on a public, unarchived project."""
        return self.filter(public_project_q("project__"), status=ActivityStatus.PUBLISHED)


class Activity(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="activities"
    )
    communities = models.ManyToManyField(Community, blank=True, related_name="activities")
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    youth = models.PositiveIntegerField(
        _("youth"), default=0, help_text=_("Of the women and men, how many were young people.")
    )
    plan_action = models.ForeignKey(
        PlanAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative demo record"),
        default=False,
        help_text=_("Made up for the demo; not taken from a source document."),
    )
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = ActivityHistory(table_name="projects_historicalactivity", m2m_fields=[communities])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_activity"
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            # Covering: the report figures (activities by type and by community over a
            # scope of projects) are read from the index alone, not the wide activity rows.
            models.Index(
                fields=["project", "-date"],
                name="activity_project_date_cover",
                include=["id", "kind", "status", "women", "men", "youth"],
            ),
            models.Index(fields=["status", "-date"], name="activity_status_date"),
            # The staff review queue: submitted activities in submission order.
            models.Index(
                fields=["submitted_at", "id"],
                name="activity_submitted_queue_idx",
                condition=Q(status="submitted"),
            ),
            models.Index(
                fields=["-published_at"],
                name="activity_published",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="activity_youth_within_participants",
                condition=Q(youth__lte=models.F("women") + models.F("men")),
            ),
            models.CheckConstraint(
                name="activity_published_has_timestamp",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:news_detail", kwargs={"pk": self.pk})

    @property
    def participants(self) -> int:
        return self.women + self.men


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to=activity_photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(upload_to=activity_thumbnail_path, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="projects_historicalactivityphoto")

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_activityphoto"
        ordering = ["activity", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or f"{self.activity} #{self.position}"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=activity_attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="projects_historicalactivityattachment")

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_activityattachment"
        ordering = ["activity", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()
