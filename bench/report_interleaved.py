"""The four staff pages (donor report for a project and for a donor, indicator dashboard,
staff dashboard) timed in two checkouts, interleaved: per round and mode, one fresh process
in each checkout, each with its own empty cache (its own CACHE_KEY_PREFIX).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_reports_s10 \\
    REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/report_interleaved.py /path/to/main-checkout . \\
        --rounds 3 --requests 6 --modes off write warm

Modes as bench/run.py: *off* (dummy cache, every request computes), *write* (a news item
published through the bench write endpoint before each timed request), *warm* (the same URL
once untimed first). Each timed request picks a new report period (bench/timing.py), as the
harness does, and follows one request of the no-query floor view. In-process Django test
client with Accept-Encoding: gzip. Printed per page and mode: p50 wall ms in each checkout,
the median over rounds of branch/base wall and CPU (the process's own time, which moves
less with the machine's load than the wall clock).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

PAGES = ("project", "donor", "dashboard", "staff")


def one_run(mode: str, requests: int, offset: int) -> dict:
    """Time the pages in this process (run from the checkout being timed)."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    if mode == "off":
        os.environ["BENCH_CACHE_OFF"] = "1"
    os.environ["BENCH_WRITE_SECRET"] = secret = f"bench-{random.random()}"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from bench.timing import REPORT_PERIODS
    from reports.access import reportable_donors, reportable_projects

    user = get_user_model().objects.get(username="bench-admin")
    project = reportable_projects(user).annotate(n=Count("activities")).order_by("-n", "pk")[0]
    donor = reportable_donors(user).filter(partnerships__project=project).order_by("pk")[0]
    with translation.override("en"):
        report, dashboard = reverse("staff:donor_report"), reverse("staff:reports_dashboard")

    def url(page: str, period: tuple[str, str]) -> str:
        dates = f"date_from={period[0]}&date_to={period[1]}"
        return {
            "project": f"{report}?project={project.pk}&{dates}",
            "donor": f"{report}?donor={donor.pk}&{dates}",
            "dashboard": f"{dashboard}?{dates}",
            "staff": "/en/staff/",
        }[page]

    staff = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    staff.force_login(user)
    anonymous = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    for page in PAGES:  # templates compiled, kept statements written
        staff.get(url(page, REPORT_PERIODS[-1]))
    wall: dict[str, list[float]] = {name: [] for name in ("floor", *PAGES)}
    cpu: dict[str, list[float]] = {name: [] for name in ("floor", *PAGES)}

    def timed(name: str, client: Client, address: str) -> None:
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.get(address)
        wall[name].append((time.perf_counter() - started) * 1000)
        cpu[name].append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (address, response.status_code)

    for index in range(requests):
        period = REPORT_PERIODS[(index + offset) % len(REPORT_PERIODS)]
        for page in PAGES:
            timed("floor", anonymous, "/en/bench/floor/")
            if mode == "warm":
                staff.get(url(page, period))
            elif mode == "write":
                anonymous.post("/bench/write/", HTTP_X_BENCH_SECRET=secret)
            timed(page, staff, url(page, period))
    median = statistics.median
    return {
        "load": os.getloadavg()[0],
        "wall": {name: median(values) for name, values in wall.items()},
        "cpu": {name: median(values) for name, values in cpu.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("branch")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=6)
    parser.add_argument("--modes", nargs="+", default=["off", "write", "warm"])
    parser.add_argument("--run", nargs=3, help=argparse.SUPPRESS)  # mode requests offset
    args = parser.parse_args()
    if args.run:
        mode, requests, offset = args.run
        print(json.dumps(one_run(mode, int(requests), int(offset))))
        return
    results: dict[str, list[dict[str, dict]]] = {mode: [] for mode in args.modes}
    for number in range(args.rounds):
        for mode in args.modes:
            runs = {}
            for name, checkout in (("base", args.base), ("branch", args.branch)):
                environment = {
                    **os.environ,
                    "CACHE_KEY_PREFIX": f"interleaved-{name}-{mode}-{number}-{time.time_ns()}",
                }
                output = subprocess.run(
                    [
                        os.path.join(checkout, ".venv", "bin", "python"),
                        os.path.abspath(__file__),
                        args.base,
                        args.branch,
                        "--run",
                        mode,
                        str(args.requests),
                        str(number * args.requests),
                    ],
                    cwd=checkout,
                    env=environment,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                runs[name] = json.loads(output.strip().splitlines()[-1])
            results[mode].append(runs)
            print(f"round {number + 1} {mode}: load {runs['base']['load']:.1f}", flush=True)
    median = statistics.median
    for mode, rounds in results.items():
        print(f"\n{mode} ({len(rounds)} rounds)")
        print("| page | base p50 ms | branch p50 ms | wall branch/base | CPU branch/base |")
        print("|---|---|---|---|---|")
        for page in PAGES:
            base = median(r["base"]["wall"][page] for r in rounds)
            branch = median(r["branch"]["wall"][page] for r in rounds)
            wall = median(r["branch"]["wall"][page] / r["base"]["wall"][page] for r in rounds)
            cpu = median(r["branch"]["cpu"][page] / r["base"]["cpu"][page] for r in rounds)
            print(f"| {page} | {base:.0f} | {branch:.0f} | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
