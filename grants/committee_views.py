"""The grant committee's workspace in /<lang>/staff/: the programmes a member sits on,
each with its consolidated ranking; an application with its files, the member's conflict
of interest declaration and scores (the others' scores only after submitting one's own);
the decision and the letter to the applicant. Also the grantee's report upload, the
programme's review of it and tranche payments. Views parse and present; the rules are in
grants/services.py and grants/call_services.py, which the admin calls too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.inputs import parse_id
from core.record_translations import RecordTranslationForm, posted_texts
from core.staff import (
    AuthenticatedHttpRequest,
    apply_service_error,
    form_page,
    staff_login_required,
    translation_page,
)
from grants import call_services, committee_selectors, services
from grants.access import (
    get_application_for_committee,
    get_application_page_for_committee,
    get_committee_programme_for_user,
    get_committee_programme_with_members,
    get_grant_for_user,
    get_grant_report_for_grantee,
    grant_reports_for_user,
    may_decide,
    reader_seat_is_chair,
)
from grants.forms import (
    ConflictForm,
    DecisionForm,
    GrantReportReviewForm,
    GrantReportUploadForm,
    ReviewForm,
    TranchePaymentForm,
)
from grants.models import Application, Grant, GrantProgramme
from grants.ranking import RankingSlice, programme_ranking_slice
from projects.access import writable_organisation_ids

# A programme funds 12 to 25 grants: the first page holds the funded places and the first
# reserves, and every row of a page is rendered through the template (half the rows,
# half that cost on the 5,000-application benchmark).
RANKING_PER_PAGE = 25


@staff_login_required
@require_GET
def committee_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    programmes = committee_selectors.committee_programmes(request.user)
    return render(request, "staff/committee_home.html", {"programmes": programmes})


def _page_number(raw: str | None) -> int:
    """The page asked for; anything but a positive number is the first page. Capped so the
    offset stays within the database's integers (any page past the end shows the last)."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), 10**9)


def _ranking_page(programme: GrantProgramme, number: int, reader: Any) -> RankingSlice:
    start = (number - 1) * RANKING_PER_PAGE
    return programme_ranking_slice(
        programme, start=start, stop=start + RANKING_PER_PAGE, reader=reader
    )


