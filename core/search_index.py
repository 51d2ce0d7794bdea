"""The stored search documents: how apps register their records, and how the documents are
kept current.

Each app says, from its ``AppConfig.ready()``, which of its records are public and how one
becomes a :class:`SearchEntry` (``register_search_source``), and which other records a save
touches (``register_search_dependency``: a project's target places, an activity's
communities…). Core connects the signals and writes the documents; it never imports an app.

Saves through the ORM update the index at once (a few queries). Bulk loaders (the demo, bench
data, spreadsheet imports) write without signals, so they call :func:`rebuild` or
:func:`reindex` afterwards; ``manage.py rebuild_search_index`` rebuilds everything.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from core.i18n import content_languages
from core.models import SearchDocument
from core.translit import word_skeletons

BATCH_SIZE = 1000
_SUMMARY_LENGTH = 300


@dataclass
class SearchEntry:
    """What one record contributes to search. Dicts are keyed by language code."""

    path: str
    titles: dict[str, str]
    details: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    # Acronyms, grant references: matched like titles.
    extra_titles: list[str] = field(default_factory=list)
    # Names of the places, projects and organisations the record belongs to.
    context: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    # Extra matching keys, e.g. the gazetteer's normalised forms and stems of a place.
    keys: list[str] = field(default_factory=list)
    date: date | None = None
    boost: int = 0


@dataclass(frozen=True)
class SearchSource:
    model: type[models.Model]
    section: str
    # records(None) -> every public record; records([pk, …]) -> the public ones among them.
    # Querysets own their select/prefetch_related for entry().
    records: Callable[[list[int] | None], models.QuerySet[Any]]
    entry: Callable[[Any], SearchEntry]
    # prepare(records): called on each batch (up to BATCH_SIZE records) before entry(); loads
    # what the entries need for the whole batch in a few queries, without model instances.
    prepare: Callable[[list[Any]], None] | None = None


Affected = Iterable[tuple[type[models.Model], Iterable[int]]]

_SOURCES: dict[type[models.Model], SearchSource] = {}
_DEPENDENCIES: dict[type[models.Model], list[Callable[[Any], Affected]]] = {}
_M2M: dict[type[models.Model], list[Callable[[Any, str, set[int] | None, bool], Affected]]] = {}
_state = threading.local()


def register_search_source(
    model: type[models.Model],
    *,
    section: str,
    records: Callable[[list[int] | None], models.QuerySet[Any]],
    entry: Callable[[Any], SearchEntry],
    prepare: Callable[[list[Any]], None] | None = None,
) -> None:
    _SOURCES[model] = SearchSource(
        model=model, section=section, records=records, entry=entry, prepare=prepare
    )
    _connect(model)


def register_search_dependency(
    model: type[models.Model], affected: Callable[[Any], Affected]
) -> None:
    """A save or delete of ``model`` changes the documents of ``affected(instance)``."""
    handlers = _DEPENDENCIES.setdefault(model, [])
    if affected not in handlers:
        handlers.append(affected)
    _connect(model)


def register_search_m2m(
    through: type[models.Model],
    affected: Callable[[Any, str, set[int] | None, bool], Affected],
) -> None:
    """``affected(instance, action, pk_set, reverse)`` for an m2m change through ``through``."""
    handlers = _M2M.setdefault(through, [])
    if affected not in handlers:
        handlers.append(affected)
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"search-m2m-{through._meta}")


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


# --- Building documents --------------------------------------------------------------------


def per_language(build: Callable[[], str]) -> dict[str, str]:
    """``build()`` once per content language, with that language active."""
    values = {}
    for code in content_languages():
        with translation.override(code):
            values[code] = build()
    return values


def _join(texts: Iterable[str]) -> str:
    seen: dict[str, None] = {}
    for text in texts:
        text = " ".join((text or "").split())
        if text:
            seen[text] = None
    return "\n".join(seen)


def _keys(texts: Iterable[str]) -> str:
    keys: dict[str, None] = {}
    for text in texts:
        for key in _text_skeletons(text):
            keys[key] = None
    return " ".join(keys)


@functools.lru_cache(maxsize=65536)
def _text_skeletons(text: str) -> tuple[str, ...]:
    # The same place, project and programme names recur in thousands of documents (every
    # news item of a community names its district and region): fold each text once.
    return tuple(word_skeletons(text))


def _truncate(text: str, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class _Built:
    document: SearchDocument
    context_keys: str


def build_document(source: SearchSource, record: Any, content_type: ContentType) -> _Built:
    entry = source.entry(record)
    titles = [*entry.titles.values(), *entry.extra_titles]
    title_keys = " ".join(dict.fromkeys([*_keys(titles).split(), *(k for k in entry.keys if k)]))
    context_keys = _keys(entry.context)
    document = SearchDocument(
        section=source.section,
        content_type=content_type,
        object_id=record.pk,
        path=entry.path[:300],
        date=entry.date,
        boost=entry.boost,
        title_text=_join(titles),
        context_text=_join(entry.context),
        body_text=_join(entry.body),
        # Title keys first, then the context's: trigram typo matching reads them all.
        names=" ".join(dict.fromkeys([*title_keys.split(), *context_keys.split()])),
        title_names=title_keys,
    )
    for code in content_languages():
        setattr(document, f"title_{code}", (entry.titles.get(code) or "")[:500])
        setattr(document, f"detail_{code}", (entry.details.get(code) or "")[:500])
        setattr(
            document,
            f"summary_{code}",
            _truncate(entry.summaries.get(code) or "", _SUMMARY_LENGTH),
        )
    return _Built(document=document, context_keys=context_keys)


# Weights: A titles and their keys, B the places and organisations a record belongs to,
# D descriptions. Russian and English stem; Kyrgyz and Tajik have no PostgreSQL dictionary,
# so every text is also indexed with ``simple`` (whole words, matched by prefix).
_TITLE_VECTOR = """
    setweight(to_tsvector('russian', title_text), 'A')
    || setweight(to_tsvector('english', title_text), 'A')
    || setweight(to_tsvector('simple', title_text), 'A')
    || setweight(to_tsvector('simple', title_names), 'A')
