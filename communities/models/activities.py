"""The activity log. It sits here, not in projects: an activity links a project to
communities, plan actions and meetings, so it belongs to the cycle of security, one layer
above projects (docs/architecture.md). The tables keep their projects_* names so no data
moved."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communities.models.cycle import Meeting
from communities.models.location import FieldLocation, location_constraints
from communities.models.places import Community
from communities.models.plans import PlanAction
from core.reversing import reverse_one
from core.uploads import (
    activity_attachment_path,
    activity_photo_original_path,
    activity_photo_path,
    activity_thumbnail_path,
    image_check,
    image_fields_clean,
    image_thumbnail,
)
from projects.models import public_project_q

logger = logging.getLogger(__name__)


class ActivityHistory(HistoricalRecords):
    """Historical records whose many-to-many history table keeps the name it had when the
    activity log lived in projects: simple-history names it after the app otherwise."""

    def get_meta_options_m2m(self, through_model: Any) -> dict[str, Any]:
        options = super().get_meta_options_m2m(through_model)
        options["db_table"] = (
            f"projects_historical{through_model._meta.db_table[len('projects_') :]}"
        )
        return options


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
        """What the public may see: published, on a public, unarchived project, and not an
        illustrative demo record (made up, so never shown or counted as fact).

        Written out again in SQL by the triggers that keep ``is_public_news`` on the links
        to communities (migration communities 0019, for a place's newest news): change both
        together; tests/communities/test_place_news.py checks they agree."""
        return self.filter(
            public_project_q("project__"), status=ActivityStatus.PUBLISHED, is_illustrative=False
        )


class Activity(FieldLocation):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="activities"
    )
    communities = models.ManyToManyField(Community, blank=True, related_name="activities")
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Empty (NULL) when the source gives no count: unknown is not the same as nobody, and
    # every sum skips it.
    women = models.PositiveIntegerField(_("women"), null=True, blank=True, default=None)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True, default=None)
    youth = models.PositiveIntegerField(
        _("youth"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Of the women and men, how many were young people."),
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
    # Made on the phone when the activity enters its outbox, so a report sent again after a
    # dropped connection finds the activity already made instead of making a second one.
    client_key = models.UUIDField(
        _("outbox key"), null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # History: registered in communities/translation.py (core.history), as ActivityHistory.
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
            # The news sitemap read from this small index instead of the wide rows: its
            # count (0.23 s -> 0.03 s at 50,000 activities) and its pages in id order
            # (0.39 s -> 0.09 s for a page 36,000 rows in).
            models.Index(
                fields=["id", "project"],
                name="activity_public_news",
                include=["updated_at"],
                condition=Q(status="published", is_illustrative=False),
            ),
        ]
        constraints = [
            # Typed operands: Django's full_clean checks this with the record's values as
            # parameters, and PostgreSQL cannot add two untyped NULLs (unknown counts); it
            # logged "operator is not unique" and skipped the check. A NULL count still
            # passes, as in the table's own CHECK: unknown is not a breach.
            models.CheckConstraint(
                name="activity_youth_within_participants",
                condition=Q(
                    youth__lte=Cast("women", models.IntegerField())
                    + Cast("men", models.IntegerField())
                ),
            ),
            models.CheckConstraint(
                name="activity_published_has_timestamp",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
            *location_constraints("activity"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse_one("projects:news_detail", "pk", self.pk)

    @property
    def participants(self) -> int | None:
        if self.women is None and self.men is None:
            return None
        return (self.women or 0) + (self.men or 0)


class PhotoStatus(models.TextChoices):
    # Uploaded and checked; the photo job has not yet written the clean copy. Only the
    # original exists, and it is never served (config/media.py).
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    # The job gave up (its error is on the BackgroundJob); the original is deleted.
    FAILED = "failed", _("Could not be processed")


class ActivityPhotoQuerySet(models.QuerySet["ActivityPhoto"]):
    def ready(self) -> ActivityPhotoQuerySet:
        return self.filter(status=PhotoStatus.READY)


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    # Empty while the photo is processing (or failed): only a ready photo has an image.
    image = models.ImageField(
        _("photo"),
        upload_to=activity_photo_path,
        width_field="width",
        height_field="height",
        blank=True,
    )
    # A FileField, not an ImageField: the pre_save receiver re-encodes every new image, and
    # that slow work is exactly what the photo job takes out of the request.
    original = models.FileField(upload_to=activity_photo_original_path, blank=True, editable=False)
    status = models.CharField(
        max_length=12, choices=PhotoStatus.choices, default=PhotoStatus.READY, editable=False
    )
    thumbnail = models.ImageField(upload_to=activity_thumbnail_path, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityPhotoQuerySet.as_manager()

    # History: registered in communities/translation.py (core.history).

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_activityphoto"
        ordering = ["activity", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or f"{self.activity} #{self.position}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every path gets a stripped image and a thumbnail: pages show the thumbnail, and a
        # photo without one (added in the admin) used to break them.
        image_fields_clean(self)
        if self.image and not self.thumbnail:
            try:
                self.thumbnail = image_thumbnail(self.image)
            except ValidationError:
                # A file stored long ago that Pillow cannot read: the pages fall back to
                # the image itself, so the record is still saved.
                logger.warning("No thumbnail for unreadable photo %s", self.image.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        # A photo added in the admin (or an import) gets the staff form's checks, with the
        # same messages, before anything is decoded.
        if self.image and not getattr(self.image, "_committed", True):
            image_check(self.image.file)


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
