"""The activity log: mostly published, the rest somewhere in the review workflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bench.generation.constants import REFERENCE_DAY
from bench.generation.sink import Ids
from bench.generation.texts import ACTIVITY_DESCRIPTIONS, ACTIVITY_TITLES
from bench.generation.world import (
    GroupInfo,
    Place,
    ProjectInfo,
    World,
    between,
    people,
    spread,
    translations,
)
from communities import models as cm


@dataclass
class _Where:
    """Where and when one activity happens, and the meeting or plan action it records."""

    place: Place
    day: date
    meeting: int | None = None
    plan_action: int | None = None


def _where(
    world: World, k: int, kind: str, project: ProjectInfo, groups: dict[int, GroupInfo]
) -> _Where:
    """Every fifth activity of a project with working groups records a group's meeting or
    plan action, in the group's community; the others fall in one of its target communities."""
    last_day = min(project.end, REFERENCE_DAY)
    if project.working_groups and k % 5 == 0:
        group = groups[project.working_groups[k % len(project.working_groups)]]
        if kind == cm.ActivityKind.MEETING:
            meeting, day = group.meetings[k % len(group.meetings)]
            return _Where(group.place, day, meeting=meeting)
        plan_action, action_start = group.actions[k % len(group.actions)]
        day = min(max(action_start or project.start, project.start), last_day)
        return _Where(group.place, day, plan_action=plan_action)
    place = project.communities[k % len(project.communities)]
    return _Where(place, between(world.rng, project.start, last_day))


def _status(k: int) -> str:
    roll = k % 20
    if roll < 17:
        return cm.ActivityStatus.PUBLISHED
    if roll == 17:
        return cm.ActivityStatus.DRAFT
    if roll == 18:
        return cm.ActivityStatus.SUBMITTED
    return cm.ActivityStatus.RETURNED


def _row(
    world: World, k: int, acid: int, kind: str, project: ProjectInfo, where: _Where
) -> dict[str, object]:
    women, men, youth = people(world.rng, 2, 40)
    coverage = world.rng.random()
    titles = ACTIVITY_TITLES[kind]
    title = translations(titles[k % len(titles)], coverage, p=where.place.names)
    description = translations(ACTIVITY_DESCRIPTIONS, coverage, w=women, m=men, y=youth)
    status = _status(k)
    day = where.day
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(days=2)
    published = status == cm.ActivityStatus.PUBLISHED
    return {
        "id": acid, "project_id": project.id, "date": day, "kind": kind,
        **spread("title", title), **spread("description", description),
        "women": women, "men": men, "youth": youth, "plan_action_id": where.plan_action,
        "meeting_id": where.meeting, "author_id": project.author_id, "status": status,
        "review_comment": "Уточните число участников." if status == cm.ActivityStatus.RETURNED else "",  # noqa: E501
        "reviewed_by_id": world.admin_id if published else None,
        "submitted_at": moment if status != cm.ActivityStatus.DRAFT else None,
        "published_at": moment if published else None,
        "created_at": moment, "updated_at": moment,
    }  # fmt: skip


def activities_generate(world: World) -> None:
    activity_ids = Ids(cm.Activity)
    activities = world.sink(cm.Activity)
    activity_places = world.sink(cm.Activity.communities.through, auto_id=True)
    groups = {g.id: g for g in world.groups}
    active = world.active_projects
    weights = [max(1, (min(p.end, REFERENCE_DAY) - p.start).days) for p in active]
    kinds = list(ACTIVITY_TITLES)
    chosen = world.rng.choices(active, weights=weights, k=world.n(5000, 10))
    for k, project in enumerate(chosen):
        acid = activity_ids.take()
        kind = kinds[k % len(kinds)]
        where = _where(world, k, kind, project, groups)
        others = [where.place]
        if k % 4 == 0 and len(project.communities) > 1:
            extra = project.communities[(k * 7) % len(project.communities)]
            if extra.id != where.place.id:
                others.append(extra)
        activities.add(_row(world, k, acid, kind, project, where))
        for p in others:
            activity_places.add({"activity_id": acid, "community_id": p.id})
    world.lap("activities")
