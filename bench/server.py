"""Starting and stopping the gunicorn under test, the bench database, the data generator and
the staff login."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.client import fetch
from bench.pages import _reverse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS_DIR = ROOT / "var" / "bench"

# --- Orchestration ---------------------------------------------------------------------


def run(cmd: list[str], env: dict[str, str], *, quiet: bool = False) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')


# --- Data generator: the one place that names it, so it can be re-pointed when it moves. ---


def generate_data(scale: float, env: dict[str, str]) -> None:
    run([PYTHON, "bench/generate.py", "--scale", f"{scale:g}", "-v2"], env)


def staff_credentials() -> tuple[str, str]:
    from bench.generation.constants import STAFF_PASSWORD, STAFF_USERNAME

    return STAFF_USERNAME, STAFF_PASSWORD


def start_gunicorn(
    env: dict[str, str], port: int, extra: dict[str, str]
) -> subprocess.Popen[bytes]:
    # The workers share one cache, as production's must (core/cache.py keeps the
    # public content version in it); emptied at every start so the first request is cold.
    cache_dir = RESULTS_DIR / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    gunicorn_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "/dev/null",
        "CACHE_URL": env.get("CACHE_URL", f"filecache://{cache_dir}"),
        **extra,
    }
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=gunicorn_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]  # stderr is a pipe: Popen was given stderr=PIPE
        try:
            answer = fetch(port, "/healthz", timeout=2)
            # The query-count header proves the answer comes from this gunicorn with bench
            # settings, not from some other server already on the port.
            if answer.status == 200 and answer.queries is not None:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def wait_until_idle(port: int, path: str, limit: float = 180.0) -> None:
    """Requests a slow page left queued (the client gave up, gunicorn did not) would be
    charged to the next page; wait until a cheap page answers promptly again."""
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            if fetch(port, path, timeout=limit).ms < 1000:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(1)


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        # The group is the one start_gunicorn created (start_new_session): this gunicorn only.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def login(port: int) -> str | None:
    """Log the generated administrator in through the login form; returns a Cookie header."""
    username, password = staff_credentials()
    path = _reverse(["staff:login"])
    if not path:
        return None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookies = _cookies(response)
    conn.close()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        return None
    body = urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "username": username,
            "password": password,
        }
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"http://127.0.0.1:{port}{path}",
            "Origin": f"http://127.0.0.1:{port}",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies.update(_cookies(response))
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        print(f"login failed: HTTP {response.status}", flush=True)
        return None
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
    return found
