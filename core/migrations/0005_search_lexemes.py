from django.db import migrations

# PostgreSQL only.
#
# 1. The words the documents hold (core.search_index.LEXEME_TABLE): core.search asks a prefix
#    (`'polic':*`) as the words it stands for (`'police' | 'policing' | …`). GIN reads every
#    posting of every word a prefix starts before anything narrows it, in each statement and
#    section again (70-80 ms per section for «police» at scale 10); whole words are
#    intersected with a section's postings by skipping (0.2-1.5 ms). COLLATE "C": a prefix's
#    words are one range of the primary key. Filled from the stored documents here (about
#    10 s for 46,000 documents), then by every write of a document.
# 2. The typo pass (core.search._typo_documents) asks `title_names %> 'fold'`. pg_trgm
#    estimates that operator's selectivity (matchingsel) by running word_similarity() against
#    every most-common value and histogram entry ANALYZE kept for the column (100 + 101
#    folds of about 110 characters) for each condition: 60-90 ms of planning per typo query
#    at scales 1 and 10 (0.1-9 ms to run it), three such queries when a search finds almost
#    nothing, one whenever no place is named exactly. With a statistics target of 1 the
#    column keeps no histogram, the estimate is the operator's default, planning takes
#    0.1-0.2 ms and the plans keep the partial trigram index (0004). No other query filters
#    on these folds. ANALYZE of the one column replaces the stored statistics now (a new
#    target alone leaves them until the next ANALYZE).
FORWARD = (
    'CREATE TABLE IF NOT EXISTS core_searchlexeme (word text COLLATE "C" PRIMARY KEY)',
    "INSERT INTO core_searchlexeme (word) SELECT DISTINCT unnest(tsvector_to_array(document)) "
    "FROM core_searchdocument WHERE document IS NOT NULL ON CONFLICT DO NOTHING",
    "ALTER TABLE core_searchdocument ALTER COLUMN title_names SET STATISTICS 1",
    "ANALYZE core_searchdocument (title_names)",
    "ANALYZE core_searchlexeme",
)
BACKWARD = (
    "ALTER TABLE core_searchdocument ALTER COLUMN title_names SET STATISTICS -1",
    "ANALYZE core_searchdocument (title_names)",
    "DROP TABLE IF EXISTS core_searchlexeme",
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
    dependencies = [("core", "0004_search_document_named_trigram_index")]

    operations = [migrations.RunPython(forward, backward)]
