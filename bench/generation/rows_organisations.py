"""Organisations (donors, implementers, local governments, businesses, NGOs) and staff users."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from bench.generation.constants import (
    GENERATED_AT,
    LANGS,
    MARKER_SLUG,
    PREFIX,
    STAFF_PASSWORD,
    STAFF_USERNAME,
)
from bench.generation.sink import Ids
from bench.generation.texts import FIRST_NAMES, NGO_FORMS, NGO_WORDS, SURNAMES
from bench.generation.world import Place, World, spread
from projects import models as pm


def _donor(i: int) -> tuple[str, dict[str, str]]:
    kind = pm.OrganisationKind.DONOR_AGENCY if i % 3 else pm.OrganisationKind.UN_AGENCY
    names = {
        "en": f"Fund for Peaceful Communities No. {i + 1}",
        "ru": f"Фонд мирных сообществ № {i + 1}",
        "ky": f"Тынч жамааттар фонду № {i + 1}",
        "tg": f"Хазинаи ҷамоатҳои осоишта № {i + 1}",
    }
    return kind, names


def _implementer(i: int) -> dict[str, str]:
    return {
        "en": f"Safer World Partnership {i + 1}",
        "ru": f"Партнёрство «Безопасный мир» {i + 1}",
        "ky": f"«Коопсуз дүйнө» өнөктөштүгү {i + 1}",
        "tg": f"Шарикии «Ҷаҳони бехатар» {i + 1}",
    }


def _local_government(place: Place) -> dict[str, str]:
    return {
        "en": f"{place.names['en']} local government",
        "ru": f"Айыл окмоту / джамоат {place.names['ru']}",
        "ky": f"{place.names['ky']} айыл өкмөтү",
        "tg": f"Ҷамоати {place.names['tg']}",
    }


def _business(place: Place) -> dict[str, str]:
    return {
        "en": f"Agroservice {place.names['en']} LLC",
        "ru": f"ОсОО «Агросервис {place.names['ru']}»",
        "ky": f"«Агросервис {place.names['ky']}» ЖЧК",
        "tg": f"ҶДММ «Агросервис {place.names['tg']}»",
    }


def _local_ngo(i: int, place: Place) -> dict[str, str]:
    word = NGO_WORDS[i % len(NGO_WORDS)]
    form = NGO_FORMS[i % len(NGO_FORMS)]
    return {
        lang: form[k].format(w=word[k]) + f" — {place.names[lang]}" for k, lang in enumerate(LANGS)
    }


def _organisation(world: World, i: int, oid: int, n_orgs: int) -> tuple[str, dict[str, str], str]:
    """Kind, names and country of the i-th organisation; records the part it plays."""
    orgs = world.orgs
    place = world.places[(i * 7919) % len(world.places)]
    n_donors = max(2, n_orgs // 25)
    n_implementers = max(3, n_orgs // 12)
    if i < n_donors:
        orgs.donors.append(oid)
        return (*_donor(i), "")
    if i < n_donors + n_implementers:
        orgs.implementers.append(oid)
        return pm.OrganisationKind.INTERNATIONAL_NGO, _implementer(i), place.country
    if i % 3 == 0:
        orgs.governments.setdefault(place.id, oid)
        orgs.locals_by_country[place.country].append(oid)
        return pm.OrganisationKind.LOCAL_GOVERNMENT, _local_government(place), place.country
    if i % 7 == 1:
        orgs.businesses.append(oid)
        return pm.OrganisationKind.BUSINESS, _business(place), place.country
    orgs.locals_by_country[place.country].append(oid)
    return pm.OrganisationKind.LOCAL_NGO, _local_ngo(i, place), place.country


def organisations_generate(world: World) -> None:
    org_ids = Ids(pm.Organisation)
    sink = world.sink(pm.Organisation)
    n_orgs = world.n(400, 12)
    sink.add(
        {
            "id": org_ids.take(), "slug": MARKER_SLUG, "name": "Benchmark data (generated)",
            "name_en": "Benchmark data (generated)", "name_ru": "Данные для замеров",
            "kind": pm.OrganisationKind.OTHER, "is_archived": True,
            "match_key": "benchmark data generated",
        }
    )  # fmt: skip
    for i in range(n_orgs):
        oid = org_ids.take()
        kind, names, country = _organisation(world, i, oid, n_orgs)
        sink.add(
            {
                "id": oid, "slug": f"{PREFIX}org-{i + 1}", "kind": kind, "country": country,
                "acronym": "" if i % 4 else f"B{i + 1}", **spread("name", names),
                "match_key": names["en"].lower(), "website": "" if i % 5 else f"https://org{i + 1}.example.org",  # noqa: E501
            }
        )  # fmt: skip
    by_country = world.orgs.locals_by_country
    if not by_country["TJ"]:
        by_country["TJ"] = by_country["KG"]
    if not by_country["KG"]:
        by_country["KG"] = by_country["TJ"]
    world.orgs.all_local = by_country["KG"] + by_country["TJ"]


def staff_generate(world: World) -> None:
    """One administrator the harness logs in as, and one field officer per implementing
    organisation who writes the activity log."""
    user_model = get_user_model()
    user_ids = Ids(user_model)
    users = world.sink(user_model)
    staff = world.sink(pm.StaffMembership)
    staff_ids = Ids(pm.StaffMembership)
    password = make_password(STAFF_PASSWORD)
    world.admin_id = admin_id = user_ids.take()
    users.add(
        {
            "id": admin_id, "username": STAFF_USERNAME, "password": password,
            "first_name": "Айгуль", "last_name": "Бенчмаркова", "email": "bench-admin@example.org",
            "is_active": True, "date_joined": GENERATED_AT,
        }
    )  # fmt: skip
    staff.add(
        {
            "id": staff_ids.take(), "user_id": admin_id, "organisation_id": world.orgs.implementers[0],  # noqa: E501
            "role": pm.StaffRole.ORG_ADMIN, "created_at": GENERATED_AT,
        }
    )  # fmt: skip
    for k, org in enumerate(world.orgs.implementers):
        uid = user_ids.take()
        users.add(
            {
                "id": uid, "username": f"{PREFIX}officer-{k + 1}", "password": password,
                "first_name": FIRST_NAMES[k % len(FIRST_NAMES)], "last_name": SURNAMES[k % len(SURNAMES)],  # noqa: E501
                "is_active": True, "date_joined": GENERATED_AT,
            }
        )  # fmt: skip
        staff.add(
            {
                "id": staff_ids.take(), "user_id": uid, "organisation_id": org,
                "role": pm.StaffRole.FIELD_OFFICER, "created_at": GENERATED_AT,
            }
        )  # fmt: skip
        world.officer_of[org] = uid
