"""Grant programmes with applications, grants, tranches and grantee reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from bench.generation.constants import GENERATED_AT, PREFIX, REFERENCE_DAY
from bench.generation.sink import Ids, Sink
from bench.generation.texts import ACTION_TEXTS
from bench.generation.world import (
    Place,
    ProjectInfo,
    World,
    currency_of,
    money,
    spread,
    translations,
)
from grants import models as gm
from projects import models as pm


@dataclass
class _Programme:
    id: int
    project: ProjectInfo
    currency: str
    country: str


@dataclass
class _Sinks:
    applications: Sink
    application_places: Sink
    grants: Sink
    grant_places: Sink
    disbursements: Sink
    reports: Sink


def _programmes(world: World) -> list[_Programme]:
    """One programme for every fifth project that has started."""
    programme_ids = Ids(gm.GrantProgramme)
    programmes = world.sink(gm.GrantProgramme)
    funders = world.sink(gm.GrantProgramme.funders.through, auto_id=True)
    active = world.active_projects
    found = []
    for i, project in enumerate(active[::5] or active):
        prid = programme_ids.take()
        country = project.communities[0].country
        currency = currency_of(country)
        names = {
            "en": f"Small grants for community safety, round {i + 1}",
            "ru": f"Малые гранты на безопасность сообществ, раунд {i + 1}",
            "ky": f"Жамааттардын коопсуздугу үчүн чакан гранттар, {i + 1}-раунд",
            "tg": f"Грантҳои хурд барои амнияти ҷамоатҳо, даври {i + 1}",
        }
        programmes.add(
            {
                "id": prid, "slug": f"{PREFIX}programme-{i + 1}", **spread("name", names),
                **spread("description", names), "managing_organisation_id": project.implementers[0],
                "project_id": project.id, "currency": currency,
                "envelope": money(world.rng, 100_000, 900_000),
                "accepts_civil_society": True, "accepts_local_government": i % 2 == 0,
                "call_opens": project.start, "call_closes": project.start + timedelta(days=60),
                "is_public": project.public, "source_note": "Generated for benchmarks",
            }
        )  # fmt: skip
        funders.add({"grantprogramme_id": prid, "organisation_id": project.funder})
        found.append(_Programme(prid, project, currency, country))
    return found


def _grantee(world: World, k: int, programme: _Programme, place_id: int) -> tuple[int, str]:
    """A local organisation of the programme's country; every fourth grant goes to the
    community's own government where there is one."""
    orgs = world.orgs
    grantee = world.rng.choice(orgs.locals_by_country.get(programme.country) or orgs.all_local)
    government = orgs.governments.get(place_id)
    if k % 4 == 0 and government:
        grantee = government
    grantee_type = (
        pm.GranteeType.LOCAL_GOVERNMENT if grantee in orgs.governments.values()
        else pm.GranteeType.CIVIL_SOCIETY
    )  # fmt: skip
    return grantee, grantee_type


def _tranches(k: int, gid: int, amount: Decimal, start: date, sink: Sink) -> None:
    tranches = 1 + k % 3
    for t in range(tranches):
        planned = start + timedelta(days=t * 60)
        paid = planned <= REFERENCE_DAY
        share = (amount / tranches).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        if t == tranches - 1:
            # The last tranche takes the rounding remainder, so tranches add up.
            share = amount - share * (tranches - 1)
        sink.add(
            {
                "grant_id": gid, "tranche": t + 1, "planned_date": planned,
                "planned_amount": share, "paid_date": planned if paid else None,
                "paid_amount": share if paid else None,
            }
        )  # fmt: skip


