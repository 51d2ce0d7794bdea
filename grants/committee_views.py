"""The grant committee's workspace in /<lang>/staff/: the programmes a member sits on,
each with its consolidated ranking; an application with its files, the member's conflict
of interest declaration and scores (the others' scores only after submitting one's own);
the decision and the letter to the applicant. Also the grantee's report upload, the
programme's review of it and tranche payments. Views parse and present; the rules are in
grants/services.py and grants/call_services.py, which the admin calls too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.inputs import parse_id
from core.staff import AuthenticatedHttpRequest, staff_login_required
from grants import call_services, services
from grants.access import (
    committee_programmes_for_user,
    get_application_for_committee,
    get_committee_programme_for_user,
    get_grant_for_user,
    get_grant_report_for_grantee,
    grant_reports_for_user,
    grants_for_user,
    is_committee_member,
    may_decide,
)
from grants.forms import (
    ConflictForm,
    DecisionForm,
    GrantReportReviewForm,
    GrantReportUploadForm,
    ReviewForm,
    TranchePaymentForm,
)
from grants.models import Application, CommitteeDecision, GrantReport, Review
from grants.ranking import RANKED_STATUSES, programme_ranking
from projects.access import writable_organisation_ids

RANKING_PER_PAGE = 50


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@staff_login_required
@require_GET
def committee_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    programmes = (
        committee_programmes_for_user(request.user)
        .annotate(
            confirmed=Count(
                "applications",
                filter=Q(applications__submitted_online=False)
                | Q(applications__email_confirmed_at__isnull=False),
                distinct=True,
            ),
            members=Count("committee_members", distinct=True),
        )
        .order_by("name")
    )
    return render(request, "staff/committee_home.html", {"programmes": programmes})


@staff_login_required
@require_GET
def committee_programme(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_committee_programme_for_user(request.user, pk)
    # The committee is read once: it is listed, and it says whether the user sits on it.
    members = list(programme.committee_members.select_related("user"))
    member = any(m.user_id == request.user.pk for m in members)
    secretariat = not member or may_decide(request.user, programme, members=members)
    # The page is chosen first, so only its 50 applications are loaded as records.
    count = (
        Application.objects.before_committee()
        .filter(programme=programme)
        .filter(status__in=RANKED_STATUSES)
        .count()
    )
    page = Paginator(range(count), RANKING_PER_PAGE).get_page(request.GET.get("page"))
    offset = page.start_index() - 1 if count else 0
    window = (offset, offset + RANKING_PER_PAGE)
    rows = programme_ranking(programme, window=window)
    # Members see the consolidated score only of applications they have scored.
    # Only this page's applications: a member may have scored thousands.
    done = set(
        Review.objects.filter(
            reviewer=request.user,
            application_id__in=[row.application.pk for row in rows if row.application],
            submitted_at__isnull=False,
        ).values_list("application_id", flat=True)
    )
    return render(
        request,
        "staff/committee_programme.html",
        {
            "programme": programme,
            "members": members,
            "page": page,
            "rows": rows,
            "done": done,
            "secretariat": secretariat,
            "is_member": member,
        },
    )


def _application_context(request: AuthenticatedHttpRequest, application: Any) -> dict[str, Any]:
    programme = application.programme
    criteria = list(programme.criteria.order_by("position", "pk"))
    mine = (
        Review.objects.filter(application=application, reviewer=request.user)
        .prefetch_related("scores")
        .first()
    )
    submitted = mine is not None and mine.submitted_at is not None
    decider = may_decide(request.user, programme)
    others = []
    if submitted or decider:
        others = list(
            Review.objects.filter(application=application)
            .exclude(reviewer=request.user)
            .select_related("reviewer")
            .prefetch_related("scores__criterion")
        )
    initial: dict[str, Any] = {}
    if mine is not None:
        initial = {f"criterion_{s.criterion_id}": s.score for s in mine.scores.all()}
        initial["comment"] = mine.comment
    return {
        "application": application,
        "programme": programme,
        "criteria": criteria,
        "attachments": application.attachments.all(),
        "mine": mine,
        "submitted": submitted,
        "others": others,
        "is_member": is_committee_member(request.user, programme),
        "may_decide": decider,
        "decision": CommitteeDecision.objects.filter(application=application).first(),
        "review_form": ReviewForm(initial=initial, criteria=criteria),
        "conflict_form": ConflictForm(),
        "decision_form": DecisionForm(),
    }


@staff_login_required
@require_GET
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    return render(
        request, "staff/committee_application.html", _application_context(request, application)
    )


@staff_login_required
@require_POST
def application_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if not is_committee_member(request.user, application.programme):
        raise PermissionDenied
    context = _application_context(request, application)
    form = ReviewForm(request.POST, criteria=context["criteria"])
    if form.is_valid():
        try:
            services.review_submit(
                application=application,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("staff:application_detail", pk=application.pk)
    context["review_form"] = form
    return render(request, "staff/committee_application.html", context, status=400)


@staff_login_required
@require_POST
def application_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if not is_committee_member(request.user, application.programme):
        raise PermissionDenied
    form = ConflictForm(request.POST)
    if form.is_valid():
        services.review_submit(
            application=application,
            reviewer=request.user,
            scores={},
            conflict_of_interest=True,
            conflict_note=form.cleaned_data["conflict_note"],
        )
        messages.success(request, _("Your conflict of interest is recorded; you will not score."))
        return redirect("staff:application_detail", pk=application.pk)
    context = _application_context(request, application)
    context["conflict_form"] = form
    return render(request, "staff/committee_application.html", context, status=400)


@staff_login_required
@require_POST
def application_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if not may_decide(request.user, application.programme):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            call_services.committee_decide(
                application=application,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded in the minutes."))
            return redirect("staff:application_detail", pk=application.pk)
    context = _application_context(request, application)
    context["decision_form"] = form
    return render(request, "staff/committee_application.html", context, status=400)


@staff_login_required
@require_GET
def decision_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_committee_programme_for_user(request.user, pk)
    decisions = (
        CommitteeDecision.objects.filter(application__programme=programme)
        .select_related("application", "application__applicant", "decided_by")
        .order_by("decided_on", "outcome", "application__reference", "pk")
    )
    return render(
        request,
        "staff/committee_minutes.html",
        {
            "programme": programme,
            "decisions": decisions,
            "members": programme.committee_members.select_related("user"),
        },
    )


@staff_login_required
@require_GET
def decision_letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    decision = CommitteeDecision.objects.filter(application=application).first()
    if decision is None:
        raise Http404("No decision yet.")
    return render(
        request,
        "staff/committee_letter.html",
        {
            "application": application,
            "decision": decision,
            "grant": call_services.decision_grant(decision),
        },
    )


# --- after the award ------------------------------------------------------------------


@staff_login_required
@require_http_methods(["GET", "POST"])
def grant_report_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = get_grant_report_for_grantee(request.user, pk)
    form = GrantReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_report_submit(
                report=report,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The report is sent to the programme."))
            return redirect("staff:grant_detail", pk=report.grant_id)
    return render(
        request,
        "staff/grant_report_upload.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


def _flash_errors(request: AuthenticatedHttpRequest, errors: list[str]) -> None:
    """The grant page's forms post and come back to it: their refusals travel as messages."""
    for error in errors:
        messages.error(request, error)


