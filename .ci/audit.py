"""`make audit`: pip-audit over the pinned runtime requirements, with a plain verdict.

pip-audit reports a package it could not look up as "skipped", not as a failure. On a
machine whose package index is a mirror (no vulnerability data) every package is skipped,
and a bare pip-audit run would look clean. This says which of three things happened:
audited and clean (exit 0), vulnerabilities found (exit 1), or not audited because no
advisory database answered (exit 0 with a NOT RUN message, so offline builds still pass
but nobody mistakes them for an audit).
"""

from __future__ import annotations

import json
import subprocess
import sys

REQUIREMENTS = "config/requirements/runtime.txt"

command = [
    sys.executable,
    "-m",
    "pip_audit",
    "--requirement",
    REQUIREMENTS,
    "--disable-pip",
    "--no-deps",
    "--format",
    "json",
    "--progress-spinner",
    "off",
]
run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
try:
    report = json.loads(run.stdout)
except json.JSONDecodeError:
    print("make audit: NOT RUN - pip-audit could not reach an advisory database:")
    print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no output)")
    sys.exit(0)

dependencies = report.get("dependencies", [])
skipped = [d for d in dependencies if d.get("skip_reason")]
audited = [d for d in dependencies if not d.get("skip_reason")]
vulnerable = [d for d in audited if d.get("vulns")]
if not audited:
    print(
        f"make audit: NOT RUN - none of the {len(dependencies)} pinned packages could be "
        "looked up in an advisory database (the index answering here has no vulnerability "
        "data). The requirements were NOT checked; run `make audit` where pypi.org is reachable."
    )
    sys.exit(0)
for dependency in vulnerable:
    ids = ", ".join(v["id"] for v in dependency["vulns"])
    print(f"VULNERABLE {dependency['name']} {dependency['version']}: {ids}")
for dependency in skipped:
    print(
        f"not audited: {dependency['name']} {dependency['version']} ({dependency['skip_reason']})"
    )
print(
    f"make audit: {len(audited)} packages audited, {len(vulnerable)} with known "
    f"vulnerabilities, {len(skipped)} not audited."
)
sys.exit(1 if vulnerable else 0)
