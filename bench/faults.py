"""Fault and load drills (`make faults`): loopback only, every loop bounded.

    .venv/bin/python bench/faults.py [--seconds 60] [--clients 32] [--only load,restart,...]

It never touches the shared PostgreSQL on 5432: it creates (once) and drives its own cluster
``15/faults`` on port 5439, so restarting the database cannot break anyone else's work. Needs
root for pg_ctlcluster and the tmpfs mount of the disk-full drill.

Drills:
  load     gunicorn, 5 workers; --seconds of mixed public reads and staff activity logging at
           --clients concurrent clients; requests, errors, p95; every acknowledged write is in
           the database afterwards.
  restart  the same load for 40 s with `pg_ctlcluster restart` at 10 s: what users see during
           the outage (503 page, never a traceback), how long until the first 200 after the
           database is back, acknowledged writes kept.
  kill     kill -9 the worker running a 10,000-row grant import confirm: no partial import,
           the worker respawns, a second confirm works.
  two      two instances (own ports and temp dirs) on one database: log in on A and use the
           session on B; import preview on A, confirm on B.
  disk     uploads go to a 2 MB tmpfs: the user gets a clear error, and no ActivityPhoto row
           points at a missing file.

Figures go to docs/reliability.md between the faults markers.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CLUSTER = ("15", "faults")
PG_PORT = 5439
DB_NAME = "portal_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}"
PASSWORD = "faults drill passphrase 2026"  # noqa: S105 - throwaway local drill account
REPORT = ROOT / "docs" / "reliability.md"
START, END = "<!-- faults:start -->", "<!-- faults:end -->"
IMPORT_FILE = Path("/tmp/portal-faults-grants.xlsx")
TIMEOUT = 30
LOGS = Path("/tmp/portal-faults-logs")


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- PostgreSQL ------------------------------------------------------------------------------


def ensure_cluster() -> None:
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    if not any(line.split()[:2] == list(CLUSTER) for line in listed.stdout.splitlines()):
        log(f"creating PostgreSQL cluster {'/'.join(CLUSTER)} on port {PG_PORT}")
        subprocess.run(
            ["pg_createcluster", *CLUSTER, "-p", str(PG_PORT), "--", "--auth=trust"],
            check=True,
            capture_output=True,
        )
    subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], capture_output=True, check=False)
    for _ in range(30):
        ok = subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", str(PG_PORT)], capture_output=True
        )
        if ok.returncode == 0:
            return
        time.sleep(0.5)
    raise SystemExit("the faults cluster did not start")


def psql(sql: str, db: str = DB_NAME) -> str:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", db, "-XtAc", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


SETTINGS_DIR = Path(tempfile.gettempdir()) / "portal-faults-settings"
# Bench settings with the production URLconf, plus error logging to stderr, so gunicorn's
# error log holds the traceback of any 500 the drills provoke (bench settings log nothing).
SETTINGS_MODULE = """
from config.settings.bench import *  # noqa: F403
# config.bench_urls adds a floor view but not handler500; the drills test the real URLconf.
ROOT_URLCONF = "config.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
"""


def django_env(**extra: str) -> dict[str, str]:
    SETTINGS_DIR.mkdir(exist_ok=True)
    (SETTINGS_DIR / "faults_settings.py").write_text(SETTINGS_MODULE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        PYTHONPATH=f"{ROOT}:{SETTINGS_DIR}",
        DJANGO_SETTINGS_MODULE="faults_settings",
        DATABASE_URL=DATABASE_URL,
        DJANGO_CONN_MAX_AGE="60",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


SETUP_CODE = r"""
from django.contrib.auth import get_user_model
from communities import models as cm
from projects import models as pm
from communities.models import Community
User = get_user_model()
org, _ = pm.Organisation.objects.get_or_create(
    slug="faults-org", defaults={"name_en": "Faults NGO", "kind": "local_ngo"})
project, _ = pm.Project.objects.get_or_create(
    slug="faults-project", defaults={"title_en": "Faults drill project", "is_public": True})
pm.Partnership.objects.get_or_create(project=project, organisation=org, role="implementing")
community = Community.objects.exclude(district=None).first()
cm.ProjectCommunity.objects.get_or_create(project=project, community=community)
officer, _ = User.objects.get_or_create(username="faults-officer")
officer.set_password(PASSWORD); officer.save()
pm.StaffMembership.objects.get_or_create(
    user=officer, organisation=org, defaults={"role": "field_officer"})
admin, _ = User.objects.get_or_create(
    username="faults-admin", defaults={"is_staff": True, "is_superuser": True})
