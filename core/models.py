"""Plumbing records shared by every app: the stored search document of each public record
(core.search), background jobs and the log of notices sent.

None names a domain model. Each app registers how its records become search documents
(``core.search_index.register_search_section``); the table holds them generically by content
type and id, with the titles every language needs to show a result without loading the
record. A job's kind is a key of ``settings.BACKGROUND_JOB_HANDLERS`` and its parameters are
plain JSON; a notice is found by a key its sender builds.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SearchDocumentQuerySet(models.QuerySet["SearchDocument"]):
    def in_section(self, section: str) -> SearchDocumentQuerySet:
        return self.filter(section=section)


class SearchDocument(models.Model):
    """One per public record. The PostgreSQL-only columns (the two ``tsvector``s) are filled
    by ``core.search_index`` in the statement that writes the rows; their GIN indexes are
    created by migration 0001, and the trigram indexes on ``title_names`` of the named
    sections by 0004 and 0006, on PostgreSQL only."""

    section = models.CharField(_("section"), max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # A path without its language prefix ("/projects/slug/"): the result link adds the
    # reader's language.
    path = models.CharField(max_length=300)
    title = models.CharField(_("title"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    date = models.DateField(null=True, blank=True)
    # Places outrank other records on the same words (the search page puts them first).
    boost = models.PositiveSmallIntegerField(default=0)
    # Every title in every language, acronyms and references: the weight-A text.
    title_text = models.TextField(blank=True)
    # Names of the places and organisations the record belongs to: the weight-B text.
    context_text = models.TextField(blank=True)
    # Summaries and descriptions: the weight-D text.
    body_text = models.TextField(blank=True)
    # Latin folds (core.translit) of every title and context word, and the gazetteer's
    # keys for places: cross-script matching (full text) and typo tolerance (trigrams).
    names = models.TextField(blank=True)
    # The same folds of the titles alone: a near match on the record's own name ranks first.
    title_names = models.TextField(blank=True)
    title_vector = SearchVectorField(null=True, editable=False)
    document = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="searchdocument_one_per_record"
            ),
        ]
        indexes = [
            models.Index(fields=["section", "-date", "-id"], name="searchdocument_section_date"),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.title or self.path}"

    def get_absolute_url(self) -> str:
        return f"/{get_language() or 'ru'}{self.path}"


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
