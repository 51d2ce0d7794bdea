"""The committee's pages against the no-query floor in one process, by the process's CPU
clock and by the wall clock: what bench/grants_committee.py times, measured so that two
versions of the code can be compared alternately on a loaded machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_grants_bench \
        .venv/bin/python bench/committee_cpu.py [label]

Run it on a database that bench/grants_committee.py has built (it signs in as that bench's
committee chair, and reads the applicant's list from the browser of its applicant). Each
round times REPEATS requests of the floor, then of each page, then of the floor again,
through Django's test client (the whole middleware stack, Redis sessions, no network); a
page's round ratio is its median over the median of the two floor runs around it, and the
figure printed is the median of those ratios over ROUNDS rounds, with the p50 and p95 of
every request of the page. Staff pages are timed against the chair's floor, the applicant's
list against the applicant browser's own floor (an anonymous session, no user).

With COMMITTEE_PROFILE=path, it profiles REPEATS×ROUNDS requests of the page named by
COMMITTEE_PAGE (CPU clock) and writes the statistics there instead of timing; with
COMMITTEE_PROFILE=- it only sends those requests (for py-spy and the like).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "5000"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from grants.call_views import SESSION_EMAILS
    from grants.models import GrantProgramme

    # As in bench/grants_committee.py: no collectstatic in-process, plain static names.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    slug = f"bench-committee-{APPLICATIONS}"
    programme = GrantProgramme.objects.get(slug=slug)
    chair = Client(HTTP_HOST="localhost")
    chair.force_login(get_user_model().objects.get(username=f"{slug}-chair"))
    applicant = Client(HTTP_HOST="localhost")
    session = applicant.session
    session[SESSION_EMAILS] = [f"applicant-{APPLICATIONS}@example.org"]
    session.save()
    applicant.cookies["sessionid"] = session.session_key

    ranking = reverse("staff:committee_programme", args=[programme.pk])
    last = (programme.applications.count() + 24) // 25
    first_application = programme.applications.order_by("pk").first()
    assert first_application is not None
    pages: dict[str, tuple[str, Client]] = {
        "committee home": (reverse("staff:committee_home"), chair),
        "committee ranking": (ranking, chair),
        "ranking, last page": (f"{ranking}?page={last}", chair),
        "application page": (
            reverse("staff:application_detail", args=[first_application.pk]),
            chair,
        ),
        "applicant's applications": (reverse("grants:my_applications"), applicant),
    }
    floor = "/en/bench/floor/"

    def get(browser: Client, url: str) -> None:
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)

    for url, browser in [*pages.values(), (floor, chair), (floor, applicant)]:
        for _ in range(10):  # warm: templates compiled, statements and fragments kept
            get(browser, url)

    profile_to = os.environ.get("COMMITTEE_PROFILE")
    if profile_to:
        import cProfile

        url, browser = pages[os.environ.get("COMMITTEE_PAGE", "committee ranking")]
        profiler = cProfile.Profile(time.process_time)
        if profile_to != "-":  # "-": requests only, for a sampling profiler outside
            profiler.enable()
        for _ in range(ROUNDS * REPEATS):
            get(browser, url)
        profiler.disable()
        if profile_to != "-":
            profiler.dump_stats(profile_to)
        return

    def run(browser: Client, url: str) -> tuple[list[float], list[float]]:
        cpu, wall = [], []
        for _ in range(REPEATS):
            started_cpu, started = time.process_time(), time.perf_counter()
            get(browser, url)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        return cpu, wall

    median = statistics.median
    cpu_ratios: dict[str, list[float]] = {name: [] for name in pages}
    wall_ratios: dict[str, list[float]] = {name: [] for name in pages}
    cpu_all: dict[str, list[float]] = {name: [] for name in pages}
    wall_all: dict[str, list[float]] = {name: [] for name in pages}
    floor_cpu: dict[int, list[float]] = {id(chair): [], id(applicant): []}
    for _ in range(ROUNDS):
        for name, (url, browser) in pages.items():
            before_cpu, before_wall = run(browser, floor)
            page_cpu, page_wall = run(browser, url)
            after_cpu, after_wall = run(browser, floor)
            floor_cpu[id(browser)] += before_cpu + after_cpu
            cpu_all[name] += page_cpu
            wall_all[name] += page_wall
            cpu_ratios[name].append(median(page_cpu) / median(before_cpu + after_cpu))
            wall_ratios[name].append(median(page_wall) / median(before_wall + after_wall))

    label = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"{label} load {os.getloadavg()[0]:.1f}")
    print(
        f"floor CPU p50: chair {median(floor_cpu[id(chair)]):.2f} ms, "
        f"applicant {median(floor_cpu[id(applicant)]):.2f} ms"
    )
    print("| page | CPU p50 | CPU p95 | CPU × floor | wall p50 | wall p95 | wall × floor |")
    print("|---|---|---|---|---|---|---|")
    figure: Callable[[list[float]], str] = lambda values: f"{median(values):.2f}"  # noqa: E731
    for name in pages:
        print(
            f"| {name} | {figure(cpu_all[name])} | {percentile(cpu_all[name], 0.95):.2f} "
            f"| {figure(cpu_ratios[name])} | {figure(wall_all[name])} "
            f"| {percentile(wall_all[name], 0.95):.2f} | {figure(wall_ratios[name])} |"
        )


if __name__ == "__main__":
    main()
