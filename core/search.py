"""Text search over the stored search documents (core.models.SearchDocument).

On PostgreSQL each document holds two GIN-indexed ``tsvector``s built once when the record is
saved (core.search_index): titles with weight A, the record's places and organisations with
B, descriptions with D, each with the ``russian``, ``english`` and ``simple`` configurations,
plus the Latin folds of every title and place word (core.translit). A query word matches as
a prefix in every configuration and through its own fold (stems and folds shorter than
``MIN_PREFIX``, core.search_query, as whole lexemes), so:

* «Баткен» finds «Баткенская область» and «Баткенский район» (prefix of the stem);
* "Isfara" and «Исфара» find the same records (both fold to ``isfar``);
* a one-letter typo in a name still matches through trigram similarity on the folds
  (``pg_trgm``), tried when the words themselves find too little.

Counts stop at ``COUNT_CAP`` ("more than 1,000"); nothing counts every match.

SQLite (local development) has no text search: each word must appear (LIKE) in the stored
text or its fold in the name keys; results come newest first. docs/search.md lists the
differences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, FloatField, Q, QuerySet, Value, Window
from django.db.models.functions import RowNumber

from core.models import SearchDocument
from core.search_index import SECTION_MARK
from core.search_query import (
    _PARSED,
    _match,
    _matches,
    _one_search,
    _parse_words,
    _rank,
    _read_expansions,
    _sqlite_condition,
    clean_query,
    full_text_query,
    query_words,
    uses_full_text,
)
from core.translit import skeleton

SECTION_LIMIT = 10
COUNT_CAP = 1000
# Fewer matches than this (all sections together) and the typo-tolerant pass runs too.
TYPO_PASS_BELOW = 3
# pg_trgm word similarity between a query word's fold and a name key; 0.5 lets one wrong
# letter in a six-letter name through ("batkan" ~ "batken").
TYPO_SIMILARITY = 0.5
# The section of places: a query that names one puts it first.
PLACES = "places"
# Sections whose records are names (typos are looked for there only). Migration 0004's
# trigram index is partial to these sections: change both together.
NAMED_SECTIONS = ("places", "organisations", "projects")
# Sections with at most this many matches are ranked in full (core.search._ranked_sections).
RANK_ALL = 300
# Beyond RANK_ALL, how many of a section's newest documents are checked in date order before
# the index is asked for every match (core.search._newest). Checking the text of a document
# reads its whole vector, so that walk is shorter.
TITLE_WALK = 2000
TEXT_WALK = 500
# When all sections together have at most this many title matches, the title tier of each
# large section is sorted from the title index instead of walked (core.search._newest): a
# walk of TITLE_WALK documents finds its ten only when one document in 200 matches in its
# title, and reads each one's title vector (about five buffers), where sorting the matches
# reads one row each. «Баткен» at scale 10 matched in the titles of 52 of 37,000 news and
# of no grant: both walks read 2,000 vectors, found too few and asked the index anyway
# (180 ms of 280).
TITLE_SORT_MAX = 200
# What a result never shows: the texts and vectors it was matched on. Read with every result,
# they were most of each row (the vectors several kilobytes each, detoasted, sent and
# parsed for nothing), and the search page's cached sections pickled them too.
MATCHED_ON = (
    "title_text",
    "context_text",
    "body_text",
    "names",
    "title_names",
    "title_vector",
    "document",
)


def section_lexeme(section: str) -> str:
    """The section as a tsquery term: every document holds its section as a lexeme
    («§news», core.search_index). Asked as ``section = 'news'``, PostgreSQL misjudged how
    many rows a prefix tsquery matches and walked the (section, date) index instead,
    reading and rechecking every news document's vector (0.3–0.6 s at scale 10 for «Баткен»);
    inside the tsquery, one GIN scan returns exactly that section's matches."""
    if not _SECTION_NAME.fullmatch(section):
        raise ValueError(f"Not a section name: {section!r}")
    return f"'{SECTION_MARK}{section}'"


_SECTION_NAME = re.compile(r"[a-z_]{1,20}")