admin.set_password(PASSWORD); admin.save()
print(project.pk)
"""


def prepare_database() -> int:
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'", db="postgres")  # noqa: S608
    if not exists:
        psql(f'CREATE DATABASE "{DB_NAME}"', db="postgres")
    env = django_env()
    log("migrate, gazetteer, 10,000-row grant file (bench/import_grants.py prepare)")
    subprocess.run(
        [
            PY,
            "-c",
            "import sys; sys.path.insert(0, 'bench'); import import_grants as g;"
            "g.setup_django(); g.prepare()",
        ],
        cwd=ROOT,
        env={**env, "BENCH_IMPORT_FILE": str(IMPORT_FILE)},
        check=True,
    )
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", SETUP_CODE.replace("PASSWORD", repr(PASSWORD))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


# --- gunicorn ------------------------------------------------------------------------------


@dataclass
class Instance:
    port: int
    process: subprocess.Popen[bytes]
    tmpdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        # Keep gunicorn's error log (tracebacks of any 500) for the report's reader.
        LOGS.mkdir(parents=True, exist_ok=True)
        if (self.tmpdir / "error.log").exists():
            shutil.copy(self.tmpdir / "error.log", LOGS / f"gunicorn-{self.port}.log")
        shutil.rmtree(self.tmpdir, ignore_errors=True)


def start_instance(port: int, *, workers: int = 5, media_root: Path | None = None) -> Instance:
    tmpdir = Path(tempfile.mkdtemp(prefix=f"portal-faults-{port}-"))
    env = django_env(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_ACCESSLOG=str(tmpdir / "access.log"),
        GUNICORN_TIMEOUT="300",
        TMPDIR=str(tmpdir),
        DJANGO_MEDIA_ROOT=str(media_root or tmpdir / "media"),
    )
    errors = (tmpdir / "error.log").open("wb")
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=errors,
        stderr=errors,
    )
    instance = Instance(port, process, tmpdir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{instance.url}/healthz", timeout=5).status_code == 200:
                return instance
        except requests.RequestException:
            pass
        time.sleep(0.5)
    instance.stop()
    raise SystemExit(f"gunicorn on {port} did not become healthy")


# --- clients -------------------------------------------------------------------------------


def login(base: str, username: str, *, admin: bool = False) -> requests.Session:
    session = requests.Session()
    path = "/admin/login/" if admin else "/en/staff/login/"
    session.get(base + path, timeout=TIMEOUT)
    response = session.post(
        base + path,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/" if admin else "/en/staff/",
        },
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login as {username} failed: {response.status_code}")
    return session


PUBLIC_PATHS = [
    "/en/",
    "/ru/",
    "/en/projects/",
    "/en/projects/faults-project/",
    "/en/news/",
    "/en/places/",
    "/en/grants/",
    "/en/organisations/",
    "/en/reports/open-data/",
]


@dataclass
class LoadResult:
    started: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    acknowledged: list[str] = field(default_factory=list)
    # (seconds since start, status, kind) for the outage timeline
    timeline: list[tuple[float, int, str]] = field(default_factory=list)
    tracebacks: int = 0
    bad_outage_pages: int = 0
    samples_500: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float, kind: str, body: str = "") -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            self.timeline.append((time.monotonic() - self.started, status, kind))
            if "Traceback" in body:
                self.tracebacks += 1
            if status == 503 and "briefly unavailable" not in body:
                self.bad_outage_pages += 1
            if status == 500 and len(self.samples_500) < 3:
                title = re.search(r"<title>(.*?)</title>", body, re.S)
                self.samples_500.append(f"{kind}: {title.group(1).strip() if title else body[:80]}")


def client_loop(base: str, project_id: int, stop_at: float, result: LoadResult, seed: int) -> None:
    rng = random.Random(seed)
    staff: requests.Session | None = None
    public = requests.Session()
    while time.monotonic() < stop_at:
        write = rng.random() < 0.2
        started = time.monotonic()
        try:
            if write:
                if staff is None:
                    staff = login(base, "faults-officer")
                title = f"faults-{uuid.uuid4().hex[:12]}"
                response = staff.post(
                    f"{base}/en/staff/activities/new/",
                    data={
                        "csrfmiddlewaretoken": staff.cookies.get("csrftoken", ""),
                        "date": "2022-05-01",
                        "kind": "meeting",
                        "project": project_id,
                        "title_en": title,
                        "women": "3",
                        "men": "2",
                        "youth": "1",
                    },
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                status = response.status_code
                acknowledged = status == 302 and "/staff/activities/" in response.headers.get(
                    "Location", ""
                )
                if acknowledged:
                    with result.lock:
                        result.acknowledged.append(title)
                result.record(status, time.monotonic() - started, "write", response.text)
            else:
                response = public.get(base + rng.choice(PUBLIC_PATHS), timeout=TIMEOUT)
                result.record(
                    response.status_code, time.monotonic() - started, "read", response.text
                )
        except (requests.RequestException, RuntimeError) as exc:
            result.record(0, time.monotonic() - started, "write" if write else "read", "")
            if isinstance(exc, RuntimeError):
                staff = None
            time.sleep(0.2)


def run_load(
    base: str, project_id: int, seconds: float, clients: int, during: Any = None
) -> LoadResult:
    result = LoadResult(started=time.monotonic())
    stop_at = result.started + seconds
    with cf.ThreadPoolExecutor(max_workers=clients + 1) as pool:
        futures = [
            pool.submit(client_loop, base, project_id, stop_at, result, n) for n in range(clients)
        ]
        if during is not None:
            futures.append(pool.submit(during, result))
        for future in futures:
            future.result()
    return result


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100)[94]


def written(titles: list[str]) -> int:
    if not titles:
        return 0
    found = 0
    for start in range(0, len(titles), 500):
        chunk = ",".join(f"'{t}'" for t in titles[start : start + 500])
        # The titles are our own hex tokens, never user input.
        sql = f"SELECT count(*) FROM projects_activity WHERE title_en IN ({chunk})"  # noqa: S608
        found += int(psql(sql))
    return found


def summarise(result: LoadResult, seconds: float) -> dict[str, Any]:
    total = len(result.latencies)
    ok = sum(v for k, v in result.statuses.items() if k in ("200", "302"))
    return {
        "requests": total,
        "per_second": round(total / seconds, 1),
        "errors": total - ok,
        "statuses": dict(sorted(result.statuses.items())),
        "p50_ms": round(statistics.median(result.latencies) * 1000) if total else 0,
        "p95_ms": round(p95(result.latencies) * 1000),
        "writes_acknowledged": len(result.acknowledged),
        "acknowledged_writes_in_db": written(result.acknowledged),
        "tracebacks_shown": result.tracebacks,
        "pages_of_500s": result.samples_500,
    }


# --- drills --------------------------------------------------------------------------------


def drill_load(project_id: int, seconds: float, clients: int) -> dict[str, Any]:
    instance = start_instance(8601)
    try:
        log(f"load: {seconds:.0f} s, {clients} clients, 5 workers")
        result = run_load(instance.url, project_id, seconds, clients)
        return summarise(result, seconds)
    finally:
        instance.stop()


def drill_restart(project_id: int, clients: int) -> dict[str, Any]:
    instance = start_instance(8602)
    marks: dict[str, float] = {}

    def restart(result: LoadResult) -> None:
        time.sleep(10)
        marks["restart_begun"] = time.monotonic() - result.started
        subprocess.run(["pg_ctlcluster", *CLUSTER, "restart", "-m", "fast"], check=True)
        marks["database_back"] = time.monotonic() - result.started

    try:
        log("restart: 40 s of load, PostgreSQL restarted at 10 s")
        result = run_load(instance.url, project_id, 40, clients, during=restart)
        summary = summarise(result, 40)
        back = marks["database_back"]
        outage = [t for t in result.timeline if marks["restart_begun"] <= t[0]]
        first_ok = next((t for t, status, _ in outage if t >= back and status == 200), None)
        statuses_during: dict[str, int] = {}
        for t, status, _kind in outage:
            if t <= back + 10:
                statuses_during[str(status)] = statuses_during.get(str(status), 0) + 1
        summary.update(
            {
                "restart_took_s": round(back - marks["restart_begun"], 2),
                "first_200_after_database_back_s": (
                    round(first_ok - back, 2) if first_ok is not None else None
                ),
                "statuses_from_restart_to_10s_after": dict(sorted(statuses_during.items())),
                "503_pages_without_the_outage_text": result.bad_outage_pages,
                "errors_10s_after_database_back": sum(
                    1 for t, status, _ in outage if t > back + 10 and status not in (200, 302)
                ),
            }
        )
        return summary
    finally:
        instance.stop()


def _import_preview(session: requests.Session, base: str) -> dict[str, str]:
    """Upload the 10,000-row file on ``base``; return the confirm form's fields."""
    page = session.get(f"{base}/admin/grants/grant/import/", timeout=TIMEOUT)
    token = session.cookies["csrftoken"]
    with IMPORT_FILE.open("rb") as handle:
        preview = session.post(
            f"{base}/admin/grants/grant/import/",
            data={"csrfmiddlewaretoken": token, "format": "0", "language": "ru", "resource": "0"},
            files={"import_file": (IMPORT_FILE.name, handle)},
            timeout=600,
            headers={"Referer": page.url},
        )
    form = re.search(
        r'<form[^>]*action="[^"]*process_import[^"]*"[^>]*>(.*?)</form>', preview.text, re.S
    )
    if form is None:
        raise RuntimeError(f"no confirm form in the preview (status {preview.status_code})")
    fields = dict(
        re.findall(
            r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(1)
        )
    )
    return fields


