"""bench/generate.py at a tiny scale: counts, consistency, languages, determinism, refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from bench.generate import generate as bench_generate
from bench.generate import main
from bench.generation.constants import MARKER_SLUG, STAFF_PASSWORD, STAFF_USERNAME
from bench.generation.world import GenerationError
from communities import models as cm
from grants import models as gm
from projects import models as pm

SCALE = 0.01


@pytest.fixture
def gazetteer(db):
    """A small gazetteer in both countries. bulk_create keeps the fixture independent of
    history signals; the names are real places."""
    kg, tj = cm.Region.objects.bulk_create(
        [
            cm.Region(code="KG-O", country="KG", kind="oblast", name="Ошская область",
                      name_en="Osh Region", name_ru="Ошская область", name_ky="Ош облусу"),
            cm.Region(code="TJ-SU", country="TJ", kind="viloyat", name="Согдийская область",
                      name_en="Sughd", name_ru="Согдийская область", name_tg="Вилояти Суғд"),
        ]
    )  # fmt: skip
    kara_suu, isfara = cm.District.objects.bulk_create(
        [
            cm.District(region=kg, country="KG", kind="district", name="Кара-Суйский район",
                        name_en="Kara-Suu", name_ru="Кара-Суйский район"),
            cm.District(region=tj, country="TJ", kind="district", name="Исфаринский район",
                        name_en="Isfara", name_ru="Исфаринский район"),
        ]
    )  # fmt: skip
    places = [
        (kg, kara_suu, "Kashkar-Kyshtak", "Кашгар-Кыштак", "Кашкар-Кыштак", ""),
        (kg, kara_suu, "Papan", "Папан", "Папан", ""),
        (kg, kara_suu, "Katta-Taldyk", "Катта-Талдык", "Катта-Талдык", ""),
        (kg, kara_suu, "Otuz-Adyr", "Отуз-Адыр", "Отуз-Адыр", ""),
        (tj, isfara, "Chorkuh", "Чоркух", "", "Чоркӯҳ"),
        (tj, isfara, "Surkh", "Сурх", "", "Сурх"),
        (tj, isfara, "Navgilem", "Навгилем", "", "Навгилем"),
        (tj, isfara, "Shahrak", "Шахрак", "", "Шаҳрак"),
    ]
    cm.Community.objects.bulk_create(
        cm.Community(region=r, district=d, country=r.country, kind="ayil_aimak", name=ru,
                     name_en=en, name_ru=ru, name_ky=ky, name_tg=tg, population=4000)
        for r, d, en, ru, ky, tg in places
    )  # fmt: skip


def generate(**options):
    return bench_generate(scale=SCALE, log=lambda message: None, **options)


@pytest.mark.django_db
def test_it_generates_the_expected_volumes_at_a_tiny_scale(gazetteer):
    generate()
    assert pm.Project.objects.count() == 3
    assert cm.Activity.objects.count() == 50
    assert gm.Grant.objects.count() == 5
    assert cm.WorkingGroup.objects.count() == 3
    assert cm.Membership.objects.count() == 30
    assert cm.Meeting.objects.count() == 60
    assert cm.JointPlan.objects.count() == 3
    assert cm.PlanAction.objects.count() == 30
    assert cm.Contribution.objects.count() == 60
    assert gm.Disbursement.objects.filter(grant__isnull=False).count() >= 5
    assert gm.GrantReport.objects.count() >= 5
    assert pm.Organisation.objects.filter(slug=MARKER_SLUG).exists()
    # Most of the activity log is published, the rest waits in the review workflow.
    published = cm.Activity.objects.filter(status=cm.ActivityStatus.PUBLISHED).count()
    assert 40 <= published < 50
    assert cm.Activity.objects.exclude(status=cm.ActivityStatus.PUBLISHED).exists()


@pytest.mark.django_db
def test_every_activity_happens_in_its_projects_communities_and_dates(gazetteer):
    generate()
    targets: dict[int, set[int]] = {}
    for link in cm.ProjectCommunity.objects.all():
        targets.setdefault(link.project_id, set()).add(link.community_id)
    projects = {p.pk: p for p in pm.Project.objects.all()}
    for activity in cm.Activity.objects.prefetch_related("communities"):
        project = projects[activity.project_id]
        places = {c.pk for c in activity.communities.all()}
        assert places, activity
        assert places <= targets[project.pk]
        assert project.start <= activity.date <= project.end
        if activity.meeting_id:
            assert activity.meeting.working_group.projects.filter(pk=project.pk).exists()
            assert activity.meeting.working_group.community_id in places
        if activity.plan_action_id:
            assert activity.plan_action.plan.community_id in places
    for group in cm.WorkingGroup.objects.prefetch_related("projects"):
        assert group.chair is not None and group.chair.working_group_id == group.pk
        for project in group.projects.all():
            assert group.community_id in targets[project.pk]
    for grant in gm.Grant.objects.select_related("programme"):
        project_places = targets[grant.programme.project_id]
        assert set(grant.communities.values_list("pk", flat=True)) <= project_places
        paid = sum((d.paid_amount or Decimal(0)) for d in grant.disbursements.all())
        assert paid <= grant.amount


@pytest.mark.django_db
def test_text_comes_in_all_four_languages_in_cyrillic_and_latin(gazetteer):
    generate()
    full = cm.Activity.objects.exclude(title_en="").exclude(title_ru="")
    full = full.exclude(title_ky="").exclude(title_tg="")
    activity = full.first()
    assert activity is not None
    assert activity.title_en.isascii()
    assert any("а" <= ch <= "я" for ch in activity.title_ru.lower())
    # Some records are only partly translated, so language fallbacks get exercised.
    assert cm.Activity.objects.filter(title_ky="").exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data(gazetteer):
    generate()
    first = list(cm.Activity.objects.order_by("pk").values_list("title_ru", "date", "women"))
    generate()
    second = list(cm.Activity.objects.order_by("pk").values_list("title_ru", "date", "women"))
    assert first == second
    assert pm.Project.objects.count() == 3


@pytest.mark.django_db
def test_the_generated_administrator_can_log_in(gazetteer, client):
    generate()
    user = get_user_model().objects.get(username=STAFF_USERNAME)
    assert user.check_password(STAFF_PASSWORD)
    assert pm.StaffMembership.objects.filter(user=user, role=pm.StaffRole.ORG_ADMIN).exists()


@pytest.mark.django_db
def test_it_refuses_a_database_with_other_records_unless_forced(gazetteer):
    pm.Organisation.objects.bulk_create(
        [pm.Organisation(slug="real-ngo", name="Real NGO", name_en="Real NGO", kind="local_ngo")]
    )
    with pytest.raises(GenerationError, match="--force"):
        generate()
    assert not pm.Project.objects.exists()
    generate(force=True)
    assert pm.Organisation.objects.filter(slug="real-ngo").exists()
    assert cm.Activity.objects.count() == 50


@pytest.mark.django_db
def test_it_asks_for_the_gazetteer_first(db):
    with pytest.raises(GenerationError, match="load_gazetteer"):
        generate()
    assert not pm.Organisation.objects.exists()


@pytest.mark.django_db
def test_the_script_reports_a_refusal_and_exits_non_zero(db, capsys):
    assert main(["--scale", "0"]) == 1
    assert "--scale must be positive" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_script_says_how_many_rows_it_wrote(gazetteer, capsys):
    assert main(["--scale", str(SCALE), "-v2"]) == 0
    out = capsys.readouterr().out
    assert f"at scale {SCALE:g}" in out
    assert "activities: " in out and "projects_activity: 50" in out


def _search_table_vacuumed_at():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'core_searchdocument'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_vacuums_what_it_loaded(gazetteer):
    # Each search document is inserted, then updated with its vectors: one dead row per
    # record, which doubled search p95 at scale 10 until the table was vacuumed.
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    before = _search_table_vacuumed_at()
    messages: list[str] = []
    bench_generate(scale=SCALE, log=messages.append)
    after = _search_table_vacuumed_at()
    assert after is not None and (before is None or after > before)
    assert "vacuumed and analysed" in messages
