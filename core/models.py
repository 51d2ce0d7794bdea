"""Plumbing records shared by every app: background jobs and the log of notices sent.

Neither names a domain model: a job's kind is a key of ``settings.BACKGROUND_JOB_HANDLERS``
and its parameters are plain JSON, a notice is found by a key its sender builds.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class BackgroundJobQuerySet(models.QuerySet["BackgroundJob"]):
    def unfinished(self) -> BackgroundJobQuerySet:
        return self.filter(state__in=(JobState.QUEUED, JobState.RUNNING))

    def failed(self) -> BackgroundJobQuerySet:
        return self.filter(state=JobState.FAILED)


class BackgroundJob(models.Model):
    """Long work a Celery worker does for a user: a large import, a donor report file.

    The id is a UUID so a job's page cannot be found by counting. The row is the job's only
    result store: state, progress, the error an admin needs, and the file made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    state = models.CharField(
        _("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    progress = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    message = models.TextField(_("result"), blank=True)
    error = models.TextField(_("error"), blank=True)
    result_file = models.FileField(_("file"), upload_to="jobs/%Y/%m/", max_length=255, blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="background_jobs",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="job_by_user"),
            models.Index(fields=["state", "-created_at"], name="job_by_state"),
        ]
        constraints = [
            models.CheckConstraint(
                name="job_progress_within_total",
                condition=Q(total=0) | Q(progress__lte=models.F("total")),
            ),
            models.CheckConstraint(
                name="job_failed_has_error",
                condition=~Q(state="failed") | ~Q(error=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_state_display()}, {self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("staff:job_detail", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.progress / self.total))


class SentNotice(models.Model):
    """One e-mail notice that went out, found by the key its sender builds (for example
    ``grant-report:42:overdue:1``): a scheduled run that repeats, or a retried task, finds
    the key and does not send the same notice twice."""

    key = models.CharField(_("key"), max_length=200)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        constraints = [models.UniqueConstraint(fields=["key"], name="sent_notice_unique_key")]

    def __str__(self) -> str:
        return f"{self.key} ({self.sent_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("admin:core_sentnotice_change", args=[self.pk])
