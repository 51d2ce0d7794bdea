"""The scale-out drills: unpublish across instances, Redis frozen, worker killed, database cut."""

from __future__ import annotations

import concurrent.futures as cf
import os
import re
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

from bench.drills.cluster import CLUSTER, PG_PORT
from bench.drills.common import log
from bench.drills.scaleout_setup import (
    DB_NAME,
    IMPORT_FILE,
    IMPORT_ROWS,
    SERVER,
    Drill,
    login,
    new_activity,
    pages,
    post,
    psql,
    spread,
)


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


def drill_database(project_id: int, restart: bool = False) -> dict[str, Any]:
    """Load with writes while the database goes away: every connection terminated twice, or
    with ``restart`` the server itself restarted once (``pg_ctlcluster … restart -m fast``).
    A restart is allowed only on bench/faults.py's own cluster (port 5439), never on the
    shared server; after it a reviewer returns a published activity and 60 anonymous requests
    count the pages still showing it."""
    if restart and not SERVER.endswith(f":{PG_PORT}"):
        raise SystemExit(
            f"the restart drill restarts its server: run it on the faults cluster "
            f"(DATABASE_SERVER=postgres@127.0.0.1:{PG_PORT}, made by bench/faults.py)"
        )
    drill = Drill()
    try:
        base = drill.gunicorn("db-web", workers=3)
        shown_id, shown = new_activity(project_id)
        paths = pages(shown_id, shown)
        warm = spread([base], paths, 30, shown)
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

        def restart_server() -> float:
            started = time.monotonic()
            subprocess.run(["pg_ctlcluster", *CLUSTER, "restart", "-m", "fast"], check=True)
            return round(time.monotonic() - started, 2)

        cuts: dict[str, Any] = {}
        with cf.ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(client, n) for n in range(6)]
            time.sleep(8)
            if restart:
                cuts["restart_took_s"] = restart_server()
            else:
                cuts["connections_terminated"] = [terminate()]
                time.sleep(8)
                cuts["connections_terminated"].append(terminate())
            for future in futures:
                future.result()
        unpublish: dict[str, Any] = {}
        if restart:
            reviewer = login(base, "drill-reviewer")
            returned = post(
                reviewer, f"{base}/en/staff/activities/{shown_id}/return/", {"comment": "drill"}
            )
            unpublish = {
                "before_return_showing": warm["showing_the_record"],
                "return_status": returned.status_code,
                "after_return": spread([base], paths, 60, shown),
            }
        found = 0
        if acknowledged:
            names = ",".join(f"'{t}'" for t in acknowledged)
            found = int(
                psql(f"SELECT count(*) FROM projects_activity WHERE title_en IN ({names})")  # noqa: S608
            )
        return {
            "load_s": 30,
            **cuts,
            "statuses": dict(sorted(statuses.items())),
            "tracebacks_shown": tracebacks,
            "writes_acknowledged": len(acknowledged),
            "acknowledged_writes_in_db": found,
            "lost_writes": len(acknowledged) - found,
            **({"unpublish_after_restart": unpublish} if restart else {}),
        }
    finally:
        drill.stop()
