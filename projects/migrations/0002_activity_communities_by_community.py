from django.db import migrations


class Migration(migrations.Migration):
    """News of a place: "published activities in these communities" starts from the
    community side of the automatic many-to-many table, which only had single-column indexes.
    Additive and reversible; the same statement works on PostgreSQL and SQLite."""

    dependencies = [
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS activity_communities_by_community "
                "ON projects_activity_communities (community_id, activity_id)"
            ),
            reverse_sql="DROP INDEX IF EXISTS activity_communities_by_community",
        ),
    ]
