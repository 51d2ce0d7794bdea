"""The DELETE-based flush after transactional tests (tests/fast_flush.py) leaves the database
as Django's TRUNCATE flush does: no rows but the content types and permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from communities.models import Activity, Community
from tests import factories as f
from tests import fast_flush

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the DELETE flush is used on PostgreSQL only"
    ),
]


def _rows_per_table() -> dict[str, int]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_it_empties_every_table_but_keeps_content_types_and_permissions() -> None:
    types = sorted(ContentType.objects.values_list("pk", "app_label", "model"))
    permissions = Permission.objects.count()
    f.ActivityFactory(published=True)
    f.CommunityFactory()
    f.GrantFactory()
    assert Activity.objects.exists() and Community.objects.exists()

    fast_flush.empty_database("default")

    filled = {table: n for table, n in _rows_per_table().items() if n}
    assert set(filled) == set(fast_flush.REBUILT)
    assert sorted(ContentType.objects.values_list("pk", "app_label", "model")) == types
    assert Permission.objects.count() == permissions


def test_it_rebuilds_content_types_and_permissions_a_test_changed() -> None:
    permissions = Permission.objects.count()
    types = ContentType.objects.count()
    ContentType.objects.get_for_model(Activity).delete()
    ContentType.objects.create(app_label="projects", model="activity")
    ContentType.objects.clear_cache()

    fast_flush.empty_database("default")

    assert ContentType.objects.count() == types
    assert not ContentType.objects.filter(app_label="projects", model="activity").exists()
    assert Permission.objects.filter(content_type__model="activity").exists()
    assert Permission.objects.count() == permissions
    # The rebuilt state is the new reference: the next flush keeps it.
    assert fast_flush._fingerprints["default"] == fast_flush._fingerprint(connection)


def test_transactional_tests_end_with_the_fast_flush() -> None:
    from django.test import TransactionTestCase

    assert TransactionTestCase._fixture_teardown is fast_flush.fast_fixture_teardown


def test_it_writes_a_snapshot_back_with_the_same_rows_and_ids_after_the_flush() -> None:
    activity = f.ActivityFactory(published=True, title_en="Residents meet the police")
    community = f.CommunityFactory(name_en="Kara-Darya")
    activity.communities.add(community)
    before = _rows_per_table()
    snapshot = fast_flush.take_snapshot()

    fast_flush.empty_database("default")
    assert not Activity.objects.exists()
    fast_flush.restore(snapshot)

    assert _rows_per_table() == before
    restored = Activity.objects.get(pk=activity.pk)
    assert restored.title_en == "Residents meet the police"
    assert list(restored.communities.values_list("pk", flat=True)) == [community.pk]
    assert fast_flush.take_snapshot() == snapshot
    # New rows take ids after the restored ones.
    assert f.CommunityFactory().pk > community.pk


def test_it_refuses_a_snapshot_once_content_types_changed() -> None:
    ContentType.objects.create(app_label="projects", model="nothing")
    with pytest.raises(RuntimeError, match="content types"):
        fast_flush.take_snapshot()
