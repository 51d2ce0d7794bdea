"""Donor report files made by a background worker (core/jobs.py handlers).

The worker checks access exactly as the page does: the filter form is validated again for
the user who asked, so a job can only cover projects and donors that user may report on.
"""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from core.jobs import JobFailed, JobResult, Progress
from core.models import BackgroundJob
from reports import exports
from reports.forms import ReportFilterForm
from reports.pdf import weasyprint_available, worker_request
from reports.report import cached_report
from reports.staff_views import PAGE_TABLE_ROWS, _filename, donor_report_pdf_bytes


def _form(job: BackgroundJob) -> ReportFilterForm:
    user = job.created_by
    if user is None or not user.is_active:
        raise JobFailed(_("The user who asked for this report no longer has access."))
    form = ReportFilterForm(QueryDict(job.params.get("query", "")), user=user, require_subject=True)
    if not form.is_valid():
        raise JobFailed(_("The report's filters are no longer valid: open the report again."))
    return form


def donor_report_xlsx(job: BackgroundJob, progress: Progress) -> JobResult:
    form = _form(job)
    progress(0, 2)
    report = cached_report(form.indicator_filter())
    progress(1)
    content = exports.report_workbook(report)
    progress(2)
    return JobResult(
        message=_("The Excel file is ready."),
        file_name=_filename(form, ".xlsx"),
        content=content,
    )


def donor_report_pdf(job: BackgroundJob, progress: Progress) -> JobResult:
    if not weasyprint_available():
        raise JobFailed(
            _("PDF files cannot be made on this server; use the print view of the report.")
        )
    form = _form(job)
    progress(0, 2)
    report = cached_report(form.indicator_filter(), table_rows=PAGE_TABLE_ROWS)
    progress(1)
    request = worker_request(job.created_by, reverse("staff:donor_report"))
    content = donor_report_pdf_bytes(request, form, report, query=job.params.get("query", ""))
    progress(2)
    return JobResult(
        message=_("The PDF file is ready."), file_name=_filename(form, ".pdf"), content=content
    )
