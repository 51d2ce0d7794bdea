"""The cycle of community security: working groups with members and meetings, an assessment
with ranked problems, and a joint plan with actions and contributions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bench.generation.constants import GENERATED_AT, REFERENCE_DAY
from bench.generation.sink import Ids, Sink
from bench.generation.texts import (
    ACTION_TEXTS,
    FIRST_NAMES,
    PLAN_TITLES,
    PROBLEM_TEXTS,
    SURNAMES,
)
from bench.generation.world import (
    GroupInfo,
    World,
    between,
    currency_of,
    money,
    people,
    spread,
    translations,
)
from communities import models as cm


@dataclass
class _Sinks:
    groups: Sink
    group_projects: Sink
    members: Sink
    meetings: Sink
    attendance: Sink
    assessments: Sink
    problems: Sink
    plans: Sink
    actions: Sink
    action_problems: Sink
    action_partners: Sink
    contributions: Sink


@dataclass
class _Ids:
    groups: Ids
    members: Ids
    meetings: Ids
    assessments: Ids
    problems: Ids
    plans: Ids
    actions: Ids
    contributions: Ids


def _sinks(world: World) -> _Sinks:
    return _Sinks(
        groups=world.sink(cm.WorkingGroup),
        group_projects=world.sink(cm.WorkingGroup.projects.through, auto_id=True),
        members=world.sink(cm.Membership),
        meetings=world.sink(cm.Meeting),
        attendance=world.sink(cm.Meeting.members_present.through, auto_id=True),
        assessments=world.sink(cm.Assessment),
        problems=world.sink(cm.IdentifiedProblem),
        plans=world.sink(cm.JointPlan),
        actions=world.sink(cm.PlanAction),
        action_problems=world.sink(cm.PlanAction.problems.through, auto_id=True),
        action_partners=world.sink(cm.PlanAction.partners.through, auto_id=True),
        contributions=world.sink(cm.Contribution),
    )


def _ids() -> _Ids:
    return _Ids(
        groups=Ids(cm.WorkingGroup),
        members=Ids(cm.Membership),
        meetings=Ids(cm.Meeting),
        assessments=Ids(cm.Assessment),
        problems=Ids(cm.IdentifiedProblem),
        plans=Ids(cm.JointPlan),
        actions=Ids(cm.PlanAction),
        contributions=Ids(cm.Contribution),
    )


def _group(world: World, g: int, ids: _Ids, sinks: _Sinks, used: set[int]) -> GroupInfo:
    active = world.active_projects
    project = active[g % len(active)]
    place = project.communities[(g // len(active)) % len(project.communities)]
    gid = ids.groups.take()
    established = between(
        world.rng, project.start, min(project.start + timedelta(days=180), REFERENCE_DAY)
    )
    info = GroupInfo(gid, place, project, project.implementers[0], established)
    project.working_groups.append(gid)
    # Two projects may share a community's group name; the suffix keeps it unique.
    suffix = "" if place.id not in used else f" №{g + 1}"
    used.add(place.id)
    sinks.groups.add(
        {
            "id": gid, "community_id": place.id, "organisation_id": info.organisation_id,
            "name": f"Рабочая группа по безопасности {place.names['ru']}{suffix}",
            "established_on": established, "founding_act_number": f"{g + 1}-р",
            "founding_act_issued_by": f"Айыл окмоту / джамоат {place.names['ru']}",
            "founding_act_date": established, "chair_id": ids.members.next,
            "status": cm.WorkingGroupStatus.ACTIVE if g % 9 else cm.WorkingGroupStatus.INACTIVE,
            "source_note": "Generated for benchmarks",
        }
    )  # fmt: skip
    sinks.group_projects.add({"workinggroup_id": gid, "project_id": project.id})
    return info


def _members(g: int, info: GroupInfo, ids: _Ids, sinks: _Sinks) -> None:
    """Ten members; the first is the chair (the group row already points at it)."""
    sectors = list(cm.Sector.values)
    age_bands = list(cm.AgeBand.values)
    for m in range(10):
        mid = ids.members.take()
        info.member_ids.append(mid)
        first = FIRST_NAMES[(g + m * 5) % len(FIRST_NAMES)]
        last = SURNAMES[(g * 3 + m) % len(SURNAMES)]
        sinks.members.add(
            {
                "id": mid, "working_group_id": info.id, "full_name": f"{last} {first} ({m + 1})",
                "sex": "female" if m % 2 == 0 else "male",
                "age_band": age_bands[m % len(age_bands)],
                "sector": sectors[(g + m) % len(sectors)],
                "role": cm.MemberRole.CHAIR if m == 0 else cm.MemberRole.SECRETARY if m == 1 else cm.MemberRole.MEMBER,  # noqa: E501
                "joined_on": info.established, "phone": f"+996 555 {g % 1000:03d} {m:03d}",
            }
        )  # fmt: skip


def _meetings(world: World, info: GroupInfo, ids: _Ids, sinks: _Sinks) -> None:
    last_day = min(info.project.end, REFERENCE_DAY)
    for _ in range(20):
        mtid = ids.meetings.take()
        day = between(world.rng, info.established, last_day)
        info.meetings.append((mtid, day))
        women, men, youth = people(world.rng, 3, 15)
        sinks.meetings.add(
            {
                "id": mtid, "working_group_id": info.id, "date": day,
                "kind": cm.MeetingKind.WORKING_GROUP, "women": women, "men": men,
                "youth": youth, "agenda": "Обсуждение выполнения плана профилактики.",
                "decisions": "Утвердить график дежурств и отчёт перед айылным кенешем.",
            }
        )  # fmt: skip
        if mtid % 4 == 0:
            for mid in info.member_ids[:4]:
                sinks.attendance.add({"meeting_id": mtid, "membership_id": mid})


def _assessment(world: World, info: GroupInfo, ids: _Ids, sinks: _Sinks) -> list[int]:
    """The group's assessment and its five ranked problems; returns the problems' ids."""
    aid = ids.assessments.take()
    women, men, youth = people(world.rng, 10, 60)
    sinks.assessments.add(
        {
            "id": aid, "community_id": info.place.id, "project_id": info.project.id,
            "working_group_id": info.id, "date": info.established, "method": cm.AssessmentMethod.COMMUNITY_MEETING,  # noqa: E501
            "title": f"Оценка безопасности: {info.place.names['ru']}", "women": women,
            "men": men, "youth": youth, "created_at": GENERATED_AT,
        }
    )  # fmt: skip
    problem_ids = []
    for rank in range(5):
        prid = ids.problems.take()
        problem_ids.append(prid)
        sinks.problems.add(
            {
                "id": prid, "assessment_id": aid,
                "category_id": world.categories[rank % len(world.categories)],
                "description": PROBLEM_TEXTS[rank % len(PROBLEM_TEXTS)],
                "votes": world.rng.randint(3, 80), "priority_rank": rank + 1,
                "status": cm.ProblemStatus.IN_PLAN,
            }
        )  # fmt: skip
    return problem_ids


def _plan(world: World, g: int, info: GroupInfo, ids: _Ids, sinks: _Sinks) -> tuple[int, bool]:
    """The group's joint plan; every sixth one is still a draft. Returns (id, approved)."""
    plan_id = ids.plans.take()
    period_start = info.established + timedelta(days=30)
    approved = g % 6 != 0
    title = translations(
        PLAN_TITLES, world.rng.random() * 0.7, p=info.place.names, y=period_start.year
    )
    sinks.plans.add(
        {
            "id": plan_id, "community_id": info.place.id, "working_group_id": info.id,
            **spread("title", title), "period_start": period_start,
            "period_end": period_start + timedelta(days=365),
            "status": cm.PlanStatus.IN_IMPLEMENTATION if approved else cm.PlanStatus.DRAFT,
            "approved_by": "Айылный кенеш" if approved else "",
            "approval_date": period_start if approved else None,
        }
    )  # fmt: skip
    return plan_id, approved


