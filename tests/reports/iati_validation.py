"""Checks an IATI activity file the way the IATI Validator does, offline: the official 2.03
schema, the codelists (through the Standard's mapping.xml) and the Standard ruleset.

The files in iati_standard/ are unchanged copies of IATI-Schemas, IATI-Codelists and
IATI-Rulesets (version-2.03; licences beside them). The ruleset is evaluated by
`ruleset_errors` below, written from rulesets/SPEC.rst: the reference Python implementation
predates the `prefix`/`idCondition` keys that standard.json uses.

`idCondition` (NOT_EXISTING_ORG_ID…) would skip a rule for identifiers already on the IATI
Registry; the Registry cannot be reached offline, so every rule is applied (stricter).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

STANDARD = Path(__file__).parent / "iati_standard"
AGENCIES = Path(__file__).parents[2] / "projects" / "data" / "iati_registration_agencies.txt"


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARD / "iati-activities-schema.xsd")))


def schema_errors(document: bytes) -> list[str]:
    schema = _schema()
    schema.validate(etree.fromstring(document))
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


@cache
def _codelist(name: str) -> frozenset[str]:
    tree = etree.parse(str(STANDARD / "codelists" / f"{name}.xml"))
    return frozenset(tree.xpath("//codelist-item/code/text()"))


def codelist_errors(document: bytes) -> list[str]:
    root = etree.fromstring(document)
    errors = []
    for mapping in etree.parse(str(STANDARD / "codelists" / "mapping.xml")).getroot():
        path = mapping.findtext("path")
        name = mapping.find("codelist").get("ref")
        condition = mapping.findtext("condition")
        if path.endswith("/text()"):
            element_path, attribute = path.removesuffix("/text()"), None
        else:
            element_path, _, attribute = path.rpartition("/@")
        # The mapping's paths start at //iati-activity; the root is iati-activities itself.
        for element in root.getroottree().xpath(element_path):
            if condition and not element.xpath(condition):
                continue
            value = element.text if attribute is None else element.get(attribute)
            if value is not None and value not in _codelist(name):
                errors.append(f"{path}={value!r} is not in the {name} codelist")
    return errors


@cache
def _agency_prefixes() -> tuple[str, ...]:
    lines = AGENCIES.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


def _texts(element: Any, paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        for match in element.xpath(path):
            found.append(match if isinstance(match, str) else (match.text or ""))
    return found


def _date(element: Any, path: str) -> dt.date | None:
    if path in {"NOW", "TODAY"}:
        return dt.date.today()
    matches = element.xpath(path)
    if not matches:
        return None
    text = matches[0] if isinstance(matches[0], str) else matches[0].text
    return dt.date.fromisoformat(text[:10]) if text else None


def _decimal_sum(values: list[str]) -> Decimal | None:
    try:
        return sum((Decimal(value) for value in values), Decimal(0))
    except InvalidOperation:
        return None


def _within_a_year(start: dt.date, end: dt.date) -> bool:
    try:
        limit = start.replace(year=start.year + 1)
    except ValueError:
        limit = start.replace(year=start.year + 1, day=28)
    return end <= limit


def _check(rule: str, element: Any, case: dict[str, Any]) -> bool | None:
    if "condition" in case and not element.xpath(case["condition"]):
        return None
    paths = case.get("paths", [])
    if rule == "atleast_one":
        return bool(_texts(element, paths))
    if rule == "no_more_than_one":
        return len(_texts(element, paths)) <= 1
    if rule == "unique":
        texts = _texts(element, paths)
        return len(texts) == len(set(texts))
    if rule == "no_spaces":
        return all(text == text.strip() for text in _texts(element, paths))
    if rule == "regex_matches":
        return all(re.search(case["regex"], text) for text in _texts(element, paths))
    if rule == "regex_no_matches":
        return not any(re.search(case["regex"], text) for text in _texts(element, paths))
    if rule == "startswith":
        prefixes = (
            list(_agency_prefixes())
            if case["prefix"] == ["ORG-ID-PREFIX"]
            else _texts(element, case["prefix"])
        )
        separator = case.get("separator", "")
        return all(
            any(text.startswith(prefix + separator) for prefix in prefixes)
            for text in _texts(element, paths)
        )
    if rule in {"strict_sum", "sum"}:
        texts = _texts(element, paths)
        if rule == "sum" and not texts:
            return True
        return _decimal_sum(texts) == Decimal(str(case["sum"]))
    if rule == "range":
        low, high = (
            Decimal(str(case.get("min", "-Infinity"))),
            Decimal(str(case.get("max", "Infinity"))),
        )
        return all(low <= Decimal(text) <= high for text in _texts(element, paths))
    if rule == "if_then":
        return bool(element.xpath(case["then"])) if element.xpath(case["if"]) else True
    if rule == "one_or_all":
        if element.xpath(case["one"]):
            return True
        wanted = {
            "lang": ("descendant::narrative", "@xml:lang"),
            "sector": ("transaction", "sector"),
        }
        if case["all"] == "currency":
            return all(
                node.get("currency")
                for name in ("value", "forecast", "loan-status")
                for node in element.xpath(f"descendant::{name}")
            )
        children, required = wanted[case["all"]]
        return all(child.xpath(required) for child in element.xpath(children))
    if rule == "date_order":
        less, more = _date(element, case["less"]), _date(element, case["more"])
        return None if less is None or more is None else less <= more
    if rule == "date_now":
        stamp = element.xpath(case["date"])
        return None if not stamp else dt.date.fromisoformat(stamp[0][:10]) <= dt.date.today()
    if rule == "time_limit":
        start, end = _date(element, case["start"]), _date(element, case["end"])
        return None if start is None or end is None else _within_a_year(start, end)
    if rule == "between_dates":
        day = _date(element, case["date"])
        start, end = _date(element, case["start"]), _date(element, case["end"])
        return None if day is None or start is None or end is None else start <= day <= end
    raise AssertionError(f"rule {rule} is not implemented")


def _substitute(value: Any, text: str) -> Any:
    if isinstance(value, list):
        return [part.replace("$1", text) for part in value]
    return value.replace("$1", text) if isinstance(value, str) else value


def _cases(rule: str, spec: dict[str, Any], element: Any) -> list[tuple[str, dict[str, Any]]]:
    if rule != "loop":
        return [(rule, case) for case in spec["cases"]]
    expanded = []
    for loop in spec.get("cases", [spec]):
        for value in set(element.xpath(loop["foreach"])):
            for inner_rule, inner in loop["do"].items():
                for case in inner["cases"]:
                    substituted = {
                        key: _substitute(case[key], value) if key in loop["subs"] else case[key]
                        for key in case
                    }
                    expanded.append((inner_rule, substituted))
    return expanded


def ruleset_errors(document: bytes, *, severities: tuple[str, ...] = ("error",)) -> list[str]:
    ruleset = json.loads((STANDARD / "rulesets" / "standard.json").read_text(encoding="utf-8"))
    tree = etree.fromstring(document).getroottree()
    errors = []
    for context, rules in ruleset.items():
        for element in tree.xpath(context):
            for rule, spec in rules.items():
                for name, case in _cases(rule, spec, element):
                    info = case.get("ruleInfo", {})
                    if info.get("severity") not in severities:
                        continue
                    if _check(name, element, case) is False:
                        errors.append(f"{info.get('id')} {info.get('message')} ({context})")
    return errors


def all_errors(document: bytes) -> list[str]:
    return schema_errors(document) + codelist_errors(document) + ruleset_errors(document)
