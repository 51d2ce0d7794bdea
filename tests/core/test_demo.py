"""core.demo: records from data files, found by natural key, written only on change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core.demo import demo_manifest_read, demo_model, demo_records_load, demo_records_read
from projects import models as pm

pytestmark = pytest.mark.django_db

SOURCE = "001_b5da03d451631edf.txt"


def _provenance(**overrides: Any) -> dict[str, Any]:
    return {
        "document": SOURCE,
        "section": "Article of 3 April 2018",
        "illustrative": False,
        "note": "As printed in the document.",
        **overrides,
    }


def _write(folder: Path, records: list[dict[str, Any]]) -> Path:
    manifest = {
        "order": ["projects.Organisation", "tests.Project", "projects.Partnership"],
        "aliases": {"tests.Project": "projects.Project"},
        "documents": {SOURCE: "news item, 3 April 2018"},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "001_sverdlovsk.json").write_text(json.dumps({"records": records}))
    return folder


RECORDS = [
    # Listed out of order on purpose: the manifest's order decides.
    {
        "model": "projects.Partnership",
        "key": {"project": {"slug": "pilot"}, "organisation": {"slug": "unodc"}, "role": "funding"},
        "provenance": _provenance(),
    },
    {
        "model": "tests.Project",
        "key": {"slug": "pilot"},
        "fields": {"title_en": "Pilot", "status": "completed", "planned_start": "2018-04-03"},
        "provenance": _provenance(),
    },
    {
        "model": "projects.Organisation",
        "key": {"slug": "unodc"},
        "fields": {"name_en": "UNODC", "kind": "un_agency"},
        "provenance": _provenance(),
    },
]


def _load(folder: Path) -> dict[str, int]:
    manifest = demo_manifest_read(folder)
    return demo_records_load(demo_records_read(folder, manifest=manifest), manifest=manifest)


def test_it_loads_records_in_the_manifest_order_resolving_natural_keys(tmp_path) -> None:
    counts = _load(_write(tmp_path, RECORDS))

    assert counts == {"projects.Organisation": 1, "tests.Project": 1, "projects.Partnership": 1}
    project = pm.Project.objects.get(slug="pilot")
    assert project.planned_start.isoformat() == "2018-04-03"
    assert project.partnerships.get().organisation.slug == "unodc"


def test_a_second_run_writes_nothing(tmp_path) -> None:
    folder = _write(tmp_path, RECORDS)
    _load(folder)
    history = pm.Project.history.count(), pm.Organisation.history.count()

    _load(folder)

    assert (pm.Project.history.count(), pm.Organisation.history.count()) == history


def test_a_changed_value_updates_the_record_in_place(tmp_path) -> None:
    _load(_write(tmp_path, RECORDS))
    changed = [dict(r) for r in RECORDS]
    changed[1] = {**changed[1], "fields": {**changed[1]["fields"], "title_en": "Pilot, renamed"}}

    _load(_write(tmp_path, changed))

    assert list(pm.Project.objects.values_list("title_en", flat=True)) == ["Pilot, renamed"]


def test_an_alias_names_a_model_under_its_new_label() -> None:
    aliases = {"communities.Activity": "projects.Activity"}
    assert demo_model("communities.Activity", aliases=aliases)._meta.model_name == "activity"
    assert demo_model("projects.Project", aliases=aliases) is pm.Project


@pytest.mark.parametrize(
    "provenance",
    [
        {"document": SOURCE, "illustrative": False, "note": "no section"},
        _provenance(section=""),
        _provenance(document="999_unknown.txt"),
        _provenance(illustrative="no"),
        _provenance(note=""),
    ],
)
def test_it_refuses_a_record_without_full_provenance(tmp_path, provenance) -> None:
    folder = _write(tmp_path, [{**RECORDS[2], "provenance": provenance}])

    with pytest.raises(ValueError, match=r"001_sverdlovsk\.json record 0"):
        demo_records_read(folder, manifest=demo_manifest_read(folder))


def test_it_refuses_a_model_missing_from_the_manifest_order(tmp_path) -> None:
    folder = _write(tmp_path, [{**RECORDS[2], "model": "projects.Theme"}])

    with pytest.raises(ValueError, match="not in the manifest's order"):
        demo_records_read(folder, manifest=demo_manifest_read(folder))