def _contributions(
    world: World, info: GroupInfo, action: tuple[int, bool, date], ids: _Ids, sinks: _Sinks
) -> None:
    """Two contributions to one action: the local budget first where there is a government."""
    acid, done, start_day = action
    rng = world.rng
    government = world.orgs.governments.get(info.place.id)
    businesses = world.orgs.businesses
    for c in range(2):
        source = (
            cm.ContributionSource.LOCAL_BUDGET if c == 0 and government
            else rng.choice(
                [cm.ContributionSource.RESIDENTS_IN_KIND, cm.ContributionSource.BUSINESS,
                 cm.ContributionSource.DONOR]
            )
        )  # fmt: skip
        contributor = (
            government if source == cm.ContributionSource.LOCAL_BUDGET
            else rng.choice(businesses) if source == cm.ContributionSource.BUSINESS and businesses
            else info.project.funder if source == cm.ContributionSource.DONOR
            else None
        )  # fmt: skip
        sinks.contributions.add(
            {
                "id": ids.contributions.take(), "action_id": acid,
                "source_type": source, "contributor_id": contributor,
                "amount": money(rng, 50, 3_000),
                "currency": "USD" if source == cm.ContributionSource.DONOR else currency_of(info.place.country),  # noqa: E501
                "state": cm.ContributionState.RECEIVED if done else cm.ContributionState.PLEDGED,
                "date": start_day,
            }
        )  # fmt: skip


def _actions(
    world: World,
    info: GroupInfo,
    plan: tuple[int, bool],
    problem_ids: list[int],
    ids: _Ids,
    sinks: _Sinks,
) -> None:
    """Ten actions a month apart, each against one problem, with two contributions."""
    plan_id, approved = plan
    period_start = info.established + timedelta(days=30)
    government = world.orgs.governments.get(info.place.id)
    for position in range(10):
        acid = ids.actions.take()
        start_day = period_start + timedelta(days=position * 30)
        due = start_day + timedelta(days=60)
        done = approved and due < REFERENCE_DAY and position % 3 != 2
        text = translations(ACTION_TEXTS[position % len(ACTION_TEXTS)], world.rng.random() * 0.7)
        info.actions.append((acid, start_day))
        sinks.actions.add(
            {
                "id": acid, "plan_id": plan_id, **spread("description", text),
                "responsible_organisation_id": government or info.organisation_id,
                "start_date": start_day, "due_date": due,
                "status": cm.ActionStatus.DONE if done else cm.ActionStatus.PLANNED,
                "completed_on": due - timedelta(days=5) if done else None,
                "position": position,
            }
        )  # fmt: skip
        sinks.action_problems.add(
            {"planaction_id": acid, "identifiedproblem_id": problem_ids[position % 5]}
        )
        sinks.action_partners.add({"planaction_id": acid, "organisation_id": info.organisation_id})
        _contributions(world, info, (acid, done, start_day), ids, sinks)


def working_groups_generate(world: World) -> None:
    sinks, ids = _sinks(world), _ids()
    used: set[int] = set()
    for g in range(world.n(300, 3)):
        info = _group(world, g, ids, sinks, used)
        world.groups.append(info)
        _members(g, info, ids, sinks)
        _meetings(world, info, ids, sinks)
        problem_ids = _assessment(world, info, ids, sinks)
        plan = _plan(world, g, info, ids, sinks)
        _actions(world, info, plan, problem_ids, ids, sinks)
    world.lap("working groups and plans")
