"""Staff workspace for working groups, their members and meetings, assessments with the
problems people raised, and joint plans with their actions and co-financing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from communities import services, staff_selectors
from communities.access import (
    can_manage_members,
    can_write_working_group,
    get_assessment_for_user,
    get_meeting_for_user,
    get_membership_for_user,
    get_plan_action_for_user,
    get_plan_for_user,
    get_working_group_for_user,
    sees_personal_data,
)
from communities.forms import (
    AssessmentForm,
    MeetingForm,
    MembershipForm,
    PlanActionStatusForm,
    ProblemForm,
    RankForm,
)
from communities.models import (
    ActionStatus,
    Assessment,
    Meeting,
    PlanStatus,
)
from communities.translation_staff_views import plan_translation_form
from core.i18n import content_languages
from core.inputs import parse_id
from core.staff import apply_service_error, form_page, history_entries, staff_login_required
from projects.access import can_write_project, get_project_for_user, writable_organisation_ids

# --- Working groups ----------------------------------------------------------------------


@staff_login_required
@require_GET
def working_group_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(staff_selectors.staff_working_groups(request.user), 30).get_page(
        request.GET.get("page")
    )
    user = request.user
    return render(
        request,
        "staff/working_group_list.html",
        {
            "page": page,
            "can_create": bool(writable_organisation_ids(user)),
            # Each row offers its own forms, so a meeting or a member is two taps from the
            # dashboard (menu, then the row). Both helpers read sets cached on the user.
            "meeting_group_ids": {
                group.pk for group in page.object_list if can_write_working_group(user, group)
            },
            "member_group_ids": {
                group.pk for group in page.object_list if can_manage_members(user, group)
            },
        },
    )


@staff_login_required
@require_GET
def working_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    group = get_working_group_for_user(user, pk)
    personal = sees_personal_data(user, group)
    members = list(staff_selectors.working_group_members(group)) if personal else []
    return render(
        request,
        "staff/working_group_detail.html",
        {
            "group": group,
            "personal": personal,
            "members": members,
            "composition": staff_selectors.working_group_composition(group),
            "meetings": staff_selectors.working_group_recent_meetings(group),
            "plans": staff_selectors.working_group_plans(group),
            "projects": group.projects.all(),
            "covered": staff_selectors.working_group_covered(group),
            "can_write": can_write_working_group(user, group),
            "can_manage_members": can_manage_members(user, group),
            "history": history_entries(group),
        },
    )


@staff_login_required
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, members=True)
    form = MembershipForm(request.POST or None, working_group=group)
    return form_page(
        request,
        form,
        save=lambda: services.membership_create(
            user=request.user, working_group=group, values=form.cleaned_data
        ),
        success=_("Member added."),
        redirect_to=reverse("staff:working_group_detail", args=[group.pk]),
        template="staff/member_form.html",
        context={"group": group, "member": None},
    )


@staff_login_required
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_membership_for_user(request.user, pk, write=True)
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    form = MembershipForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.membership_update(
            user=request.user, member=member, values=form.cleaned_data
        ),
        success=_("Member updated."),
        redirect_to=reverse("staff:working_group_detail", args=[member.working_group_id]),
        template="staff/member_form.html",
        context={
            "group": member.working_group,
            "member": member,
            "history": history_entries(member),
        },
    )


# --- Meetings ----------------------------------------------------------------------------


@staff_login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, write=True)
    personal = sees_personal_data(request.user, group)
    form = MeetingForm(request.POST or None, working_group=group, show_names=personal)
    return form_page(
        request,
        form,
        save=lambda: services.meeting_create(
            user=request.user, working_group=group, **form.service_kwargs()
        ),
        success=_("Meeting recorded."),
        redirect_to=lambda meeting: reverse("staff:meeting_detail", args=[meeting.pk]),
        template="staff/meeting_form.html",
        context={
            "group": group,
            "meeting": None,
            "draft_key": f"{request.user.pk}:meeting-{group.pk}-new",
        },
    )


@staff_login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    personal = sees_personal_data(request.user, meeting.working_group)
    return render(
        request,
        "staff/meeting_detail.html",
        {
            "meeting": meeting,
            "personal": personal,
            "present": list(staff_selectors.meeting_attendance(meeting)) if personal else [],
            "can_write": can_write_working_group(request.user, meeting.working_group),
            "history": history_entries(meeting),
        },
    )


@staff_login_required
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    group = meeting.working_group
    personal = sees_personal_data(request.user, group)
    initial = {
        "date": meeting.date,
        "kind": meeting.kind,
        "agenda": meeting.agenda,
        "decisions": meeting.decisions,
        "women": meeting.women,
        "men": meeting.men,
        "youth": meeting.youth,
        "members_present": [m.pk for m in meeting.members_present.all()] if personal else [],
    }
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        working_group=group,
        show_names=personal,
        meeting=meeting,
    )

    def save() -> Meeting:
        kwargs = form.service_kwargs()
        if not personal:
            # Partners never see who attended, so their edit keeps the ticks as they were.
            kwargs["members_present"] = list(meeting.members_present.all())
        return services.meeting_update(user=request.user, meeting=meeting, **kwargs)

    return form_page(
        request,
        form,
        save=save,
        success=_("Meeting updated."),
        redirect_to=reverse("staff:meeting_detail", args=[meeting.pk]),
        template="staff/meeting_form.html",
        context={
            "group": group,
            "meeting": meeting,
            "draft_key": f"{request.user.pk}:meeting-{meeting.pk}-edit",
        },
    )


# --- Assessments -------------------------------------------------------------------------


@staff_login_required
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(staff_selectors.staff_assessments(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "staff/assessment_list.html",
        {"page": page, "can_write": bool(writable_organisation_ids(request.user))},
    )


@staff_login_required
def assessment_create(request: HttpRequest) -> HttpResponse:
    if not writable_organisation_ids(request.user):
        raise PermissionDenied
    form = AssessmentForm(request.POST or None, user=request.user)

    def save() -> Assessment:
        data = form.cleaned_data
        return services.assessment_create(
            user=request.user,
            project=data["project"],
            community=data["community"],
            working_group=data.get("working_group"),
            date=data["date"],
            method=data["method"],
            title=data.get("title", ""),
            notes=data.get("notes", ""),
            women=data.get("women") or 0,
            men=data.get("men") or 0,
            youth=data.get("youth") or 0,
        )

    return form_page(
        request,
        form,
        save=save,
        success=_("Assessment recorded. Now add the problems raised."),
        redirect_to=lambda assessment: reverse("staff:assessment_detail", args=[assessment.pk]),
        template="staff/assessment_form.html",
        context={"draft_key": f"{request.user.pk}:assessment-new"},
    )


@staff_login_required
@require_GET
def assessment_communities(request: HttpRequest) -> HttpResponse:
    """htmx: the community choices for the project just chosen."""
    raw = request.GET.get("project", "")
    if raw:
        get_project_for_user(request.user, parse_id(raw) or "-", write=True)
    form = AssessmentForm({"project": raw} if raw else None, user=request.user)
    return render(request, "staff/partials/field.html", {"field": form["community"]})


def _assessment_context(request: HttpRequest, assessment: Any, **extra: Any) -> dict[str, Any]:
    problems = list(staff_selectors.assessment_problems(assessment))
    can_write = can_write_project(request.user, assessment.project)
    context = {
        "assessment": assessment,
        "problems": problems,
        "can_write": can_write,
        "problem_form": ProblemForm() if can_write else None,
        "history": history_entries(assessment),
    }
    context.update(extra)
    return context


@staff_login_required
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return render(request, "staff/assessment_detail.html", _assessment_context(request, assessment))


@staff_login_required
def problem_create(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_create(user=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Problem added."))
            return redirect("staff:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "staff/assessment_detail.html",
        _assessment_context(request, assessment, problem_form=form),
        status=400 if form.errors else 200,
    )


@staff_login_required
def assessment_rank(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, write=True)
    problems = list(staff_selectors.assessment_problems(assessment))
    form = RankForm(request.POST or None, problems=problems)
    return form_page(
        request,
        form,
        save=lambda: services.assessment_rank(
            user=request.user, assessment=assessment, ranks=form.ranks()
        ),
        success=_("Priorities saved."),
        redirect_to=reverse("staff:assessment_detail", args=[assessment.pk]),
        template="staff/assessment_rank.html",
        context={"assessment": assessment},
    )


# --- Joint plans ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(staff_selectors.staff_plans(request.user), 30).get_page(
        request.GET.get("page")
    )
    user = request.user
    return render(
        request,
        "staff/plan_list.html",
        {
            "page": page,
            "can_create": bool(writable_organisation_ids(user)),
            # Plans whose row offers "Add an action" and plan-wide co-financing: the same
            # rule as the plan page's buttons, two taps from the dashboard.
            "writable_plan_ids": {
                plan.pk
                for plan in page.object_list
                if plan.status != PlanStatus.COMPLETED
                and can_write_working_group(user, plan.working_group)
            },
        },
    )


@staff_login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    actions = list(staff_selectors.plan_actions(plan))
    done = sum(1 for action in actions if action.status == ActionStatus.DONE)
    live = sum(1 for action in actions if action.status != ActionStatus.CANCELLED)
    can_write = can_write_working_group(request.user, plan.working_group)
    return render(
        request,
        "staff/plan_detail.html",
        {
            "plan": plan,
            "actions": actions,
            "done": done,
            "progress": round(100 * done / live) if live else 0,
            "money": staff_selectors.plan_money_by_source(plan),
            "plan_contributions": list(staff_selectors.plan_own_contributions(plan)),
            "revisions": list(staff_selectors.plan_revisions(plan)),
            "can_write": can_write,
            "translation_form": plan_translation_form(plan) if can_write else None,
            "is_draft": plan.status == PlanStatus.DRAFT,
            "is_open": plan.status not in (PlanStatus.DRAFT, PlanStatus.COMPLETED),
            "history": history_entries(plan),
        },
    )


@staff_login_required
def plan_action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_plan_action_for_user(request.user, pk, write=True)
    initial: dict[str, Any] = {"status": action.status, "completed_on": action.completed_on}
    for code in content_languages():
        initial[f"result_note_{code}"] = getattr(action, f"result_note_{code}") or ""
    form = PlanActionStatusForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.plan_action_update(
            user=request.user,
            action=action,
            status=form.cleaned_data["status"],
            completed_on=form.cleaned_data.get("completed_on"),
            result_notes=form.result_notes(),
        ),
        success=_("Plan action updated."),
        redirect_to=reverse("staff:plan_detail", args=[action.plan_id]),
        template="staff/plan_action_form.html",
        context={"action": action, "history": history_entries(action)},
    )
