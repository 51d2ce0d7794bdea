"""Building the demo portal from ``projects.demo_seed`` (the five seed programmes).

Every write is keyed on a natural key (slugs, grant references, the seed record's key kept in
``source_note``), so running the loader again updates records in place and never duplicates
them. Values come from the seeds only; where the seeds give no figure the field stays empty.
Records that the demo needs but the seeds do not contain (draft activities, a joint plan with
actions and contributions, a few meetings) carry ``is_illustrative=True`` and say
"Illustrative example" in their text, so nobody takes them for reported facts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from communities import models as cm
from communities.gazetteer import GazetteerIndex
from core.choices import Currency
from grants import models as gm
from projects import demo_seed as seed
from projects import models as pm

ILLUSTRATIVE = "Illustrative example"
LIVING_IN_PEACE_NEWSLETTER_START = dt.date(2021, 12, 1)
# Documented in the README and printed by `demo_accounts`; DEMO_PASSWORD overrides it.
DEMO_PASSWORD_DEFAULT = "community-security-demo"  # noqa: S105
DEMO_KEY_PREFIX = "demo_seed:"
LANGS = ("en", "ru", "ky", "tg")


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEMO_PASSWORD_DEFAULT


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation: str | None
    role: str | None
    description: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", None, None, "Superuser: the Django admin and every staff page"),
    DemoAccount(
        "reforms-admin",
        "for-reforms-and-results",
        pm.StaffRole.ORG_ADMIN,
        'Organisation administrator, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-manager",
        "for-reforms-and-results",
        pm.StaffRole.PROGRAMME_MANAGER,
        'Programme manager, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-field",
        "for-reforms-and-results",
        pm.StaffRole.FIELD_OFFICER,
        'Field officer, Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "reforms-viewer",
        "for-reforms-and-results",
        pm.StaffRole.VIEWER,
        'Viewer (read-only), Civil Union "For Reforms and Results"',
    ),
    DemoAccount(
        "alert-manager",
        "international-alert",
        pm.StaffRole.PROGRAMME_MANAGER,
        "Programme manager, International Alert",
    ),
    DemoAccount(
        "alert-field",
        "international-alert",
        pm.StaffRole.FIELD_OFFICER,
        "Field officer, International Alert",
    ),
)


@dataclass
class DemoResult:
    counts: dict[str, int] = field(default_factory=dict)
    unresolved_localities: list[str] = field(default_factory=list)


# --- helpers ---------------------------------------------------------------------------


def _translated(prefix: str, texts: dict[str, str] | None) -> dict[str, str]:
    texts = texts or {}
    return {f"{prefix}_{lang}": (texts.get(lang) or "") for lang in LANGS}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _source(record: dict[str, Any], *extra: str | None) -> str:
    parts = [f"Seed: {record['source']}"] if record.get("source") else []
    if record.get("also_in"):
        parts.append("Also in: " + ", ".join(record["also_in"]))
    parts += [p for p in (record.get("note"), *extra) if p]
    return "\n".join(parts)


def _save(instance: models.Model, **exclude: Any) -> models.Model:
    instance.full_clean(**exclude)
    instance.save()
    return instance


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> models.Model:
    """update_or_create with full_clean, writing (and so recording history) only on change."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**{**lookup, **values})
        return _save(instance)
    if any(getattr(instance, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(instance, k, v)
        _save(instance)
    return instance


def _match_key(name: str) -> str:
    try:
        from core.spreadsheets.columns import organisation_match_key
    except ImportError:  # the grants import module is optional for the demo
        return re.sub(r"\s+", " ", re.sub(r"[«»\"'“”„]", " ", name.lower())).strip()
    return organisation_match_key(name)


# --- localities ------------------------------------------------------------------------


class Places:
    """Seed locality keys → gazetteer units, resolved once through the GazetteerIndex."""

    def __init__(self) -> None:
        self.index = GazetteerIndex.build()
        self.regions = {r.code: r for r in self.index.regions.units()}
        self.unresolved: list[str] = []

    def region(self, code: str | None) -> cm.Region | None:
        return self.regions.get(code or "")

    def _district(self, ref: dict[str, Any]) -> cm.District | None:
        region = self.region(ref.get("region_code"))
        if ref.get("soate_code"):
            for unit in self.index.districts.units():
                if unit.soate_code == ref["soate_code"]:
                    return unit  # type: ignore[return-value]
        name = ref.get("name_en") or ref.get("name_ru") or ""
        return self.index.find_district(name, region=region) if name else None

    def community(self, key: str | None) -> cm.Community | None:
        """The community a seed locality stands for (a district-level city counts)."""
        if not key:
            return None
        locality = seed.LOCALITIES[key]
        ref = locality.get("gazetteer")
        if not ref:
            self.unresolved.append(key)
            return None
        found: cm.Community | None = None
        if ref["level"] == "municipality":
            if ref.get("soate_code"):
                found = next(
                    (
                        u
                        for u in self.index.communities.units()
                        if u.soate_code == ref["soate_code"]
                    ),
                    None,
                )  # type: ignore[assignment]
            if found is None:
                region = self.region(ref.get("region_code"))
                district = None
                district_name = ref.get("district_name_en") or ref.get("district_name_ru")
                if district_name:
                    district = self.index.find_district(district_name, region=region)
                name = ref.get("name_en") or ref.get("name_ru") or ""
                found = self.index.find_community(name, region=region, district=district)
        elif ref["level"] == "district":
            district = self._district(ref)
            if district is not None:
                name = district.name_en or district.name_ru
                found = self.index.find_community(name, district=district)
        elif ref["level"] == "region":
            region = self.region(ref.get("code"))
            if region is not None and region.kind == cm.RegionKind.CITY:
                found = self.index.find_community(region.name_en or region.name_ru, region=region)
        if found is None:
            self.unresolved.append(key)
        return found

    def place(self, key: str | None) -> tuple[cm.Region | None, cm.District | None]:
        """Region and district a seed locality lies in (for grants' region/district)."""
        if not key:
            return None, None
        if not seed.LOCALITIES[key].get("gazetteer"):
            # A gap or an ambiguous place: keep the unit the seed does state, guess nothing.
            parent = seed.LOCALITIES[key].get("parent") or {}
            region = self.region(parent.get("region_code") or parent.get("code"))
            district = self._district(parent) if parent.get("level") == "district" else None
            return region, district
        ref = seed.LOCALITIES[key]["gazetteer"]
        if ref["level"] == "region":
            return self.region(ref.get("code")), None
        if ref["level"] == "district":
            district = self._district(ref)
            return self.region(ref.get("region_code")), district
        community = self.community(key)
        if community is None:
            return self.region(ref.get("region_code")), None
        return community.region, community.district


# --- the loader --------------------------------------------------------------------------


def _organisations() -> dict[str, pm.Organisation]:
    result = {}
    for record in seed.ORGANISATIONS:
        names = record["names"]
        display = names.get("en") or names.get("ru") or names.get("ky") or record["key"]
        values = {
            **_translated("name", names),
            "acronym": record.get("acronym") or "",
            "kind": record["kind"],
            "country": record.get("country") or "",
            "website": record.get("website") or "",
            "match_key": _match_key(display),
        }
        result[record["key"]] = _upsert(pm.Organisation, {"slug": record["key"]}, values)
    return result  # type: ignore[return-value]


def _themes() -> dict[str, pm.Theme]:
    themes = {}
    for record in seed.THEMES:
        themes[record["slug"]] = _upsert(
            pm.Theme,
            {"slug": record["slug"]},
            {"name_en": record["name_en"]},
        )
    return themes  # type: ignore[return-value]


def _project_status(record: dict[str, Any]) -> str:
    if record.get("status"):
        return record["status"]
    # The seeds are news from 2013-2018 about work that has long ended; without a stated
    # status the portal shows them as completed (said so in the source note).
    return pm.ProjectStatus.COMPLETED


def _projects(
    orgs: dict[str, pm.Organisation], themes: dict[str, pm.Theme], places: Places
) -> dict[str, pm.Project]:
    programme_of = {slug: p for p in seed.PROGRAMMES for slug in p["projects"]}
    projects = {}
    for record in seed.PROJECTS:
        programme = programme_of.get(record["slug"])
        status_note = record.get("status_note")
        if not record.get("status"):
            status_note = (status_note or "") + " Status not stated; shown as completed."
        values = {
            **_translated("title", record["titles"]),
            **_translated("summary", record.get("summary")),
            **_translated("description", record.get("description")),
            "status": _project_status(record),
            "planned_start": _date(record.get("start")),
            "planned_end": _date(record.get("end")),
            "budget": Decimal(record["budget"]) if record.get("budget") else None,
            "currency": record.get("currency") or "",
            "is_public": True,
            "is_featured": record["slug"]
            in ("living-in-peace", "sverdlovsk-district-joint-plan-pilot"),
            "source_note": _source(
                record,
                f"Programme: {programme['names'].get('en')}" if programme else None,
                status_note,
                record.get("communities_note"),
            ),
        }
        project: pm.Project = _upsert(pm.Project, {"slug": record["slug"]}, values)  # type: ignore[assignment]
        project.themes.set([themes[t] for t in record.get("themes", []) if t in themes])
        for partner in record.get("partners", []):
            _upsert(
                pm.Partnership,
                {
                    "project": project,
                    "organisation": orgs[partner["org"]],
                    "role": partner["role"],
                },
                {},
            )
        for area in record.get("areas", []):
            # Areas are regions and districts; only a city district (Sverdlovsk, Bishkek) or a
            # municipality named as an area is itself a place the project works in.
            ref = seed.LOCALITIES[area].get("gazetteer") or {}
            if ref.get("level") == "municipality" or (
                ref.get("level") == "district" and ref.get("type") == "city district"
            ):
                community = places.community(area)
                if community is not None:
                    _upsert(cm.ProjectCommunity, {"project": project, "community": community}, {})
        for target in record.get("communities", []):
            community = places.community(target["locality"])
            if community is None:
                continue
            _upsert(
                cm.ProjectCommunity,
                {"project": project, "community": community},
                {
                    "start_date": _date(target.get("start")),
                    "population_covered": target.get("population_covered"),
                },
            )
        projects[record["slug"]] = project
    return projects


def _grants(
    orgs: dict[str, pm.Organisation], projects: dict[str, pm.Project], places: Places
) -> int:
    count = 0
    for record in seed.PROGRAMME_GRANTS:
        # The seeds name no currency for either programme. A currency is required to show
        # amounts; with every amount empty it only labels the programme: USD for the UN
        # programme, EUR for the EU-funded one.
        currency = record.get("currency") or (
            Currency.EUR if "european-union" in record.get("funders", []) else Currency.USD
        )
        description = {
            lang: "\n\n".join(
                p
                for p in (
                    record.get("selection") if lang == "en" else None,
                    f"Stated number of grants: {record['grants_stated']}."
                    if lang == "en" and record.get("grants_stated")
                    else None,
                )
                if p
            )
            for lang in ("en",)
        }
        values = {
            **_translated("name", record["names"]),
            **_translated("description", description),
            "managing_organisation": orgs[record["managing_org"]],
            "project": projects.get(record.get("project") or ""),
            "currency": currency,
            "envelope": None,
            "accepts_civil_society": bool(record.get("accepts_civil_society")),
            "accepts_local_government": bool(record.get("accepts_local_government")),
            "is_public": True,
            "source_note": _source(
                record,
                record.get("names_note"),
                record.get("grants_note"),
                "Currency not given in the seed.",
            ),
        }
        programme: gm.GrantProgramme = _upsert(  # type: ignore[assignment]
            gm.GrantProgramme, {"slug": record["slug"]}, values
        )
        programme.funders.set([orgs[k] for k in record.get("funders", [])])
        project = projects.get(record.get("project") or "")
        for grant in record.get("grants", []):
            region, district = places.place(grant.get("locality"))
            if region is None:
                region = places.region(grant.get("region_code"))
            community = places.community(grant.get("locality"))
            grant_values = {
                **_translated("title", grant["titles"]),
                **_translated("summary", grant.get("summary")),
                "grantee": orgs[grant["grantee"]],
                "grantee_type": grant["grantee_type"],
                "region": region,
                "district": district,
                "amount": Decimal(grant["amount"]) if grant.get("amount") else None,
                "currency": grant.get("currency") or currency,
                "start_date": _date(grant.get("start"))
                or (project.planned_start if project else None),
                "end_date": _date(grant.get("end")) or (project.planned_end if project else None),
                "status": gm.GrantStatus.COMPLETED,
                "source_note": _source(
                    grant,
                    "Dates are the project's (April 2021 - September 2022); the newsletter "
                    "gives none per grant.",
                ),
            }
            saved: gm.Grant = _upsert(  # type: ignore[assignment]
                gm.Grant, {"programme": programme, "reference": grant["reference"]}, grant_values
            )
            saved.communities.set([community] if community else [])
            count += 1
    return count


def _working_groups(
    orgs: dict[str, pm.Organisation], projects: dict[str, pm.Project], places: Places
) -> dict[str, cm.WorkingGroup]:
    groups: dict[str, cm.WorkingGroup] = {}
    for record in seed.WORKING_GROUPS:
        community = places.community(record.get("locality"))
        if community is None:
            # The Ferghana WGCS is only planned and the seed does not say in which jamoat.
            continue
        act = record.get("founding_act") or {}
        unnamed = "; ".join(
            m["as_printed"] + (f" ({m['sector']})" if m.get("sector") else "")
            for m in record.get("unnamed_members", [])
        )
        group: cm.WorkingGroup = _upsert(  # type: ignore[assignment]
            cm.WorkingGroup,
            {"community": community, "name": record["names"]["en"]},
            {
                "organisation": orgs[record["facilitating_org"]],
                "established_on": _date(record.get("established_on")),
                "founding_act_number": act.get("number") or "",
                "founding_act_issued_by": act.get("issued_by") or "",
                "founding_act_date": _date(act.get("date")),
                "status": record.get("status") or cm.WorkingGroupStatus.ACTIVE,
                "source_note": _source(
                    record,
                    record.get("status_note"),
                    f"Also represented, without names: {unnamed}." if unnamed else None,
                ),
            },
        )
        group.projects.set([projects[p] for p in record.get("projects", []) if p in projects])
        groups[record["key"]] = group
    for member in seed.MEMBERS:
        group = groups.get(member["working_group"])
        if group is None:
            continue
        saved = _upsert(
            cm.Membership,
            {"working_group": group, "full_name": member["full_name"]},
            {
                "sex": member.get("sex") or "",
                "sector": member["sector"],
                "position": member.get("position") or "",
                "organisation_name": member.get("organisation_name") or "",
                "role": member.get("role") or cm.MemberRole.MEMBER,
            },
        )
        if member.get("role") == cm.MemberRole.CHAIR and group.chair_id != saved.pk:
            group.chair = saved  # type: ignore[assignment]
            _save(group)
    return groups


def _problems(
    projects: dict[str, pm.Project],
    groups: dict[str, cm.WorkingGroup],
    categories: dict[str, cm.ProblemCategory],
    places: Places,
) -> int:
    count = 0
    for record in seed.PROBLEMS:
        community = places.community(record["locality"])
        project = projects.get(record["project"])
        if community is None or project is None:
            continue
        reported = _date(record.get("reported_on"))
        date_note = ""
        if reported is None and record["source"] == seed.SRC_LIVING_IN_PEACE:
            # The newsletter covers December 2021 - February 2022 and dates nothing itself.
            reported = LIVING_IN_PEACE_NEWSLETTER_START
            date_note = " Dated by the start of the newsletter period (Dec 2021 - Feb 2022)."
        if reported is None:
            continue
        assessment: cm.Assessment = _upsert(  # type: ignore[assignment]
            cm.Assessment,
            {"community": community, "project": project, "date": reported},
            {
                "working_group": groups.get(record.get("working_group") or ""),
                "method": cm.AssessmentMethod.COMMUNITY_MEETING,
                "title": "Problems raised, as reported in the seed documents",
                "notes": (
                    f"Seed: {record['source']}. The seeds report the problems people raised; "
                    "they give no participant figures, so those stay at zero." + date_note
                ),
            },
        )
        description = record["description"].get("en") or next(iter(record["description"].values()))
        if record.get("places"):
            description += " (" + ", ".join(str(p) for p in record["places"]) + ")"
        _upsert(
            cm.IdentifiedProblem,
            {"assessment": assessment, "category": categories[record["category"]]},
            {
                "description": description,
                "raised_by": record.get("raised_by") or cm.RaisedBy.RESIDENTS,
                "status": record.get("status") or cm.ProblemStatus.IDENTIFIED,
            },
        )
        count += 1
    return count


# Reported as results of the 2015-2016 programme without a date of their own.
INFERRED_DATES = {
    key: "Dated by the end of the programme period (31 December 2016)."
    for key in ("maksat-police-office", "uch-korgon-youth-volunteering")
}


def _activity_date(record: dict[str, Any], projects: dict[str, pm.Project]) -> dt.date | None:
    if record.get("date"):
        return _date(record["date"])
    if record["key"] == "sverdlovsk-wg-first-meeting":
        return dt.date(2018, 4, 2)  # "held on the eve" of the report of 3 April 2018
    if record["key"] in INFERRED_DATES:
        project = projects.get(record.get("project") or "")
        return project.planned_end if project else None
    return None


def _activities(projects: dict[str, pm.Project], places: Places, author: Any) -> int:
    count = 0
    programme_projects = {p["slug"]: p["projects"] for p in seed.PROGRAMMES}
    for record in seed.ACTIVITIES:
        if record.get("occurrence") == "planned":
            # Plans are not news; they stay in the project description.
            continue
        slug = (
            record.get("project")
            or programme_projects.get(record.get("programme") or "", [None])[0]
        )
        project = projects.get(slug or "")
        date = _activity_date(record, projects)
        if project is None or date is None:
            continue
        participants = record.get("participants") or []
        who = "; ".join(p["as_printed"] for p in participants) if participants else None
        published = timezone.make_aware(dt.datetime.combine(date, dt.time(12)))
        key = DEMO_KEY_PREFIX + record["key"] + "\n"
        existing = cm.Activity.objects.filter(source_note__startswith=key).first()
        activity: cm.Activity = _upsert(  # type: ignore[assignment]
            cm.Activity,
            {"pk": existing.pk} if existing else {"source_note": _activity_source(record, who)},
            {
                **_translated("title", record["titles"]),
                **_translated("description", record.get("description")),
                "project": project,
                "date": date,
                "kind": record["type"],
                "status": cm.ActivityStatus.PUBLISHED,
                "published_at": published,
                "author": author,
                "source_note": _activity_source(record, who),
            },
        )
        activity.communities.set(
            [c for c in (places.community(k) for k in record.get("localities", [])) if c]
        )
        count += 1
    return count


def _activity_source(record: dict[str, Any], who: str | None) -> str:
    return (
        DEMO_KEY_PREFIX
        + record["key"]
        + "\n"
        + _source(
            record,
            record.get("date_text"),
            INFERRED_DATES.get(record["key"]),
            f"Participants named: {who}." if who else None,
        )
    )


# --- illustrative records ----------------------------------------------------------------


def _illustrative(
    orgs: dict[str, pm.Organisation],
    projects: dict[str, pm.Project],
    groups: dict[str, cm.WorkingGroup],
    places: Places,
    author: Any,
) -> int:
    """A joint plan, meetings and unpublished activities for the Sverdlovsk working group.

    The seeds stop at the group's first meeting; the staff pages need a plan to show the
    cycle of security end to end. Every record here says "Illustrative example".
    """
    group = groups.get("sverdlovsk-district-wg")
    project = projects.get("sverdlovsk-district-joint-plan-pilot")
    if group is None or project is None:
        return 0
    reforms = orgs["for-reforms-and-results"]
    district_admin = orgs["sverdlovsk-district-administration"]
    count = 0
    meetings = [
        (
            dt.date(2018, 5, 15),
            cm.MeetingKind.COMMUNITY,
            "Residents' meeting to rank the safety problems raised",
            14,
            11,
            6,
        ),
        (
            dt.date(2018, 6, 12),
            cm.MeetingKind.WORKING_GROUP,
            "Working-group meeting to draft the joint prevention plan",
            4,
            3,
            1,
        ),
    ]
    members = list(group.members.all())
    for date, kind, agenda, women, men, youth in meetings:
        meeting: cm.Meeting = _upsert(  # type: ignore[assignment]
            cm.Meeting,
            {"working_group": group, "date": date, "kind": kind},
            {
                "agenda": f"{ILLUSTRATIVE}. {agenda}.",
                "decisions": f"{ILLUSTRATIVE}: no minutes of this meeting are in the seeds.",
                "women": women,
                "men": men,
                "youth": youth,
                "is_illustrative": True,
                "source_note": ILLUSTRATIVE,
            },
        )
        if kind == cm.MeetingKind.WORKING_GROUP:
            meeting.members_present.set(members)
        count += 1

    plan: cm.JointPlan = _upsert(  # type: ignore[assignment]
        cm.JointPlan,
        {
            "working_group": group,
            "title_en": "Joint crime-prevention plan of the Sverdlovsk district",
        },
        {
            "community": group.community,
            "title_ru": "Совместный план профилактики правонарушений Свердловского района",
            "period_start": dt.date(2018, 7, 1),
            "period_end": dt.date(2019, 6, 30),
            "status": cm.PlanStatus.IN_IMPLEMENTATION,
            "approved_by": "Sverdlovsk district administration",
            "approval_date": dt.date(2018, 6, 28),
            "is_illustrative": True,
            "source_note": (
                f"{ILLUSTRATIVE}: the seed reports that the group met to compile a plan; the "
                "plan's content, dates and figures here are made up for the demo."
            ),
        },
    )
    problems = {
        p.category.slug: p
        for p in cm.IdentifiedProblem.objects.filter(
            assessment__working_group=group
        ).select_related("category")
    }
    actions = [
        (
            1,
            "road_safety",
            "Mark pedestrian crossings and put up speed-limit signs near the district's schools",
            cm.ActionStatus.DONE,
            dt.date(2018, 9, 20),
            [("local_budget", district_admin, "180000", Currency.KGS, "received")],
        ),
        (
            2,
            "crime_markets_housing",
            "Joint patrols of police and volunteers at the Alamedin and Dordoi markets",
            cm.ActionStatus.IN_PROGRESS,
            None,
            [
                ("business", None, "50000", Currency.KGS, "pledged"),
                ("residents_in_kind", None, "20000", Currency.KGS, "received"),
            ],
        ),
        (
            3,
            "child_abuse",
            "Sessions for parents and teachers on recognising and reporting child abuse",
            cm.ActionStatus.PLANNED,
            None,
            [("donor", orgs["unodc"], "1500", Currency.USD, "pledged")],
        ),
    ]
    for position, category, text, status, completed, contributions in actions:
        action: cm.PlanAction = _upsert(  # type: ignore[assignment]
            cm.PlanAction,
            {"plan": plan, "position": position},
            {
                "description_en": f"{text}. ({ILLUSTRATIVE}.)",
                "responsible_organisation": district_admin if position != 3 else reforms,
                "start_date": dt.date(2018, 7, 1),
                "due_date": dt.date(2018, 12, 31),
                "status": status,
                "completed_on": completed,
                "result_note": f"{ILLUSTRATIVE}." if completed else "",
            },
        )
        if category in problems:
            action.problems.set([problems[category]])
        action.partners.set([reforms])
        for number, (source, contributor, amount, currency, state) in enumerate(
            contributions, start=1
        ):
            _upsert(
                cm.Contribution,
                {"action": action, "note": f"{ILLUSTRATIVE} #{number}"},
                {
                    "source_type": source,
                    "contributor": contributor,
                    "amount": Decimal(amount),
                    "currency": currency,
                    "state": state,
                    "date": dt.date(2018, 8, 1),
                },
            )
    count += 1

    drafts = [
        (
            "illustrative-draft-road-safety",
            cm.ActivityStatus.DRAFT,
            dt.date(2018, 9, 18),
            cm.ActivityKind.CAMPAIGN,
            "Road-safety lesson at a district school",
        ),
        (
            "illustrative-submitted-market-patrol",
            cm.ActivityStatus.SUBMITTED,
            dt.date(2018, 10, 5),
            cm.ActivityKind.MEETING,
            "First joint patrol at the Alamedin market",
        ),
    ]
    for key, status, date, kind, title in drafts:
        note = DEMO_KEY_PREFIX + key + "\n" + ILLUSTRATIVE
        existing = cm.Activity.objects.filter(source_note=note).first()
        activity: cm.Activity = _upsert(  # type: ignore[assignment]
            cm.Activity,
            {"pk": existing.pk} if existing else {"source_note": note},
            {
                "project": project,
                "date": date,
                "kind": kind,
                "title_en": title,
                "description_en": f"{ILLUSTRATIVE}: not taken from a source document.",
                "women": 6,
                "men": 5,
                "youth": 4,
                "status": status,
                "submitted_at": timezone.make_aware(dt.datetime.combine(date, dt.time(18)))
                if status == cm.ActivityStatus.SUBMITTED
                else None,
                "author": author,
                "is_illustrative": True,
            },
        )
        activity.communities.set([group.community])
        count += 1
    return count


# Rates are illustrative: no central-bank source is available offline to cite.
EXCHANGE_RATES = (
    (Currency.KGS, dt.date(2018, 1, 1), "0.0145"),
    (Currency.KGS, dt.date(2022, 1, 1), "0.0118"),
    (Currency.TJS, dt.date(2018, 1, 1), "0.1130"),
    (Currency.TJS, dt.date(2022, 1, 1), "0.0885"),
    (Currency.EUR, dt.date(2018, 1, 1), "1.2000"),
    (Currency.EUR, dt.date(2022, 1, 1), "1.1300"),
    (Currency.GBP, dt.date(2018, 1, 1), "1.3500"),
    (Currency.GBP, dt.date(2022, 1, 1), "1.3500"),
)


def _exchange_rates() -> int:
    for currency, date, rate in EXCHANGE_RATES:
        _upsert(
            pm.ExchangeRate,
            {"currency": currency, "date": date},
            {
                "rate_to_usd": Decimal(rate),
                "source_note": (
                    f"{ILLUSTRATIVE}: approximate rate for the demo, not an official rate. "
                    "Replace with the National Bank's rate before reporting."
                ),
            },
        )
    return len(EXCHANGE_RATES)


def demo_accounts_ensure(*, orgs: dict[str, pm.Organisation] | None = None) -> list[DemoAccount]:
    """Create or refresh the demo users and their staff memberships."""
    user_model = get_user_model()
    orgs = orgs or {o.slug: o for o in pm.Organisation.objects.all()}
    password = demo_password()
    for account in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model(username=account.username, email=f"{account.username}@example.org")
        if not user.pk or not user.check_password(password):
            user.set_password(password)
        if account.role is None:
            user.is_staff = True
            user.is_superuser = True
        user.save()
        if account.organisation and account.organisation in orgs:
            _upsert(
                pm.StaffMembership,
                {"user": user, "organisation": orgs[account.organisation]},
                {"role": account.role},
            )
    return list(DEMO_ACCOUNTS)


@transaction.atomic
def demo_load() -> DemoResult:
    """Build the five seed programmes; needs the gazetteer (``load_gazetteer``) first."""
    if not cm.Region.objects.exists():
        raise ValueError("The gazetteer is empty: run `python manage.py load_gazetteer` first.")
    result = DemoResult()
    places = Places()
    orgs = _organisations()
    themes = _themes()
    projects = _projects(orgs, themes, places)
    demo_accounts_ensure(orgs=orgs)
    author = get_user_model().objects.filter(username="reforms-manager").first()
    categories = {c.slug: c for c in cm.ProblemCategory.objects.all()}
    groups = _working_groups(orgs, projects, places)
    result.counts = {
        "organisations": len(orgs),
        "projects": len(projects),
        "grants": _grants(orgs, projects, places),
        "working groups": len(groups),
        "identified problems": _problems(projects, groups, categories, places),
        "published activities": _activities(projects, places, author),
        "illustrative records": _illustrative(orgs, projects, groups, places, author),
        "exchange rates": _exchange_rates(),
    }
    result.unresolved_localities = sorted(set(places.unresolved))
    return result
