"""Query terms of core.search: short stems and folds match whole lexemes only; a prefix is
asked as the words the stored documents hold."""

from __future__ import annotations

import pytest
from django.db import connection

from core.search import full_text_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL tsquery"),
]


def test_it_matches_short_stems_and_folds_as_whole_lexemes() -> None:
    query = full_text_query("Кара-Суу")

    assert query is not None
    # 'кар':* and 'су':* would read the postings of every word starting with them.
    assert "'кар'" in query and "'кар':*" not in query
    assert "'су'" in query and "'су':*" not in query
    assert "'su'" in query and "'su':*" not in query
    # The words as typed still match as prefixes.
    assert "'кара':*" in query and "'суу':*" in query


def test_it_keeps_long_stems_as_prefixes() -> None:
    query = full_text_query("Баткен Isfara")

    assert query is not None
    assert "'баткен':*" in query
    assert "'isfar':*" in query


def test_it_keeps_a_typed_three_letter_word_as_a_prefix_but_not_a_two_letter_one() -> None:
    assert full_text_query("Osh") == "( 'osh':* | 'osh':* | 'osh':* | 'osh':* )"
    assert "'ош':*" not in (full_text_query("Ош") or "")


def test_it_caps_a_count_on_whole_words_or_on_prefixes(monkeypatch: pytest.MonkeyPatch) -> None:
    import core.search
    from core.search import search_documents
    from tests import factories as f

    monkeypatch.setattr(core.search, "COUNT_CAP", 2)
    # One whole-word match for "lantern" (under the cap), two more only through the prefix.
    f.ProjectFactory(title_en="Lanterns for the bazaar")
    f.ProjectFactory(title_en="Lanternmaker guild")
    f.ProjectFactory(title_en="Lanternmakers of Osh")
    by_prefix = search_documents("lantern", ["projects"])["projects"]
    assert (by_prefix.count, by_prefix.capped) == (2, True)

    f.ProjectFactory(title_en="Kiln of the bazaar")
    f.ProjectFactory(title_en="Kiln of the school")
    f.ProjectFactory(title_en="Kiln of the guild")
    by_word = search_documents("kiln", ["projects"])["projects"]
    assert (by_word.count, by_word.capped) == (2, True)


def test_a_prefix_is_asked_as_the_words_the_documents_hold() -> None:
    from core.search import _match, _one_search
    from tests import factories as f

    f.ProjectFactory(title_en="Quokkas of the valley")
    f.ProjectFactory(title_en="Quokkaland orchard")

    with _one_search():
        asked = _match("'quokka':*")

    # Whole words, intersected with a section's postings by skipping; nothing else changes.
    assert ":*" not in asked
    assert "'quokka'" in asked and "'quokkaland'" in asked
    # A prefix no stored word starts with matches nothing, as the prefix did.
    assert _match("'zzyzxq':*") == "'zzyzxq'"


def test_a_prefix_with_more_words_than_the_limit_stays_a_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import core.search
    import core.search_query
    from tests import factories as f

    monkeypatch.setattr(core.search_query, "EXPAND_MAX", 2)
    for word in ("Wombatone", "Wombattwo", "Wombatthree"):
        f.ProjectFactory(title_en=word)

    assert core.search._match("'wombat':*") == "'wombat':*"


def test_a_word_first_written_after_a_search_is_found_by_its_prefix() -> None:
    from core.search import search_documents
    from tests import factories as f

    assert search_documents("Numbat", ["projects"])["projects"].count == 0
    f.ProjectFactory(title_en="Numbatville water point")

    found = search_documents("Numbat", ["projects"])["projects"]
    assert found.count == 1
    assert [d.title_en for d in found.documents] == ["Numbatville water point"]


def test_the_typo_pass_plans_without_the_folds_statistics() -> None:
    # pg_trgm estimated `title_names %> 'fold'` by running word_similarity() over every
    # common value and histogram entry of the column: 60-90 ms of planning per typo query.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid ="
            " 'core_searchdocument'::regclass AND attname = 'title_names'"
        )
        assert cursor.fetchone() == (1,)
