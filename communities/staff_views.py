"""Staff workspace for working groups, their members and meetings, assessments with the
problems people raised, and joint plans with their actions and co-financing."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from communities import services
from communities.access import (
    assessments_for_user,
    can_manage_members,
    can_write_working_group,
    get_assessment_for_user,
    get_meeting_for_user,
    get_membership_for_user,
    get_plan_action_for_user,
    get_plan_for_user,
    get_working_group_for_user,
    plans_for_user,
    sees_personal_data,
    working_groups_for_user,
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
    Activity,
    Contribution,
    ContributionSource,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    PlanStatus,
)
from core.i18n import content_languages
from core.inputs import parse_id
from core.staff import apply_service_error, history_entries, staff_login_required
from projects.access import can_write_project, get_project_for_user, writable_organisation_ids

# --- Working groups ----------------------------------------------------------------------


@staff_login_required
@require_GET
def working_group_list(request: HttpRequest) -> HttpResponse:
    groups = (
        working_groups_for_user(request.user)
        .select_related("community", "organisation")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("name")
    )
    page = Paginator(groups, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/working_group_list.html",
        {"page": page, "can_create": bool(writable_organisation_ids(request.user))},
    )


@staff_login_required
@require_GET
def working_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    group = get_working_group_for_user(user, pk)
    personal = sees_personal_data(user, group)
    members = (
        list(
            group.members.select_related("replaced_by").order_by(
                "left_on", "role", "full_name", "body"
            )
        )
        if personal
        else []
    )
    current = group.members.current()
    composition = current.aggregate(
        total=Count("pk"),
        women=Count("pk", filter=Q(sex="female")),
        men=Count("pk", filter=Q(sex="male")),
    )
    return render(
        request,
        "staff/working_group_detail.html",
        {
            "group": group,
            "personal": personal,
            "members": members,
            "composition": composition,
            "meetings": group.meetings.order_by("-date", "-pk")[:20],
            "plans": group.plans.order_by("-period_start"),
            "projects": group.projects.all(),
            "covered": group.communities.select_related("district").order_by("name"),
            "can_write": can_write_working_group(user, group),
            "can_manage_members": can_manage_members(user, group),
            "history": history_entries(group),
        },
    )


@staff_login_required
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, members=True)
    form = MembershipForm(request.POST or None, working_group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(
                user=request.user, working_group=group, values=form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Member added."))
            return redirect("staff:working_group_detail", pk=group.pk)
    return render(
        request,
        "staff/member_form.html",
        {"form": form, "group": group, "member": None},
        status=400 if form.errors else 200,
    )


@staff_login_required
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_membership_for_user(request.user, pk, write=True)
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(user=request.user, member=member, values=form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Member updated."))
            return redirect("staff:working_group_detail", pk=member.working_group_id)
    return render(
        request,
        "staff/member_form.html",
        {
            "form": form,
            "group": member.working_group,
            "member": member,
            "history": history_entries(member),
        },
        status=400 if form.errors else 200,
    )


# --- Meetings ----------------------------------------------------------------------------


@staff_login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, write=True)
    personal = sees_personal_data(request.user, group)
    form = MeetingForm(request.POST or None, working_group=group, show_names=personal)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                user=request.user, working_group=group, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("staff:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "staff/meeting_form.html",
        {
            "form": form,
            "group": group,
            "meeting": None,
            "draft_key": f"{request.user.pk}:meeting-{group.pk}-new",
        },
        status=400 if form.errors else 200,
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
            "present": list(meeting.members_present.order_by("full_name")) if personal else [],
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
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if not personal:
            # Partners never see who attended, so their edit keeps the ticks as they were.
            kwargs["members_present"] = list(meeting.members_present.all())
        try:
            services.meeting_update(user=request.user, meeting=meeting, **kwargs)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Meeting updated."))
            return redirect("staff:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "staff/meeting_form.html",
        {
            "form": form,
            "group": group,
            "meeting": meeting,
            "draft_key": f"{request.user.pk}:meeting-{meeting.pk}-edit",
        },
        status=400 if form.errors else 200,
    )


# --- Assessments -------------------------------------------------------------------------


@staff_login_required
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = (
        assessments_for_user(request.user)
        .select_related("project", "community", "working_group")
        .annotate(problem_count=Count("problems"))
        .order_by("-date", "-pk")
    )
    page = Paginator(assessments, 30).get_page(request.GET.get("page"))
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_create(
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
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Assessment recorded. Now add the problems raised."))
            return redirect("staff:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "staff/assessment_form.html",
        {"form": form, "draft_key": f"{request.user.pk}:assessment-new"},
        status=400 if form.errors else 200,
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
    problems = list(
        assessment.problems.select_related("category").order_by("priority_rank", "-votes", "pk")
    )
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
    problems = list(
        IdentifiedProblem.objects.filter(assessment=assessment)
        .select_related("category")
        .order_by("priority_rank", "-votes", "pk")
    )
    form = RankForm(request.POST or None, problems=problems)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_rank(user=request.user, assessment=assessment, ranks=form.ranks())
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Priorities saved."))
            return redirect("staff:assessment_detail", pk=assessment.pk)
    return render(
        request,
        "staff/assessment_rank.html",
        {"form": form, "assessment": assessment},
        status=400 if form.errors else 200,
    )


# --- Joint plans ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        plans_for_user(request.user)
        .select_related("working_group", "community")
        .annotate(
            action_count=Count("actions", distinct=True),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
        )
        .order_by("-period_start", "pk")
    )
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/plan_list.html",
        {"page": page, "can_create": bool(writable_organisation_ids(request.user))},
    )


def plan_money_by_source(plan: JointPlan) -> list[dict[str, Any]]:
    """Pledged and received co-financing per source and currency, in one query."""
    rows = (
        Contribution.objects.filter(Q(action__plan=plan) | Q(plan=plan))
        .values("source_type", "currency", "state")
        .annotate(total=Sum("amount"))
        .order_by("source_type", "currency")
    )
    labels = dict(ContributionSource.choices)
    table: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"pledged": Decimal("0"), "received": Decimal("0")}
    )
    for row in rows:
        entry = table[(row["source_type"], row["currency"])]
        entry["source"] = labels.get(row["source_type"], row["source_type"])
        entry["currency"] = row["currency"]
        key = "received" if row["state"] == ContributionState.RECEIVED else "pledged"
        entry[key] += row["total"] or Decimal("0")
    return list(table.values())


@staff_login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    actions = list(
        plan.actions.select_related("responsible_organisation")
        .prefetch_related(
            "partners",
            Prefetch("problems", queryset=IdentifiedProblem.objects.select_related("category")),
            Prefetch("contributions", queryset=Contribution.objects.select_related("contributor")),
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("date", "pk"),
            ),
        )
        .order_by("position", "pk")
    )
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
            "money": plan_money_by_source(plan),
            "plan_contributions": list(
                plan.plan_contributions.select_related("contributor").order_by("date", "pk")
            ),
            "revisions": list(plan.revisions.order_by("-version")),
            "can_write": can_write,
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
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_update(
                user=request.user,
                action=action,
                status=form.cleaned_data["status"],
                completed_on=form.cleaned_data.get("completed_on"),
                result_notes=form.result_notes(),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Plan action updated."))
            return redirect("staff:plan_detail", pk=action.plan_id)
    return render(
        request,
        "staff/plan_action_form.html",
        {"form": form, "action": action, "history": history_entries(action)},
        status=400 if form.errors else 200,
    )
