"""A search query read into the PostgreSQL ``tsquery`` forms core.search asks: its words
cleaned and cut, each parsed once per process in every text-search configuration, and its
prefixes asked as the stored words they stand for (the vocabulary kept by core.search_index).
On SQLite, the LIKE condition that stands in for it. core.search ranks, walks and counts."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL

from core.search_index import LEXEME_TABLE
from core.translit import skeleton, words

MAX_QUERY_LENGTH = 200
# A query has at most this many words; the rest are ignored.
MAX_WORDS = 8
# A stem or fold shorter than this is matched as a whole lexeme, not as a prefix. GIN answers
# a prefix by reading the posting list of every lexeme that starts with it before any LIMIT
# applies: «Кара-Суу» asked `'кар':*`, `'су':*` and `'su':*` (карта, суд, сумма, …), 1.2 s
# for the capped counts at scale 100. The word as typed stays a prefix from SHORTEST_PREFIX
# letters («Суу» finds «Суусамыр», "Osh" finds "Oshskaya"), and inflected forms still match
# whole stems («вода» → 'вод' finds «воды», «водой»).
MIN_PREFIX = 4
SHORTEST_PREFIX = 3
# A prefix that starts at most this many of the words the documents hold is asked as those
# words (_match below); past it, as a prefix.
EXPAND_MAX = 64


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def clean_query(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def query_words(text: str) -> list[str]:
    """The words a query searches for: one-letter words only when nothing else is left."""
    found = [w for w in words(clean_query(text).replace("_", " ")) if w][:MAX_WORDS]
    longer = [w for w in found if len(w) >= 2]
    return longer or found


_WORD_SQL = (
    "(to_tsquery('russian', %s) || to_tsquery('english', %s) || to_tsquery('simple', %s)"
    " || to_tsquery('simple', %s))::text"
)


# Parsed queries, remembered per process (dictionaries do not change); bounded.
_PARSED: dict[tuple[str, ...], tuple[str, ...]] = {}
_PARSED_MAX = 2048


def _word_tsqueries(words_: tuple[str, ...]) -> tuple[str, ...]:
    """Each word as the text of a tsquery: its prefix, stemmed by each configuration, or its
    Latin fold. Computed once in one statement (and remembered: dictionaries do not change),
    then used as a ``::tsquery`` constant, so PostgreSQL never re-parses the query per row
    when it rechecks the rows a GIN index scan returns."""
    if not words_:
        return ()
    parsed = _PARSED.get(words_)
    if parsed is None:
        parsed = _parse_words(words_, {})
    return parsed


def _parse_words(words_: tuple[str, ...], settings: dict[str, str]) -> tuple[str, ...]:
    """One statement: the transaction-local ``settings`` (``set_config``), then each word's
    tsquery unless it is remembered already, so a new search pays one round trip for both."""
    selects = ["set_config(%s, %s, true)"] * len(settings)
    params: list[str] = [value for pair in settings.items() for value in pair]
    parsed = _PARSED.get(words_) if words_ else ()
    if parsed is None:
        for word in words_:
            term = f"{word}:*"
            fold = skeleton(word) or word
            selects.append(_WORD_SQL)
            params += [term, term, term, f"{fold}:*"]
    if not selects:
        return parsed or ()
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    if parsed is None:
        parsed = tuple(
            _whole_short_terms(text or "", word)
            for text, word in zip(row[len(settings) :], words_, strict=True)
        )
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[words_] = parsed
    return parsed


_PREFIX_TERM = re.compile(r"'((?:[^']|'')*)':\*")


def _whole_short_terms(tsquery: str, word: str) -> str:
    """``'су':*`` → ``'су'``: a stem or fold shorter than MIN_PREFIX matches whole lexemes
    only; ``word`` itself stays a prefix from SHORTEST_PREFIX letters."""

    def term(found: re.Match[str]) -> str:
        lexeme = found.group(1)
        if len(lexeme) >= MIN_PREFIX or (lexeme == word and len(lexeme) >= SHORTEST_PREFIX):
            return found.group(0)
        return f"'{lexeme}'"

    return _PREFIX_TERM.sub(term, tsquery)


def word_queries(text: str) -> list[str]:
    return [q for q in _word_tsqueries(tuple(query_words(text))) if q]


def full_text_query(text: str) -> str | None:
    """Every word (as a prefix, stemmed or folded) must match: the text of a tsquery, or
    ``None`` when nothing is left to search for."""
    parts = word_queries(text)
    return " & ".join(f"( {part} )" for part in parts) if parts else None


# --- Prefixes asked as the words they stand for ---------------------------------------------
#
# GIN answers a prefix (`'polic':*`) by reading the posting list of every word starting with
# it into a bitmap, in full, before the section's lexeme or any LIMIT narrows it, and again
# in every statement and section that asks it: «police» at scale 10 spent 70-80 ms per
# section counting even the places' none. The same words asked whole (`'police' | 'policing'
# | …`) are intersected with the section's postings by skipping: 0.2 ms for the places,
# 1.5 ms for the grants' 900. core.search_index keeps every word of every document in
# LEXEME_TABLE (migration core 0005), so the words a prefix stands for are read from its
# index once per search, and the expanded query matches exactly the same documents. Ranking
# keeps the prefix form: ts_rank divides by the number of a query's terms, so the expanded
# form would rank differently.

_expanding = threading.local()


@contextlib.contextmanager
def _one_search() -> Iterator[None]:
    """Within the block, each prefix's words are read once (the vocabulary grows with every
    write, so nothing is kept past it)."""
    if getattr(_expanding, "words", None) is not None:
        yield
        return
    _expanding.words = {}
    try:
        yield
    finally:
        _expanding.words = None


def _unquoted(lexeme: str) -> str:
    return lexeme.replace("''", "'").replace("\\\\", "\\")


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _prefixes(tsquery: str) -> list[str]:
    return list(dict.fromkeys(_unquoted(m.group(1)) for m in _PREFIX_TERM.finditer(tsquery)))


def _expansion_select(prefixes: list[str]) -> str:
    """A column of the words (up to EXPAND_MAX + 1, in order) each prefix starts, as one JSON
    object; its parameter is the prefixes. The vocabulary's words sort by code point
    (COLLATE "C"), so a prefix's words are one range of its primary key."""
    return (
        f"(SELECT json_object_agg(p, ARRAY(SELECT word FROM {LEXEME_TABLE}"  # noqa: S608
        " WHERE word >= p AND word < p || chr(1114111) ORDER BY word"
        f" LIMIT {EXPAND_MAX + 1})) FROM unnest(%s::text[]) AS p)"
    )


