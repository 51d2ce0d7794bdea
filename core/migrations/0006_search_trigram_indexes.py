from django.db import migrations

# PostgreSQL only.
#
# 1. Migration 0001's trigram index on `names` (every fold of a document's titles and
#    context) served nothing: the typo pass reads `title_names`, and only SQLite reads
#    `names` (LIKE). It cost every document write an entry per trigram (39 MB at scale 10).
#    0001's trigram index on every document's `title_names` is left unused by the two partial
#    ones (0004's and the one below: the typo pass asks only for named sections): 21 MB.
# 2. The typo pass for places alone (core.search._add_typo_matches with first=True: no place
#    is named exactly, which is most searches) read its candidates from an index of every
#    document's title keys, or from 0004's index of places, organisations and projects
#    (core.search._typo_documents): «молодёжь аялдар» at scale 10 rechecked 728 candidates
#    of organisations and projects, 0.36 s, to keep no place. This index holds the places
#    alone, whose number does not grow with the records.
FORWARD = (
    "DROP INDEX IF EXISTS searchdocument_names_trgm",
    "DROP INDEX IF EXISTS searchdocument_title_names_trgm",
    "CREATE INDEX IF NOT EXISTS searchdocument_places_title_names_trgm "
    "ON core_searchdocument USING gin (title_names gin_trgm_ops) WHERE section = 'places'",
)
BACKWARD = (
    "DROP INDEX IF EXISTS searchdocument_places_title_names_trgm",
    "CREATE INDEX IF NOT EXISTS searchdocument_names_trgm "
    "ON core_searchdocument USING gin (names gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS searchdocument_title_names_trgm "
    "ON core_searchdocument USING gin (title_names gin_trgm_ops)",
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_search_lexemes")]

    operations = [migrations.RunPython(forward, backward)]