def _reports(k: int, gid: int, end: date, sink: Sink) -> None:
    for r, kind in enumerate((gm.ReportKind.NARRATIVE, gm.ReportKind.FINAL)[: 1 + k % 2]):
        due = end + timedelta(days=30 * r + 15)
        received_on = due if due < REFERENCE_DAY and k % 7 else None
        sink.add(
            {
                "grant_id": gid, "kind": kind, "due_date": due, "received_on": received_on,
                "status": gm.ReportStatus.ACCEPTED if received_on else gm.ReportStatus.DUE,
            }
        )  # fmt: skip


@dataclass
class _Award:
    """The awarded application a grant comes from."""

    id: int
    place: Place
    grantee: int
    grantee_type: str
    title: dict[str, str]
    amount: Decimal
    received: date


def _application(
    world: World, k: int, programme: _Programme, ids: dict[str, Ids], sinks: _Sinks
) -> _Award:
    """The awarded application, and for every other grant a rejected rival."""
    project, rng = programme.project, world.rng
    place = project.communities[k % len(project.communities)]
    grantee, grantee_type = _grantee(world, k, programme, place.id)
    received = project.start + timedelta(days=rng.randint(10, 50))
    title = translations(ACTION_TEXTS[k % len(ACTION_TEXTS)], rng.random() * 0.7)
    award = _Award(ids["applications"].take(), place, grantee, grantee_type, title,
                   money(rng, 300, 5_000), received)  # fmt: skip
    sinks.applications.add(
        {
            "id": award.id, "programme_id": programme.id, "applicant_id": grantee,
            **spread("title", title), "requested_amount": award.amount, "received_on": received,
            "status": gm.ApplicationStatus.AWARDED,
        }
    )  # fmt: skip
    sinks.application_places.add({"application_id": award.id, "community_id": place.id})
    if k % 2 == 0:
        sinks.applications.add(
            {
                "id": ids["applications"].take(), "programme_id": programme.id,
                "applicant_id": rng.choice(world.orgs.all_local), **spread("title", title),
                "requested_amount": award.amount + 1000, "received_on": received,
                "status": gm.ApplicationStatus.REJECTED,
            }
        )  # fmt: skip
    return award


def _grant(world: World, k: int, programme: _Programme, ids: dict[str, Ids], sinks: _Sinks) -> None:
    award = _application(world, k, programme, ids, sinks)
    place = award.place
    gid = ids["grants"].take()
    start = award.received + timedelta(days=30)
    end = min(start + timedelta(days=world.rng.randint(120, 365)), programme.project.end)
    end = max(start, end)
    sinks.grants.add(
        {
            "id": gid, "programme_id": programme.id, "grantee_id": award.grantee,
            "grantee_type": award.grantee_type, "application_id": award.id,
            "reference": f"{PREFIX}{k + 1:06d}", **spread("title", award.title),
            **spread("summary", award.title), "region_id": place.region_id,
            "district_id": place.district_id, "amount": award.amount,
            "currency": programme.currency, "start_date": start, "end_date": end,
            "status": gm.GrantStatus.COMPLETED if end < REFERENCE_DAY else gm.GrantStatus.ACTIVE,
            "created_at": GENERATED_AT,
        }
    )  # fmt: skip
    sinks.grant_places.add({"grant_id": gid, "community_id": place.id})
    _tranches(k, gid, award.amount, start, sinks.disbursements)
    _reports(k, gid, end, sinks.reports)


def grants_generate(world: World) -> None:
    programmes = _programmes(world)
    ids = {"applications": Ids(gm.Application), "grants": Ids(gm.Grant)}
    sinks = _Sinks(
        applications=world.sink(gm.Application),
        application_places=world.sink(gm.Application.communities.through, auto_id=True),
        grants=world.sink(gm.Grant),
        grant_places=world.sink(gm.Grant.communities.through, auto_id=True),
        disbursements=world.sink(gm.Disbursement, auto_id=True),
        reports=world.sink(gm.GrantReport, auto_id=True),
    )
    for k in range(world.n(500, 5)):
        _grant(world, k, programmes[k % len(programmes)], ids, sinks)
    world.flush_all()
    world.lap("grants")
