"""What the staff frame costs: the committee's home page and the staff dashboard against the
no-query floor view, in the Django process's CPU as well as on the wall clock.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_grants_bench \
        .venv/bin/python bench/staff_frame.py [label]

Run it on a database that bench/grants_committee.py has built (it signs in as that bench's
committee chair). Each round times REPEATS requests of the floor, then of each page, through
Django's test client (the whole middleware stack, Redis sessions, no network), ROUNDS rounds;
it prints each page's median per request and the median over rounds of its ratio to
the floor's. On the shared
2-core machine the wall clock of a request that waits on PostgreSQL or Redis moves with the
load (each wait can lose the core to another process), while the process's CPU time moves
much less: compare two versions by running this alternately with each, and read both.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
USER = os.environ.get("BENCH_USER", "bench-committee-5000-chair")

PAGES = {
    "floor": "/en/bench/floor/",
    "committee home": "/en/staff/committee/",
    "staff dashboard": "/en/staff/",
}


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    # As in bench/grants_committee.py: no collectstatic in-process, plain static names.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=USER))
    for url in PAGES.values():  # warm: templates compiled, frame fragments kept
        for _ in range(20):
            assert client.get(url).status_code == 200, url
    # Per round and page: the median CPU and wall milliseconds of its requests.
    cpu: dict[str, list[float]] = {name: [] for name in PAGES}
    wall: dict[str, list[float]] = {name: [] for name in PAGES}
    median = statistics.median
    for _ in range(ROUNDS):
        for name, url in PAGES.items():
            cpu_ms, wall_ms = [], []
            for _ in range(REPEATS):
                started_cpu, started = time.process_time(), time.perf_counter()
                client.get(url)
                cpu_ms.append((time.process_time() - started_cpu) * 1000)
                wall_ms.append((time.perf_counter() - started) * 1000)
            cpu[name].append(median(cpu_ms))
            wall[name].append(median(wall_ms))

    def ratio(figures: dict[str, list[float]], name: str) -> float:
        """The median over rounds of the page's round median / the floor's."""
        rounds = zip(figures[name], figures["floor"], strict=True)
        return median(page / floor for page, floor in rounds)

    label = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"{label} load {os.getloadavg()[0]:.1f}")
    print("| page | CPU ms | × floor | wall ms | × floor |")
    print("|---|---|---|---|---|")
    for name in PAGES:
        print(
            f"| {name} | {median(cpu[name]):.2f} | {ratio(cpu, name):.2f} "
            f"| {median(wall[name]):.2f} | {ratio(wall, name):.2f} |"
        )


if __name__ == "__main__":
    main()