def _read_expansions(tsquery: str, settings: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The words of the prefixes of ``tsquery`` not read yet in this search, and the
    transaction-local ``settings``, in one statement (none when neither is needed)."""
    known: dict[str, list[str]] = getattr(_expanding, "words", None) or {}
    missing = [prefix for prefix in _prefixes(tsquery) if prefix not in known]
    selects = ["set_config(%s, %s, true)"] * len(settings or {})
    params: list[Any] = [value for pair in (settings or {}).items() for value in pair]
    if missing:
        selects.append(_expansion_select(missing))
        params.append(missing)
    if not selects:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    found = (row[-1] or {}) if missing else {}
    read = {prefix: list(found.get(prefix) or []) for prefix in missing}
    if getattr(_expanding, "words", None) is not None:
        _expanding.words.update(read)
    return read


def _match(tsquery: str) -> str:
    """``tsquery`` (prefix form) with each prefix replaced by the words it stands for: the
    form every ``@@`` asks. A prefix no stored word starts with matches nothing, so it is
    asked as that word alone (also nothing); one past EXPAND_MAX words stays a prefix."""
    known = dict(getattr(_expanding, "words", None) or {})
    if any(prefix not in known for prefix in _prefixes(tsquery)):
        known.update(_read_expansions(tsquery))

    def term(found: re.Match[str]) -> str:
        prefix = _unquoted(found.group(1))
        words_ = known.get(prefix)
        if words_ is None or len(words_) > EXPAND_MAX:
            return found.group(0)
        if not words_:
            return _quoted(prefix)
        return "( " + " | ".join(_quoted(word) for word in words_) + " )"

    return _PREFIX_TERM.sub(term, tsquery)


def _matches(column: str, tsquery: str) -> RawSQL:
    return RawSQL(f"{column} @@ %s::tsquery", [tsquery], output_field=BooleanField())  # noqa: S611


def _rank(column: str, tsquery: str) -> RawSQL:
    return RawSQL(f"ts_rank({column}, %s::tsquery)", [tsquery], output_field=FloatField())  # noqa: S611


def _sqlite_condition(text: str) -> Q | None:
    condition = None
    for word in query_words(text):
        part = (
            Q(title_text__icontains=word)
            | Q(context_text__icontains=word)
            | Q(body_text__icontains=word)
        )
        fold = skeleton(word)
        if fold:
            part |= Q(names__icontains=fold)
        condition = part if condition is None else condition & part
    return condition