def _grant_rows() -> int:
    return int(psql("SELECT count(*) FROM grants_grant WHERE reference LIKE 'B-%'"))


def _reset_import() -> None:
    subprocess.run(
        [
            PY,
            "-c",
            "import sys; sys.path.insert(0, 'bench'); import import_grants as g;"
            "g.setup_django(); g.reset()",
        ],
        cwd=ROOT,
        env=django_env(),
        check=True,
    )


def _busiest(pids: list[int]) -> int:
    def cpu(pid: int) -> int:
        try:
            parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return int(parts[11]) + int(parts[12])
        except (FileNotFoundError, IndexError):
            return 0

    first = {pid: cpu(pid) for pid in pids}
    time.sleep(1.0)
    return max(pids, key=lambda pid: cpu(pid) - first[pid])


def drill_kill() -> dict[str, Any]:
    _reset_import()
    instance = start_instance(8603)
    try:
        admin = login(instance.url, "faults-admin", admin=True)
        log("kill: preview 10,000 rows, confirm, kill -9 the busy worker")
        fields = _import_preview(admin, instance.url)
        workers_before = instance.workers()
        outcome: dict[str, Any] = {}

        def confirm() -> None:
            try:
                response = admin.post(
                    f"{instance.url}/admin/grants/grant/process_import/",
                    data=fields,
                    timeout=600,
                    allow_redirects=False,
                )
                outcome["status"] = response.status_code
            except requests.RequestException as exc:
                outcome["status"] = f"connection error ({exc.__class__.__name__})"

        thread = threading.Thread(target=confirm)
        thread.start()
        time.sleep(3)
        rows_mid = _grant_rows()
        victim = _busiest(instance.workers())
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        thread.join(timeout=120)
        time.sleep(1)
        respawned = None
        for _ in range(40):
            current = instance.workers()
            if len(current) == len(workers_before) and victim not in current:
                respawned = round(time.monotonic() - killed_at, 2)
                break
            time.sleep(0.25)
        rows_after_kill = _grant_rows()
        # The preview is kept in the database, so the admin can simply confirm again.
        again = admin.post(
            f"{instance.url}/admin/grants/grant/process_import/",
            data=fields,
            timeout=600,
            allow_redirects=False,
        )
        return {
            "grant_rows_visible_while_confirming": rows_mid,
            "confirm_response_when_killed": outcome.get("status"),
            "grant_rows_after_kill": rows_after_kill,
            "worker_respawned_after_s": respawned,
            "second_confirm_status": again.status_code,
            "grant_rows_after_second_confirm": _grant_rows(),
        }
    finally:
        instance.stop()


