"""Staff report pages: the indicator dashboard and the donor report in every format."""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import compress_string, slugify
from django.utils.translation import gettext

from core.cache import cached_fragment, read_fragment, store_fragment
from core.inputs import parse_id
from core.jobs import job_start
from projects.models import Organisation, Project
from reports import exports
from reports.access import report_organisation_ids
from reports.forms import FILTER_OPTION_SCOPES, ReportFilterForm
from reports.indicators.scope import IndicatorFilter
from reports.pdf import render_pdf, weasyprint_available
from reports.report import (
    REPORTED_NOTE,
    Report,
    cached_report,
    report_cache_key,
    report_scopes,
)

HEADLINE_CODES = (
    "coverage.communities",
    "coverage.people",
    "groups.active",
    "plans.approved",
    "cofinancing.total",
    "grants.awarded",
)


# Rows of the grants and plans tables on the page, its print view and the PDF; the XLSX and
# CSV downloads carry every row.
PAGE_TABLE_ROWS = 200


def _context(**extra: object) -> dict[str, object]:
    return {
        "currency": settings.REPORTING_CURRENCY,
        "headline_codes": HEADLINE_CODES,
        "reported_note": REPORTED_NOTE,
        **extra,
    }


def _report_body(
    request: HttpRequest,
    template: str,
    filters: IndicatorFilter,
    *,
    with_tables: bool,
    table_rows: int | None = None,
    **extra: object,
) -> SafeString:
    """The rendered figures, stored beside the report they come from (same scope versions,
    filter identity and language) and per variant of the page (print view, PDF, the query
    its CSV links repeat): hundreds of table rows cost more to render than to read. The
    report itself is only read from its own cache when these are missing: unpickling a
    whole donor's tables on every view cost more than the rest of the page."""
    variant = hashlib.sha256(repr(sorted(extra.items())).encode()).hexdigest()[:16]
    identity = report_cache_key(filters, with_tables=with_tables, table_rows=table_rows)

    def render_body() -> SafeString:
        report = cached_report(filters, with_tables=with_tables, table_rows=table_rows)
        return mark_safe(  # noqa: S308 - rendered by the template engine, autoescaped
            render_to_string(template, _context(report=report, **extra), request=request)
        )

    return cached_fragment(
        f"{identity}:html:{template}:{variant}", render_body, scopes=report_scopes(filters)
    )


def _filters_html(request: HttpRequest, form: ReportFilterForm) -> SafeString:
    """The filter form as rendered for this query string, the user's organisations and the
    versions of what its options show (``FILTER_OPTION_SCOPES``): its options (every
    reportable project, donor and community) are only loaded when it has to be rendered
    again, and a news item or a grant saved in between does not make it so."""
    scope = report_organisation_ids(request.user)
    query = sorted((key, request.GET.getlist(key)) for key in request.GET)
    digest = hashlib.sha256(repr((scope, query)).encode()).hexdigest()

    def render_form() -> SafeString:
        form.load_choices()
        return mark_safe(  # noqa: S308 - rendered by the template engine, autoescaped
            render_to_string("reports/_filters.html", {"form": form}, request=request)
        )

    return cached_fragment(
        f"report-filters-html:{digest}", render_form, scopes=FILTER_OPTION_SCOPES
    )


def _page(request: HttpRequest, form: ReportFilterForm, **extra: object) -> dict[str, object]:
    return _context(form=form, filters_html=_filters_html(request, form), **extra)


def cached_staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The whole page as rendered for this session, URL, content version and language.

    Report pages are read far more often than the figures change; a repeat view costs the
    session and user lookups and a cache read instead of the filter form, two fragments and
    the page around them. Keyed by a hash of the session key, so a page is only ever served
    to the login that rendered it (a new login is a new key, and login_required runs first).
    Pages showing flash messages or holding a CSRF token, and responses other than 200, are
    never stored. A page is stored gzipped, once: compressing a report's 100-200 KB on every
    repeat view cost more than the rest of the hit, and the compressed bytes are a tenth of
    what the cache sends back. A client that does not take gzip gets it decompressed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session_key = request.session.session_key
        if request.method != "GET" or not session_key or len(get_messages(request)):
            return view(request, *args, **kwargs)
        # Today's date too: a period without an end is taken as at today.
        page = f"{session_key}:{timezone.localdate()}:{request.get_full_path()}"
        identity = hashlib.sha256(page.encode()).hexdigest()
        key = f"staff-page:{identity}"
        stored = read_fragment(key)
        if stored is not None and len(stored) == 3:
            return _stored_page(request, *stored)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not getattr(response, "streaming", False)
            # A page holding a CSRF token (a form) must be rendered per response.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            compressed = compress_string(
                response.content, max_random_bytes=GZipMiddleware.max_random_bytes
            )
            store_fragment(key, (compressed, response["Content-Type"], "gzip"))
        return response

    return wrapper


