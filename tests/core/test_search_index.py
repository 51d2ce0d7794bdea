"""Writing the stored search documents (core.search_index): the set-based write of a batch,
the full rebuild that drops and rebuilds the GIN indexes, and the per-batch loading of the
places a news item or grant names."""

from __future__ import annotations

import pytest
from django.db import connection

from core.models import SearchDocument
from core.search import search_documents
from core.search_index import rebuild
from tests import factories as f

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="vectors and GIN indexes are PostgreSQL only"
)


def _gin_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [SearchDocument._meta.db_table, "% USING gin %"],
        )
        return {name for (name,) in cursor.fetchall()}


def _news_in(communities: list[object]) -> object:
    news = f.ActivityFactory(published=True, title_en="Lantern festival")
    news.communities.set(communities)
    return news


@pytest.mark.django_db
def test_it_names_every_place_of_a_news_item_in_its_document() -> None:
    community = f.CommunityFactory(name_en="Kara-Kel", name_ru="Кара-Кель")
    other = f.CommunityFactory(name_en="Ak-Suu")
    news = _news_in([community, other])
    rebuild()
    document = SearchDocument.objects.get(section="news", object_id=news.pk)
    for name in (
        "Kara-Kel",
        "Кара-Кель",
        community.district.name_en,
        community.district.name_ru,
        community.region.name_ru,
        "Ak-Suu",
    ):
        assert name in document.context_text.splitlines()
    assert "karakel" in document.names.split()


@pytest.mark.django_db
def test_it_names_the_places_of_a_grant_in_its_document() -> None:
    community = f.CommunityFactory(name_en="Jany-Jol")
    grant = f.GrantFactory()
    grant.communities.set([community])
    rebuild()
    document = SearchDocument.objects.get(section="grants", object_id=grant.pk)
    assert {"Jany-Jol", community.district.name_en} <= set(document.context_text.splitlines())


@pytest.mark.django_db
def test_a_rebuild_writes_the_same_documents_as_saving_each_record() -> None:
    news = _news_in([f.CommunityFactory(name_en="Kok-Jar")])
    saved = {
        (d.section, d.object_id): (d.title_text, d.context_text, d.names)
        for d in SearchDocument.objects.all()
    }
    rebuild()
    rebuilt = {
        (d.section, d.object_id): (d.title_text, d.context_text, d.names)
        for d in SearchDocument.objects.all()
    }
    assert rebuilt == saved
    assert ("news", news.pk) in rebuilt


@pytest.mark.django_db
@needs_postgres
def test_a_rebuild_leaves_the_gin_indexes_in_place_and_the_documents_searchable() -> None:
    before = _gin_indexes()
    _news_in([f.CommunityFactory(name_en="Tash-Kumyr")])
    # Written in this same transaction: the rebuild must cope with their pending checks.
    rebuild()
    assert _gin_indexes() == before
    # Both vectors, and the title names of the named sections and of the places (trigrams).
    assert len(before) == 4
    found = search_documents("Tash-Kumyr", ["news"])["news"]
    assert [d.title_en for d in found.documents] == ["Lantern festival"]


@pytest.mark.django_db
@needs_postgres
def test_it_stores_the_vectors_of_the_stored_text() -> None:
    news = _news_in([f.CommunityFactory(name_en="Uch-Korgon")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_vector = ("
            " setweight(to_tsvector('russian', title_text), 'A')"
            " || setweight(to_tsvector('english', title_text), 'A')"
            " || setweight(to_tsvector('simple', title_text), 'A')"
            " || setweight(to_tsvector('simple', title_names), 'A')),"
            " document @@ 'uch:* & korgon:* & lantern:*'::tsquery,"
            " document @@ %s::tsquery"
            " FROM core_searchdocument WHERE section = 'news' AND object_id = %s",
            ["'§news'", news.pk],
        )
        assert cursor.fetchone() == (True, True, True)


@needs_postgres
@pytest.mark.django_db
def test_a_document_written_by_a_concurrent_save_is_taken_over_not_a_failed_save() -> None:
    # Two saves of one record at the same moment: each deletes the document it can see
    # (none) and inserts. The second insert meets the first one's row; it must replace it.
    from django.contrib.contenttypes.models import ContentType

    from communities.models import Activity
    from core.search_index import _SOURCES, _build_batch, _write

    news = f.ActivityFactory(published=True, title_en="Lantern festival")
    source = _SOURCES[Activity]
    content_type = ContentType.objects.get_for_model(Activity)
    news.title_en = "Lantern festival and football"
    news.save()
    SearchDocument.objects.filter(object_id=news.pk, content_type=content_type).delete()
    _write(_build_batch(source, list(source.records([news.pk])), content_type))
    Activity.objects.filter(pk=news.pk).update(title_en="Football evening")
    _write(_build_batch(source, list(source.records([news.pk])), content_type))

    documents = SearchDocument.objects.filter(content_type=content_type, object_id=news.pk)
    assert [d.title for d in documents] == ["Football evening"]
    found = search_documents("football", ["news"])["news"].documents
    assert [d.object_id for d in found] == [news.pk]
