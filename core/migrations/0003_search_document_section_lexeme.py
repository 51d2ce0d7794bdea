from django.db import migrations

# PostgreSQL only: each search document also holds its section as a lexeme («§news»), so a
# search within one section is answered by the GIN index alone (core.search.section_lexeme).
# New and rewritten documents get it from core.search_index; this adds it to the stored ones.
FORWARD = (
    "UPDATE core_searchdocument "
    "SET document = document || array_to_tsvector(ARRAY['§' || section]) "
    "WHERE document IS NOT NULL"
)
# ts_delete removes the lexeme again.
BACKWARD = (
    "UPDATE core_searchdocument "
    "SET document = ts_delete(document, '§' || section) "
    "WHERE document IS NOT NULL"
)


def add_section_lexemes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def remove_section_lexemes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_scaleout_jobs")]

    operations = [migrations.RunPython(add_section_lexemes, remove_section_lexemes)]
