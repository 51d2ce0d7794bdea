"""The import machinery every spreadsheet resource shares (grants, organisations,
communities), built on django-import-export's ModelResource hooks.

What it adds to the library:
- the header row is matched to the template (English/Russian, any case, ``[ru]``
  suffixes); unsuffixed text columns fill the language chosen on the import form;
- each row is parsed once by the subclass's ``parse_row`` into values plus messages of the
  form "Row 7, Region: …" (the row number the user sees in the sheet);
- existing records are found through an in-memory key map built with a few queries, so
  the query count does not grow with the rows;
- a row whose values equal the stored record is reported "unchanged" (skip);
- nothing is written during the preview; at confirmation rows are written in bulk, in
  chunks of ``Meta.batch_size`` inside the import's one transaction (so only one chunk of
  instances is held at a time), with history records and, from the admin, the admin log;
  once a row has an error nothing more is written, and the transaction rolls back all;
- export writes the same template; the file formats make formula-like text safe
  (core/spreadsheets/formats.py);
- the downloadable template is a named sheet with header comments and drop-down lists
  of allowed values in the user's language (core/spreadsheets/writer.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import tablib
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import resources
from import_export.results import Result, RowResult

from core.bulk import copy_insert
from core.cache import invalidate_all
from core.spreadsheets.columns import (
    ROW_NUMBER_COLUMN,
    CellError,
    Column,
    HeaderError,
    HeaderMap,
    Source,
    clean_text,
    map_headers,
)
from core.spreadsheets.writer import TemplateColumn, sheet_name, write_workbook


def blank_instance_factory(model: type[models.Model]) -> Any:
    """A fast constructor for unsaved instances. modeltranslation makes Model.__init__
    cost ~2 ms (a default per language field); at 10,000 rows that alone would be 20 s,
    so the defaults are computed once and copied."""
    from django.db.models.base import ModelState

    template = {k: v for k, v in model().__dict__.items() if k != "_state"}

    def new(**values: Any) -> models.Model:
        instance = model.__new__(model)
        instance.__dict__.update(template)
        instance._state = ModelState()
        for name, value in values.items():
            setattr(instance, name, value)
        return instance

    return new


def bulk_history(
    model: type[models.Model],
    instances: Sequence[models.Model],
    *,
    update: bool = False,
    user: Any = None,
    reason: str = "",
    date: Any = None,
) -> list[models.Model]:
    """simple-history's ``bulk_history_create`` without its per-row ``Model.__init__``
    (the historical model's constructor dominated the write: ~1 ms a row)."""
    historical = model.history.model  # type: ignore[attr-defined]  # the history manager simple-history adds at run time
    if not instances or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    new = blank_instance_factory(historical)
    names = [f.attname for f in historical.tracked_fields]
    common = {
        "history_date": date or timezone.now(),
        "history_user_id": getattr(user, "pk", None),
        "history_change_reason": reason,
        "history_type": "~" if update else "+",
    }
    related = hasattr(historical, "history_relation")
    rows = []
    for instance in instances:
        row = new(**common)
        values = row.__dict__
        for name in names:
            values[name] = getattr(instance, name)
        if related:
            values["history_relation_id"] = instance.pk
        rows.append(row)
    return list(copy_insert(historical, rows))


# The preview lists this many rows; only these get a description (``str(instance)``,
# which costs a translated-field lookup per row; the admin log describes every row itself).
DESCRIBED_ROWS = 100


class ImportResult(Result):
    """import-export's result, carrying the rows a passing preview read, so the admin can
    keep them for the confirmation (core/spreadsheets/stored.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dataset: tablib.Dataset | None = None


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    key: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


class RowContext:
    """Reads one row's cells by column key and collects well-formed messages."""

    def __init__(self, resource: SpreadsheetResource, row: dict[str, Any]) -> None:
        self.resource = resource
        self.row = row
        self.parsed = ParsedRow(number=int(row.get(ROW_NUMBER_COLUMN) or 0))

    def has(self, key: str) -> bool:
        return self.resource.header_map.has(key)

    def sources(self, key: str) -> list[Source]:
        return self.resource.header_map.columns.get(key, [])

    def raw(self, key: str) -> Any:
        sources = self.sources(key)
        return self.row.get(sources[0].header) if sources else None

    def label(self, key: str) -> str:
        sources = self.sources(key)
        if sources:
            return self.resource.header_map.labels[sources[0].header]
        return self.resource.column(key).header(translation.get_language() or "en")

    def error(self, key: str, message: str) -> None:
        self.parsed.errors.append(
            _("Row %(row)s, %(column)s: %(problem)s")
            % {"row": self.parsed.number, "column": self.label(key), "problem": message}
        )

    def clean(self, key: str, cleaner: Any, *args: Any) -> Any:
        """Run a cleaner on the column's cell; on failure note the error and return None."""
        try:
            return cleaner(self.raw(key), *args)
        except CellError as exc:
            self.error(key, str(exc))
            return None

    def texts(self, key: str) -> dict[str, str]:
        """The column's text per language: suffixed columns fill their language, the
        unsuffixed one the language chosen on the form."""
        values: dict[str, str] = {}
        for source in self.sources(key):
            language = source.language or self.resource.language
            values[language] = clean_text(self.row.get(source.header))
        return values


class SpreadsheetResource(resources.ModelResource):
    #: The template's columns, in order.
    columns: ClassVar[Sequence[Column]] = ()
    #: Fields written by bulk_update (the subclass's editable fields).
    update_fields: ClassVar[Sequence[str]] = ()
    #: Concrete fields compared to decide "unchanged".
    compared_fields: ClassVar[Sequence[str]] = ()

    class Meta:
        use_bulk = True
        # import-export hands over the pending rows every this many; they are written then
        # and let go, so a 20,000-row file never holds 20,000 instances with their history.
        batch_size = 1000
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language or (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        if self.language not in dict(settings.LANGUAGES):
            self.language = settings.LANGUAGE_CODE
        self.header_map = HeaderMap()
        self.parsed: ParsedRow | None = None
        self.seen_keys: dict[Any, int] = {}
        self.snapshots: dict[int, tuple[Any, ...]] = {}
        self.user: Any = None
        self.file_name = ""
        self.dry_run = True
        self.admin_log = False
        self.rows_described = 0
        self.rows_written = 0
        self.row_result_class = self._described_row_result_class()

    @classmethod
    def column(cls, key: str) -> Column:
        return next(c for c in cls.columns if c.key == key)

    # --- hooks for subclasses ------------------------------------------------------------

    def load_caches(self, dataset: tablib.Dataset) -> None:
        """Load everything rows will be matched against, in a few queries."""

    def parse_row(self, ctx: RowContext) -> None:
        raise NotImplementedError

    def existing_instance(self, key: Any) -> models.Model | None:
        raise NotImplementedError

    def new_instance(self, parsed: ParsedRow) -> models.Model:
        return self._meta.model()

    def apply(self, instance: models.Model, parsed: ParsedRow) -> None:
        for name, value in parsed.values.items():
            setattr(instance, name, value)

    def snapshot(self, instance: models.Model) -> tuple[Any, ...]:
        # Translated text columns may hold NULL or "" for "no text"; both mean the same.
        return tuple(
            "" if (value := getattr(instance, name)) is None else value
            for name in self.compared_fields
        )

    def save_related(self, created: list[models.Model], updated: list[models.Model]) -> None:
        """Write what depends on the saved rows (e.g. many-to-many links)."""

    def export_row(self, instance: models.Model) -> list[Any]:
        raise NotImplementedError

    def export_headers(self, language: str) -> list[str]:
        raise NotImplementedError

    # --- import_export hooks -------------------------------------------------------------

    def import_data(self, dataset: tablib.Dataset, dry_run: bool = False, **kwargs: Any) -> Result:
        # One bad row must leave nothing behind, through the admin or the API alike.
        kwargs.setdefault("rollback_on_validation_errors", True)
        kwargs.setdefault("raise_errors", False)
        # The admin keeps every instance on its row result only to write the admin log
        # afterwards; write() logs each chunk instead, so rows need not outlive their chunk.
        # (import-export stores the flag on the shared Meta, so it is reset every time.)
        kwargs.pop("retain_instance_in_row_result", None)
        self._meta.store_instance = False
        self.rows_written = 0
        result = super().import_data(dataset, dry_run=dry_run, **kwargs)
        passed = not (result.has_errors() or result.has_validation_errors())
        if dry_run and passed and isinstance(result, ImportResult):
            result.dataset = dataset
        if self.rows_written and passed:
            # COPY and bulk writes send no signals: retire the public pages once (again at
            # commit when inside a transaction, core.cache.invalidate).
            invalidate_all()
        return result

    def get_result_class(self) -> type[ImportResult]:
        return ImportResult

    def get_row_result_class(self) -> type[RowResult]:
        return self.row_result_class

    def _described_row_result_class(self) -> type[RowResult]:
        """A RowResult that describes only the first DESCRIBED_ROWS valid rows (made once
        per resource: import-export asks for the class on every row)."""
        resource = self

        class DescribedRowResult(RowResult):
            def add_instance_info(self, instance: Any) -> None:
                # Called for valid rows only (a bad row raises before), in order.
                resource.rows_described += 1
                if resource.rows_described <= DESCRIBED_ROWS:
                    super().add_instance_info(instance)
                else:
                    self.object_id = getattr(instance, "pk", None)

        return DescribedRowResult

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        self.user = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""
        self.dry_run = bool(kwargs.get("dry_run"))
        self.admin_log = bool(kwargs.get("admin_log"))
        self.rows_described = 0
        self.seen_keys = {}
        self.snapshots = {}
        if ROW_NUMBER_COLUMN not in (dataset.headers or []):
            # A dataset built in code (the resource API) rather than read from a file:
            # number rows as they would be in a sheet with a header row.
            dataset.append_col(list(range(2, len(dataset) + 2)), header=ROW_NUMBER_COLUMN)
        try:
            self.header_map = map_headers(
                dataset.headers or [], self.columns, ignore=(ROW_NUMBER_COLUMN,)
            )
        except HeaderError:
            dataset.wipe()
            raise
        self.load_caches(dataset)

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
        ctx = RowContext(self, row)
        self.parse_row(ctx)
        parsed = ctx.parsed
        if parsed.key is not None:
            first = self.seen_keys.get(parsed.key)
            if first is not None:
                parsed.errors.append(
                    _("Row %(row)s: the same record is already in row %(first)s.")
                    % {"row": parsed.number, "first": first}
                )
            else:
                self.seen_keys[parsed.key] = parsed.number
        self.parsed = parsed

    def get_or_init_instance(self, instance_loader: Any, row: dict[str, Any]) -> tuple[Any, bool]:
        parsed = self.parsed
        assert parsed is not None
        instance = self.existing_instance(parsed.key) if parsed.key is not None else None
        if instance is not None:
            self.snapshots[id(instance)] = self.snapshot(instance)
            return instance, False
        return self.new_instance(parsed), True

    def import_instance(self, instance: models.Model, row: dict[str, Any], **kwargs: Any) -> None:
        parsed = self.parsed
        assert parsed is not None
        if parsed.errors:
            raise ValidationError(parsed.errors)
        self.apply(instance, parsed)

    def skip_row(
        self, instance: Any, original: Any, row: Any, import_validation_errors: Any = None
    ) -> bool:
        if import_validation_errors or instance.pk is None:
            return False
        before = self.snapshots.get(id(instance))
        return before is not None and before == self.snapshot(instance)

    def save_m2m(self, instance: Any, row: Any, **kwargs: Any) -> None:
        # Links are written in bulk with the rows, in save_related().
        return None

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
        created = list(self.create_instances)
        self.create_instances.clear()
        self._write_chunk(created, [], dry_run=dry_run, raise_errors=raise_errors, result=result)

    def bulk_delete(self, *args: Any, **kwargs: Any) -> None:
        self.delete_instances.clear()

    def bulk_update(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
        updated = list(self.update_instances)
        self.update_instances.clear()
        self._write_chunk([], updated, dry_run=dry_run, raise_errors=raise_errors, result=result)

    def _write_chunk(
        self,
        created: list[models.Model],
        updated: list[models.Model],
        *,
        dry_run: bool,
        raise_errors: bool,
        result: Result | None,
    ) -> None:
        # After the first bad row nothing more is written: the import's transaction will
        # be rolled back (import_data), so writing would only cost time.
        failed = result is not None and (result.has_errors() or result.has_validation_errors())
        if dry_run or failed or not (created or updated):
            return
        try:
            self.write(created, updated)
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)

    def write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        model = self._meta.model
        reason = _("Imported from %(file)s") % {"file": self.file_name or "spreadsheet"}
        user = self.user if getattr(self.user, "pk", None) else None
        now = timezone.now()
        self.before_write(created, updated)
        copy_insert(model, created)
        self.rows_written += len(created) + len(updated)
        if updated:
            for instance in updated:
                if hasattr(instance, "updated_at"):
                    instance.updated_at = now
            fields = list(self.update_fields)
            if any(hasattr(i, "updated_at") for i in updated[:1]):
                fields.append("updated_at")
            model.objects.bulk_update(updated, fields)
        self.save_related(created, updated)
        created_history = bulk_history(model, created, user=user, reason=reason, date=now)
        updated_history = bulk_history(
            model, updated, update=True, user=user, reason=reason, date=now
        )
        self.after_history(
            list(zip(created, created_history or [], strict=False))
            + list(zip(updated, updated_history or [], strict=False))
        )
        if self.admin_log and user is not None:
            self.log_actions(user, created, ADDITION, RowResult.IMPORT_TYPE_NEW, now)
            self.log_actions(user, updated, CHANGE, RowResult.IMPORT_TYPE_UPDATE, now)

    def log_actions(
        self,
        user: Any,
        instances: list[models.Model],
        action_flag: int,
        import_type: str,
        now: Any,
    ) -> None:
        """The admin log entries import-export's admin would write after the import
        (``LogEntry.objects.log_actions``, with its wording), written here per chunk (see
        import_data)."""
        if not instances:
            return
        content_type = ContentType.objects.get_for_model(self._meta.model, for_concrete_model=False)
        # import-export's own message, word for word.
        message = _(f"{import_type} through import_export")
        new = blank_instance_factory(LogEntry)
        copy_insert(
            LogEntry,
            [
                new(
                    action_time=now,
                    user_id=user.pk,
                    content_type_id=content_type.pk,
                    object_id=str(instance.pk),
                    object_repr=str(instance)[:200],
                    action_flag=action_flag,
                    change_message=message,
                )
                for instance in instances
            ],
        )

    def before_write(self, created: list[models.Model], updated: list[models.Model]) -> None:
        """Create what the rows point to (e.g. new organisations) before they are saved."""

    def after_history(self, pairs: list[tuple[models.Model, models.Model]]) -> None:
        """Add many-to-many history rows for the historical records just written."""

    # --- export --------------------------------------------------------------------------

    def export(self, queryset: Any = None, **kwargs: Any) -> tablib.Dataset:
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        if queryset is None:
            queryset = self.get_queryset()
        dataset = tablib.Dataset(headers=self.export_headers(language), title=self.sheet_title())
        for instance in (
            queryset.iterator(chunk_size=2000)
            if not getattr(queryset, "_prefetch_related_lookups", ())
            else queryset
        ):
            # Raw values: the CSV and XLSX formats each make formula-like text safe in
            # their own way (an apostrophe in CSV, a string-typed cell in XLSX).
            dataset.append(self.export_row(instance))
        return dataset

    def get_user_visible_fields(self) -> list[Any]:
        # The export page lists these as "the following fields will be exported": the
        # template's real columns, not the single model field import-export keys on.
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        return [_ExportColumn(header) for header in self.export_headers(language)]

    def template_dataset(self, language: str, example: list[Any]) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=self.export_headers(language), title=self.sheet_title())
        dataset.append(example)
        return dataset

    # --- the downloadable template -------------------------------------------------------

    def sheet_title(self) -> str:
        """The sheet's name: the records it holds, in the active language."""
        return sheet_name(capfirst(str(self._meta.model._meta.verbose_name_plural)))

    def column_choices(self, key: str) -> list[str]:
        """Allowed values of a column with a fixed set, in the active language, for the
        template's drop-down list; empty for free text."""
        return []

    def column_choices_strict(self, key: str) -> bool:
        """Whether a value outside the drop-down list is refused by the spreadsheet
        (otherwise it only warns, for columns that also take abbreviations)."""
        return True

    def template_columns(self, language: str) -> list[TemplateColumn]:
        columns = []
        for header in self.export_headers(language):
            column = next(
                (
                    c
                    for c in self.columns
                    if header == c.header(language) or header.startswith(c.header(language) + " [")
                ),
                None,
            )
            if column is None:
                columns.append(TemplateColumn(header=header))
                continue
            notes = [_("Required.") if column.required else _("Optional.")]
            if column.note:
                notes.append(str(column.note))
            choices = self.column_choices(column.key)
            if choices:
                notes.append(_("Pick a value from the list."))
            columns.append(
                TemplateColumn(
                    header=header,
                    note=" ".join(notes),
                    choices=choices,
                    choices_strict=self.column_choices_strict(column.key),
                )
            )
        return columns

    def template_workbook(self, language: str) -> bytes:
        """The import template: the header row, one example row, comments and
        drop-down lists, in ``language``."""
        with translation.override(language):
            return write_workbook(
                title=self.sheet_title(),
                headers=self.export_headers(language),
                rows=[self.example_row()],
                columns=self.template_columns(language),
                lists_title=_("Allowed values"),
                validation_rows=settings.IMPORT_MAX_ROWS,
            )

    def example_row(self) -> list[Any]:
        raise NotImplementedError


@dataclass
class _ExportColumn:
    """Stands in for an import-export Field on the export page's list of fields."""

    column_name: str

    @property
    def attribute(self) -> str:
        return self.column_name

    def __str__(self) -> str:
        return self.column_name


def translated_headers(column: Column, language: str) -> list[str]:
    """``Title [en]``, ``Title [ru]``… so an export re-imports each language exactly."""
    return [f"{column.header(language)} [{code}]" for code, _name in settings.LANGUAGES]


def summary_counts(result: Result) -> dict[str, int]:
    totals = result.totals
    return {
        "new": totals.get("new", 0),
        "updated": totals.get("update", 0),
        "unchanged": totals.get("skip", 0),
        "errors": len(result.invalid_rows) + len(result.row_errors()),
    }
