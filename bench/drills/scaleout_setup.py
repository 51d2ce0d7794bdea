"""Scale-out drills' processes (a private redis-server, gunicorn, Celery), data and clients."""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests

from bench.drills.common import log

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
SERVER = os.environ.get("DATABASE_SERVER", "postgres@127.0.0.1:5432")
DB_NAME = "portal_faults_scaleout"
DATABASE_URL = f"postgres://{SERVER}/{DB_NAME}"
PASSWORD = "scale-out drill passphrase 2026"  # noqa: S105 - throwaway local drill account
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
