"""Scale-out fault drills (`make faults` runs them after bench/faults.py): loopback only.

    .venv/bin/python bench/faults_scaleout.py [--only unpublish,redis,kill,database] [--no-report]
    DATABASE_SERVER=postgres@127.0.0.1:5439 .venv/bin/python bench/faults_scaleout.py --only restart

Runs production settings (TLS off on loopback) on gunicorn instances with a private
redis-server on a free port (never the machine's shared Redis) and its own database
``portal_faults_scaleout`` on the PostgreSQL at DATABASE_SERVER (default 127.0.0.1:5432).
The database server is shared with other work, so the `database` drill never restarts it: it
terminates every connection to this one database (pg_terminate_backend). The `restart` drill
restarts the server for real, and so runs only on bench/faults.py's own cluster (port 5439;
`make faults` points DATABASE_SERVER there for it).

Drills:
  unpublish  two instances x 3 workers; every worker caches pages showing an activity; a
             reviewer returns it on one instance; of 100 anonymous requests over both, how
             many still show it. Also run with a per-process cache, for comparison.
  redis      Redis frozen (SIGSTOP) under reads: statuses and latency; login and publishing
             during the outage; stale pages after it resumes (SIGCONT).
  kill       a Celery worker's process SIGKILLed mid-import (3,000 rows): attempts, rows,
             duplicates.
  database   every connection to the database terminated twice during load with writes:
             statuses, 503 pages, acknowledged writes found afterwards. No background job
             runs through it (tests/core/test_jobs.py covers a job retried after a database
             failure).
  restart    the same load with the PostgreSQL server restarted (`pg_ctlcluster restart -m
             fast`) at 8 s; afterwards a reviewer returns a published activity and 60
             anonymous requests count the pages still showing it.
Figures go to docs/reliability.md between the faults-scaleout markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    # Run as a script, bench/ would come first on sys.path and bench/reports.py would shadow
    # the reports app: put the repository root there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.drills.common import log, report_section_write
from bench.drills.scaleout import drill_database, drill_kill, drill_redis, drill_unpublish
from bench.drills.scaleout_setup import DB_NAME, WORK, prepare, psql

START, END = "<!-- faults-scaleout:start -->", "<!-- faults-scaleout:end -->"


def write_report(results: dict[str, Any]) -> None:
    block = [
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs "
        f"(load average {os.getloadavg()[0]:.1f}), production settings on loopback, "
        f"a private redis-server, PostgreSQL database {DB_NAME}.",
        "",
        "```json",
        json.dumps(results, indent=2, ensure_ascii=False, default=str),
        "```",
    ]
    report_section_write(START, END, block, "Scale-out drills (bench/faults_scaleout.py)")


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
    if "restart" in drills:
        results["database_restarted"] = drill_database(project_id, restart=True)
        log(f"restart: {results['database_restarted']}")
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
