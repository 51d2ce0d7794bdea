"""Grant import benchmark: the configured maximum (20,000 rows) in the template, against a
plain ``bulk_create`` of the same rows, in interleaved rounds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_imports \
        .venv/bin/python bench/import_grants.py

Each round runs, one after the other and each in a fresh subprocess on an emptied grant
table (the emptying runs in its own subprocess, so it never counts in a peak):

- floor: ``Grant.objects.bulk_create`` of the same rows, built in Python beforehand (new
  grantees created and every name resolved untimed); only the insert is timed;
- ours: upload → preview (dry run) → confirm through the Django admin views, exactly as an
  admin does (test client, upload kept in the database, admin log, history, community
  links). Above ``IMPORT_BACKGROUND_ROWS`` the confirm step starts the background job; with
  no broker configured it runs in the same process, so the peak is the whole import's;
- before (optional): the same as "ours" with the code of another checkout, named by
  ``BENCH_IMPORT_BEFORE=/path/to/checkout``, so a change is measured in the same conditions.

Reported: the median of the per-round ratios ours / floor (each ratio from one round, the
same minute and load), p50 and p95 of each path's seconds, and the peak resident memory
(``ru_maxrss``) of the importing process. Results go to docs/benchmarks.md between the
import_grants markers (``--prepare`` writes the file and stops). Environment:
BENCH_IMPORT_ROWS (default: settings.IMPORT_MAX_ROWS), BENCH_IMPORT_ROUNDS (default 3).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# A child may run another checkout's code (the "before" path); the script stays this one.
CODE_ROOT = Path(os.environ.get("BENCH_IMPORT_CODE_ROOT") or ROOT)
sys.path.insert(0, str(CODE_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
# No broker: the background job runs in the importing process, which is what is measured.
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
os.environ.pop("REDIS_URL", None)
os.environ.pop("CELERY_BROKER_URL", None)
ROUNDS = int(os.environ.get("BENCH_IMPORT_ROUNDS", "3"))
BEFORE = os.environ.get("BENCH_IMPORT_BEFORE", "")
FILE = Path(os.environ.get("BENCH_IMPORT_FILE", "/tmp/portal-bench-grants.xlsx"))
SPEC = FILE.with_suffix(".json")
START, END = "<!-- import_grants:start -->", "<!-- import_grants:end -->"
RU_HEADERS = [
    "Номер гранта",
    "Программа",
    "Область",
    "Район",
    "Населённый пункт",
    "Грантополучатель",
    "Тип организации",
    "Название проекта",
    "Краткое описание",
    "Сумма",
    "Валюта",
    "Дата начала",
    "Дата окончания",
    "Статус",
]
WORDS = [
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
TOPICS = [
    "Профилактика насилия в семье",
    "Молодёжь за мир",
    "Освещение улиц у школы",
    "Диалог старейшин и молодёжи",
    "Спортивный турнир за дружбу",
    "Тренинг по медиации для айыл окмоту",
    "Безопасная дорога в школу",
]
SUMMARY = "Совместные мероприятия жителей, милиции и органов местного самоуправления."


def setup_django() -> None:
    import django

    django.setup()


def rows_wanted() -> int:
    from django.conf import settings

    return int(os.environ.get("BENCH_IMPORT_ROWS") or settings.IMPORT_MAX_ROWS)


def prepare() -> int:
    """Migrate, load the gazetteer, make a programme and 300 existing grantees, write the
    file and, next to it, what each row means (for the floor)."""
    import openpyxl
    from django.core.management import call_command

    from communities.gazetteer import GazetteerIndex
    from communities.models import Community
    from grants.models import GrantProgramme
    from projects.models import Organisation, OrganisationKind

    rows = rows_wanted()
    call_command("migrate", verbosity=0)
    call_command("load_gazetteer", verbosity=0)
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
    existing = []
    for i in range(300):
        name = f"{WORDS[i % 15]} {WORDS[(i * 7) % 15]} {i}"
        Organisation.objects.get_or_create(
            slug=f"bench-grantee-{i}",
            defaults={"name_ru": f"Общественный фонд «{name}»", "kind": OrganisationKind.LOCAL_NGO},
        )
        existing.append(name)
    index = GazetteerIndex.build()

    def named(unit: Any) -> str:
        return unit.name_ru or unit.name

    # Only places the file can name unambiguously («Баткен» is a town and a district).
    communities = [
        c
        for c in Community.objects.select_related("region", "district")
        .exclude(district=None)
        .order_by("pk")
        if index.find_region(named(c.region)) == c.region
        and index.find_district(named(c.district), region=c.region) == c.district
        and index.find_community(named(c), region=c.region, district=c.district) == c
    ][:400]
    if not communities:
        raise SystemExit("The gazetteer is empty: load_gazetteer found no communities.")
    rng = random.Random(42)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(RU_HEADERS)
    spec = []
    for n in range(rows):
        community = communities[n % len(communities)]
        new = n % 3 == 0
        grantee = (
            f"ОФ «Новая инициатива {n % 2000}»" if new else f'ОФ "{existing[n % len(existing)]}"'
        )
        amount = rng.randint(100, 2000) * 1000
        start = dt.date(2021, rng.randint(1, 6), rng.randint(1, 28))
        end = dt.date(2021, rng.randint(7, 12), rng.randint(1, 28))
        place = named(community)
        title = f"{TOPICS[n % len(TOPICS)]} в {place}"
        sheet.append(
            [
                f"B-{n:05d}",
                "Жить в мире (бенчмарк)",
                named(community.region),
                named(community.district),
                place,
                grantee,
                "",
                title,
                SUMMARY,
                f"{amount:,}".replace(",", " "),
                "сом",
                f"{start:%d.%m.%Y}",
                f"{end:%d.%m.%Y}",
                "активный",
            ]
        )
        spec.append(
            {
                "reference": f"B-{n:05d}",
                "region": community.region_id,
                "district": community.district_id,
                "grantee": f"new:{n % 2000}" if new else f"bench-grantee-{n % len(existing)}",
                "title": title,
                "amount": amount,
                "start": start.isoformat(),
                "end": end.isoformat(),
            }
        )
    book.save(FILE)
    SPEC.write_text(json.dumps(spec, ensure_ascii=False))
    return rows


def reset() -> None:
    from django.contrib.admin.models import LogEntry
    from django.db import connection

    from core.models import BackgroundJob
    from grants.models import Grant, ImportUpload
    from projects.models import Organisation

    def raw_delete(queryset: Any) -> None:
        # Without the ORM's collector, which would load every row (history signals).
        queryset._raw_delete(queryset.db)

    historical = Grant.history.model  # type: ignore[attr-defined]  # simple-history adds the manager at run time
    for rel in historical._meta.related_objects:
        if rel.field.name == "history":
            raw_delete(rel.related_model.objects.filter(history__reference__startswith="B-"))
    raw_delete(Grant.communities.through.objects.filter(grant__reference__startswith="B-"))
    raw_delete(historical.objects.filter(reference__startswith="B-"))
    raw_delete(Grant.objects.filter(reference__startswith="B-"))
    new = {"name_ru__startswith": "ОФ «Новая инициатива", "slug__startswith": "bench-new-"}
    for model in (Organisation.history.model, Organisation):  # type: ignore[attr-defined]  # simple-history adds the manager at run time
        for lookup, value in new.items():
            raw_delete(model.objects.filter(**{lookup: value}))
    LogEntry.objects.all().delete()
    ImportUpload.objects.all().delete()
    BackgroundJob.objects.filter(kind="spreadsheet_import").delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def run_ours() -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # lets the client hand back the response context

    from grants.models import Grant

    rows = rows_wanted()
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
        assert counts["new"] == rows, counts
        previewed = time.perf_counter()
        confirmed = client.post(
            reverse("admin:grants_grant_process_import"), preview.context["confirm_form"].initial
        )
        assert confirmed.status_code == 302, confirmed.status_code
    elapsed = time.perf_counter() - started
    stored = Grant.objects.filter(reference__startswith="B-").count()
    assert stored == rows, (stored, confirmed.get("Location"))
    return {
        "seconds": elapsed,
        "preview": previewed - started,
        "confirm": elapsed - (previewed - started),
        "queries": len(queries),
        "background": rows > settings.IMPORT_BACKGROUND_ROWS,
    }


def run_floor() -> dict[str, Any]:
    from grants.models import Grant, GrantProgramme, GrantStatus
    from projects.models import GranteeType, LegalForm, Organisation, OrganisationKind

    spec = json.loads(SPEC.read_text())
    programme = GrantProgramme.objects.get(slug="bench-living-in-peace")
    grantees = {o.slug: o for o in Organisation.objects.filter(slug__startswith="bench-grantee-")}
    new = [
        Organisation(
            slug=f"bench-new-{i}",
            name_ru=f"ОФ «Новая инициатива {i}»",
            kind=OrganisationKind.LOCAL_NGO,
            legal_form=LegalForm.PUBLIC_FOUNDATION,
        )
        for i in sorted({int(r["grantee"][4:]) for r in spec if r["grantee"].startswith("new:")})
    ]
    for org in Organisation.objects.bulk_create(new):
        grantees[f"new:{org.slug.rsplit('-', 1)[1]}"] = org
    grants = [
        Grant(
            programme=programme,
            reference=r["reference"],
            grantee=grantees[r["grantee"]],
            grantee_type=GranteeType.CIVIL_SOCIETY,
            title_ru=r["title"],
            summary_ru=SUMMARY,
            region_id=r["region"],
            district_id=r["district"],
            amount=Decimal(r["amount"]),
            currency="KGS",
            start_date=dt.date.fromisoformat(r["start"]),
            end_date=dt.date.fromisoformat(r["end"]),
            status=GrantStatus.ACTIVE,
        )
        for r in spec
    ]
    del spec
    started = time.perf_counter()
    Grant.objects.bulk_create(grants)
    return {"seconds": time.perf_counter() - started, "queries": 1}


def child(kind: str) -> None:
    setup_django()
    if kind == "reset":
        reset()
        print(json.dumps({}))
        return
    outcome = {"ours": run_ours, "floor": run_floor}[kind]()
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(outcome))


def measure(kind: str, code_root: str = "") -> dict[str, Any]:
    env = os.environ.copy()
    env["BENCH_IMPORT_CODE_ROOT"] = code_root or str(ROOT)
    for step in ("reset", kind):
        # Run from the checkout measured: celery puts the working directory first on
        # sys.path, which would otherwise import this checkout's code.
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", step],
            check=False,
            capture_output=True,
            text=True,
            env=env,
            cwd=code_root or ROOT,
        )
        if out.returncode:
            raise SystemExit(f"{step} ({code_root or ROOT}) failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: with three rounds p95 is the slowest, as it should be."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def write_section(text: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
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

    rows = prepare()
    if "--prepare" in sys.argv:
        return
    for code_root in {str(ROOT), BEFORE} - {""}:
        # The admin pages link hashed static files: each checkout needs its manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=code_root,
            check=True,
        )
    paths = {"floor": "", "ours": ""}
    if BEFORE:
        paths = {"floor": "", "before": BEFORE, "ours": ""}
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind in paths}
    loads = [load_average()]
    for number in range(ROUNDS):
        # Alternate the order so neither path always runs on a warmer database.
        order = list(paths) if number % 2 == 0 else list(reversed(paths))
        for kind in order:
            results[kind].append(measure("floor" if kind == "floor" else "ours", paths[kind]))
            print(number + 1, kind, results[kind][-1], f"load {load_average()}", flush=True)
        loads.append(load_average())

    def ratios(kind: str) -> list[float]:
        return [
            o["seconds"] / f["seconds"]
            for o, f in zip(results[kind], results["floor"], strict=True)
        ]

    lines = [
        "## Imports (bench/import_grants.py)",
        "",
        f"{rows:,} rows (the configured maximum), .xlsx in the template with Cyrillic text and "
        f"one grantee in three new, {connection.vendor}, {ROUNDS} interleaved rounds, each path "
        "in a fresh process. Load average (1, 5, 15 min) before and after each round: "
        + "; ".join(loads)
        + " (2 shared cores).",
        "",
        "| path | seconds per round | p50 (s) | p95 (s) | ratio to the floor per round "
        "| median ratio | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    labels = {
        "floor": "floor: `Grant.objects.bulk_create` of the same rows",
        "before": "before: admin upload + preview + confirm (previous code)",
        "ours": "ours: admin upload + preview + confirm",
    }
    for kind in paths:
        seconds = [r["seconds"] for r in results[kind]]
        peak = max(r["peak_mb"] for r in results[kind])
        if kind == "floor":
            ratio_cells = "1", "1"
        else:
            per_round = ratios(kind)
            ratio_cells = (
                ", ".join(f"{r:.1f}×" for r in per_round),
                f"**{median(per_round):.1f}×**",
            )
        lines.append(
            f"| {labels[kind]} | {', '.join(f'{s:.2f}' for s in seconds)} "
            f"| {percentile(seconds, 0.5):.2f} | {percentile(seconds, 0.95):.2f} "
            f"| {ratio_cells[0]} | {ratio_cells[1]} | {peak:.0f} |"
        )

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    ratio = median(ratios("ours"))
    peak = max(r["peak_mb"] for r in results["ours"])
    ours = results["ours"]
    lines += [
        "",
        f"- ours / floor, median of the per-round ratios: **{ratio:.1f}×** (target ≤ 5×): "
        f"**{verdict(ratio <= 5)}**",
        f"- peak RSS of the importing process: **{peak:.0f} MB** (target < 300 MB): "
        f"**{verdict(peak < 300)}** (`ru_maxrss` of the whole process: Django, the test "
        "client, the preview and the confirmed import with its background job run in-process)",
        f"- of which preview p50 {percentile([r['preview'] for r in ours], 0.5):.2f} s, "
        f"confirm p50 {percentile([r['confirm'] for r in ours], 0.5):.2f} s; "
        f"queries for the whole preview + confirm: {ours[0]['queries']}",
        "- the floor inserts the grants only: no history, no community links, no admin log, "
        "grantees created and names resolved before the clock starts",
    ]
    text = "\n".join(lines)
    print(text)
    if os.environ.get("BENCH_IMPORT_WRITE", "1") == "1":
        write_section(text)


if __name__ == "__main__":
    main()
