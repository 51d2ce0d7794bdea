"""Grant import benchmark: 10,000 rows in the template, three ways, three times each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_grants_bench \
        .venv/bin/python bench/import_grants.py

1. ours: upload → preview (dry run) → confirm through the Django admin views, exactly as
   an admin does (test client, tmp storage in the database, admin log, history);
2. floor: Grant.objects.bulk_create of the same rows, already parsed;
3. default: a plain ModelResource with ForeignKeyWidget lookups, dry run + import.

Every measurement runs in a fresh subprocess on an emptied grant table, so the peak
memory (ru_maxrss) is that run's own. Results go to docs/benchmarks.md between the
import_grants markers.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
RUNS = 3
DEFAULT_ROWS = int(os.environ.get("BENCH_DEFAULT_ROWS", "1000"))
FILE = Path(os.environ.get("BENCH_IMPORT_FILE", "/tmp/portal-bench-grants.xlsx"))
START, END = "<!-- import_grants:start -->", "<!-- import_grants:end -->"


def setup_django() -> None:
    import django

    django.setup()


def prepare() -> None:
    """Migrate, load the gazetteer, make a programme and 300 existing grantees, write the
    10,000-row file."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_gazetteer", verbosity=0)
    import openpyxl

    from communities.models import Community
    from grants.models import GrantProgramme
    from projects.models import Organisation, OrganisationKind
    from tests.grants.conftest import RU_HEADERS

    manager, _ = Organisation.objects.get_or_create(
        slug="bench-undp", defaults={"name_en": "UNDP", "kind": OrganisationKind.UN_AGENCY}
    )
    GrantProgramme.objects.get_or_create(
        slug="bench-living-in-peace",
        defaults={
            "name_en": "Bench Living in Peace",
            "name_ru": "Жить в мире (бенчмарк)",
            "managing_organisation": manager,
            "currency": "KGS",
        },
    )
    words = [
        "Ыйман",
        "Айкол",
        "Мээрим",
        "Ынтымак",
        "Келечек",
        "Нур",
        "Достук",
        "Бирдик",
        "Тынчтык",
        "Умут",
        "Жашыл",
        "Алтын",
        "Ак",
        "Кызыл",
        "Береке",
    ]
    existing = []
    for i in range(300):
        name = f"{words[i % 15]} {words[(i * 7) % 15]} {i}"
        Organisation.objects.get_or_create(
            slug=f"bench-grantee-{i}",
            defaults={"name_ru": f"Общественный фонд «{name}»", "kind": OrganisationKind.LOCAL_NGO},
        )
        existing.append(name)
    communities = list(
        Community.objects.select_related("region", "district").exclude(district=None)[:400]
    )
    if not communities:
        raise SystemExit("The gazetteer is empty: load_gazetteer found no communities.")
    rng = random.Random(42)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(RU_HEADERS)
    topics = [
        "Профилактика насилия в семье",
        "Молодёжь за мир",
        "Освещение улиц у школы",
        "Диалог старейшин и молодёжи",
        "Спортивный турнир за дружбу",
        "Тренинг по медиации для айыл окмоту",
        "Безопасная дорога в школу",
    ]
    for n in range(ROWS):
        community = communities[n % len(communities)]
        new = n % 3 == 0
        grantee = (
            f"ОФ «Новая инициатива {n % 2000}»" if new else f'ОФ "{existing[n % len(existing)]}"'
        )
        start = f"{rng.randint(1, 28):02d}.{rng.randint(1, 6):02d}.2021"
        sheet.append(
            [
                f"B-{n:05d}",
                "Жить в мире (бенчмарк)",
                community.region.name_ru or community.region.name,
                community.district.name_ru or community.district.name,
                community.name_ru or community.name,
                grantee,
                "",
                f"{topics[n % len(topics)]} в {community.name_ru or community.name}",
                "Совместные мероприятия жителей, милиции и органов местного самоуправления.",
                f"{rng.randint(100, 2000) * 1000:,}".replace(",", " "),
                "сом",
                start,
                f"{rng.randint(1, 28):02d}.{rng.randint(7, 12):02d}.2021",
                "активный",
            ]
        )
    book.save(FILE)


