"""Admin for the plumbing records: failed background jobs with their error, notices sent."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.models import BackgroundJob, SentNotice


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by workers. A failed job shows its full error here."""

    list_display = ("created_at", "kind", "state", "progress_shown", "created_by", "error_line")
    list_filter = ("state", "kind")
    list_select_related = ("created_by",)
    search_fields = ("kind", "error", "created_by__username")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in BackgroundJob._meta.fields]

    @admin.display(description=_("progress"))
    def progress_shown(self, job: BackgroundJob) -> str:
        return f"{job.progress} / {job.total}" if job.total else "—"

    @admin.display(description=_("error"))
    def error_line(self, job: BackgroundJob) -> str:
        # The last line of a traceback names the exception; the whole text is on the page.
        lines = [line for line in job.error.splitlines() if line.strip()]
        return format_html("<code>{}</code>", lines[-1][:200]) if lines else ""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SentNotice)
class SentNoticeAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "key", "recipients")
    search_fields = ("key",)
    readonly_fields = ("key", "recipients", "sent_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
