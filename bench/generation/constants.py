"""Markers and fixed dates shared by the generator, the harness and the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

MARKER_SLUG = "bench-marker"
PREFIX = "bench-"
# The harness logs in as this user; the password only ever exists in bench databases.
STAFF_USERNAME = "bench-admin"
STAFF_PASSWORD = "bench-admin-password"  # noqa: S105
# Dates are computed from a fixed day, not today, so the same seed gives the same rows.
REFERENCE_DAY = date(2026, 6, 30)
GENERATED_AT = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)
LANGS = ("en", "ru", "ky", "tg")