"""
# Every word (lexeme) any document holds, one row each (migration core 0005, PostgreSQL
# only), written with the documents: core.search asks a prefix as the words it stands for.
# Words of documents deleted or rewritten since stay (a word no document holds matches
# nothing); a rebuild of everything starts it again.
LEXEME_TABLE = "core_searchlexeme"
# The section is a lexeme of the document too («§news»), so a search within a section is
# answered by the GIN index alone (core.search.section_lexeme); see the comment there.
SECTION_MARK = "§"
# Built from constants only; the values are parameters. The vectors are computed in the
# INSERT itself, from the batch's columns (``unnest`` of one array per column): each row is
# written once, with its index entries, instead of inserted and then updated (which wrote
# every GIN entry twice and left a dead copy of each row for VACUUM).
_VECTOR_COLUMNS = f"""
    {_TITLE_VECTOR},
    {_TITLE_VECTOR}
        || setweight(to_tsvector('russian', context_text), 'B')
        || setweight(to_tsvector('simple', context_text), 'B')
        || setweight(to_tsvector('simple', context_keys), 'B')
        || setweight(to_tsvector('russian', body_text), 'D')
        || setweight(to_tsvector('english', body_text), 'D')
        || setweight(to_tsvector('simple', body_text), 'D')
        || array_to_tsvector(ARRAY[%s || section])
"""


def _stored_fields() -> list[models.Field[Any, Any]]:
    """The columns a document is written with: all but the key and the two vectors."""
    return [
        f
        for f in SearchDocument._meta.concrete_fields
        if not f.primary_key and f.name not in {"title_vector", "document"}
    ]


def _insert_sql(fields: list[models.Field[Any, Any]]) -> str:
    columns = [connection.ops.quote_name(f.get_attname_column()[1] or f.name) for f in fields]
    arrays = [f"%s::{f.db_type(connection)}[]" for f in fields]
    return (
        f"INSERT INTO {SearchDocument._meta.db_table} ({', '.join(columns)}, title_vector, "  # noqa: S608
        f"document) SELECT {', '.join(columns)}, {_VECTOR_COLUMNS} "
        f"FROM unnest({', '.join(arrays)}, %s::text[]) AS batch({', '.join(columns)}, "
        "context_keys)"
        # Two saves of one record at the same moment each delete its document (neither sees
        # the other's) and then both insert: the later one takes over the row instead of
        # failing the save on the one-document-per-record constraint.
        " ON CONFLICT ON CONSTRAINT searchdocument_one_per_record DO UPDATE SET "
        + ", ".join(
            f"{column} = EXCLUDED.{column}" for column in [*columns, "title_vector", "document"]
        )
    )


def _write(built: list[_Built]) -> None:
    if not built:
        return
    if connection.vendor != "postgresql":
        SearchDocument.objects.bulk_create([b.document for b in built], batch_size=BATCH_SIZE)
        return
    fields = _stored_fields()
    columns = [
        [f.get_db_prep_save(getattr(b.document, f.attname), connection) for b in built]
        for f in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH written AS ({_insert_sql(fields)} RETURNING document)"  # noqa: S608
            f" INSERT INTO {LEXEME_TABLE} (word)"
            " SELECT DISTINCT unnest(tsvector_to_array(document)) FROM written"
            " ON CONFLICT DO NOTHING",
            [SECTION_MARK, *columns, [b.context_keys for b in built]],
        )


def _build_batch(
    source: SearchSource, records: list[Any], content_type: ContentType
) -> list[_Built]:
    if source.prepare is not None and records:
        source.prepare(records)
    return [build_document(source, record, content_type) for record in records]


def reindex(model: type[models.Model], pks: Iterable[int]) -> None:
    """Rewrite the documents of these records of ``model``: public ones get a fresh document,
    the others (unpublished, archived, deleted) lose theirs."""
    source = _SOURCES.get(model)
    ids = sorted({int(pk) for pk in pks if pk is not None})
    if source is None or not ids:
        return
    content_type = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            SearchDocument.objects.filter(content_type=content_type, object_id__in=chunk).delete()
            _write(_build_batch(source, list(source.records(chunk)), content_type))


def rebuild(*, models_: Iterable[type[models.Model]] | None = None) -> dict[str, int]:
    """Every document from scratch; returns the number written per section.

    A rebuild of everything on PostgreSQL empties the table and drops its GIN indexes while
    it writes, then builds them again in one pass each: adding 460,000 documents (scale 100)
    entry by entry to four GIN indexes was most of the time of a rebuild that did not end
    in 30 minutes. Searches wait for the rebuild's lock until it commits."""
    chosen = [s for s in _SOURCES.values() if models_ is None or s.model in set(models_)]
    counts: dict[str, int] = {}
    with transaction.atomic():
        bulk = models_ is None and connection.vendor == "postgresql"
        if bulk:
            deferred_checks = _check_foreign_keys_now()
            _empty_table()
            indexes = _drop_gin_indexes()
        for source in chosen:
            content_type = ContentType.objects.get_for_model(source.model)
            if not bulk:
                SearchDocument.objects.filter(content_type=content_type).delete()
            batch: list[Any] = []
            for record in source.records(None).iterator(chunk_size=BATCH_SIZE):
                batch.append(record)
                if len(batch) >= BATCH_SIZE:
                    _write(_build_batch(source, batch, content_type))
                    batch = []
            _write(_build_batch(source, batch, content_type))
            counts[source.section] = SearchDocument.objects.filter(section=source.section).count()
        if bulk:
            _create_indexes(indexes)
            _defer_foreign_key_checks(deferred_checks)
    return counts


