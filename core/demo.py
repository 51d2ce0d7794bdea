"""Demo records read from JSON data files and written into whichever app holds each model.

A data folder holds ``manifest.json`` and one file per source document. Every record names its
model by label (``"projects.Organisation"``), the natural key it is found by, its field values,
its many-to-many sets, links set once every record exists (a working group's chair is one of
its members) and its provenance: the source document, the section it comes from, whether it is
illustrative, and a note. References to other records are natural keys too
(``{"slug": "unodc"}``), resolved through ``apps.get_model``, so this module imports no domain
app and the data files stay the single place the demo's facts are written.

Writing is keyed on those natural keys and saves only what changed, so a second run leaves
every row (and its history) as it was. A key may use a lookup (``source_note__startswith``)
where a model has no natural key of its own; only plain field names are set on creation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models

MANIFEST = "manifest.json"
PROVENANCE_KEYS = frozenset({"document", "section", "illustrative", "note"})


@dataclass(frozen=True)
class Provenance:
    document: str | None
    section: str | None
    illustrative: bool
    note: str


@dataclass(frozen=True)
class DemoRecord:
    model: str
    key: dict[str, Any]
    fields: dict[str, Any]
    m2m: dict[str, list[dict[str, Any]]]
    links: dict[str, dict[str, Any]]
    provenance: Provenance
    file: str


@dataclass(frozen=True)
class DemoManifest:
    """Load order (references point back up the list), label aliases and the documents."""

    order: tuple[str, ...]
    aliases: dict[str, str]
    documents: dict[str, str]


@dataclass
class _Resolver:
    """Natural keys → instances, remembered for one load (the demo refers to few records)."""

    manifest: DemoManifest
    found: dict[tuple[str, str], models.Model] = field(default_factory=dict)

    def model(self, label: str) -> type[models.Model]:
        return demo_model(label, aliases=self.manifest.aliases)

    def instance(self, model: type[models.Model], key: dict[str, Any]) -> models.Model:
        cache_key = (model._meta.label, json.dumps(key, sort_keys=True))
        if cache_key not in self.found:
            self.found[cache_key] = model._default_manager.get(**self.lookup(model, key))
        return self.found[cache_key]

    def lookup(self, model: type[models.Model], key: dict[str, Any]) -> dict[str, Any]:
        """Filter arguments for a natural key; nested keys name related records."""
        return {
            name: value if "__" in name else self.value(model, name, value)
            for name, value in key.items()
        }

    def value(self, model: type[models.Model], name: str, raw: Any) -> Any:
        model_field = model._meta.get_field(name)
        if not isinstance(model_field, models.Field):
            raise ValueError(f"{model._meta.label}.{name} is not a field a record can set")
        if model_field.is_relation:
            return None if raw is None else self.instance(_related(model, name), raw)
        return model_field.to_python(raw)


def _related(model: type[models.Model], name: str) -> type[models.Model]:
    """The model a relation field points at ("self" already resolved by Django)."""
    related = model._meta.get_field(name).related_model
    if not isinstance(related, type):
        raise ValueError(f"{model._meta.label}.{name} is not a relation to a model")
    return related


def demo_model(label: str, *, aliases: dict[str, str]) -> type[models.Model]:
    """The model a label names; an alias covers a model that has not moved to its app yet."""
    try:
        return apps.get_model(label)
    except LookupError:
        if label not in aliases:
            raise
        return apps.get_model(aliases[label])


def demo_manifest_read(directory: Path) -> DemoManifest:
    raw = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return DemoManifest(
        order=tuple(raw["order"]), aliases=dict(raw["aliases"]), documents=dict(raw["documents"])
    )


def _provenance(raw: dict[str, Any], *, where: str, manifest: DemoManifest) -> Provenance:
    if set(raw) != PROVENANCE_KEYS:
        raise ValueError(f"{where}: provenance needs exactly {sorted(PROVENANCE_KEYS)}")
    provenance = Provenance(**raw)
    if provenance.document is not None and provenance.document not in manifest.documents:
        raise ValueError(f"{where}: unknown source document {provenance.document!r}")
    if provenance.document is not None and not provenance.section:
        raise ValueError(f"{where}: a record from a document names its section")
    if not isinstance(provenance.illustrative, bool) or not provenance.note:
        raise ValueError(f"{where}: provenance needs an illustrative flag and a note")
    return provenance


def demo_records_read(directory: Path, *, manifest: DemoManifest) -> list[DemoRecord]:
    """Every record of every data file in the folder, checked, in load order."""
    records = []
    for path in sorted(directory.glob("*.json")):
        if path.name == MANIFEST:
            continue
        for number, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))["records"]):
            where = f"{path.name} record {number}"
            if raw["model"] not in manifest.order:
                raise ValueError(f"{where}: {raw['model']} is not in the manifest's order")
            records.append(
                DemoRecord(
                    model=raw["model"],
                    key=raw["key"],
                    fields=raw.get("fields", {}),
                    m2m=raw.get("m2m", {}),
                    links=raw.get("links", {}),
                    provenance=_provenance(raw["provenance"], where=where, manifest=manifest),
                    file=path.name,
                )
            )
    return sorted(records, key=lambda record: manifest.order.index(record.model))


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> models.Model:
    """Find by natural key, create or update with full_clean; write only on change."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        plain = {name: value for name, value in lookup.items() if "__" not in name}
        instance = model(**{**plain, **values})
        _save(instance)
    elif any(getattr(instance, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(instance, name, value)
        _save(instance)
    return instance


def _record_load(record: DemoRecord, resolver: _Resolver) -> models.Model:
    model = resolver.model(record.model)
    values = {name: resolver.value(model, name, raw) for name, raw in record.fields.items()}
    instance = _upsert(model, resolver.lookup(model, record.key), values)
    for name, keys in record.m2m.items():
        related = _related(model, name)
        getattr(instance, name).set([resolver.instance(related, key) for key in keys])
    return instance


def demo_records_load(records: list[DemoRecord], *, manifest: DemoManifest) -> dict[str, int]:
    """Write the records in order, then their links; returns how many records per model."""
    resolver = _Resolver(manifest)
    counts: dict[str, int] = {}
    linked: list[tuple[DemoRecord, models.Model]] = []
    for record in records:
        instance = _record_load(record, resolver)
        counts[record.model] = counts.get(record.model, 0) + 1
        if record.links:
            linked.append((record, instance))
    for record, instance in linked:
        model = type(instance)
        values = {name: resolver.value(model, name, key) for name, key in record.links.items()}
        if any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            _save(instance)
    return counts
