"""Staff workspace: project setup by an organisation's managers. Create and edit a project,
its partners (IATI roles, the lead) and its budget by year and source.

Every record comes through an access helper: an outsider gets 404, a partner's viewer or
field officer gets 403. The project page itself (``staff:project_detail``) is in
communities, which shows the activity log and target areas beside this setup."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.staff import apply_service_error, history_entries, staff_login_required
from projects import services
from projects.access import (
    get_budget_line_for_user,
    get_partnership_for_user,
    get_project_for_user,
    manage_organisation_ids,
)
from projects.forms import BudgetLineForm, PartnershipForm, ProgrammeForm, ProjectForm


def _project_page(project: Any) -> HttpResponse:
    return redirect("staff:project_detail", slug=project.slug)


# --- Projects -----------------------------------------------------------------------------


@staff_login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not manage_organisation_ids(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                user=request.user,
                lead_organisation=form.cleaned_data["lead_organisation"],
                lead_role=form.cleaned_data["lead_role"],
                texts=form.texts(),
                values=form.values(),
                themes=form.cleaned_data.get("themes") or [],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request, _("Project created. Now add its partners, budget and target areas.")
            )
            return _project_page(project)
    return render(
        request,
        "staff/project_form.html",
        {"form": form, "project": None, "draft_key": f"{request.user.pk}:project-new"},
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def project_update(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug, manage=True)
    form = ProjectForm(
        request.POST or None,
        user=request.user,
        project=project,
        initial=ProjectForm.initial_for(project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_update(
                user=request.user,
                project=project,
                texts=form.texts(),
                values=form.values(),
                themes=form.cleaned_data.get("themes") or [],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Project saved."))
            return _project_page(project)
    return render(
        request,
        "staff/project_form.html",
        {
            "form": form,
            "project": project,
            "draft_key": f"{request.user.pk}:project-{project.pk}-edit",
            "history": history_entries(project),
        },
        status=400 if form.errors else 200,
    )


# --- Partners -----------------------------------------------------------------------------


def _partner_kwargs(form: PartnershipForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "organisation": data["organisation"],
        "role": data["role"],
        "is_lead": bool(data.get("is_lead")),
        "funding_amount": data.get("funding_amount"),
        "currency": data.get("currency") or "",
    }


@staff_login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug, manage=True)
    form = PartnershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_create(user=request.user, project=project, **_partner_kwargs(form))
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Partner added."))
            return _project_page(project)
    return render(
        request,
        "staff/partner_form.html",
        {"form": form, "project": project, "partnership": None},
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk, manage=True)
    project = partnership.project
    initial = {
        "organisation": partnership.organisation_id,
        "role": partnership.role,
        "is_lead": partnership.is_lead,
        "funding_amount": partnership.funding_amount,
        "currency": partnership.currency,
    }
    form = PartnershipForm(
        request.POST or None,
        user=request.user,
        current=partnership.organisation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                user=request.user, partnership=partnership, **_partner_kwargs(form)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Partner saved."))
            return _project_page(project)
    return render(
        request,
        "staff/partner_form.html",
        {
            "form": form,
            "project": project,
            "partnership": partnership,
            "history": history_entries(partnership),
        },
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def partner_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request.user, pk, manage=True)
    project = partnership.project
    error = ""
    if request.method == "POST":
        try:
            services.partnership_delete(user=request.user, partnership=partnership)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Partner removed."))
            return _project_page(project)
    return render(
        request,
        "staff/confirm_delete.html",
        {
            "project": project,
            "what": partnership.organisation,
            "detail": partnership.get_role_display(),
            "error": error,
        },
        status=400 if error else 200,
    )


# --- Budget -------------------------------------------------------------------------------


def _budget_values(form: BudgetLineForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "year": data.get("year"),
        "source_organisation": data.get("source_organisation"),
        "source_kind": data.get("source_kind") or "",
        "amount": data["amount"],
        "currency": data["currency"],
        "note": data.get("note", ""),
    }


@staff_login_required
@require_http_methods(["GET", "POST"])
def budget_line_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug, manage=True)
    form = BudgetLineForm(
        request.POST or None, user=request.user, initial={"currency": project.currency or "USD"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_create(
                user=request.user, project=project, values=_budget_values(form)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Budget line added."))
            return _project_page(project)
    return render(
        request,
        "staff/budget_line_form.html",
        {"form": form, "project": project, "line": None},
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def budget_line_update(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_budget_line_for_user(request.user, pk, manage=True)
    initial = {
        "year": line.year,
        "source_organisation": line.source_organisation_id,
        "source_kind": line.source_kind,
        "amount": line.amount,
        "currency": line.currency,
        "note": line.note,
    }
    form = BudgetLineForm(
        request.POST or None, user=request.user, current=line.source_organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_line_update(user=request.user, line=line, values=_budget_values(form))
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Budget line saved."))
            return _project_page(line.project)
    return render(
        request,
        "staff/budget_line_form.html",
        {"form": form, "project": line.project, "line": line, "history": history_entries(line)},
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def budget_line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_budget_line_for_user(request.user, pk, manage=True)
    if request.method == "POST":
        services.budget_line_delete(user=request.user, line=line)
        messages.success(request, _("Budget line removed."))
        return _project_page(line.project)
    return render(
        request,
        "staff/confirm_delete.html",
        {"project": line.project, "what": line.source_label, "detail": line, "error": ""},
    )


# --- Programmes ---------------------------------------------------------------------------


@staff_login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    if not manage_organisation_ids(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, user=request.user)
    back = request.POST.get("next", "") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Programme added: you can now choose it for a project."))
            return redirect(back) if back else redirect("staff:project_list")
    return render(
        request,
        "staff/programme_form.html",
        {"form": form, "next": back},
        status=400 if form.errors else 200,
    )