def _drop_gin_indexes() -> list[str]:
    """Drop the GIN indexes of the documents (migration 0001); returns their definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s",
            [SearchDocument._meta.db_table, "% USING gin %"],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        # For this transaction only: a GIN index is built in memory, then written once.
        cursor.execute("SELECT set_config('maintenance_work_mem', '256MB', true)")
        for definition in definitions:
            cursor.execute(definition)


def _empty_table() -> None:
    # TRUNCATE, not DELETE: a DELETE leaves every old row dead until VACUUM. The words are
    # written again with the documents.
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {connection.ops.quote_name(SearchDocument._meta.db_table)}, {LEXEME_TABLE}"
        )


def _check_foreign_keys_now() -> list[str]:
    """Make the table's deferred foreign-key checks immediate for the rest of the rebuild;
    returns their names. PostgreSQL refuses TRUNCATE and CREATE INDEX on a table with
    checks still pending in the transaction (each written document leaves one until
    commit); immediate checks run as each batch is written instead."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'f' AND condeferrable AND condeferred",
            [SearchDocument._meta.db_table],
        )
        names = [connection.ops.quote_name(name) for (name,) in cursor.fetchall()]
        if names:
            cursor.execute(f"SET CONSTRAINTS {', '.join(names)} IMMEDIATE")
    return names


def _defer_foreign_key_checks(names: list[str]) -> None:
    if names:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {', '.join(names)} DEFERRED")


# --- Signals -------------------------------------------------------------------------------


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the records saves touch and reindex each once at the end of the block
    (services that save many records in a row)."""
    outer = getattr(_state, "pending", None)
    if outer is not None:
        yield
        return
    _state.pending = {}
    try:
        yield
        pending: dict[type[models.Model], set[int]] = _state.pending
    finally:
        _state.pending = None
    for model, pks in pending.items():
        reindex(model, pks)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Ignore saves inside the block: the caller rebuilds the index afterwards (loaders)."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def _touch(affected: Affected) -> None:
    if getattr(_state, "suspended", False):
        return
    pending = getattr(_state, "pending", None)
    for model, pks in affected:
        if model not in _SOURCES:
            continue
        if pending is not None:
            pending.setdefault(model, set()).update(pks)
        else:
            reindex(model, pks)


def _affected_by(instance: models.Model) -> Affected:
    model = type(instance)
    found: list[tuple[type[models.Model], Iterable[int]]] = []
    if model in _SOURCES:
        found.append((model, [instance.pk]))
    for handler in _DEPENDENCIES.get(model, ()):
        found.extend(handler(instance))
    return found


def _on_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # fixtures: rebuilt afterwards
        return
    _touch(_affected_by(instance))


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _touch(_affected_by(instance))


def _on_m2m(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
        return
    for handler in _M2M.get(sender, ()):
        _touch(handler(instance, action, pk_set, reverse))


def _connect(model: type[models.Model]) -> None:
    post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{model._meta}")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta}")


def neutral_path(record: Any) -> str:
    """``record.get_absolute_url()`` without its language prefix."""
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        url: str = record.get_absolute_url()
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return url[len(prefix) - 1 :] if url.startswith(prefix) else url


def names_of(record: Any, field_name: str = "name") -> list[str]:
    """A translated field's text in every language that has it."""
    if record is None:
        return []
    values = [getattr(record, f"{field_name}_{code}", "") or "" for code in content_languages()]
    return [value for value in values if value]


def texts_of(record: Any, field_name: str) -> dict[str, str]:
    return {code: getattr(record, f"{field_name}_{code}", "") or "" for code in content_languages()}
