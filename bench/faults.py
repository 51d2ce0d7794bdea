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
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    # Run as a script, bench/ would come first on sys.path and bench/reports.py would shadow
    # the reports app: put the repository root there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.drills.cluster import CLUSTER, PG_PORT, ensure_cluster, prepare_database, psql
from bench.drills.common import log, report_section_write
from bench.drills.outages import (
    drill_disk_full,
    drill_kill,
    drill_load,
    drill_restart,
    drill_two_instances,
)

START, END = "<!-- faults:start -->", "<!-- faults:end -->"


def write_report(results: dict[str, Any], seconds: float, clients: int) -> None:
    block = [
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs, "
        f"PostgreSQL cluster {'/'.join(CLUSTER)} (port {PG_PORT}), gunicorn sync workers, "
        f"settings config.settings.bench; load {seconds:.0f} s at {clients} clients.",
        "",
        "```json",
        json.dumps(results, indent=2, ensure_ascii=False, default=str),
        "```",
    ]
    report_section_write(START, END, block, "Fault drill figures (bench/faults.py)")


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