def _stored_page(
    request: HttpRequest, compressed: bytes, content_type: str, _encoding: str
) -> HttpResponse:
    if not re.search(r"\bgzip\b", request.headers.get("Accept-Encoding", "")):
        # Compressed again per response by GZipMiddleware, as a rendered page is.
        return HttpResponse(gzip.decompress(compressed), content_type=content_type)
    response = HttpResponse(compressed, content_type=content_type)
    # What GZipMiddleware sets on a page it compresses; it leaves an encoded one alone.
    # (Staff pages are "no-store": ConditionalGetMiddleware gives them no ETag.)
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _filter_form(request: HttpRequest, *, require_subject: bool) -> ReportFilterForm:
    if not report_organisation_ids(request.user):
        # Logged in but on no organisation's staff: nothing to report on.
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None, user=request.user, require_subject=require_subject)
    if form.is_bound and not form.is_valid():
        # A project or donor the user may not report on is answered like a missing one:
        # we do not confirm that it exists.
        for name, model in (("project", Project), ("donor", Organisation)):
            pk = parse_id(request.GET.get(name))
            if name in form.errors and pk is not None and model.objects.filter(pk=pk).exists():
                raise Http404
    return form


def _filename(form: ReportFilterForm, suffix: str) -> str:
    data = form.cleaned_data
    subject = data.get("project") or data.get("donor")
    stem = slugify(getattr(subject, "slug", "") or "report")
    return f"report-{stem}-{timezone.localdate():%Y%m%d}{suffix}"


@login_required
@cached_staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request, require_subject=False)
    body = ""
    if not form.is_bound or form.is_valid():
        if not form.is_bound:
            form.cleaned_data = {}
        body = _report_body(
            request, "reports/_dashboard_body.html", form.indicator_filter(), with_tables=False
        )
    return render(request, "reports/dashboard.html", _page(request, form, report_body=body))


def _donor_report(
    request: HttpRequest, *, table_rows: int | None = None
) -> tuple[ReportFilterForm, Report | None]:
    form = _filter_form(request, require_subject=True)
    if not form.is_bound or not form.is_valid():
        return form, None
    return form, cached_report(form.indicator_filter(), table_rows=table_rows)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("print", None)
    return query.urlencode()


@login_required
@cached_staff_page
def donor_report(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request, require_subject=True)
    page = {"print_view": request.GET.get("print") == "1", "query": _query(request)}
    body, subject = "", None
    if form.is_bound and form.is_valid():
        filters = form.indicator_filter()
        subject = filters.project or filters.donor
        body = _report_body(
            request,
            "reports/_donor_report_body.html",
            filters,
            with_tables=True,
            table_rows=PAGE_TABLE_ROWS,
            **page,
        )
    return render(
        request,
        "reports/donor_report.html",
        _page(request, form, report_body=body, subject=subject, **page),
    )


@login_required
def donor_report_xlsx(request: HttpRequest) -> HttpResponse:
    form, report = _donor_report(request)
    if report is None:
        return render(request, "reports/donor_report.html", _page(request, form), status=400)
    response = HttpResponse(exports.report_workbook(report), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(form, ".xlsx")}"'
    return response


@login_required
def donor_report_csv(request: HttpRequest, table: str) -> HttpResponse:
    form, report = _donor_report(request)
    if report is None:
        return render(request, "reports/donor_report.html", _page(request, form), status=400)
    found = report.table(table)
    if found is None:
        raise Http404
    return exports.table_csv(found, _filename(form, f"-{slugify(table)}.csv"))


@login_required
def donor_report_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _donor_report(request, table_rows=PAGE_TABLE_ROWS)
    if report is None:
        return render(request, "reports/donor_report.html", _page(request, form), status=400)
    if not weasyprint_available():
        return render(
            request,
            "reports/pdf_unavailable.html",
            {"query": _query(request)},
            status=501,
        )
    pdf = donor_report_pdf_bytes(request, form, report, query=_query(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(form, ".pdf")}"'
    return response


def donor_report_pdf_bytes(
    request: HttpRequest, form: ReportFilterForm, report: Any, *, query: str
) -> bytes:
    """The print view rendered to PDF; ``request`` may be a worker's stand-in."""
    page = {"print_view": True, "pdf": True, "query": query}
    body = _report_body(
        request,
        "reports/_donor_report_body.html",
        report.filters,
        with_tables=True,
        table_rows=PAGE_TABLE_ROWS,
        **page,
    )
    subject = report.filters.project or report.filters.donor
    return render_pdf(
        "reports/donor_report.html",
        _context(form=form, report_body=body, subject=subject, **page),
        request,
    )


REPORT_JOB_KINDS = {"xlsx": "donor_report_xlsx", "pdf": "donor_report_pdf"}


@login_required
def donor_report_prepare(request: HttpRequest) -> HttpResponse:
    """Large reports: the XLSX or PDF file made by a background worker, downloaded from the
    job page when ready (reports/jobs.py)."""
    form, report = _donor_report(request)
    if report is None:
        return render(request, "reports/donor_report.html", _page(request, form), status=400)
    query = _query(request)
    if request.method == "POST":
        kind = REPORT_JOB_KINDS.get(request.POST.get("format", ""))
        if kind is None:
            return HttpResponseBadRequest(gettext("Choose XLSX or PDF."))
        job = job_start(
            kind=kind,
            params={
                "query": query,
                "title": _filename(form, "." + request.POST["format"]),
                "back_url": f"{reverse('staff:donor_report')}?{query}",
            },
            created_by=request.user,
        )
        return redirect(job.get_absolute_url())
    subject = report.filters.project or report.filters.donor
    return render(
        request,
        "reports/donor_report_prepare.html",
        {
            "subject": subject,
            "report": report,
            "query": query,
            "pdf_available": weasyprint_available(),
        },
    )
