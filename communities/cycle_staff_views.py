"""Staff pages that set up working groups and run a joint plan through its cycle: draft,
approval, revisions, actions, co-financing pledged and received, and the closing review.

Every page fetches its record through an access helper: an outsider gets 404, a read-only
member 403 on writes. Services re-check and refuse with a message per field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from communities import group_services, plan_services, staff_selectors
from communities.access import (
    get_contribution_for_user,
    get_membership_for_user,
    get_plan_action_for_user,
    get_plan_for_user,
    get_working_group_for_user,
    working_groups_for_user,
)
from communities.cycle_forms import (
    ContributionForm,
    ContributionReceiveForm,
    MemberLeaveForm,
    PlanActionForm,
    PlanApproveForm,
    PlanCloseForm,
    PlanForm,
    PlanReviseForm,
    WorkingGroupForm,
)
from communities.models import JointPlan, PlanStatus
from core.i18n import marked_label, marked_text
from core.inputs import parse_id
from core.staff import apply_service_error, form_page, staff_login_required
from projects.access import get_project_for_user, writable_organisation_ids

# --- Working groups ------------------------------------------------------------------------


def _group_values(form: WorkingGroupForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "organisation": data["organisation"],
        "name": data["name"],
        "communities": list(data["communities"]),
        "seat": data.get("community"),
        "projects": list(data.get("projects") or []),
        "status": data["status"],
        "established_on": data.get("established_on"),
        "founding_act_number": data.get("founding_act_number", ""),
        "founding_act_date": data.get("founding_act_date"),
        "founding_act_issued_by": data.get("founding_act_issued_by", ""),
    }


@staff_login_required
def working_group_create(request: HttpRequest) -> HttpResponse:
    if not writable_organisation_ids(request.user):
        raise PermissionDenied
    form = WorkingGroupForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: group_services.working_group_create(user=request.user, **_group_values(form)),
        success=_("Working group created. Now add its members."),
        redirect_to=lambda group: reverse("staff:working_group_detail", args=[group.pk]),
        template="staff/working_group_form.html",
        context={"group": None},
    )


@staff_login_required
def working_group_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, members=True)
    initial = {
        "name": group.name,
        "organisation": group.organisation_id,
        "communities": list(group.communities.values_list("pk", flat=True)),
        "community": group.community_id,
        "projects": list(group.projects.values_list("pk", flat=True)),
        "status": group.status,
        "established_on": group.established_on,
        "founding_act_number": group.founding_act_number,
        "founding_act_date": group.founding_act_date,
        "founding_act_issued_by": group.founding_act_issued_by,
    }
    form = WorkingGroupForm(request.POST or None, initial=initial, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: group_services.working_group_update(
            user=request.user, group=group, source_note=group.source_note, **_group_values(form)
        ),
        success=_("Working group updated."),
        redirect_to=reverse("staff:working_group_detail", args=[group.pk]),
        template="staff/working_group_form.html",
        context={"group": group},
    )


@staff_login_required
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_membership_for_user(request.user, pk, write=True)
    form = MemberLeaveForm(request.POST or None, member=member)
    return form_page(
        request,
        form,
        save=lambda: group_services.membership_leave(
            user=request.user,
            member=member,
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data.get("reason", ""),
            replaced_by=form.cleaned_data.get("replaced_by"),
        ),
        success=_("The member's seat has ended; the record is kept."),
        redirect_to=reverse("staff:working_group_detail", args=[member.working_group_id]),
        template="staff/member_leave.html",
        context={"member": member, "group": member.working_group},
    )


# --- Joint plans ---------------------------------------------------------------------------


def _plan_values(form: PlanForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "community": data["community"],
        "title": data["title"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
    }


@staff_login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    groups = working_groups_for_user(request.user, write=True)
    if not groups.exists():
        if not writable_organisation_ids(request.user):
            raise PermissionDenied
        # A writer whose organisation has no working group yet reaches this from the
        # dashboard's "New joint plan": a plan belongs to a group, so start there.
        messages.info(
            request, _("A joint plan belongs to a working group: create the working group first.")
        )
        return redirect("staff:working_group_create")
    initial: dict[str, Any] = {}
    group_id = parse_id(request.GET.get("working_group", ""))
    if group_id is not None and groups.filter(pk=group_id).exists():
        initial["working_group"] = group_id
    form = PlanForm(request.POST or None, initial=initial, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: plan_services.plan_create(
            user=request.user,
            working_group=form.cleaned_data["working_group"],
            **_plan_values(form),
        ),
        success=_("Draft plan saved. Now add its actions."),
        redirect_to=lambda plan: reverse("staff:plan_detail", args=[plan.pk]),
        template="staff/plan_form.html",
        context={"plan": None},
    )


@staff_login_required
@require_GET
def plan_communities(request: HttpRequest) -> HttpResponse:
    """htmx: the communities the chosen working group covers."""
    raw = request.GET.get("working_group", "")
    if raw:
        get_working_group_for_user(request.user, parse_id(raw) or "-", write=True)
    form = PlanForm({"working_group": raw} if raw else None, user=request.user)
    return render(request, "staff/partials/field.html", {"field": form["community"]})


@staff_login_required
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, write=True)
    if plan.status != PlanStatus.DRAFT:
        messages.info(request, _("An approved plan is changed by a revision, not edited."))
        return redirect("staff:plan_revise", pk=plan.pk)
    initial = {
        "community": plan.community_id,
        "title": plan.title,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
    }
    form = PlanForm(
        request.POST or None, initial=initial, user=request.user, group=plan.working_group
    )
    return form_page(
        request,
        form,
        save=lambda: plan_services.plan_update(user=request.user, plan=plan, **_plan_values(form)),
        success=_("Plan updated."),
        redirect_to=reverse("staff:plan_detail", args=[plan.pk]),
        template="staff/plan_form.html",
        context={"plan": plan},
    )


def _plan_step_page(
    request: HttpRequest,
    plan: JointPlan,
    form: BaseForm,
    *,
    step: Callable[..., JointPlan],
    success: str,
    heading: str,
    button: str,
    **context: Any,
) -> HttpResponse:
    """Approving, revising and closing a plan: one form whose fields the plan service takes."""
    return form_page(
        request,
        form,
        save=lambda: step(user=request.user, plan=plan, **form.cleaned_data),
        success=success,
        redirect_to=reverse("staff:plan_detail", args=[plan.pk]),
        template="staff/plan_step_form.html",
        context={"plan": plan, "heading": heading, "button": button, **context},
    )


@staff_login_required
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, write=True)
    if plan.status != PlanStatus.DRAFT:
        messages.info(request, _("This plan is already approved."))
        return redirect("staff:plan_detail", pk=plan.pk)
    form = PlanApproveForm(request.POST or None)
    return _plan_step_page(
        request,
        plan,
        form,
        step=plan_services.plan_approve,
        success=_("Plan approved."),
        heading=_("Approve the plan"),
        button=_("Approve"),
    )


@staff_login_required
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, write=True)
    if plan.status in (PlanStatus.DRAFT, PlanStatus.COMPLETED):
        messages.info(request, _("Only an approved plan in force can be revised."))
        return redirect("staff:plan_detail", pk=plan.pk)
    initial = {
        "title": plan.title,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "approved_by": plan.approved_by,
    }
    form = PlanReviseForm(request.POST or None, initial=initial)
    return _plan_step_page(
        request,
        plan,
        form,
        step=plan_services.plan_revise,
        success=_("Plan revised; the earlier version is kept."),
        heading=_("Revise the plan"),
        button=_("Save the revision"),
    )


@staff_login_required
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, write=True)
    if plan.status in (PlanStatus.DRAFT, PlanStatus.COMPLETED):
        messages.info(request, _("Only an approved plan in force can be closed."))
        return redirect("staff:plan_detail", pk=plan.pk)
    open_actions = staff_selectors.plan_open_action_count(plan)
    form = PlanCloseForm(request.POST or None, open_actions=open_actions)
    return _plan_step_page(
        request,
        plan,
        form,
        step=plan_services.plan_close,
        success=_("Plan closed with its review."),
        heading=_("Close the plan with a review"),
        button=_("Close the plan"),
        open_actions=open_actions,
    )


def _action_values(form: PlanActionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "description": data["description"],
        "responsible_organisation": data.get("responsible_organisation"),
        "partners": list(data.get("partners") or []),
        "start_date": data.get("start_date"),
        "due_date": data.get("due_date"),
        "problems": list(data.get("problems") or []),
        "planned_activities": data.get("planned_activities", ""),
    }


@staff_login_required
def plan_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, write=True)
    form = PlanActionForm(request.POST or None, user=request.user, plan=plan)
    return form_page(
        request,
        form,
        save=lambda: plan_services.plan_action_save(
            user=request.user, plan=plan, **_action_values(form)
        ),
        success=_("Action added to the plan."),
        redirect_to=reverse("staff:plan_detail", args=[plan.pk]),
        template="staff/plan_action_edit.html",
        context={"plan": plan, "action": None},
    )


@staff_login_required
def plan_action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_plan_action_for_user(request.user, pk, write=True)
    plan = action.plan
    initial = {
        "description": action.description,
        "responsible_organisation": action.responsible_organisation_id,
        "partners": list(action.partners.values_list("pk", flat=True)),
        "start_date": action.start_date,
        "due_date": action.due_date,
        "problems": list(action.problems.values_list("pk", flat=True)),
        "planned_activities": action.planned_activities,
    }
    form = PlanActionForm(request.POST or None, initial=initial, user=request.user, plan=plan)
    return form_page(
        request,
        form,
        save=lambda: plan_services.plan_action_save(
            user=request.user, plan=plan, action=action, **_action_values(form)
        ),
        success=_("Plan action updated."),
        redirect_to=reverse("staff:plan_detail", args=[plan.pk]),
        template="staff/plan_action_edit.html",
        context={"plan": plan, "action": action},
    )


# --- Contributions ---------------------------------------------------------------------------


def _plan_currency(plan: JointPlan) -> str:
    country = getattr(getattr(plan.community, "region", None), "country", "")
    return {"KG": "KGS", "TJ": "TJS"}.get(str(country).upper(), "")


def _contribution_page(
    request: HttpRequest, *, target: dict[str, Any], back: str, context: dict[str, Any]
) -> HttpResponse:
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        currency=context.pop("currency", ""),
    )
    return form_page(
        request,
        form,
        save=lambda: plan_services.contribution_create(
            user=request.user, **target, **form.cleaned_data
        ),
        success=_("Contribution added."),
        redirect_to=back,
        template="staff/contribution_new.html",
        context={**context, "back": back},
    )


@staff_login_required
def plan_contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Co-financing for the plan as a whole, not one action."""
    plan = get_plan_for_user(request.user, pk, write=True)
    return _contribution_page(
        request,
        target={"plan": plan},
        back=plan.get_absolute_url(),
        context={
            "plan": plan,
            # Shown as text: the fallback marker in words when in another language.
            "target_label": marked_text(plan, "title"),
            "currency": _plan_currency(plan),
        },
    )