@staff_login_required
@require_POST
def grant_report_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report_id = parse_id(pk)
    if report_id is None:
        raise Http404
    report = (
        grant_reports_for_user(request.user).filter(pk=report_id).select_related("grant").first()
    )
    if report is None:
        raise Http404
    grant = get_grant_for_user(request.user, report.grant_id, write=True)
    form = GrantReportReviewForm(request.POST)
    if form.is_valid():
        try:
            services.grant_report_review(
                report=report,
                status=form.cleaned_data["status"],
                review_note=form.cleaned_data["review_note"],
            )
        except ValidationError as exc:
            _flash_errors(request, exc.messages)
        else:
            messages.success(request, _("The report review is saved."))
    else:
        _flash_errors(
            request, [str(problem) for problems in form.errors.values() for problem in problems]
        )
    return redirect("staff:grant_detail", pk=grant.pk)


@staff_login_required
@require_POST
def tranche_pay(request: AuthenticatedHttpRequest, pk: int, tranche: int) -> HttpResponse:
    grant = get_grant_for_user(request.user, pk, write=True)
    disbursement_id = parse_id(tranche)
    if disbursement_id is None:
        raise Http404
    disbursement = grant.disbursements.filter(pk=disbursement_id).first()
    if disbursement is None:
        raise Http404
    form = TranchePaymentForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_record_payment(
                disbursement=disbursement,
                paid_amount=form.cleaned_data["paid_amount"],
                paid_date=form.cleaned_data["paid_date"],
            )
        except ValidationError as exc:
            _flash_errors(request, exc.messages)
        else:
            messages.success(request, _("The payment is recorded."))
    else:
        _flash_errors(
            request, [str(problem) for problems in form.errors.values() for problem in problems]
        )
    return redirect("staff:grant_detail", pk=grant.pk)


def due_grant_reports(user: Any) -> Any:
    """Reports coming due in the next 30 days or overdue, for the dashboard: those the
    user's organisation owes as grantee and those of programmes it runs."""
    horizon = timezone.localdate() + dt.timedelta(days=30)
    return (
        GrantReport.objects.filter(grant__in=grants_for_user(user), due_date__lte=horizon)
        .filter(status__in=services.SENDABLE_REPORT_STATUSES)
        .select_related("grant", "grant__grantee")
        .order_by("due_date", "pk")
    )


def writable_grantee(user: Any, grant: Any) -> bool:
    return grant.grantee_id in writable_organisation_ids(user)
