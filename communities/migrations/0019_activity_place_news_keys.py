from typing import Any

from django.db import migrations

# The newest news of a place (communities.news_selectors.newest_news_in) walks each of the
# place's communities through the many-to-many table in the news order, reading a page's
# worth of index entries. For that the table carries a copy of its activity's sort key
# (date, publication time) and whether it is public news (ActivityQuerySet.published():
# published, not illustrative, on a public unarchived project), kept by three triggers so
# every writer (the services' communities.set(), the admin, imports, raw SQL, a project
# made private) keeps them without knowing. Sessions in replica mode (the benchmark
# generator's COPY) skip triggers: they refill the copy afterwards
# (communities.summary_services.activity_place_keys_rebuild, the same UPDATE as below).
# PostgreSQL only: elsewhere a place's news is read the old way and nothing is added.

REFILL = """
    UPDATE projects_activity_communities AS link
       SET activity_date = activity.date,
           activity_published_at = activity.published_at,
           is_public_news = (activity.status = 'published' AND NOT activity.is_illustrative
                             AND project.is_public AND NOT project.is_archived)
      FROM projects_activity AS activity
      JOIN projects_project AS project ON project.id = activity.project_id
     WHERE activity.id = link.activity_id
"""

FORWARD = [
    """
    ALTER TABLE projects_activity_communities
        ADD COLUMN activity_date date NULL,
        ADD COLUMN activity_published_at timestamp with time zone NULL,
        ADD COLUMN is_public_news boolean NOT NULL DEFAULT false
    """,
    # Before the refill: an index built over the refill's fresh row versions could not be
    # used by sessions whose snapshot predates it (pg_index.indcheckxmin).
    """
    CREATE INDEX activity_communities_newest_news
        ON projects_activity_communities
           (community_id, activity_date DESC, activity_published_at DESC, activity_id DESC)
        WHERE is_public_news
    """,
    REFILL,
    # A link written: its activity's key and public-ness.
    """
    CREATE FUNCTION activity_place_key_fill() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT activity.date, activity.published_at,
               (activity.status = 'published' AND NOT activity.is_illustrative
                AND project.is_public AND NOT project.is_archived)
          INTO NEW.activity_date, NEW.activity_published_at, NEW.is_public_news
          FROM projects_activity AS activity
          JOIN projects_project AS project ON project.id = activity.project_id
         WHERE activity.id = NEW.activity_id;
        NEW.is_public_news := coalesce(NEW.is_public_news, false);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER activity_place_key_fill
        BEFORE INSERT OR UPDATE OF activity_id ON projects_activity_communities
        FOR EACH ROW EXECUTE FUNCTION activity_place_key_fill()
    """,
    # An activity edited, published, withdrawn or moved to another project: its links.
    """
    CREATE FUNCTION activity_place_key_follow_activity() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE projects_activity_communities AS link
           SET activity_date = NEW.date,
               activity_published_at = NEW.published_at,
               is_public_news = (NEW.status = 'published' AND NOT NEW.is_illustrative
                                 AND project.is_public AND NOT project.is_archived)
          FROM projects_project AS project
         WHERE project.id = NEW.project_id AND link.activity_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER activity_place_key_follow_activity
        AFTER UPDATE OF date, published_at, status, is_illustrative, project_id
        ON projects_activity
        FOR EACH ROW
        WHEN (OLD.date IS DISTINCT FROM NEW.date
              OR OLD.published_at IS DISTINCT FROM NEW.published_at
              OR OLD.status IS DISTINCT FROM NEW.status
              OR OLD.is_illustrative IS DISTINCT FROM NEW.is_illustrative
              OR OLD.project_id IS DISTINCT FROM NEW.project_id)
        EXECUTE FUNCTION activity_place_key_follow_activity()
    """,
    # A project made public or private, archived or restored: the links of its activities.
    """
    CREATE FUNCTION activity_place_key_follow_project() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE projects_activity_communities AS link
           SET is_public_news = (activity.status = 'published' AND NOT activity.is_illustrative
                                 AND NEW.is_public AND NOT NEW.is_archived)
          FROM projects_activity AS activity
         WHERE activity.project_id = NEW.id AND link.activity_id = activity.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER activity_place_key_follow_project
        AFTER UPDATE OF is_public, is_archived ON projects_project
        FOR EACH ROW
        WHEN (OLD.is_public IS DISTINCT FROM NEW.is_public
              OR OLD.is_archived IS DISTINCT FROM NEW.is_archived)
        EXECUTE FUNCTION activity_place_key_follow_project()
    """,
]

BACKWARD = [
    "DROP TRIGGER activity_place_key_follow_project ON projects_project",
    "DROP FUNCTION activity_place_key_follow_project()",
    "DROP TRIGGER activity_place_key_follow_activity ON projects_activity",
    "DROP FUNCTION activity_place_key_follow_activity()",
    "DROP TRIGGER activity_place_key_fill ON projects_activity_communities",
    "DROP FUNCTION activity_place_key_fill()",
    "DROP INDEX activity_communities_newest_news",
    """
    ALTER TABLE projects_activity_communities
        DROP COLUMN activity_date,
        DROP COLUMN activity_published_at,
        DROP COLUMN is_public_news
    """,
]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0018_membership_group_sector_cover"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
