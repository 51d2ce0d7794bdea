"""Benchmark of the reports: donor report (one project, whole donor), dashboard and the
open-data activities CSV, at 1/100 of the target data and at a larger fraction.

Target data (fraction 1.0): 1,000,000 activities, 50,000 grants, 20,000 plan actions,
100,000 contributions. The script builds its own database (portal_reports_bench unless
BENCH_DATABASE_URL says otherwise) with bulk inserts, so it does not depend on another
generator. Each measured page runs in-process through Django's test client with the bench
settings; we record the median of three runs, the query count, and for the CSV export the
peak Python heap (tracemalloc) and the process's peak RSS.

    .venv/bin/python bench/reports.py --fractions 0.01,0.1
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal_reports_bench"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- reports:start -->", "<!-- reports:end -->"
TARGET = {"activities": 1_000_000, "grants": 50_000, "actions": 20_000, "contributions": 100_000}
PROJECTS, DONOR_PROJECTS, COMMUNITIES = 20, 10, 400


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()


def reset_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )


def generate(fraction: float) -> dict[str, int]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from communities import models as cm
    from grants import models as gm
    from projects import models as pm

    rng = random.Random(7)
    n = {key: max(1, round(value * fraction)) for key, value in TARGET.items()}
    batch = 5000
    day0 = dt.date(2021, 1, 1)

    def day(span: int = 1460) -> dt.date:
        return day0 + dt.timedelta(days=rng.randrange(span))

    with transaction.atomic():
        implementer = pm.Organisation.objects.create(
            slug="impl", name_en="Implementer", kind="local_ngo"
        )
        donor = pm.Organisation.objects.create(slug="donor", name_en="Donor", kind="donor_agency")
        user = get_user_model().objects.create_user("bench-reports", password="x")  # noqa: S106 - bench-only database
        pm.StaffMembership.objects.create(user=user, organisation=implementer, role="viewer")
        regions = [
            cm.Region.objects.create(
                country="KG", code=f"KG-{i}", kind="oblast", name_en=f"Region {i}"
            )
            for i in range(4)
        ]
        districts = [
            cm.District.objects.create(
                region=regions[i % 4], country="KG", kind="district", name_en=f"District {i}"
            )
            for i in range(20)
        ]
        communities = cm.Community.objects.bulk_create(
            cm.Community(
                region=districts[i % 20].region,
                district=districts[i % 20],
                country="KG",
                kind="ayil_aimak",
                name_en=f"Community {i}",
                soate_code=f"417{i:08d}",
            )
            for i in range(COMMUNITIES)
        )
        projects = pm.Project.objects.bulk_create(
            pm.Project(
                slug=f"p{i}",
                title_en=f"Project {i}",
                is_public=True,
                budget=Decimal(100000),
                currency="USD",
                planned_start=day0,
                planned_end=dt.date(2024, 12, 31),
            )
            for i in range(PROJECTS)
        )
        partnerships = [
            pm.Partnership(project=p, organisation=implementer, role="implementing")
            for p in projects
        ]
        partnerships += [
            pm.Partnership(project=p, organisation=donor, role="funding")
            for p in projects[:DONOR_PROJECTS]
        ]
        pm.Partnership.objects.bulk_create(partnerships)
        per_project = COMMUNITIES // PROJECTS
        pm.ProjectCommunity.objects.bulk_create(
            pm.ProjectCommunity(
                project=projects[i // per_project], community=c, population_covered=1000 + i
            )
            for i, c in enumerate(communities)
        )
        groups = cm.WorkingGroup.objects.bulk_create(
            cm.WorkingGroup(
                community=c, organisation=implementer, name=f"WG {i}", established_on=day0
            )
            for i, c in enumerate(communities)
        )
        cm.WorkingGroup.projects.through.objects.bulk_create(
            cm.WorkingGroup.projects.through(
                workinggroup_id=g.pk, project_id=projects[i // per_project].pk
            )
            for i, g in enumerate(groups)
        )
        cm.Membership.objects.bulk_create(
            cm.Membership(
                working_group=g,
                full_name=f"M {g.pk}-{k}",
                sex=rng.choice(["female", "male"]),
                sector="police",
                age_band="30_44",
                joined_on=day0,
                left_on=day() if k == 0 else None,
            )
            for g in groups
            for k in range(10)
        )
        cm.Meeting.objects.bulk_create(
            (
                cm.Meeting(working_group=rng.choice(groups), date=day(), women=5, men=5, youth=2)
                for _ in range(n["actions"])
            ),
            batch_size=batch,
        )
        plans = cm.JointPlan.objects.bulk_create(
            cm.JointPlan(
                community=g.community,
                working_group=g,
                title_en=f"Plan {g.pk}",
                status="approved",
                approval_date=day(),
                period_start=day0,
                period_end=dt.date(2024, 12, 31),
            )
            for g in groups
        )
        actions = cm.PlanAction.objects.bulk_create(
            (
                cm.PlanAction(
                    plan=rng.choice(plans),
                    description_en="Action",
                    due_date=day(),
                    status=(s := rng.choice(["planned", "done"])),
                    completed_on=day() if s == "done" else None,
                )
                for _ in range(n["actions"])
            ),
            batch_size=batch,
        )
        for currency in ("KGS", "EUR"):
            pm.ExchangeRate.objects.bulk_create(
                pm.ExchangeRate(
                    currency=currency,
                    date=day0 + dt.timedelta(days=7 * w),
                    rate_to_usd=Decimal("0.0118") if currency == "KGS" else Decimal("1.08"),
                )
                for w in range(210)
            )
        cm.Contribution.objects.bulk_create(
            (
                cm.Contribution(
                    action=rng.choice(actions),
                    source_type="local_budget",
                    amount=Decimal(1000),
                    currency=rng.choice(["KGS", "EUR", "USD"]),
                    state="received",
                    date=day(),
                )
                for _ in range(n["contributions"])
            ),
            batch_size=batch,
        )
        programmes = gm.GrantProgramme.objects.bulk_create(
            gm.GrantProgramme(
                slug=f"gp{i}",
                name_en=f"Programme {i}",
                managing_organisation=implementer,
                project=p,
                currency="USD",
                is_public=True,
            )
            for i, p in enumerate(projects)
        )
        grantees = pm.Organisation.objects.bulk_create(
            pm.Organisation(slug=f"g{i}", name_en=f"Grantee {i}", kind="local_ngo")
            for i in range(200)
        )
        grants = gm.Grant.objects.bulk_create(
            (
                gm.Grant(
                    programme=rng.choice(programmes),
                    grantee=rng.choice(grantees),
                    grantee_type="civil_society",
                    reference=f"G{i}",
                    title_en=f"Grant {i}",
                    amount=Decimal(5000),
                    currency="USD",
                    region=rng.choice(regions),
                    start_date=day(),
                )
                for i in range(n["grants"])
            ),
            batch_size=batch,
        )
        gm.Disbursement.objects.bulk_create(
            (
                gm.Disbursement(
                    grant=g, tranche=1, paid_date=g.start_date, paid_amount=Decimal(2500)
                )
                for g in grants
            ),
            batch_size=batch,
        )
        gm.GrantReport.objects.bulk_create(
            (
                gm.GrantReport(
                    grant=g, kind="narrative", due_date=g.start_date + dt.timedelta(days=90)
                )
                for g in grants
            ),
            batch_size=batch,
        )
        through = pm.Activity.communities.through
        made = 0
        while made < n["activities"]:
            size = min(batch, n["activities"] - made)
            chunk = []
            for _ in range(size):
                index = rng.randrange(PROJECTS)
                chunk.append(
                    pm.Activity(
                        project=projects[index],
                        date=day(),
                        kind="meeting",
                        title_en="Meeting",
                        women=5,
                        men=4,
                        youth=2,
                        status="published",
                        published_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
                    )
                )
            created = pm.Activity.objects.bulk_create(chunk)
            links = []
            for activity in created:
                base = activity.project_id - projects[0].pk
                first = communities[base * per_project + rng.randrange(per_project)]
                links.append(through(activity_id=activity.pk, community_id=first.pk))
                if rng.random() < 0.2:
                    second = communities[base * per_project + rng.randrange(per_project)]
                    if second.pk != first.pk:
                        links.append(through(activity_id=activity.pk, community_id=second.pk))
            through.objects.bulk_create(links)
            made += size
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return n


def measure(fraction: float) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from projects.models import Organisation, Project

    client = Client(SERVER_NAME="localhost")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="bench-reports"))
    project = Project.objects.get(slug="p0")
    donor = Organisation.objects.get(slug="donor")
    period = "date_from=2022-01-01&date_to=2023-12-31"
    pages = {
        "donor report, one project": f"/en/staff/reports/donor/?project={project.pk}&{period}",
        "donor report, whole donor": f"/en/staff/reports/donor/?donor={donor.pk}&{period}",
        "dashboard": f"/en/staff/reports/?{period}",
    }
    out: dict = {}
    for name, url in pages.items():
        times, queries = [], 0
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (name, response.status_code)
            queries = len(ctx.captured_queries)
        out[name] = {"seconds": statistics.median(times), "queries": queries}
    # Open-data CSV of every published activity: streamed from a server-side cursor.
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/en/reports/open-data/activities.csv")
    rows = 0
    size = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
        size += len(chunk)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["activities CSV"] = {
        "seconds": elapsed,
        "rows": rows - 1,
        "bytes": size,
        "peak_heap_mb": peak / 2**20,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    return out


def run_one(url: str, fraction: float) -> dict:
    reset_database(url)
    code = (
        f"import json,sys; sys.path.insert(0, {str(ROOT)!r}); import bench.reports as b; "
        f"b.setup_django({url!r}); n=b.generate({fraction!r}); r=b.measure({fraction!r}); "
        "print('RESULT'+json.dumps({'n':n,'r':r}))"
    )
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr[-4000:])
    import json

    result = json.loads(proc.stdout.split("RESULT", 1)[1])
    result["wall"] = time.perf_counter() - started
    return result


def write_doc(results: dict[float, dict]) -> str:
    fractions = sorted(results)
    small, large = fractions[0], fractions[-1]
    lines = [
        "## Reports (bench/reports.py)",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, PostgreSQL on loopback, in-process Django test "
        "client with config.settings.bench, median of 3 runs. Data built by the script "
        "(20 projects, 10 funded by the donor, 400 communities).",
        "",
        "| fraction | activities | grants | plan actions | contributions |",
        "|---|---|---|---|---|",
    ]
    for fr in fractions:
        n = results[fr]["n"]
        lines.append(
            f"| {fr:g} | {n['activities']:,} | {n['grants']:,} | {n['actions']:,} "
            f"| {n['contributions']:,} |"
        )
    lines += [
        "",
        "| page | "
        + " | ".join(f"{fr:g}: time / queries" for fr in fractions)
        + " | ratio | same queries |",
        "|---|" + "---|" * len(fractions) + "---|---|",
    ]
    for page in ("donor report, one project", "donor report, whole donor", "dashboard"):
        cells = [
            f"{results[fr]['r'][page]['seconds'] * 1000:.0f} ms / "
            f"{results[fr]['r'][page]['queries']}"
            for fr in fractions
        ]
        ratio = results[large]["r"][page]["seconds"] / results[small]["r"][page]["seconds"]
        same = results[large]["r"][page]["queries"] == results[small]["r"][page]["queries"]
        lines.append(
            f"| {page} | " + " | ".join(cells) + f" | {ratio:.1f}× | {'yes' if same else 'NO'} |"
        )
    lines += [
        "",
        "| CSV export | rows | time | peak Python heap | process peak RSS |",
        "|---|---|---|---|---|",
    ]
    for fr in fractions:
        c = results[fr]["r"]["activities CSV"]
        lines.append(
            f"| fraction {fr:g} | {c['rows']:,} | {c['seconds']:.1f} s "
            f"| {c['peak_heap_mb']:.1f} MB | {c['max_rss_mb']:.0f} MB |"
        )
    text = "\n".join(lines) + "\n"
    DOC.parent.mkdir(exist_ok=True)
    current = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    block = f"{START}\n{text}{END}"
    if START in current and END in current:
        current = re.sub(
            re.escape(START) + ".*?" + re.escape(END), lambda _m: block, current, flags=re.S
        )
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(current)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fractions", default="0.01,0.1")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    results = {}
    for fraction in (float(f) for f in args.fractions.split(",")):
        results[fraction] = run_one(url, fraction)
        print(fraction, results[fraction], flush=True)
    if not args.no_doc:
        print(write_doc(results))


if __name__ == "__main__":
    main()