def reset() -> None:
    from django.contrib.admin.models import LogEntry

    from grants.models import Grant, ImportUpload
    from projects.models import Organisation

    Grant.communities.through.objects.filter(grant__reference__startswith="B-").delete()
    Grant.history.model.objects.filter(reference__startswith="B-").delete()
    Grant.objects.filter(reference__startswith="B-").delete()
    Organisation.history.model.objects.filter(name__startswith="ОФ «Новая инициатива").delete()
    Organisation.objects.filter(name_ru__startswith="ОФ «Новая инициатива").delete()
    LogEntry.objects.all().delete()
    ImportUpload.objects.all().delete()


def parsed_rows():
    """The file's rows as Grant objects, resolved with our resource but not saved."""
    from core.spreadsheets.formats import read_xlsx
    from grants.resources import GrantResource

    dataset = read_xlsx(FILE.read_bytes())
    resource_ = GrantResource(language="ru")
    resource_.import_data(dataset, dry_run=True)
    return resource_


def run_ours() -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # lets the client hand back the response context

    from grants.models import Grant

    user, _ = get_user_model().objects.get_or_create(
        username="bench-importer", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    data = FILE.read_bytes()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        upload = io.BytesIO(data)
        upload.name = FILE.name
        preview = client.post(
            reverse("admin:grants_grant_import"),
            {"import_file": upload, "format": "0", "language": "ru", "resource": "0"},
        )
        counts = preview.context["counts"]
        assert counts["errors"] == 0, preview.context["error_messages"][:5]
        confirmed = client.post(
            reverse("admin:grants_grant_process_import"), preview.context["confirm_form"].initial
        )
        assert confirmed.status_code == 302, confirmed.status_code
    elapsed = time.perf_counter() - started
    assert Grant.objects.filter(reference__startswith="B-").count() == ROWS
    return {"seconds": elapsed, "queries": len(queries)}


def run_floor() -> dict[str, float]:
    from grants.models import Grant
    from projects.models import Organisation

    resource_ = parsed_rows()
    # The floor gets its grantees for free: create them first, outside the timing.
    orgs = list({id(o): o for o in resource_.new_organisations.values()}.values())
    for i, org in enumerate(orgs):
        org.slug = f"bench-new-{i}"
    Organisation.objects.bulk_create(orgs)
    grants = []
    for grant in resource_._bench_instances:  # type: ignore[attr-defined]
        grant.grantee = grant.grantee
        grants.append(grant)
    started = time.perf_counter()
    Grant.objects.bulk_create(grants)
    return {"seconds": time.perf_counter() - started, "queries": 0}


def run_default() -> dict[str, float]:
    from import_export import fields, resources, widgets

    from communities.models import District, Region
    from core.spreadsheets.formats import read_xlsx
    from grants.models import Grant, GrantProgramme
    from projects.models import Organisation

    # What a typical project ships: field-name headers, names resolved one query per cell,
    # grantees that must already exist (so they are created up front, untimed).
    resource_ = parsed_rows()
    orgs = list({id(o): o for o in resource_.new_organisations.values()}.values())
    for i, org in enumerate(orgs):
        org.slug = f"bench-new-{i}"
    Organisation.objects.bulk_create(orgs)

    class DefaultGrantResource(resources.ModelResource):
        programme = fields.Field(
            "programme", "programme", widgets.ForeignKeyWidget(GrantProgramme, "name_ru")
        )
        grantee = fields.Field(
            "grantee", "grantee", widgets.ForeignKeyWidget(Organisation, "name_ru")
        )
        region = fields.Field("region", "region", widgets.ForeignKeyWidget(Region, "name_ru"))
        district = fields.Field(
            "district", "district", widgets.ForeignKeyWidget(District, "name_ru")
        )

        class Meta:
            model = Grant
            import_id_fields = ("programme", "reference")
            fields = (
                "reference",
                "programme",
                "grantee",
                "grantee_type",
                "title_ru",
                "summary_ru",
                "region",
                "district",
                "amount",
                "currency",
                "start_date",
                "end_date",
                "status",
            )

    import tablib

    headers = [
        "reference",
        "programme",
        "grantee",
        "grantee_type",
        "title_ru",
        "summary_ru",
        "region",
        "district",
        "amount",
        "currency",
        "start_date",
        "end_date",
        "status",
    ]
    rows = []
    for grant in resource_._bench_instances:  # type: ignore[attr-defined]
        rows.append(
            [
                grant.reference,
                grant.programme.name_ru,
                grant.grantee.name_ru,
                grant.grantee_type,
                grant.title_ru,
                grant.summary_ru,
                grant.region.name_ru,
                grant.district.name_ru,
                grant.amount,
                grant.currency,
                grant.start_date,
                grant.end_date,
                grant.status,
            ]
        )
    # At ~0.1 s a row the default resource would need an hour for three 10,000-row runs;
    # it is timed on the first DEFAULT_ROWS rows and scaled linearly (it is per-row work).
    sample = min(DEFAULT_ROWS, len(rows))
    dataset = tablib.Dataset(*rows[:sample], headers=headers)
    started = time.perf_counter()
    result = DefaultGrantResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    result = DefaultGrantResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    elapsed = (time.perf_counter() - started) * len(rows) / sample
    del read_xlsx
    return {"seconds": elapsed, "queries": 0, "sample_rows": sample}


def child(kind: str) -> None:
    setup_django()
    from grants import resources as grant_resources

    # Keep the parsed instances for the floor and default runs (they reuse our parsing).
    original = grant_resources.GrantResource.new_instance

    def keeping(self, parsed):
        instance = original(self, parsed)
        self.__dict__.setdefault("_bench_instances", []).append(instance)
        return instance

    grant_resources.GrantResource.new_instance = keeping  # type: ignore[method-assign]
    reset()
    outcome = {"ours": run_ours, "floor": run_floor, "default": run_default}[kind]()
    if kind == "ours":
        grant_resources.GrantResource.new_instance = original  # type: ignore[method-assign]
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reset()
    print(json.dumps(outcome))


def measure(kind: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_section(text: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{text.strip()}\n{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        current = before + block + after
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    path.write_text(current)


def main() -> None:
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--child") + 1])
        return
    setup_django()
    from django.db import connection

    prepare()
    results: dict[str, list[dict[str, float]]] = {"ours": [], "floor": [], "default": []}
    for _ in range(RUNS):
        for kind in results:
            results[kind].append(measure(kind))
            print(kind, results[kind][-1], flush=True)
    ours = median(r["seconds"] for r in results["ours"])
    floor = median(r["seconds"] for r in results["floor"])
    default = median(r["seconds"] for r in results["default"])
    peak = max(r["peak_mb"] for r in results["ours"])
    queries = results["ours"][0]["queries"]
    vendor = connection.vendor
    lines = [
        "## Grant import",
        "",
        f"`bench/import_grants.py`, {ROWS:,} rows (.xlsx in the template, Cyrillic text, "
        f"one in three grantees new), {vendor}, {RUNS} runs each, median seconds.",
        "",
        "| path | runs (s) | median (s) | peak memory (MB) |",
        "|---|---|---|---|",
    ]
    for kind, label in (
        ("ours", "ours: admin upload + preview + confirm"),
        ("floor", "floor: bulk_create of parsed rows"),
        ("default", "default ModelResource + ForeignKeyWidget, dry run + import"),
    ):
        runs = ", ".join(f"{r['seconds']:.2f}" for r in results[kind])
        med = median(r["seconds"] for r in results[kind])
        mem = max(r["peak_mb"] for r in results[kind])
        lines.append(f"| {label} | {runs} | {med:.2f} | {mem:.0f} |")

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    lines += [
        "",
        f"- ours / floor: **{ours / floor:.1f}×** (target ≤ 10×): "
        f"**{verdict(ours / floor <= 10)}**",
        f"- default / ours: **{default / ours:.1f}×** faster (target ≥ 5×): "
        f"**{verdict(default / ours >= 5)}**",
        f"- the default resource is timed on the first {DEFAULT_ROWS:,} rows and scaled "
        f"linearly to {ROWS:,} (its cost is per row: one query per lookup and per save)",
        f"- peak memory of our import: **{peak:.0f} MB** (target < 300 MB): "
        f"**{verdict(peak < 300)}** (ru_maxrss of the whole process, Django included)",
        f"- queries for the whole preview + confirm: {queries:.0f} (flat: lookups are cached)",
    ]
    text = "\n".join(lines)
    print(text)
    write_section(text)


if __name__ == "__main__":
    main()
