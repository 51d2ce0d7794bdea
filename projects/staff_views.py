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
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.record_translations import RecordTranslationForm, posted_texts
from core.staff import form_page, history_entries, staff_login_required
from projects import services
from projects.access import (
    get_budget_line_for_user,
    get_organisation_for_user,
    get_partnership_for_user,
    get_project_for_user,
    manage_organisation_ids,
)
from projects.forms import BudgetLineForm, PartnershipForm, ProgrammeForm, ProjectForm


def _project_page(project: Any) -> HttpResponse:
    return redirect(_project_url(project))


def _project_url(project: Any) -> str:
    return reverse("staff:project_detail", kwargs={"slug": project.slug})


# --- Projects -----------------------------------------------------------------------------


def _project_values(form: ProjectForm) -> dict[str, Any]:
    return {
        "texts": form.texts(),
        "values": form.values(),
        "themes": form.cleaned_data.get("themes") or [],
    }


@staff_login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not manage_organisation_ids(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.project_create(
            user=request.user,
            lead_organisation=form.cleaned_data["lead_organisation"],
            lead_role=form.cleaned_data["lead_role"],
            **_project_values(form),
        ),
        success=_("Project created. Now add its partners, budget and target areas."),
        redirect_to=_project_url,
        template="staff/project_form.html",
        context={"project": None, "draft_key": f"{request.user.pk}:project-new"},
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
    return form_page(
        request,
        form,
        save=lambda: services.project_update(
            user=request.user,
            project=project,
            **_project_values(form),
        ),
        success=_("Project saved."),
        redirect_to=_project_url,
        template="staff/project_form.html",
        context={
            "project": project,
            "draft_key": f"{request.user.pk}:project-{project.pk}-edit",
            "history": history_entries(project),
        },
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
    return form_page(
        request,
        form,
        save=lambda: services.partnership_create(
            user=request.user, project=project, **_partner_kwargs(form)
        ),
        success=_("Partner added."),
        redirect_to=_project_url(project),
        template="staff/partner_form.html",
        context={"project": project, "partnership": None},
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
    return form_page(
        request,
        form,
        save=lambda: services.partnership_update(
            user=request.user, partnership=partnership, **_partner_kwargs(form)
        ),
        success=_("Partner saved."),
        redirect_to=_project_url(project),
        template="staff/partner_form.html",
        context={
            "project": project,
            "partnership": partnership,
            "history": history_entries(partnership),
        },
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
    return form_page(
        request,
        form,
        save=lambda: services.budget_line_create(
            user=request.user, project=project, values=_budget_values(form)
        ),
        success=_("Budget line added."),
        redirect_to=_project_url(project),
        template="staff/budget_line_form.html",
        context={"project": project, "line": None},
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
    return form_page(
        request,
        form,
        save=lambda: services.budget_line_update(
            user=request.user, line=line, values=_budget_values(form)
        ),
        success=_("Budget line saved."),
        redirect_to=_project_url(line.project),
        template="staff/budget_line_form.html",
        context={"project": line.project, "line": line, "history": history_entries(line)},
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
    return form_page(
        request,
        form,
        save=lambda: services.programme_create(user=request.user, **form.cleaned_data),
        success=_("Programme added: you can now choose it for a project."),
        redirect_to=back or reverse("staff:project_list"),
        template="staff/programme_form.html",
        context={"next": back},
    )


# --- Organisations ------------------------------------------------------------------------


@staff_login_required
@require_http_methods(["GET", "POST"])
def organisation_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's administrators and programme managers add or correct its name in
    other languages (linked from "My work", which lists the user's organisations)."""
    organisation = get_organisation_for_user(request.user, pk, manage=True)
    form = RecordTranslationForm(
        request.POST or None,
        fields=services.ORGANISATION_TRANSLATED_FIELDS,
        record=organisation,
    )
    return form_page(
        request,
        form,
        save=lambda: services.organisation_translations_update(
            organisation=organisation, user=request.user, texts=posted_texts(form)
        ),
        success=_("Translations saved."),
        redirect_to=reverse("staff:dashboard"),
        template="staff/translation_form.html",
        context={
            "translation_form": form,
            "translation_heading": _("Translations of the name"),
            "translation_action": reverse("staff:organisation_translate", args=[organisation.pk]),
            "translation_open": True,
            "back_url": reverse("staff:dashboard"),
            "record_title": organisation.name,
        },
    )
