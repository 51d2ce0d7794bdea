"""Every open-data dataset is a Frictionless Data Package (Table Schema, named licence,
absolute URLs) that `frictionless validate` accepts, with unknown values left empty."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from reports.open_data import DATASETS
from tests import factories as f

pytestmark = pytest.mark.django_db

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def _csv(client, slug: str) -> str:
    response = client.get(reverse("reports:dataset_download", args=[slug, "csv"]))
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize("slug", list(DATASETS))
def test_each_dataset_package_passes_frictionless_validate(client, world, tmp_path, slug) -> None:
    # An activity whose participants were not counted: its cells stay empty.
    f.ActivityFactory(project=world.project, published=True, women=None, men=None, youth=None)
    package = client.get(reverse("reports:datapackage", args=[slug])).json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resource = package["resources"][0]
    assert resource["path"].startswith("http://testserver/") and package["homepage"].startswith(
        "http://testserver/"
    )
    # Validated against a local copy of the file the package points at: the test server is
    # not reachable from the frictionless process.
    (tmp_path / f"{slug}.csv").write_text(_csv(client, slug), encoding="utf-8")
    resource["path"] = f"{slug}.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_addresses_in_the_data_are_absolute_and_unknown_counts_empty(client, world) -> None:
    activity = f.ActivityFactory(
        project=world.project, published=True, women=None, men=None, youth=None
    )
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(_csv(client, "activities")))}
    row = rows[str(activity.pk)]
    assert row["women"] == "" and row["men"] == "" and row["youth"] == ""
    assert row["url"].startswith("http://testserver/")
    projects = list(csv.DictReader(io.StringIO(_csv(client, "projects"))))
    assert projects and all(p["url"].startswith("http://testserver/") for p in projects)


def test_a_grant_with_no_payment_recorded_has_an_empty_amount_paid(client, world) -> None:
    programme = f.GrantProgrammeFactory(project=world.project)
    grant = f.GrantFactory(programme=programme, reference="NO-PAYMENT-1")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(_csv(client, "grants")))}
    assert rows[grant.reference]["paid"] == ""
