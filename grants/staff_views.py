"""Staff workspace view of the grants a user's organisation follows and their reports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.staff import history_entries, staff_login_required
from grants import selectors
from grants.access import get_grant_for_user
from grants.forms import GrantReportReviewForm
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
    return render(
        request,
        "staff/grant_detail.html",
        {
            "grant": grant,
            "reports": selectors.grant_reports(grant),
            "disbursements": selectors.grant_disbursements(grant),
            "paid": sum((d.paid_amount or 0 for d in grant.disbursements.all()), 0),
            # The programme's staff review reports and pay; the grantee's own staff send.
            "can_manage": grant.programme.managing_organisation_id in writable,
            "is_grantee": grant.grantee_id in writable,
            "review_form": GrantReportReviewForm(),
            "today": timezone.localdate(),
            "history": history_entries(grant),
        },
    )
