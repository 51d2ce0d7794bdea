"""bench/backup.py round-trips the database and media, and never restores over live data."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
KEY_TABLES = [
    "projects_project",
    "projects_organisation",
    "projects_activity",
    "communities_membership",
    "communities_workinggroup",
    "grants_grant",
]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
    ),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER'] or 'postgres'}{password}@{host}/{name}"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "bench/backup.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _fingerprint(dbname: str) -> dict[str, tuple[int, str]]:
    """Row count and md5 of the ordered rows of each key table."""
    import psycopg

    s = connection.settings_dict
    result = {}
    with psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=int(s["PORT"] or 5432),
        user=s["USER"] or "postgres",
        password=s.get("PASSWORD") or None,
        dbname=dbname,
    ) as conn:
        for table in KEY_TABLES:
            row = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "  # noqa: S608
                f"FROM {table} t"
            ).fetchone()
            result[table] = (row[0], row[1])
    return result


@pytest.fixture
def scratch_database() -> Iterator[str]:
    name = f"test_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _demo_like_data() -> None:
    for n in range(3):
        org = f.OrganisationFactory()
        project = f.ProjectFactory(title_ru=f"Проект «{n}» — ёлка, Ыйман")
        f.PartnershipFactory(project=project, organisation=org)
        community = f.CommunityFactory()
        f.ProjectCommunityFactory(project=project, community=community)
        group = f.WorkingGroupFactory(community=community, organisation=org)
        for m in range(4):
            f.MembershipFactory(working_group=group, full_name=f"Айгүл Т'Осмонова {m}")
        f.ActivityFactory.create_batch(2, project=project, published=True)
        f.GrantFactory.create_batch(2, grantee=org)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_rows_and_media(tmp_path: Path, scratch_database) -> None:
    _demo_like_data()
    media = tmp_path / "media"
    (media / "activities" / "2022").mkdir(parents=True)
    (media / "activities" / "2022" / "photo.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    source = connection.settings_dict["NAME"]

    made = _run(
        "backup",
        "--database-url",
        _url(source),
        "--media-root",
        str(media),
        "--target",
        str(tmp_path / "backups"),
    )
    assert made.returncode == 0, made.stderr
    folder = next((tmp_path / "backups").iterdir())
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump -Fc

    restored_media = tmp_path / "restored-media"
    restored = _run(
        "restore",
        str(folder),
        "--database-url",
        _url(scratch_database),
        "--media-root",
        str(restored_media),
    )
    assert restored.returncode == 0, restored.stderr

    before = _fingerprint(source)
    assert before["communities_membership"][0] == 12
    assert _fingerprint(scratch_database) == before
    restored_photo = restored_media / "activities" / "2022" / "photo.jpg"
    assert restored_photo.read_bytes() == b"\xff\xd8 not really a jpeg"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    f.ProjectFactory()
    source = connection.settings_dict["NAME"]
    made = _run(
        "backup",
        "--database-url",
        _url(source),
        "--media-root",
        str(tmp_path / "m"),
        "--target",
        str(tmp_path / "backups"),
    )
    assert made.returncode == 0, made.stderr
    folder = next((tmp_path / "backups").iterdir())
    count_before = _fingerprint(source)

    refused = _run("restore", str(folder), "--database-url", _url(source))
    assert refused.returncode == 2
    assert "Refusing to restore" in refused.stderr
    assert "not empty" in refused.stderr
    assert _fingerprint(source) == count_before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_corrupt_dump(tmp_path: Path, scratch_database) -> None:
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"PGDMP garbage")
    (folder / "manifest.json").write_text('{"sha256": {"database.dump": "0000"}}')
    refused = _run("restore", str(folder), "--database-url", _url(scratch_database))
    assert refused.returncode == 2
    assert "does not match the SHA-256" in refused.stderr


def test_backup_explains_that_it_needs_postgresql(tmp_path: Path) -> None:
    result = _run(
        "backup",
        "--database-url",
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "--target",
        str(tmp_path),
    )
    assert result.returncode == 2
    assert "Backups need PostgreSQL" in result.stderr