@staff_login_required
@require_GET
def committee_programme(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # The committee is read once, with the programme: it is listed, it says whether the
    # user sits on it, and it is part of who may see the programme.
    programme, members = get_committee_programme_with_members(request.user, pk)
    member = any(m.user_id == request.user.pk for m in members)
    secretariat = not member or may_decide(request.user, programme, members=members)
    # One query reads the page's rows, the size of the ranking and which of the rows the
    # user has scored; a page number past the end is read again as the last page.
    number = _page_number(request.GET.get("page"))
    ranking = _ranking_page(programme, number, request.user)
    page = Paginator(range(ranking.total), RANKING_PER_PAGE).get_page(number)
    if page.number != number:
        ranking = _ranking_page(programme, page.number, request.user)
    return render(
        request,
        "staff/committee_programme.html",
        {
            "programme": programme,
            "members": members,
            "page": page,
            "rows": ranking.rows,
            # Members see the consolidated score only of applications they have scored.
            "done": ranking.scored_by_reader,
            "secretariat": secretariat,
            "is_member": member,
            "translation_form": _programme_translation_form(programme)
            if _may_translate(request, programme)
            else None,
        },
    )


def _application_context(request: AuthenticatedHttpRequest, application: Any) -> dict[str, Any]:
    programme = application.programme
    criteria = committee_selectors.programme_criteria(programme)
    reviews = committee_selectors.application_reviews(application, request.user, criteria)
    mine = reviews.own
    submitted = mine is not None and mine.submitted_at is not None
    # The user's seat came with the application (get_application_for_committee): it says
    # both whether they sit on the committee and whether they chair it.
    seat_is_chair = reader_seat_is_chair(application)
    decider = may_decide(request.user, programme, is_chair=bool(seat_is_chair))
    # The others' scores are read with one's own but shown only after submitting it.
    others = reviews.others if submitted or decider else []
    initial: dict[str, Any] = {}
    if mine is not None:
        initial = {f"criterion_{s.criterion_id}": s.score for s in mine.score_list}  # type: ignore[attr-defined]  # set by application_reviews
        initial["comment"] = mine.comment
    return {
        "application": application,
        "programme": programme,
        "criteria": criteria,
        "attachments": committee_selectors.application_attachments(application),
        "mine": mine,
        "submitted": submitted,
        "others": others,
        "is_member": seat_is_chair is not None,
        "may_decide": decider,
        "decision": committee_selectors.application_decision(application),
        "review_form": ReviewForm(initial=initial, criteria=criteria),
        "conflict_form": ConflictForm(),
        "decision_form": DecisionForm(),
        "translation_form": _application_translation_form(application)
        if _may_translate(request, programme)
        else None,
    }


# --- Translations while reviewing (core.record_translations) ------------------------------
# The programme's managing organisation is the committee's secretariat: its writers add the
# languages a programme or an application is missing, as they do for a grant.


def _may_translate(request: AuthenticatedHttpRequest, programme: GrantProgramme) -> bool:
    return programme.managing_organisation_id in writable_organisation_ids(request.user)


def _programme_translation_form(
    programme: GrantProgramme, data: Any = None
) -> RecordTranslationForm:
    return RecordTranslationForm(
        data, fields=services.PROGRAMME_TRANSLATED_FIELDS, record=programme
    )


def _application_translation_form(
    application: Application, data: Any = None
) -> RecordTranslationForm:
    return RecordTranslationForm(
        data, fields=services.APPLICATION_TRANSLATED_FIELDS, record=application
    )


@staff_login_required
@require_POST
def programme_translate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = get_committee_programme_for_user(request.user, pk)
    if not _may_translate(request, programme):
        raise PermissionDenied
    form = _programme_translation_form(programme, request.POST)
    return translation_page(
        request,
        form,
        save=lambda: services.programme_translations_update(
            programme=programme, user=request.user, texts=posted_texts(form)
        ),
        heading=_("Translations of the name and description"),
        action=reverse("staff:programme_translate", args=[programme.pk]),
        back_url=reverse("staff:committee_programme", args=[programme.pk]),
        record_title=programme.name,
    )


@staff_login_required
@require_POST
def application_translate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if not _may_translate(request, application.programme):
        raise PermissionDenied
    form = _application_translation_form(application, request.POST)
    return translation_page(
        request,
        form,
        save=lambda: services.application_translations_update(
            application=application, user=request.user, texts=posted_texts(form)
        ),
        heading=_("Translations of the title and summary"),
        action=reverse("staff:application_translate", args=[application.pk]),
        back_url=reverse("staff:application_detail", args=[application.pk]),
        record_title=application.title,
    )


@staff_login_required
@require_GET
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_page_for_committee(request.user, pk)
    return render(
        request, "staff/committee_application.html", _application_context(request, application)
    )


@staff_login_required
@require_POST
def application_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if reader_seat_is_chair(application) is None:  # no seat on the committee
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
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("staff:application_detail", pk=application.pk)
    context["review_form"] = form
    return render(request, "staff/committee_application.html", context, status=400)


@staff_login_required
@require_POST
def application_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk)
    if reader_seat_is_chair(application) is None:  # no seat on the committee
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
    if not may_decide(
        request.user, application.programme, is_chair=bool(reader_seat_is_chair(application))
    ):
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
            apply_service_error(form, exc)
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
    decisions = committee_selectors.programme_decisions(programme)
    return render(
        request,
        "staff/committee_minutes.html",
        {
            "programme": programme,
            "decisions": decisions,
            "members": committee_selectors.committee_members(programme),
        },
    )


@staff_login_required
@require_GET
def decision_letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_committee(request.user, pk, with_managing_organisation=True)
    decision = committee_selectors.application_decision(application)
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
    return form_page(
        request,
        form,
        save=lambda: services.grant_report_submit(
            report=report,
            file=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            user=request.user,
        ),
        success=_("The report is sent to the programme."),
        redirect_to=reverse("staff:grant_detail", args=[report.grant_id]),
        template="staff/grant_report_upload.html",
        context={"report": report},
    )


def _back_to_grant_page(
    request: AuthenticatedHttpRequest,
    grant: Grant,
    form: Form,
    save: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """The grant page's forms post and come back to it: the form's errors and the service's
    refusals travel as messages."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, success)
            errors = []
    else:
        errors = [str(problem) for problems in form.errors.values() for problem in problems]
    for error in errors:
        messages.error(request, error)
    return redirect("staff:grant_detail", pk=grant.pk)


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
    return _back_to_grant_page(
        request,
        grant,
        GrantReportReviewForm(request.POST),
        lambda cleaned: services.grant_report_review(
            report=report, status=cleaned["status"], review_note=cleaned["review_note"]
        ),
        _("The report review is saved."),
    )


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
    return _back_to_grant_page(
        request,
        grant,
        TranchePaymentForm(request.POST),
        lambda cleaned: services.disbursement_record_payment(
            disbursement=disbursement,
            paid_amount=cleaned["paid_amount"],
            paid_date=cleaned["paid_date"],
        ),
        _("The payment is recorded."),
    )