def drill_two_instances() -> dict[str, Any]:
    _reset_import()
    a = start_instance(8604, workers=2)
    b = start_instance(8605, workers=2)
    try:
        log("two instances: session from A used on B; import preview on A, confirm on B")
        staff = login(a.url, "faults-officer")
        on_b = staff.get(f"{b.url}/en/staff/", timeout=TIMEOUT, allow_redirects=False)
        admin = login(a.url, "faults-admin", admin=True)
        fields = _import_preview(admin, a.url)
        confirm = admin.post(
            f"{b.url}/admin/grants/grant/process_import/",
            data=fields,
            timeout=600,
            allow_redirects=False,
        )
        return {
            "session_from_a_on_b_status": on_b.status_code,
            "a_tmpdir": str(a.tmpdir),
            "b_tmpdir": str(b.tmpdir),
            "confirm_on_b_status": confirm.status_code,
            "grant_rows_after_confirm_on_b": _grant_rows(),
        }
    finally:
        a.stop()
        b.stop()


def _noise_jpeg(seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes(
        "RGB", (700, 700), bytes(rng.getrandbits(8) for _ in range(700 * 700 * 3))
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def drill_disk_full(project_id: int) -> dict[str, Any]:
    mount = Path("/tmp/portal-faults-media")
    mount.mkdir(exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        return {"skipped": f"cannot mount a tmpfs: {mounted.stderr.strip()}"}
    instance = start_instance(8606, workers=2, media_root=mount)
    try:
        log("disk full: photo uploads into a 2 MB tmpfs")
        # Rows from an earlier run point into an earlier (now unmounted) tmpfs.
        old = "SELECT id FROM projects_activity WHERE title_en LIKE 'disk-full-%'"
        for table in ("projects_activityphoto", "projects_activity_communities"):
            psql(f"DELETE FROM {table} WHERE activity_id IN ({old})")  # noqa: S608
        psql("DELETE FROM projects_activity WHERE title_en LIKE 'disk-full-%'")
        staff = login(instance.url, "faults-officer")
        attempts = []
        for n in range(12):
            photos = [
                ("photos", (f"p{n}-{k}.jpg", _noise_jpeg(n * 10 + k), "image/jpeg"))
                for k in range(2)
            ]
            response = staff.post(
                f"{instance.url}/en/staff/activities/new/",
                data={
                    "csrfmiddlewaretoken": staff.cookies["csrftoken"],
                    "date": "2022-05-01",
                    "kind": "meeting",
                    "project": project_id,
                    "title_en": f"disk-full-{n}",
                    "women": "1",
                    "men": "1",
                    "youth": "0",
                },
                files=photos,
                timeout=TIMEOUT,
                allow_redirects=False,
            )
            text = response.text
            plain = " ".join(re.sub(r"<[^>]+>", " ", text).split())
            found = re.search(r"[^.|]*(?:could not be stored|no space)[^.]*\.[^.]*\.", plain)
            message = found.group(0).strip() if found else plain[:120]
            attempts.append({"status": response.status_code, "message": message})
            if response.status_code != 302 and n > 2:
                break
        rows = psql(
            "SELECT image || '|' || thumbnail FROM projects_activityphoto p "
            "JOIN projects_activity a ON a.id = p.activity_id WHERE a.title_en LIKE 'disk-full-%'"
        ).splitlines()
        missing = [
            name
            for line in rows
            for name in line.split("|")
            if name and not (mount / name).is_file()
        ]
        usage = shutil.disk_usage(mount)
        return {
            "attempts": attempts,
            "photo_rows": len(rows),
            "rows_pointing_at_missing_files": len(missing),
            "tmpfs_used_bytes": usage.used,
            "tmpfs_size_bytes": usage.total,
        }
    finally:
        instance.stop()
        subprocess.run(["umount", str(mount)], check=False)


# --- report --------------------------------------------------------------------------------


def write_report(results: dict[str, Any], seconds: float, clients: int) -> None:
    lines = [
        START,
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs, "
        f"PostgreSQL cluster {'/'.join(CLUSTER)} (port {PG_PORT}), gunicorn sync workers, "
        f"settings config.settings.bench; load {seconds:.0f} s at {clients} clients.",
        "",
        "```json",
        json.dumps(results, indent=2, ensure_ascii=False, default=str),
        "```",
        END,
    ]
    text = REPORT.read_text() if REPORT.exists() else "# Reliability\n\n"
    if START in text and END in text:
        text = text[: text.index(START)] + "\n".join(lines) + text[text.index(END) + len(END) :]
    else:
        text = (
            text.rstrip()
            + "\n\n## Fault drill figures (bench/faults.py)\n\n"
            + "\n".join(lines)
            + "\n"
        )
    REPORT.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--only", default="load,restart,kill,two,disk")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the prepared database")
    options = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("faults.py needs root (pg_ctlcluster, mount).")
    drills = options.only.split(",")
    ensure_cluster()
    if options.skip_prepare:
        project_id = int(psql("SELECT id FROM projects_project WHERE slug = 'faults-project'"))
    else:
        project_id = prepare_database()
    results: dict[str, Any] = {}
    if "load" in drills:
        results["load"] = drill_load(project_id, options.seconds, options.clients)
        log(f"load: {results['load']}")
    if "restart" in drills:
        results["restart"] = drill_restart(project_id, options.clients)
        log(f"restart: {results['restart']}")
    if "kill" in drills:
        results["kill"] = drill_kill()
        log(f"kill: {results['kill']}")
    if "two" in drills:
        results["two_instances"] = drill_two_instances()
        log(f"two: {results['two_instances']}")
    if "disk" in drills:
        results["disk_full"] = drill_disk_full(project_id)
        log(f"disk: {results['disk_full']}")
    if not options.no_report:
        write_report(results, options.seconds, options.clients)
    print(json.dumps(results, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
