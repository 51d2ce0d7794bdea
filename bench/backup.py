"""Backup and restore of the portal: the PostgreSQL database and the uploaded media.

    make backup      # -> var/backups/<UTC stamp>/{database.dump,media.tar.gz,manifest.json}
    make restore FILE=var/backups/20260101T120000Z

``backup`` writes a ``pg_dump -Fc`` of DATABASE_URL and a gzip tar of MEDIA_ROOT, plus a
manifest with row counts and SHA-256 sums so a restore can be verified.

``restore`` only restores into an EMPTY database (no tables in the ``public`` schema): restoring
over live data would mix two states of the portal, so it refuses and says how to get an empty
one. Media files are unpacked into MEDIA_ROOT; an existing file is never overwritten.

Both commands read the same settings as the portal (DJANGO_SETTINGS_MODULE, default
``config.settings.local``); ``--database-url`` and ``--media-root`` override them, which is how
the tests point a restore at a scratch database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARGET = ROOT / "var" / "backups"
DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """A refusal or failure the operator must read; printed without a traceback."""


def _django_defaults() -> tuple[dict[str, Any], Path]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.conf import settings

    return dict(settings.DATABASES["default"]), Path(settings.MEDIA_ROOT)


def _database_from_url(url: str) -> dict[str, Any]:
    import environ

    return environ.Env.db_url_config(url)


def _pg_env_and_args(db: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    if "postgresql" not in db.get("ENGINE", ""):
        raise BackupError(
            f"Backups need PostgreSQL; DATABASE_URL points at {db.get('ENGINE')}. "
            "Set DATABASE_URL=postgres://user@host:5432/name."
        )
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = [
        "--host",
        str(db.get("HOST") or "127.0.0.1"),
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        str(db.get("USER") or "postgres"),
    ]
    return env, args


def _connect(db: dict[str, Any]):
    import psycopg

    return psycopg.connect(
        host=str(db.get("HOST") or "127.0.0.1"),
        port=int(db.get("PORT") or 5432),
        user=str(db.get("USER") or "postgres"),
        password=str(db.get("PASSWORD") or "") or None,
        dbname=db["NAME"],
        connect_timeout=10,
    )


def _counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    from psycopg import sql

    counts: dict[str, int] = {}
    for (name,) in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM public.{}").format(sql.Identifier(name)))
        counts[name] = cursor.fetchone()[0]
    return counts


def table_row_counts(db: dict[str, Any]) -> dict[str, int]:
    """Exact row counts of every table in the public schema."""
    try:
        with _connect(db) as conn, conn.cursor() as cursor:
            return _counts(cursor)
    except Exception as exc:  # psycopg.Error, but psycopg is imported lazily
        raise BackupError(f"Cannot read database {db['NAME']!r}: {exc}") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(db: dict[str, Any], media_root: Path, target: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = target / stamp
    folder.mkdir(parents=True, exist_ok=False)
    env, args = _pg_env_and_args(db)
    dump = folder / DUMP_NAME
    # pg_dump and the manifest's row counts read one exported snapshot, so the counts match
    # the dump exactly even while the portal keeps writing.
    with _connect(db) as conn, conn.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "--file",
                str(dump),
                db["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        row_counts = _counts(cursor)
    if result.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")

    archive = folder / MEDIA_NAME
    media_files = 0
    with tarfile.open(archive, "w:gz") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    media_files += 1

    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "database": db["NAME"],
        "media_root": str(media_root),
        "media_files": media_files,
        "row_counts": row_counts,
        "sha256": {DUMP_NAME: _sha256(dump), MEDIA_NAME: _sha256(archive)},
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def _resolve_backup(path: Path) -> tuple[Path, Path | None, dict[str, Any] | None]:
    """Accept the backup folder, its database.dump, or a bare pg_dump -Fc file."""
    folder = path if path.is_dir() else path.parent
    dump = folder / DUMP_NAME if path.is_dir() else path
    if not dump.is_file():
        raise BackupError(f"No database dump at {dump}.")
    media = folder / MEDIA_NAME
    manifest_path = folder / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else None
    if manifest:
        expected = manifest.get("sha256", {})
        if expected.get(DUMP_NAME) and expected[DUMP_NAME] != _sha256(dump):
            raise BackupError(f"{dump} does not match the SHA-256 in {manifest_path}: corrupt?")
        if media.is_file() and expected.get(MEDIA_NAME) not in (None, _sha256(media)):
            raise BackupError(f"{media} does not match the SHA-256 in {manifest_path}: corrupt?")
    return dump, (media if media.is_file() else None), manifest


def restore(db: dict[str, Any], media_root: Path, source: Path) -> dict[str, int]:
    dump, media, manifest = _resolve_backup(source)
    existing = table_row_counts(db)
    if existing:
        raise BackupError(
            f"Refusing to restore: database {db['NAME']!r} is not empty ({len(existing)} tables). "
            f"Restore into a new database: createdb {db['NAME']}_restored, then point "
            "DATABASE_URL at it."
        )
    env, args = _pg_env_and_args(db)
    result = subprocess.run(
        [
            "pg_restore",
            *args,
            "--dbname",
            db["NAME"],
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {result.stderr.strip()}")

    if media is not None:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media, "r:gz") as tar:
            members = [m for m in tar.getmembers() if not (media_root / m.name).exists()]
            # The "data" filter refuses absolute paths, "..", links out of the tree and devices.
            tar.extractall(media_root, members=members, filter="data")

    counts = table_row_counts(db)
    if manifest and manifest.get("row_counts") and manifest["row_counts"] != counts:
        raise BackupError("Restored row counts differ from the backup's manifest.")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("backup", "restore"):
        cmd = sub.add_parser(name)
        cmd.add_argument("--database-url", help="default: the portal's DATABASE_URL")
        cmd.add_argument("--media-root", type=Path, help="default: the portal's MEDIA_ROOT")
        if name == "backup":
            cmd.add_argument("--target", type=Path, default=DEFAULT_TARGET)
        else:
            cmd.add_argument("file", type=Path, help="backup folder or its database.dump")
    options = parser.parse_args(argv)

    try:
        if options.database_url:
            db = _database_from_url(options.database_url)
            media_root = options.media_root or _django_defaults()[1]
        else:
            db, default_media = _django_defaults()
            media_root = options.media_root or default_media
        if options.command == "backup":
            folder = backup(db, media_root, options.target)
            print(f"Backup written to {folder}")
        else:
            if not str(options.file) or str(options.file) == ".":
                raise BackupError("Say which backup to restore: make restore FILE=var/backups/...")
            counts = restore(db, media_root, options.file)
            print(
                f"Restored {sum(counts.values())} rows in {len(counts)} tables into "
                f"{db['NAME']}; media into {media_root}"
            )
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
