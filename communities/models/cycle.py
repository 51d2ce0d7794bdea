"""Problems raised by residents, the assessments that record them, working groups, their
members and meetings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communities.models.location import FieldLocation, location_constraints
from communities.models.places import Community
from core.choices import Sex

# --- Problems raised by residents -----------------------------------------------------


class ProblemCategory(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Child abuse, suicide, domestic violence and the like: public pages only show them
    # folded into "other protection concerns", never one by one.
    sensitive = models.BooleanField(_("sensitive"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    # History: registered in communities/translation.py (core.history).

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
    # The community the group sits in (its seat); ``communities`` lists every community it
    # covers, which may be several municipalities of a district, and always includes this one.
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="working_groups"
    )
    communities = models.ManyToManyField(
        Community,
        blank=True,
        related_name="covering_working_groups",
        verbose_name=_("communities covered"),
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

    history = HistoricalRecords(m2m_fields=[projects, communities])
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
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:

        day = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class Membership(models.Model):
    """A seat on a working group, held by a named person or by a body (the district akimiat,
    the police department). Names and contacts are personal data: never public. Seats are
    never deleted: a member who leaves gets ``left_on``, and ``replaced_by`` their successor."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    body = models.CharField(
        _("body holding the seat"),
        max_length=300,
        blank=True,
        help_text=_("For a seat held by an institution rather than a named person."),
    )
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
    leave_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["working_group", "role", "full_name"]
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        indexes = [
            # Covering: members by sector and sex of a place's groups (working_group_summary)
            # read from the index alone, a few entries per group, never the wide rows.
            models.Index(
                fields=["working_group", "sector", "sex"],
                name="membership_group_sector_cover",
                include=["left_on", "id"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "full_name"],
                condition=~Q(full_name=""),
                name="membership_unique_person_in_group",
            ),
            models.CheckConstraint(
                name="membership_person_or_body",
                condition=~Q(full_name="") | ~Q(body=""),
            ),
            models.CheckConstraint(
                name="membership_left_after_joined",
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
            ),
        ]

    def __str__(self) -> str:
        if self.full_name and self.body:
            return f"{self.full_name} ({self.body})"
        return self.full_name or self.body

    def get_absolute_url(self) -> str:
        return self.working_group.get_absolute_url()

    @property
    def is_body_seat(self) -> bool:
        return not self.full_name and bool(self.body)

    @property
    def has_left(self) -> bool:
        return self.left_on is not None and self.left_on <= timezone.localdate()


class MeetingKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working-group meeting")
    COMMUNITY = "community", _("Community meeting")
    PUBLIC_HEARING = "public_hearing", _("Public hearing")
    TRAINING = "training", _("Training")


class Meeting(FieldLocation):
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_recorded",
    )
    # Made on the phone when the meeting enters its outbox (as Activity.client_key): a
    # meeting sent again after a dropped connection is found, not recorded twice.
    client_key = models.UUIDField(
        _("outbox key"), null=True, blank=True, unique=True, editable=False
    )
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
            *location_constraints("meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.working_group} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("staff:meeting_detail", kwargs={"pk": self.pk})

    @property
    def participants(self) -> int:
        return self.women + self.men


# --- Joint prevention plans ------------------------------------------------------------
