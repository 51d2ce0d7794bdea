"""Projects with their partners, themes and target communities."""

from __future__ import annotations

from datetime import date, timedelta

from bench.generation.constants import LANGS, PREFIX, REFERENCE_DAY
from bench.generation.sink import Ids, Sink
from bench.generation.texts import PROJECT_SUMMARY, PROJECT_TITLES
from bench.generation.world import ProjectInfo, World, money, spread, translations
from communities import models as cm
from projects import models as pm


def _status(start: date, end: date) -> str:
    if start > REFERENCE_DAY:
        return pm.ProjectStatus.PLANNED
    if end < REFERENCE_DAY:
        return pm.ProjectStatus.COMPLETED
    return pm.ProjectStatus.ACTIVE


def _info(world: World, i: int, pid: int, region: int) -> ProjectInfo:
    """Where and when the i-th project works, and who implements and funds it."""
    rng = world.rng
    pool = world.by_region[region]
    chosen = rng.sample(pool, min(len(pool), rng.randint(8, 30)))
    start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 10 * 365))
    end = start + timedelta(days=rng.randint(2 * 365, 5 * 365))
    public = i % 12 != 5
    archived = i % 25 == 24
    implementers = world.orgs.implementers
    impl = [implementers[0]] if i % 10 == 0 else []
    impl += rng.sample(implementers, min(len(implementers), rng.randint(1, 2)))
    impl = list(dict.fromkeys(impl))
    funder = world.orgs.donors[i % len(world.orgs.donors)]
    info = ProjectInfo(pid, start, end, chosen, public and not archived, impl, funder)
    info.author_id = world.officer_of[impl[0]]
    return info


def _project_row(world: World, i: int, info: ProjectInfo, region: int) -> dict[str, object]:
    rng = world.rng
    start, end = info.start, info.end
    pattern = PROJECT_TITLES[i % len(PROJECT_TITLES)]
    title = translations(pattern, rng.random() * 0.7, p=world.region_names[region])
    for lang in LANGS:
        if title[lang]:
            title[lang] += f" ({start.year}–{end.year}, №{i + 1})"
    summary = translations(PROJECT_SUMMARY, rng.random() * 0.7, n=len(info.communities))
    status = _status(start, end)
    public = i % 12 != 5
    return {
        "id": info.id, "slug": f"{PREFIX}project-{i + 1}", **spread("title", title),
        **spread("summary", summary), **spread("description", summary),
        "status": status, "planned_start": start, "planned_end": end,
        "actual_start": start if status != pm.ProjectStatus.PLANNED else None,
        "actual_end": end if status == pm.ProjectStatus.COMPLETED else None,
        "currency": "USD" if i % 3 else "EUR", "budget": money(rng, 5_000, 40_000),
        "is_public": public, "is_featured": public and i < 4, "is_archived": i % 25 == 24,
        "source_note": "Generated for benchmarks",
    }  # fmt: skip


def _links(world: World, info: ProjectInfo, row: dict[str, object], sinks: list[Sink]) -> None:
    """Partners, themes and target communities of one project."""
    partnerships, targets, project_themes = sinks
    pid = info.id
    partnerships.add(
        {"project_id": pid, "organisation_id": info.funder, "role": pm.PartnerRole.FUNDING,
         "funding_amount": row["budget"], "currency": row["currency"]}
    )  # fmt: skip
    for org in info.implementers:
        partnerships.add(
            {"project_id": pid, "organisation_id": org, "role": pm.PartnerRole.IMPLEMENTING}
        )
    for theme in world.rng.sample(world.theme_ids, 2):
        project_themes.add({"project_id": pid, "theme_id": theme})
    for place in info.communities:
        targets.add(
            {
                "project_id": pid, "community_id": place.id, "start_date": info.start,
                "end_date": info.end, "population_covered": place.population or world.rng.randint(800, 12_000),  # noqa: E501
            }
        )  # fmt: skip


def projects_generate(world: World) -> None:
    project_ids = Ids(pm.Project)
    projects = world.sink(pm.Project)
    links = [
        world.sink(pm.Partnership, auto_id=True),
        world.sink(cm.ProjectCommunity, auto_id=True),
        world.sink(pm.Project.themes.through, auto_id=True),
    ]
    regions = world.regions
    for i in range(world.n(50, 3)):
        region = regions[i % len(regions)]
        info = _info(world, i, project_ids.take(), region)
        world.projects.append(info)
        row = _project_row(world, i, info, region)
        projects.add(row)
        _links(world, info, row, links)
    world.lap("organisations, users, projects")
