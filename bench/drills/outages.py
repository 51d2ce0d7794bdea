"""Single-host drills: load, database restart, killed import worker, two instances, full disk."""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import requests

from bench.drills.cluster import (
    CLUSTER,
    IMPORT_FILE,
    PY,
    ROOT,
    TIMEOUT,
    django_env,
    psql,
    start_instance,
)
from bench.drills.common import log
from bench.drills.load import LoadResult, login, run_load, summarise


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
