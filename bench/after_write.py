"""The first view after a news publish, in process, two checkouts interleaved round by round.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_x_s10 \\
    REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/after_write.py /path/to/main-checkout /path/to/this-checkout

Each checkout runs in a worker process of its own (its own cache key prefix in the same Redis,
the same database). A round asks each worker, in alternating order, to time every page:
REPEATS times the no-query floor view, then REPEATS times (publish the bench news item again,
as POST /bench/write/ does, untimed; then the page, timed). A page's figure in a round is the
median of its requests over the floor's median; the report gives, per page, the median over
rounds of that ratio for each checkout and the median over rounds of branch / main.

The workers use plain static file names (no collectstatic), as bench/staff_frame.py does.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "6"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))
PAGES = [
    "/en/",
    "/ru/",
    "/en/reports/open-data/",
    "/sitemap.xml",
    "/sitemap-news.xml?p=2",
    "/en/news/feed/",
    "/en/news/",
    "/en/grants/",
    "/en/projects/",
    # The places the published item names: their news part is re-rendered (config/pages/places.py).
    "community (written)",
    "region (written)",
]
FLOOR = "/en/bench/floor/"


def worker() -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    secret = os.environ["BENCH_WRITE_SECRET"] = secrets.token_hex(16)
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    client = Client(HTTP_HOST="127.0.0.1")
    from config.bench_urls import written_news

    place = written_news().communities.select_related("region").order_by("pk").first()
    address = {url: url for url in PAGES}
    address["community (written)"] = f"/en/places/communities/{place.pk}/"
    address["region (written)"] = f"/en/places/regions/{place.region.code.lower()}/"

    def write() -> None:
        response = client.post("/bench/write/", HTTP_X_BENCH_SECRET=secret)
        assert response.status_code == 204, response.status_code

    cpu: dict[str, list[float]] = {}

    def get(url: str) -> float:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu.setdefault(url, []).append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    for url in [FLOOR, *PAGES]:  # templates compiled, parts kept
        for _ in range(2):
            write()
            get(address.get(url, url))
    print(json.dumps({"ready": True}), flush=True)
    for _request in sys.stdin:
        cpu.clear()
        floor = statistics.median(get(FLOOR) for _ in range(REPEATS))
        pages = {}
        for url in PAGES:
            times = []
            for _ in range(REPEATS):
                write()
                times.append(get(address[url]))
            pages[url] = statistics.median(times)
        cpu_ms = {url: statistics.median(cpu[address[url]]) for url in PAGES}
        print(json.dumps({"floor": floor, "pages": pages, "cpu": cpu_ms}), flush=True)


def main(main_dir: str, branch_dir: str) -> None:
    workers = {}
    for label, directory in (("main", main_dir), ("branch", branch_dir)):
        env = {**os.environ, "CACHE_KEY_PREFIX": f"after-write-{label}"}
        workers[label] = subprocess.Popen(
            [f"{directory}/.venv/bin/python", os.path.abspath(__file__), "--worker"],
            cwd=directory,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        # One at a time: two processes publishing the same item at once can collide on its
        # search document (a unique constraint), which is not what is measured here.
        assert json.loads(workers[label].stdout.readline())["ready"]  # type: ignore[union-attr]
    ratios: dict[str, dict[str, list[float]]] = {label: {u: [] for u in PAGES} for label in workers}
    ms: dict[str, dict[str, list[float]]] = {label: {u: [] for u in PAGES} for label in workers}
    cpu: dict[str, dict[str, list[float]]] = {label: {u: [] for u in PAGES} for label in workers}
    loads = [os.getloadavg()[0]]
    for round_number in range(ROUNDS):
        order = ["main", "branch"] if round_number % 2 == 0 else ["branch", "main"]
        for label in order:
            process = workers[label]
            process.stdin.write("round\n")  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
            result = json.loads(process.stdout.readline())  # type: ignore[union-attr]
            for url, page_ms in result["pages"].items():
                ratios[label][url].append(page_ms / result["floor"])
                ms[label][url].append(page_ms)
                cpu[label][url].append(result["cpu"][url])
        loads.append(os.getloadavg()[0])
    for process in workers.values():
        process.stdin.close()  # type: ignore[union-attr]
        process.wait()
    median = statistics.median
    print(f"rounds {ROUNDS} x {REPEATS}; load {min(loads):.1f}-{max(loads):.1f}")
    print(
        "| page | main ms | main × floor | branch ms | branch × floor | branch / main "
        "| CPU ms main → branch |"
    )
    print("|---|---|---|---|---|---|---|")
    for url in PAGES:
        per_round = [b / m for b, m in zip(ratios["branch"][url], ratios["main"][url], strict=True)]
        print(
            f"| {url} | {median(ms['main'][url]):.1f} | {median(ratios['main'][url]):.2f} "
            f"| {median(ms['branch'][url]):.1f} | {median(ratios['branch'][url]):.2f} "
            f"| {median(per_round):.2f} "
            f"| {median(cpu['main'][url]):.1f} → {median(cpu['branch'][url]):.1f} |"
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker()
    else:
        main(sys.argv[1], sys.argv[2])