def matching_documents(text: str, section: str | None = None) -> QuerySet[SearchDocument]:
    """Documents matching ``text`` (unordered); none for an empty query."""
    documents = SearchDocument.objects.all()
    if uses_full_text():
        query = full_text_query(text)
        if query is None:
            return documents.none()
        if section:
            return documents.filter(_matches("document", _section_query(text, section)))
        return documents.filter(_matches("document", _match(query)))
    if section:
        documents = documents.in_section(section)
    condition = _sqlite_condition(text)
    return documents.filter(condition) if condition is not None else documents.none()


def _typo_documents(text: str, sections: list[str], limit: int) -> list[SearchDocument]:
    """Records of ``sections`` whose own name is near the query, the first ``limit`` of each
    section, nearest first: every word of four letters or more must be close (pg_trgm word
    similarity, GIN-indexed) to a word of the name's Latin folds.

    All sections in one statement: each candidate the trigram index returns is rechecked by
    computing word_similarity() over its folds (0.1 ms or more each: organisations' folds are
    200 characters long). One statement per section rechecked every candidate of the named
    sections (the partial index of migration 0004 holds them together) and dropped the other
    sections' only after, so a search that found nothing paid the rechecks three times."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    found = query_words(text)
    folds = [fold for fold in (skeleton(word) for word in found) if len(fold) >= 4]
    # "Kara-Darua": each word folds to three letters, the whole name to "karadar".
    joined = skeleton("".join(found)) if len(found) > 1 else ""
    condition = Q()
    for fold in folds:
        condition &= Q(title_names__trigram_word_similar=fold)
    if len(joined) >= 4:
        whole = Q(title_names__trigram_word_similar=joined)
        condition = (condition | whole) if folds else whole
    elif not folds:
        return []
    numbered = (
        SearchDocument.objects.filter(section__in=sections)
        .defer(*MATCHED_ON)
        .filter(condition)
        .annotate(rank=TrigramWordSimilarity(" ".join(folds) or joined, "title_names"))
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("section")],
                order_by=[F("rank").desc(), F("date").desc(), F("id").desc()],
            )
        )
        .filter(place__lte=limit)
    )
    return list(numbered.order_by("section", "place"))


def ranked_documents(text: str, section: str) -> QuerySet[SearchDocument]:
    """Matching documents of one section, best first (PostgreSQL) or newest first."""
    documents = matching_documents(text, section)
    if uses_full_text():
        query = full_text_query(text)
        if query is not None:
            return documents.annotate(
                rank=_rank("document", query),
                title_rank=_rank("title_vector", query),
            ).order_by("-rank", "-date", "-id")
    return documents.order_by("-boost", "-date", "-id")


def _ranked_sections(text: str, sections: list[str], limit: int) -> dict[str, list[SearchDocument]]:
    """The first ``limit`` documents of each of ``sections``, all ranked in full (each has at
    most RANK_ALL matches), in one query: the sections' rows have the same shape, and a
    row number per section in ranked_documents' order keeps each section's first ``limit``.
    One query per section was five round trips on every search."""
    found: dict[str, list[SearchDocument]] = {key: [] for key in sections}
    if not sections:
        return found
    documents = SearchDocument.objects.defer(*MATCHED_ON)
    if uses_full_text():
        query = full_text_query(text)
        if query is None:
            return found
        marks = " | ".join(section_lexeme(key) for key in sections)
        in_sections = f"( {_match(query)} ) & ( {marks} )"
        documents = documents.filter(_matches("document", in_sections)).annotate(
            rank=_rank("document", query), title_rank=_rank("title_vector", query)
        )
        order = [F("rank").desc(), F("date").desc(), F("id").desc()]
    else:
        condition = _sqlite_condition(text)
        if condition is None:
            return found
        documents = documents.filter(condition, section__in=sections)
        order = [F("boost").desc(), F("date").desc(), F("id").desc()]
    numbered = documents.annotate(
        place=Window(RowNumber(), partition_by=[F("section")], order_by=order)
    ).filter(place__lte=limit)
    for document in numbered.order_by("section", "place"):
        found[document.section].append(document)
    return found


def _newest_sections(
    text: str, sizes: dict[str, int], limit: int, titled: dict[str, int] | None = None
) -> dict[str, list[SearchDocument]]:
    """The first ``limit`` results of each section with more than RANK_ALL matches (``sizes``:
    the section's documents, counted up to TITLE_WALK + 1 with the matches; ``titled``: the
    title matches of every section, counted up to TITLE_SORT_MAX + 1, so at least the
    section's). Ranking every match would read every
    matching document (a second per common word at scale), so records matching in their
    title come first, then the others, each tier newest first."""
    sorted_ = {key for key, count in (titled or {}).items() if count <= TITLE_SORT_MAX}
    found = _newest(
        text, {key: ([], limit) for key in sizes}, in_title=True, sizes=sizes, sorted_=sorted_
    )
    rest = {
        key: ([d.pk for d in documents], limit - len(documents))
        for key, documents in found.items()
        if len(documents) < limit
    }
    if rest:
        for key, documents in _newest(text, rest, in_title=False, sizes=sizes).items():
            found[key] += documents
    return found


def _tier(
    documents: QuerySet[SearchDocument], query: str, *, in_title: bool, seen: list[int]
) -> QuerySet[Any]:
    """``documents`` in one tier: matching ``query`` in their title, or only elsewhere (and
    not among ``seen``, the title tier's)."""
    title_match = _matches("title_vector", _match(query))
    if in_title:
        return documents.filter(title_match).annotate(title_rank=_rank("title_vector", query))
    return (
        documents.exclude(title_match)
        .exclude(pk__in=seen)
        .annotate(title_rank=Value(0.0, output_field=FloatField()))
    )


def _newest(
    text: str,
    wants: dict[str, tuple[list[int], int]],
    *,
    in_title: bool,
    sizes: dict[str, int],
    sorted_: set[str] | frozenset[str] = frozenset(),
) -> dict[str, list[SearchDocument]]:
    """The newest matches of each section in ``wants`` (section: the ids already found, how
    many more are wanted) in one tier (title matches, or the others). The sections in
    ``sorted_`` (title tier only: few title matches, TITLE_SORT_MAX) are not walked: their
    title matches are read from the title index and sorted, in the same ``UNION ALL``.

    First each section's newest documents (TITLE_WALK or TEXT_WALK of them) are read in date
    order through the (section, date) index and checked, every section's walk in one query
    (``UNION ALL``): when matches are common — the only case that comes here — that finds
    them after a few dozen rows and reads no other. Otherwise they are rare (fewer than asked
    in the walk, so about ``limit × section / walk`` in all), and the GIN index finds them
    all for sorting. Sorting every match of a common word instead read 10,000 rows and their
    vectors (0.6 s at scale 10). The walk bounds only the cost: either way the result is the
    tier's newest matches."""
    query = full_text_query(text)
    assert query is not None
    walk = TITLE_WALK if in_title else TEXT_WALK
    found: dict[str, list[SearchDocument]] = {key: [] for key in wants}
    for document in _walk(query, wants, in_title=in_title, walk=walk, sorted_=sorted_):
        found[document.section].append(document)
    for section, (seen, limit) in wants.items():
        # UNION ALL promises no order: newest first again, as ORDER BY date DESC (nulls first).
        found[section].sort(key=_newest_first, reverse=True)
        if section in sorted_:
            continue  # every title match was sorted: these are the newest
        if len(found[section]) < limit and sizes.get(section, 0) > walk:
            documents = matching_documents(text, section).defer(*MATCHED_ON)
            found[section] = list(
                _tier(documents, query, in_title=in_title, seen=seen).order_by("-date", "-id")[
                    :limit
                ]
            )
    return found


def _walk(
    query: str,
    wants: dict[str, tuple[list[int], int]],
    *,
    in_title: bool,
    walk: int,
    sorted_: set[str] | frozenset[str] = frozenset(),
) -> Any:
    """Each section's newest ``walk`` documents, checked in date order until its ``limit``
    matches of the tier are found; one ``UNION ALL``. The walk is a subquery ordered like the
    (section, date) index, so the outer ``LIMIT`` stops reading at the last match it needs:
    asked as ``id IN (the newest 2,000)``, PostgreSQL read and checked all 2,000 (and their
    vectors) before sorting the matches, 14,000 buffers per section for «безопасность» at
    scale 10 where the first ten title matches were among the newest thirty."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    shown = ", ".join(
        connection.ops.quote_name(str(f.column))
        for f in SearchDocument._meta.concrete_fields
        if f.name not in MATCHED_ON
    )
    parts: list[str] = []
    params: list[Any] = []
    for section, (seen, limit) in wants.items():
        if in_title and section in sorted_:
            # The same rows as the walk and its fallback: a title match matches the document,
            # and the section is the document's. ``section || ''`` keeps PostgreSQL off the
            # (section, date) index, whose walk rechecks every vector when matches are rare.
            params += [query, _match(query), section]
            parts.append(
                f"(SELECT {shown}, ts_rank(title_vector, %s::tsquery) AS title_rank"  # noqa: S608
                f" FROM {table} WHERE title_vector @@ %s::tsquery AND section || '' = %s"
                f" ORDER BY date DESC, id DESC LIMIT {int(limit)})"
            )
            continue
        if in_title:
            condition = "title_vector @@ %s::tsquery"
            title_rank = "ts_rank(title_vector, %s::tsquery)"
            params += [query, section, _match(query)]
        else:
            # A title match is a match; any other must be checked against the whole vector.
            condition = (
                "document @@ %s::tsquery AND NOT (title_vector @@ %s::tsquery)"
                " AND NOT (id = ANY(%s))"
            )
            title_rank = "0.0::float8"
            params += [section, _in_section(_match(query), section), _match(query), seen]
        parts.append(
            f"(SELECT {shown}, {title_rank} AS title_rank FROM"  # noqa: S608
            f" (SELECT * FROM {table} WHERE section = %s ORDER BY date DESC, id DESC"
            f" LIMIT {int(walk)}) AS recent WHERE {condition}"
            f" ORDER BY date DESC, id DESC LIMIT {int(limit)})"
        )
    return SearchDocument.objects.raw(" UNION ALL ".join(parts), params)


def _newest_first(document: SearchDocument) -> tuple[bool, Any, int]:
    return (document.date is None, document.date or 0, document.pk)


def _section_query(text: str, section: str) -> str:
    """``text`` within one section, in the form ``@@`` asks (core.search._match)."""
    query = full_text_query(text)
    assert query is not None
    return _in_section(_match(query), section)


def _in_section(query: str, section: str) -> str:
    return f"( {query} ) & {section_lexeme(section)}"


@dataclass
class SectionMatches:
    key: str
    documents: list[SearchDocument] = field(default_factory=list)
    count: int = 0
    # True when there are more than COUNT_CAP matches ("more than 1,000").
    capped: bool = False

    @property
    def title_match(self) -> bool:
        """The best result matched on its own title or name, not only on its context."""
        # ts_rank gives 1e-20, not 0, to a document the query does not match.
        return bool(self.documents and getattr(self.documents[0], "title_rank", 1) > 1e-6)


def _capped_counts(
    text: str, sections: list[str]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Matches per section, each counted up to COUNT_CAP + 1 only, and the size (up to
    TITLE_WALK + 1) of each section with more than RANK_ALL matches, which core.search._newest
    needs, and for those sections the title matches of all sections (up to TITLE_SORT_MAX
    + 1), which choose how their title tier is read; one statement on PostgreSQL.

    On PostgreSQL the words are first counted as whole lexemes, then, only for the sections
    that count found under the cap, as prefixes. A whole lexeme matches a subset of what its
    prefix matches, so a section capped by the first count is capped. GIN answers a prefix by
    reading the whole posting list of every lexeme starting with it, for each section again
    («police» at scale 100: about 120 ms per section, 0.6 s for five, even for the places'
    three matches), where a whole lexeme is intersected with the section's lexeme by skipping
    (news 62 ms, grants 4 ms, places 0.3 ms)."""
    if not uses_full_text():
        counts = {key: matching_documents(text, key)[: COUNT_CAP + 1].count() for key in sections}
        return counts, {}, {}
    query = full_text_query(text)
    if query is None:
        return {}, {}, {}
    query = _match(query)
    whole = _PREFIX_MARK.sub("", query)
    return _count_sections(query, whole if whole != query else None, sections)


_PREFIX_MARK = re.compile(r"(?<=')\:\*")


def _count_sections(
    query: str, whole: str | None, sections: list[str]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """``query`` (the text of a tsquery) counted in each section up to COUNT_CAP + 1, in one
    statement (``UNION ALL`` of one row per section, each count over a ``LIMIT`` subquery).
    With ``whole`` (the query's words as whole lexemes), that is counted first and the prefix
    count runs only when it stays under the cap: a ``CASE`` runs a subquery only when it
    reaches it. The section's size is read (through the (section, date) index, up to
    TITLE_WALK + 1 rows) only when its count passes RANK_ALL, and so are its title matches
    (from the title index, all sections together, up to TITLE_SORT_MAX + 1). ``OFFSET 0``
    keeps each count a subquery computed once: flattened, its expression was copied into
    every place that names it, and each copy ran its own scans (the prefix count twice,
    0.36 s for «police» at scale 10 where the two statements before took 0.15 s)."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)

    def capped(column_query: str, params: list[Any]) -> str:
        params.append(column_query)
        return (
            f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE document @@ %s::tsquery"  # noqa: S608
            f" LIMIT {COUNT_CAP + 1}) AS matched)"
        )

    selects = []
    params: list[Any] = []
    for key in sections:
        mark = section_lexeme(key)
        # Parameters in the order their placeholders appear in the statement.
        section_params: list[Any] = [key, key]
        if whole is None:
            count = capped(f"( {query} ) & {mark}", section_params)
            counted = f"(SELECT {count} AS n OFFSET 0) AS counted"
        else:
            then = capped(f"( {query} ) & {mark}", section_params)
            first = capped(f"( {whole} ) & {mark}", section_params)
            counted = (
                f"(SELECT CASE WHEN whole.n > {COUNT_CAP} THEN whole.n ELSE {then} END AS n"  # noqa: S608
                f" FROM (SELECT {first} AS n OFFSET 0) AS whole OFFSET 0) AS counted"
            )
        selects.append(
            f"SELECT %s, counted.n, CASE WHEN counted.n > {RANK_ALL} THEN"  # noqa: S608
            f" (SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE section = %s"
            f" LIMIT {TITLE_WALK + 1}) AS documents) END, CASE WHEN counted.n > {RANK_ALL} THEN"
            f" (SELECT n FROM titled) END FROM {counted}"
        )
        params += section_params
    # The title matches of all sections together, read once and only when a branch asks
    # (a CTE runs when first read): counted per section, a common title word visited every
    # title match of every section to keep one section's (47 ms each for «безопасность»),
    # and with an indexable ``section = …`` PostgreSQL walked the section's rows instead.
    title_count = (
        f"WITH titled AS MATERIALIZED (SELECT COUNT(*) AS n FROM (SELECT 1 FROM {table}"  # noqa: S608
        f" WHERE title_vector @@ %s::tsquery LIMIT {TITLE_SORT_MAX + 1}) AS titles) "
    )
    with connection.cursor() as cursor:
        cursor.execute(title_count + " UNION ALL ".join(selects), [query, *params])
        rows = cursor.fetchall()
    counts = {key: count for key, count, _size, _titled in rows}
    sizes = {key: size for key, _count, size, _titled in rows if size is not None}
    titled = {key: count for key, _count, _size, count in rows if count is not None}
    return counts, sizes, titled


def search_documents(
    text: str, sections: list[str], limit: int = SECTION_LIMIT
) -> dict[str, SectionMatches]:
    """The best ``limit`` documents of each section and capped counts."""
    text = clean_query(text)
    found = {key: SectionMatches(key=key) for key in sections}
    if not query_words(text) or not sections:
        return found
    with transaction.atomic(), _one_search():
        if uses_full_text():
            _prefer_indexes(text)
        _search_sections(text, found, limit)
    return found


def _prefer_indexes(text: str) -> None:
    """For this transaction only: no sequential scan of the documents, and the typo pass's
    trigram threshold; in the same statement as the query's parsing when it is new.
    PostgreSQL misjudges how many rows a prefix tsquery matches; when it guesses "many" it
    reads the whole table, detoasting every vector (0.7 s for 20,000 news at scale 5), where
    the GIN index answers in milliseconds. The threshold lets the GIN trigram index serve
    ``<%`` (core.search._typo_documents)."""
    settings = {
        "enable_seqscan": "off",
        "pg_trgm.word_similarity_threshold": str(TYPO_SIMILARITY),
    }
    words_ = tuple(query_words(text))
    if words_ not in _PARSED:
        _parse_words(words_, settings)
        settings = {}
    # The settings (unless the parse above set them) and the prefixes' words together.
    _read_expansions(full_text_query(text) or "", settings)


def _search_sections(text: str, found: dict[str, SectionMatches], limit: int) -> None:
    sections = list(found)
    counts, sizes, titled = _capped_counts(text, sections)
    ranked_in_full = []
    for key in sections:
        count = counts.get(key, 0)
        found[key].count = min(count, COUNT_CAP)
        found[key].capped = count > COUNT_CAP
        if count and (not uses_full_text() or count <= RANK_ALL):
            ranked_in_full.append(key)
    for key, documents in _ranked_sections(text, ranked_in_full, limit).items():
        found[key].documents = documents
    large = {key: sizes.get(key, 0) for key in sections if counts.get(key, 0) > RANK_ALL}
    if uses_full_text() and large:
        for key, documents in _newest_sections(text, large, limit, titled).items():
            found[key].documents = documents
    if uses_full_text():
        if sum(counts.values()) < TYPO_PASS_BELOW:
            named = [found[key] for key in NAMED_SECTIONS if key in found]
            _add_typo_matches(text, named, limit)
        elif PLACES in found and not found[PLACES].title_match:
            # No place is named exactly, yet the query may be a misspelt place name.
            _add_typo_matches(text, [found[PLACES]], limit, first=True)


def _add_typo_matches(
    text: str, sections: list[SectionMatches], limit: int, *, first: bool = False
) -> None:
    """Near matches on the name keys; ``first``: before the section's text matches (a
    misspelt place name beats places that only share a word with the query). Runs inside
    search_documents' transaction, whose trigram threshold _prefer_indexes has set."""
    near: dict[str, list[SearchDocument]] = {matches.key: [] for matches in sections}
    for document in _typo_documents(text, list(near), limit):
        near[document.section].append(document)
    for matches in sections:
        seen = {d.pk for d in matches.documents}
        extra = [d for d in near[matches.key] if d.pk not in seen]
        ordered = [*extra, *matches.documents] if first else [*matches.documents, *extra]
        matches.documents = ordered[:limit]
        matches.count = max(matches.count, len(matches.documents))


def filter_by_document(queryset: QuerySet[Any], text: str, section: str) -> QuerySet[Any]:
    """Restrict a list's ``queryset`` (news, grants, projects) to records whose search
    document matches ``text``; the list keeps its own order."""
    text = clean_query(text)
    if not query_words(text):
        return queryset
    # The content type as a constant, not a join on django_content_type: with the join,
    # PostgreSQL walked the content-type index and rechecked the vector of every news item
    # (374,000 at scale 100, 2.5 s for «Хатлон») instead of asking the GIN index.
    content_type = ContentType.objects.get_for_model(queryset.model)
    ids = matching_documents(text, section).filter(content_type_id=content_type.pk)
    return queryset.filter(pk__in=ids.values("object_id"))
