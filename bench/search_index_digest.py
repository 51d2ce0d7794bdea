"""A digest of every stored search document, to check that two builds of the search index
wrote the same documents: ``python bench/search_index_digest.py`` on the database
DATABASE_URL names, before and after a change to ``core.search_index``, then compare.

Prints, per section, the number of documents and an md5 of all their columns (vectors as
text) ordered by record; the database ids are left out, but each document's position in
its section (insertion order, the tie-break of results with the same date) is kept.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import connection

    from core.models import SearchDocument

    columns = [
        connection.ops.quote_name(f.column)
        for f in SearchDocument._meta.concrete_fields
        if not f.primary_key
    ]
    row = ", ".join(f"coalesce({c}::text, 'NULL')" for c in columns)
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT section, COUNT(*), md5(string_agg(line, E'\\n' ORDER BY ct, oid))
            FROM (
                SELECT section, content_type_id AS ct, object_id AS oid,
                    concat_ws(' | ', row_number() OVER (PARTITION BY section ORDER BY id),
                              {row}) AS line
                FROM {table}
            ) AS documents
            GROUP BY section ORDER BY section
            """  # noqa: S608
        )
        for section, count, digest in cursor.fetchall():
            print(f"{section}: {count} {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
