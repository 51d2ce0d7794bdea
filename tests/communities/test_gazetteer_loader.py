"""The gazetteer loader: complete, idempotent, additive when the files grow, all-or-nothing."""

from __future__ import annotations

import csv
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from communities.management.gazetteer_loader import DEFAULT_DATA_DIR, load_gazetteer
from communities.models import Community, District, ProblemCategory, Region

pytestmark = pytest.mark.django_db


def _counts(model) -> dict[tuple[str, str], int]:
    rows = model.objects.order_by().values("country", "kind").annotate(n=Count("id"))
    return {(r["country"], r["kind"]): r["n"] for r in rows}


class TestOneLoad:
    """The checks that only read what a load of the shipped files wrote share one load, made
    once for the class (``class_db``; each test's writes roll back to it): the load takes
    seconds, and six of them loaded it each."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def _loaded(cls, class_db):
        with class_db.unblock():
            load_gazetteer()

    def test_it_loads_every_region_district_and_municipality_in_the_files(self) -> None:
        assert Region.objects.filter(country="KG").count() == 9
        assert Region.objects.filter(country="TJ").count() == 5
        assert _counts(District) == {
            ("KG", "district"): 40,
            ("KG", "city"): 12,
            ("KG", "city_district"): 4,
            ("TJ", "district"): 47,
            ("TJ", "city"): 17,
            ("TJ", "city_district"): 4,
        }
        assert _counts(Community) == {
            ("KG", "ayil_aimak"): 453,
            ("KG", "town"): 17,
            ("KG", "city"): 14,
            ("KG", "urban_settlement"): 9,
            ("KG", "city_district"): 4,
            ("TJ", "jamoat"): 372,
            ("TJ", "town"): 55,
            ("TJ", "city"): 18,
            ("TJ", "city_district"): 4,
        }

    def test_names_land_in_the_language_columns_of_their_country(self) -> None:
        kyzyl_tuu = Community.objects.get(soate_code="41703220842000")
        assert (kyzyl_tuu.name_ru, kyzyl_tuu.name_ky, kyzyl_tuu.name_tg) == (
            "Кызыл-Тууский айылный аймак",
            "Кызыл-Туу айыл аймагы",
            "",
        )
        ovchi = Community.objects.get(name_en="Ovchi Kalacha")
        # Kyrgyz pages get the Tajik name in Russian letters (communities/place_names.py).
        assert (ovchi.name_ru, ovchi.name_tg, ovchi.name_ky) == (
            "Овчикалача",
            "Овчӣ-Қалъача",
            "Овчи-Калъача",
        )
        assert ovchi.district.name_en == "Bobojon Ghafurov"
        sughd = Region.objects.get(code="TJ-SU")
        assert sughd.kind == "viloyat" and sughd.name_tg
        batken = Region.objects.get(code="KG-B")
        assert (batken.name_ky, batken.kind) == ("Баткен облусу", "oblast")

    def test_kyrgyz_units_hang_under_the_district_their_soate_code_names(self) -> None:
        # Toguz-Toro has no English name, so only the SOATE code ties its ayil aimaks to it.
        toguz_toro = District.objects.get(soate_code="41703223000000")
        assert toguz_toro.communities.filter(kind="ayil_aimak").exists()
        bishkek_city = Community.objects.get(region__code="KG-GB", kind="city")
        assert bishkek_city.district is None

    def test_the_gazetteer_has_no_invented_coordinates(self) -> None:
        # Every point comes from coordinates.csv (GeoNames) and says so; nothing else is placed.
        for model in (Region, District, Community):
            placed = model.objects.filter(latitude__isnull=False)
            assert placed.exists()
            assert not placed.exclude(source_note__contains="GeoNames").exists()
            assert not model.objects.filter(latitude__isnull=True, longitude__isnull=False).exists()

    def test_loading_records_history(self) -> None:
        assert Community.history.filter(history_type="+").count() == Community.objects.count()

    def test_problem_categories_are_seeded_with_sensitive_flags_and_four_languages(self) -> None:
        assert ProblemCategory.objects.count() == 17
        sensitive = set(
            ProblemCategory.objects.filter(sensitive=True).values_list("slug", flat=True)
        )
        assert sensitive == {
            "child_abuse",
            "teenage_suicide",
            "domestic_violence",
            "early_marriage",
        }
        dv = ProblemCategory.objects.get(slug="domestic_violence")
        assert dv.name_en == "Domestic and gender-based violence"
        for category in ProblemCategory.objects.all():
            assert category.name_en and category.name_ru and category.name_ky and category.name_tg


def test_running_it_twice_changes_nothing() -> None:
    first = load_gazetteer()
    snapshot = {m: list(m.objects.order_by("pk").values()) for m in (Region, District, Community)}
    history = {m: m.history.count() for m in (Region, District, Community, ProblemCategory)}

    second = load_gazetteer()

    assert first.changed
    assert not second.changed
    assert second.counts["communities"].unchanged == Community.objects.count()
    assert {
        m: list(m.objects.order_by("pk").values()) for m in (Region, District, Community)
    } == snapshot
    assert {m: m.history.count() for m in history} == history


def test_the_command_reports_created_updated_and_unchanged_counts() -> None:
    out = StringIO()
    call_command("load_gazetteer", stdout=out)
    call_command("load_gazetteer", stdout=out)
    text = out.getvalue()
    assert "regions: 14 created, 0 updated, 0 unchanged" in text
    assert "regions: 0 created, 0 updated, 14 unchanged" in text
    assert "Gazetteer already up to date." in text


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def _append(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        fieldnames = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fieldnames).writerow(row)


def test_rows_added_to_the_files_are_added_on_the_next_run(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    call_command("load_gazetteer", "--data-dir", str(data_dir), stdout=StringIO())
    before = Community.objects.count()
    _append(
        data_dir / "municipalities.csv",
        {
            "country": "TJ",
            "region_code": "TJ-SU",
            "district_name_en": "Isfara",
            "type": "jamoat",
            "name_en": "Test New Jamoat",
            "source": "test fixture",
        },
    )

    out = StringIO()
    call_command("load_gazetteer", "--data-dir", str(data_dir), stdout=out)

    assert Community.objects.count() == before + 1
    added = Community.objects.get(name_en="Test New Jamoat")
    assert added.district.name_en == "Isfara" and added.kind == "jamoat"
    assert "communities: 1 created, 0 updated" in out.getvalue()


def test_a_changed_name_in_the_file_updates_the_row_in_place(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    load_gazetteer(data_dir=data_dir)
    path = data_dir / "regions.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Баткен облусу", "Баткен облусу (test)"),
        encoding="utf-8",
    )

    result = load_gazetteer(data_dir=data_dir)

    assert result.counts["regions"].updated == 1
    assert Region.objects.get(code="KG-B").name_ky == "Баткен облусу (test)"
    assert Region.objects.count() == 14


def test_a_row_it_cannot_place_rolls_back_the_whole_load(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    _append(
        data_dir / "municipalities.csv",
        {
            "country": "KG",
            "region_code": "KG-XX",
            "type": "ayil aimak",
            "name_ru": "Несуществующий айылный аймак",
        },
    )

    with pytest.raises(CommandError, match="KG-XX"):
        call_command("load_gazetteer", "--data-dir", str(data_dir), stdout=StringIO())

    assert not Region.objects.exists()
    assert not Community.objects.exists()
