"""Real engines for the scale-out tests: gunicorn instances, a Celery worker and Redis.

These run against the test database (PostgreSQL: the processes share it with the test) and
the Redis named by REDIS_URL, which .ci/run starts and sets. Without both they skip: SQLite's
test database is in memory and cannot be shared with other processes.

Every process gets production settings (config.settings.production) with TLS switched off
(plain HTTP on loopback) and unhashed static files, its own cache key prefix and Celery queue
per test module, so parallel runs and other portals on the same Redis never meet.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

# The grants tests' small gazetteer, programme and grantee, for the import tests.
from tests.grants.conftest import places, programme, yiman  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "scale-out test passphrase 2026"

SETTINGS = """
from config.settings.production import *  # noqa: F403
# Loopback HTTP between the test and gunicorn: no TLS to redirect to, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# No collectstatic in a test run: plain static file names.
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


def redis_url() -> str:
    return os.environ.get("REDIS_URL", "")


def redis_reachable(url: str) -> bool:
    if not url:
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def skip_unless_engines() -> Any:
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    return pytest.mark.skipif(
        not (on_postgres and redis_reachable(redis_url())),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); .ci/run provides both",
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


@dataclass
class Engines:
    """The environment every process of one test module shares."""

    workdir: Path
    database_url: str
    redis: str
    prefix: str = field(default_factory=lambda: f"scaleout-{uuid.uuid4().hex[:10]}")
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
        env.update(
            PYTHONPATH=f"{ROOT}:{self.workdir}",
            DJANGO_SETTINGS_MODULE="scaleout_settings",
            DJANGO_SECRET_KEY="scale-out-test-" + "k" * 50,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis,
            CACHE_URL="",
            CACHE_KEY_PREFIX=self.prefix,
            CELERY_QUEUE=self.prefix,
            DJANGO_MEDIA_ROOT=str(self.workdir / "media"),
            DJANGO_LOG_LEVEL="WARNING",
            IMPORT_BACKGROUND_ROWS="50",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def log(self, name: str) -> Any:
        return (self.workdir / f"{name}.log").open("ab")

    def gunicorn(self, name: str, *, workers: int = 3, **extra: str) -> Instance:
        port = free_port()
        env = self.env(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_ACCESSLOG=str(self.workdir / f"{name}-access.log"),
            **extra,
        )
        log = self.log(name)
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.conf.py", "--preload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        self.processes.append(process)
        instance = Instance(f"http://127.0.0.1:{port}", process)
        instance.wait_healthy(self.workdir / f"{name}.log")
        return instance

    def celery_worker(self, name: str = "worker", **extra: str) -> subprocess.Popen[bytes]:
        log = self.log(name)
        process = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--queues",
                self.prefix,
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=self.env(**extra),
            stdout=log,
            stderr=log,
        )
        self.processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if b"ready." in (self.workdir / f"{name}.log").read_bytes():
                return process
            if process.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError((self.workdir / f"{name}.log").read_text()[-3000:])

    def redis_server(self) -> RedisServer:
        port = free_port()
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=self.log("redis"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        server = RedisServer(port, process)
        deadline = time.monotonic() + 10
        while not redis_reachable(server.url):
            if time.monotonic() > deadline:
                raise RuntimeError("private redis-server did not start")
            time.sleep(0.1)
        return server

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                with _suppress():
                    os.kill(process.pid, signal.SIGCONT)
                # gunicorn and celery both stop at once on SIGINT (SIGTERM waits for requests).
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        # Kept for whoever reads a failure: gunicorn's error log has the traceback of a 500.
        kept = Path(tempfile.gettempdir()) / "portal-scaleout-logs"
        kept.mkdir(exist_ok=True)
        for log in self.workdir.glob("*.log"):
            shutil.copy(log, kept / log.name)
        # Drop this module's keys; the shared Redis belongs to others too (never FLUSHALL).
        if redis_reachable(self.redis):
            import redis

            client = redis.Redis.from_url(self.redis)
            keys = list(client.scan_iter(match=f"*{self.prefix}*", count=1000))
            if keys:
                client.delete(*keys)


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


@dataclass
class Instance:
    url: str
    process: subprocess.Popen[bytes]

    def wait_healthy(self, log: Path) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn at {self.url} did not start:\n{log.read_text()[-3000:]}")


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture(scope="module")
def engines(django_db_setup, django_db_blocker) -> Iterator[Engines]:
    from django.db import connection

    name = connection.settings_dict["NAME"]
    database_url = f"postgres://postgres@127.0.0.1:5432/{name}"
    with tempfile.TemporaryDirectory(prefix="portal-scaleout-") as workdir:
        (Path(workdir) / "scaleout_settings.py").write_text(SETTINGS)
        engines = Engines(Path(workdir), database_url, redis_url())
        try:
            yield engines
        finally:
            engines.stop()
            # Close pooled connections of this process too, so the test database can go.
            with django_db_blocker.unblock():
                connection.close()


# --- HTTP helpers --------------------------------------------------------------------------


def login(base: str, username: str, session: requests.Session | None = None) -> requests.Session:
    session = session or requests.Session()
    session.get(f"{base}/en/staff/login/", timeout=30)
    response = session.post(
        f"{base}/en/staff/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/en/staff/",
        },
        headers={"Referer": f"{base}/en/staff/login/"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    return session


def admin_login(base: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=30)
    response = session.post(
        f"{base}/admin/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    return session


def post_form(session: requests.Session, url: str, data: dict[str, Any]) -> requests.Response:
    return session.post(
        url,
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"], **data},
        headers={"Referer": url},
        timeout=60,
        allow_redirects=False,
    )
