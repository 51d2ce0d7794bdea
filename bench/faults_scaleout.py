"""Scale-out fault drills (`make faults` runs them after bench/faults.py): loopback only.

    .venv/bin/python bench/faults_scaleout.py [--only unpublish,redis,kill,database] [--no-report]

Runs production settings (TLS off on loopback) on gunicorn instances with a private
redis-server on a free port (never the machine's shared Redis) and its own database
``portal_faults_scaleout`` on the PostgreSQL at DATABASE_SERVER (default 127.0.0.1:5432).
The database server is shared with other work, so it is never restarted: the database drill
terminates every connection to this one database (pg_terminate_backend), which is what a
restart or fail-over does to the portal.

Drills:
  unpublish  two instances x 3 workers; every worker caches pages showing an activity; a
             reviewer returns it on one instance; of 100 anonymous requests over both, how
             many still show it. Also run with a per-process cache, for comparison.
  redis      Redis frozen (SIGSTOP) under reads: statuses and latency; login and publishing
             during the outage; stale pages after it resumes (SIGCONT).
  kill       a Celery worker's process SIGKILLed mid-import (3,000 rows): attempts, rows,
             duplicates.
  database   every connection to the database terminated twice during load with writes:
             statuses, 503 pages, acknowledged writes found afterwards; a job running through
             it completes.
Figures go to docs/reliability.md between the faults-scaleout markers.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SERVER = os.environ.get("DATABASE_SERVER", "postgres@127.0.0.1:5432")
DB_NAME = "portal_faults_scaleout"
DATABASE_URL = f"postgres://{SERVER}/{DB_NAME}"
PASSWORD = "scale-out drill passphrase 2026"  # noqa: S105 - throwaway local drill account
REPORT = ROOT / "docs" / "reliability.md"
START, END = "<!-- faults-scaleout:start -->", "<!-- faults-scaleout:end -->"
WORK = Path(tempfile.gettempdir()) / "portal-faults-scaleout"
IMPORT_FILE = WORK / "grants.xlsx"
IMPORT_ROWS = 3000
SETTINGS = """
from config.settings.production import *  # noqa: F403
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def psql(sql: str, db: str = DB_NAME) -> str:
    user, host = SERVER.split("@")
    hostname, port = host.split(":")
    return subprocess.run(
        ["psql", "-h", hostname, "-p", port, "-U", user, "-d", db, "-XtAc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


class Drill:
    """Processes of one drill run; everything is stopped by ``stop()``."""

    def __init__(self) -> None:
        WORK.mkdir(exist_ok=True)
        (WORK / "drill_settings.py").write_text(SETTINGS)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.prefix = f"drill-{uuid.uuid4().hex[:8]}"
        self.redis_port = free_port()
        self.redis = self._spawn(
            "redis",
            [
                *("redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            {},
        )
        time.sleep(0.5)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
        env.update(
            PYTHONPATH=f"{ROOT}:{WORK}",
            DJANGO_SETTINGS_MODULE="drill_settings",
            DJANGO_SECRET_KEY="drill-" + "s" * 60,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=DATABASE_URL,
            REDIS_URL=self.redis_url,
            CACHE_URL="",
            CACHE_KEY_PREFIX=self.prefix,
            CELERY_QUEUE=self.prefix,
            DJANGO_MEDIA_ROOT=str(WORK / "media"),
            IMPORT_BACKGROUND_ROWS="50",
            DJANGO_LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> Any:
        out = (WORK / f"{name}.log").open("ab")
        process = subprocess.Popen(argv, cwd=ROOT, env=env or None, stdout=out, stderr=out)
        self.processes.append(process)
        return process

    def gunicorn(self, name: str, workers: int = 3, **extra: str) -> str:
        port = free_port()
        env = self.env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers), **extra)
        env["GUNICORN_ACCESSLOG"] = str(WORK / f"{name}-access.log")
        argv = [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py", "--preload"]
        self._spawn(name, argv, env)
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    return url
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn {name} did not start; see {WORK / (name + '.log')}")

    def worker(self) -> Any:
        argv = [str(BIN / "celery"), "-A", "config", "worker", "--pool", "prefork"]
        argv += ["--concurrency", "1", "--queues", self.prefix, "--without-gossip"]
        argv += ["--without-mingle", "--loglevel", "INFO"]
        process = self._spawn("worker", argv, self.env())
        for _ in range(240):
            if b"ready." in (WORK / "worker.log").read_bytes():
                return process
            time.sleep(0.5)
        raise SystemExit("celery worker did not start")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.kill(process.pid, signal.SIGCONT)
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


# --- data ----------------------------------------------------------------------------------

SETUP = r"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from projects import models as pm
User = get_user_model()
org, _ = pm.Organisation.objects.get_or_create(
    slug="drill-org", defaults={"name_en": "Drill NGO", "kind": "local_ngo"})
project, _ = pm.Project.objects.get_or_create(
    slug="drill-project", defaults={"title_en": "Drill project", "is_public": True})
pm.Partnership.objects.get_or_create(project=project, organisation=org, role="implementing")
reviewer, _ = User.objects.get_or_create(
    username="drill-reviewer", defaults={"email": "r@example.org"})
reviewer.set_password(PASSWORD); reviewer.save()
pm.StaffMembership.objects.get_or_create(
    user=reviewer, organisation=org, defaults={"role": "programme_manager"})
importer, _ = User.objects.get_or_create(username="drill-importer", defaults={"is_staff": True})
importer.set_password(PASSWORD); importer.save()
importer.user_permissions.set(Permission.objects.filter(
    content_type__app_label="grants",
    codename__in=["import_grant", "view_grant", "add_grant", "change_grant"]))
print(project.pk)
"""


def _local_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT}:{WORK}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": DATABASE_URL,
        "BENCH_IMPORT_FILE": str(IMPORT_FILE),
        "BENCH_IMPORT_ROWS": str(IMPORT_ROWS),
        "REDIS_URL": "",
    }


def manage_shell(code: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_local_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def prepare() -> int:
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'", db="postgres"):  # noqa: S608
        psql(f'CREATE DATABASE "{DB_NAME}"', db="postgres")
    WORK.mkdir(exist_ok=True)
    (WORK / "drill_settings.py").write_text(SETTINGS)
    log(f"migrate, gazetteer, {IMPORT_ROWS}-row grant file")
    env = _local_env()
    code = "import sys; sys.path.insert(0, 'bench'); import import_grants as g; g.setup_django(); "
    subprocess.run([str(BIN / "python"), "-c", code + "g.prepare()"], cwd=ROOT, env=env, check=True)
    setup = SETUP.replace("PASSWORD", repr(PASSWORD))
    out = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", setup],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def new_activity(project_id: int, status: str = "published") -> tuple[int, str]:
    title = f"Drill activity {uuid.uuid4().hex[:10]}"
    code = (
        "from django.utils import timezone; from communities.models import Activity; "
        f"a = Activity.objects.create(project_id={project_id}, date='2022-03-15', "
        f"kind='meeting', title_en={title!r}, title_ru={title!r}, women=1, men=1, youth=0, "
        f"status={status!r}, published_at=timezone.now() if {status!r} == 'published' else None, "
        "author=__import__('django.contrib.auth', fromlist=['x']).get_user_model()"
        ".objects.get(username='drill-reviewer')); print(a.pk)"
    )
    return int(manage_shell(code)), title


# --- clients -------------------------------------------------------------------------------


def login(base: str, username: str, admin: bool = False) -> requests.Session:
    session = requests.Session()
    path = "/admin/login/" if admin else "/en/staff/login/"
    session.get(base + path, timeout=30)
    response = session.post(
        base + path,
        data={
            "username": username,
            "password": PASSWORD,
            "next": "/en/staff/",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": base + path},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login {username}: {response.status_code}")
    return session


def post(session: requests.Session, url: str, data: dict[str, Any]) -> requests.Response:
    return session.post(
        url,
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"], **data},
        headers={"Referer": url},
        timeout=60,
        allow_redirects=False,
    )


def pages(activity_id: int, title: str) -> list[str]:
    return [
        "/en/news/",
        "/en/news/feed/",
        "/en/projects/drill-project/",
        f"/en/search/?q={title.split()[-1]}",
        f"/en/news/{activity_id}/",
    ]


def spread(bases: list[str], paths: list[str], count: int, text: str) -> dict[str, Any]:
    statuses: dict[str, int] = {}
    showing = 0
    times = []
    for n in range(count):
        url = bases[n % len(bases)] + paths[(n // len(bases)) % len(paths)]
        started = time.monotonic()
        try:
            response = requests.get(url, timeout=30)
            status, body = response.status_code, response.text
        except requests.RequestException:
            status, body = 0, ""
        times.append(time.monotonic() - started)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        showing += text in body
    return {
        "requests": count,
        "statuses": statuses,
        "showing_the_record": showing,
        "p50_ms": round(statistics.median(times) * 1000),
        "max_ms": round(max(times) * 1000),
    }


# --- drills --------------------------------------------------------------------------------


def drill_unpublish(project_id: int) -> dict[str, Any]:
    results = {}
    for mode, extra in (("redis", {}), ("per_process_cache", {"REDIS_URL": ""})):
        drill = Drill()
        try:
            bases = [drill.gunicorn(f"{mode}-a", **extra), drill.gunicorn(f"{mode}-b", **extra)]
            activity_id, title = new_activity(project_id)
            paths = pages(activity_id, title)
            before = spread(bases, paths, 100, title)
            reviewer = login(bases[0], "drill-reviewer")
            returned = post(
                reviewer,
                f"{bases[0]}/en/staff/activities/{activity_id}/return/",
                {"comment": "drill"},
            )
            after = spread(bases, paths, 100, title)
            results[mode] = {
                "instances": "2 x 3 gunicorn workers",
                "before_unpublish_showing": before["showing_the_record"],
                "return_status": returned.status_code,
                "after_unpublish": after,
            }
            log(f"unpublish ({mode}): {results[mode]}")
        finally:
            drill.stop()
    return results


def drill_redis(project_id: int) -> dict[str, Any]:
    drill = Drill()
    try:
        base = drill.gunicorn("redis-c", workers=3)
        shown_id, shown = new_activity(project_id)
        waiting_id, waiting = new_activity(project_id, status="submitted")
        paths = pages(shown_id, shown)
        warm = spread([base], paths, 30, shown)
        os.kill(drill.redis.pid, signal.SIGSTOP)
        try:
            during = spread([base], paths, 60, "\x00")
            reviewer = login(base, "drill-reviewer")
            published = post(reviewer, f"{base}/en/staff/activities/{waiting_id}/publish/", {})
            returned = post(
                reviewer, f"{base}/en/staff/activities/{shown_id}/return/", {"comment": "drill"}
            )
            during_writes = spread([base], paths, 30, shown)
            started = time.monotonic()
            try:
                prepare_job = post(
                    reviewer,
                    f"{base}/en/staff/reports/donor/prepare/?project={project_id}",
                    {"format": "xlsx"},
                )
                job_answer = f"{prepare_job.status_code} after {time.monotonic() - started:.1f} s"
                if prepare_job.status_code == 302:
                    page = reviewer.get(base + prepare_job.headers["Location"], timeout=30).text
                    job_answer += (
                        ", job page: queue unreachable message"
                        if "queue is unreachable" in page
                        else ", job page without the message"
                    )
            except requests.RequestException as exc:
                job_answer = (
                    f"no answer after {time.monotonic() - started:.1f} s ({exc.__class__.__name__})"
                )
        finally:
            os.kill(drill.redis.pid, signal.SIGCONT)
        time.sleep(3)
        after = spread([base], paths, 60, shown)
        waiting_visible = spread([base], paths[:1], 6, waiting)["showing_the_record"]
        return {
            "warm_with_redis": warm,
            "redis_frozen_reads": during,
            "login_during_outage": "ok",
            "publish_status": published.status_code,
            "return_status": returned.status_code,
            "reads_after_writes_during_outage": during_writes,
            "starting_a_job_during_outage": job_answer,
            "after_redis_resumed": after,
            "published_during_outage_visible_after": waiting_visible,
        }
    finally:
        drill.stop()


def _preview_fields(admin: requests.Session, base: str) -> dict[str, str]:
    url = f"{base}/admin/grants/grant/import/"
    admin.get(url, timeout=30)
    with IMPORT_FILE.open("rb") as handle:
        preview = admin.post(
            url,
            data={
                "csrfmiddlewaretoken": admin.cookies["csrftoken"],
                "format": "0",
                "language": "ru",
                "resource": "0",
            },
            files={"import_file": (IMPORT_FILE.name, handle)},
            headers={"Referer": url},
            timeout=600,
        )
    form = re.search(r"<form[^>]*process_import[^>]*>(.*?)</form>", preview.text, re.S)
    if form is None:
        raise RuntimeError(f"no confirm form ({preview.status_code})")
    return dict(re.findall(r'type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(1)))


def _reset_import() -> None:
    psql(
        "DELETE FROM grants_grant_communities WHERE grant_id IN "
        "(SELECT id FROM grants_grant WHERE reference LIKE 'B-%')"
    )
    psql("DELETE FROM grants_historicalgrant WHERE reference LIKE 'B-%'")
    psql("DELETE FROM grants_grant WHERE reference LIKE 'B-%'")


def _job(job_id_sql: str) -> dict[str, str]:
    # job_id_sql is built here from the job's UUID, never from outside input.
    row = psql(f"SELECT state, attempts, left(error, 200) FROM core_backgroundjob {job_id_sql}")  # noqa: S608
    state, attempts, error = [*row.split("|"), "", "", ""][:3]
    return {"state": state, "attempts": attempts, "error": error}


def drill_kill() -> dict[str, Any]:
    _reset_import()
    drill = Drill()
    try:
        base = drill.gunicorn("kill-web", workers=2)
        worker = drill.worker()
        admin = login(base, "drill-importer", admin=True)
        fields = _preview_fields(admin, base)
        confirm = admin.post(
            f"{base}/admin/grants/grant/process_import/",
            data=fields,
            timeout=120,
            allow_redirects=False,
        )
        job_id = confirm.headers["Location"].rstrip("/").split("/")[-1]
        where = f"WHERE id = '{job_id}'"
        for _ in range(600):
            if _job(where)["state"] == "running":
                break
            time.sleep(0.1)
        time.sleep(1.0)
        rows_before_kill = int(psql("SELECT count(*) FROM grants_grant WHERE reference LIKE 'B-%'"))
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
        os.kill(int(children[0]), signal.SIGKILL)
        killed = time.monotonic()
        for _ in range(1200):
            if _job(where)["state"] in ("done", "failed"):
                break
            time.sleep(0.25)
        rows = int(psql("SELECT count(*) FROM grants_grant WHERE reference LIKE 'B-%'"))
        distinct = int(
            psql("SELECT count(DISTINCT reference) FROM grants_grant WHERE reference LIKE 'B-%'")
        )
        return {
            "rows_in_file": IMPORT_ROWS,
            "rows_visible_when_killed": rows_before_kill,
            "job_after": _job(where),
            "finished_after_kill_s": round(time.monotonic() - killed, 1),
            "rows_after": rows,
            "distinct_references_after": distinct,
            "lost_rows": IMPORT_ROWS - distinct,
            "duplicate_rows": rows - distinct,
        }
    finally:
        drill.stop()


def drill_database(project_id: int) -> dict[str, Any]:
    drill = Drill()
    try:
        base = drill.gunicorn("db-web", workers=3)
        _shown_id, _ = new_activity(project_id)
        stop_at = time.monotonic() + 30
        statuses: dict[str, int] = {}
        acknowledged: list[str] = []
        tracebacks = 0
        lock = threading.Lock()

        def client(seed: int) -> None:
            nonlocal tracebacks
            staff: requests.Session | None = None
            n = 0
            while time.monotonic() < stop_at:
                n += 1
                try:
                    if n % 4 == 0:
                        staff = staff or login(base, "drill-reviewer")
                        title = f"drill-write-{uuid.uuid4().hex[:10]}"
                        response = post(
                            staff,
                            f"{base}/en/staff/activities/new/",
                            {
                                "date": "2022-05-01",
                                "kind": "meeting",
                                "project": project_id,
                                "title_en": title,
                                "women": "1",
                                "men": "1",
                                "youth": "0",
                            },
                        )
                        if (
                            response.status_code == 302
                            and "/staff/activities/" in response.headers.get("Location", "")
                        ):
                            with lock:
                                acknowledged.append(title)
                    else:
                        response = requests.get(f"{base}/en/news/", timeout=30)
                    status = response.status_code
                    tracebacks += "Traceback" in response.text
                except (requests.RequestException, RuntimeError):
                    status, staff = 0, None
                with lock:
                    statuses[str(status)] = statuses.get(str(status), 0) + 1

        def terminate() -> int:
            return len(
                psql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608
                    f"WHERE datname = '{DB_NAME}' AND pid <> pg_backend_pid()",
                    db="postgres",
                ).splitlines()
            )

        with cf.ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(client, n) for n in range(6)]
            time.sleep(8)
            first = terminate()
            time.sleep(8)
            second = terminate()
            for future in futures:
                future.result()
        found = 0
        if acknowledged:
            names = ",".join(f"'{t}'" for t in acknowledged)
            found = int(
                psql(f"SELECT count(*) FROM projects_activity WHERE title_en IN ({names})")  # noqa: S608
            )
        return {
            "load_s": 30,
            "connections_terminated": [first, second],
            "statuses": dict(sorted(statuses.items())),
            "tracebacks_shown": tracebacks,
            "writes_acknowledged": len(acknowledged),
            "acknowledged_writes_in_db": found,
            "lost_writes": len(acknowledged) - found,
        }
    finally:
        drill.stop()


def write_report(results: dict[str, Any]) -> None:
    block = [
        START,
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs "
        f"(load average {os.getloadavg()[0]:.1f}), production settings on loopback, "
        "a private redis-server, PostgreSQL database {DB_NAME}.".replace("{DB_NAME}", DB_NAME),
        "",
        "```json",
        json.dumps(results, indent=2, ensure_ascii=False, default=str),
        "```",
        END,
    ]
    text = REPORT.read_text()
    if START in text and END in text:
        text = text[: text.index(START)] + "\n".join(block) + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + "\n".join(block) + "\n"
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="unpublish,redis,kill,database")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--skip-prepare", action="store_true")
    options = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("needs redis-server (apt-get install redis-server)")
    drills = options.only.split(",")
    if options.skip_prepare:
        project_id = int(psql("SELECT id FROM projects_project WHERE slug = 'drill-project'"))
    else:
        project_id = prepare()
    results: dict[str, Any] = {}
    if "unpublish" in drills:
        results["unpublish"] = drill_unpublish(project_id)
    if "redis" in drills:
        results["redis_down"] = drill_redis(project_id)
        log(f"redis: {results['redis_down']}")
    if "kill" in drills:
        results["worker_killed_mid_import"] = drill_kill()
        log(f"kill: {results['worker_killed_mid_import']}")
    if "database" in drills:
        results["database_connections_terminated"] = drill_database(project_id)
        log(f"database: {results['database_connections_terminated']}")
    # Drills run separately (--only) add up to one report.
    saved = WORK / "results.json"
    if saved.exists():
        results = {**json.loads(saved.read_text()), **results}
    saved.write_text(json.dumps(results, default=str))
    if not options.no_report:
        write_report(results)
    print(json.dumps(results, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    sys.exit(main())
