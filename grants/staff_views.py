"""Staff workspace view of the grants a user's organisation follows and their reports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.record_translations import RecordTranslationForm, posted_texts
from core.staff import history_entries, staff_login_required, translation_page
from grants import selectors, services
from grants.access import get_grant_for_user
from grants.forms import GrantReportReviewForm
from grants.models import Grant
from projects.access import writable_organisation_ids


@staff_login_required
@require_GET
def grant_report_list(request: HttpRequest) -> HttpResponse:
    """Grantee reports still outstanding, oldest due first."""
    page = Paginator(selectors.outstanding_grant_reports(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "staff/grant_report_list.html",
        {"page": page, "today": timezone.localdate()},
    )


@staff_login_required
@require_GET
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_grant_for_user(request.user, pk)
    writable = writable_organisation_ids(request.user)
    can_manage = grant.programme.managing_organisation_id in writable
    return render(
        request,
        "staff/grant_detail.html",
        {
            "grant": grant,
            "reports": selectors.grant_reports(grant),
            "disbursements": selectors.grant_disbursements(grant),
            "paid": sum((d.paid_amount or 0 for d in grant.disbursements.all()), 0),
            # The programme's staff review reports and pay; the grantee's own staff send.
            "can_manage": can_manage,
            "translation_form": _translation_form(grant) if can_manage else None,
            "is_grantee": grant.grantee_id in writable,
            "review_form": GrantReportReviewForm(),
            "today": timezone.localdate(),
            "history": history_entries(grant),
        },
    )


def _translation_form(grant: Grant, data: dict[str, str] | None = None) -> RecordTranslationForm:
    return RecordTranslationForm(data, fields=services.GRANT_TRANSLATED_FIELDS, record=grant)


@staff_login_required
@require_POST
def grant_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """The managing organisation's staff add or correct the grant's title and summary in
    other languages."""
    grant = get_grant_for_user(request.user, pk, write=True)
    form = _translation_form(grant, request.POST)
    return translation_page(
        request,
        form,
        save=lambda: services.grant_translations_update(
            grant=grant, user=request.user, texts=posted_texts(form)
        ),
        heading=_("Translations of the title and summary"),
        action=reverse("staff:grant_translate", args=[grant.pk]),
        back_url=reverse("staff:grant_detail", args=[grant.pk]),
        record_title=grant.title,
    )
