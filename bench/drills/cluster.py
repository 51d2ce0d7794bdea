"""The faults drills' own PostgreSQL cluster, its database and the gunicorn instances on it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.drills.common import log

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CLUSTER = ("15", "faults")
PG_PORT = 5439
DB_NAME = "portal_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}"
PASSWORD = "faults drill passphrase 2026"  # noqa: S105 - throwaway local drill account
REPORT = ROOT / "docs" / "reliability.md"
IMPORT_FILE = Path("/tmp/portal-faults-grants.xlsx")
TIMEOUT = 30
LOGS = Path("/tmp/portal-faults-logs")

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