@staff_login_required
def action_contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_plan_action_for_user(request.user, pk, write=True)
    return _contribution_page(
        request,
        target={"action": action},
        back=action.plan.get_absolute_url(),
        context={
            "plan": action.plan,
            "target_label": marked_label(action, "description"),
            "currency": _plan_currency(action.plan),
        },
    )


@staff_login_required
def project_contribution_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug, write=True)
    return _contribution_page(
        request,
        target={"project": project},
        back=reverse("staff:project_detail", kwargs={"slug": project.slug}),
        context={
            "project": project,
            "target_label": marked_text(project, "title") or project.slug,
        },
    )


@staff_login_required
def contribution_receive(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_contribution_for_user(request.user, pk, write=True)
    back = contribution.get_absolute_url()
    if contribution.is_received:
        messages.info(request, _("This contribution is already recorded as received."))
        return redirect(back)
    form = ContributionReceiveForm(
        request.POST or None, request.FILES or None, pledged=contribution.amount
    )
    above = False
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.contribution_receive(
                user=request.user, contribution=contribution, **form.cleaned_data
            )
        except plan_services.AboveThePledge as exc:
            above = True
            apply_service_error(form, exc)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Contribution recorded as received."))
            return redirect(back)
    return render(
        request,
        "staff/contribution_receive.html",
        {"form": form, "contribution": contribution, "back": back, "above": above},
        status=400 if form.errors else 200,
    )


@staff_login_required
@require_GET
def contribution_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The document, to staff who see the contribution; never under a public media URL."""
    contribution = get_contribution_for_user(request.user, pk)
    name = contribution.document.name
    if not name or not contribution.document.storage.exists(name):
        raise Http404("No document.")
    return FileResponse(
        contribution.document.open("rb"),
        as_attachment=True,
        filename=contribution.document_name or "document",
    )
