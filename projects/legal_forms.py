"""How grantee lists spell legal forms: full names in English, Russian, Kyrgyz and Tajik
and their abbreviations (ОФ, ОО, ОЮЛ, ОсОО, АӨ, джамоат…), read from
projects/data/legal_forms.json so programme staff can add a spelling without touching code."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from core.spreadsheets.columns import normalise_header
from projects.models import GranteeType, LegalForm, OrganisationKind

DATA_FILE = Path(__file__).resolve().parent / "data" / "legal_forms.json"
_QUOTES = re.compile(r"[«»\"“”„‟‘’‚‛`']")


def normalise_legal_form(text: object) -> str:
    """Lower-cased, quotes and trailing dots removed, ё as е: «О.Ф.», "ОФ", оф match."""
    value = _QUOTES.sub("", normalise_header(text)).strip().rstrip(".").strip()
    # "О.Ф." and "Ос.О.О." are written with dots between letters.
    if re.fullmatch(r"(?:\w\.)+\w?", value):
        value = value.replace(".", "")
    return value


@cache
def _data() -> dict[str, dict[str, Any]]:
    with DATA_FILE.open(encoding="utf-8") as stream:
        forms: dict[str, dict[str, Any]] = json.load(stream)["forms"]
    unknown = set(forms) - set(LegalForm.values)
    if unknown:
        raise ValueError(f"{DATA_FILE.name}: unknown legal forms {sorted(unknown)}")
    return forms


@cache
def legal_form_table() -> dict[str, str]:
    """Every spelling (normalised) → legal form code; codes and the translated labels
    are added by the importer's choice_lookup."""
    table: dict[str, str] = {}
    for code, entry in _data().items():
        spellings = [code, code.replace("_", " "), *entry.get("abbreviations", [])]
        for names in entry.get("names", {}).values():
            spellings.extend(names)
        for spelling in spellings:
            key = normalise_legal_form(spelling)
            if key and table.setdefault(key, code) != code:
                raise ValueError(
                    f"{DATA_FILE.name}: {spelling!r} is listed under both {table[key]} and {code}"
                )
    return table


def abbreviations(code: str) -> list[str]:
    return list(_data().get(code, {}).get("abbreviations", []))


def organisation_kind(code: str) -> str:
    """The organisation type a new organisation of this legal form gets."""
    return str(_data().get(code, {}).get("kind") or OrganisationKind.OTHER)


def grantee_type(code: str) -> str:
    if organisation_kind(code) == OrganisationKind.LOCAL_GOVERNMENT:
        return GranteeType.LOCAL_GOVERNMENT
    return GranteeType.CIVIL_SOCIETY


@cache
def _name_pattern() -> re.Pattern[str]:
    # Longest first, so «Общественный фонд» wins over «Фонд».
    spellings = sorted(legal_form_table(), key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in spellings)
    return re.compile(rf"^(?:{alternatives})(?=[\s«\"“'(]|$)|(?<=\s)(?:{alternatives})$")


def legal_form_in_name(name: object) -> str:
    """The legal form written into an organisation's name («ОФ "Ыйман"», "Yiman Public
    Foundation", «Айыл өкмөтү Кулунду»), or "" when the name carries none."""
    text = _QUOTES.sub(" ", normalise_header(name))
    text = re.sub(r"\s+", " ", text).strip(" .,")
    match = _name_pattern().search(text)
    return legal_form_table()[match.group(0)] if match else ""


@cache
def legal_form_lookup() -> dict[str, str]:
    """``legal_form_table()`` plus each form's label in every interface language, so a
    cell may also say «Общественный фонд» as our own template's drop-down writes it."""
    table = dict(legal_form_table())
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in LegalForm.choices:
                table.setdefault(normalise_legal_form(str(label)), code)
    return table


def choices_label() -> str:
    """«Public foundation (ОФ, КФ, PF, ФҶ); Public association (ОО, …); …» in the active
    language: what an unknown value's message lists as allowed."""
    parts = []
    for code, label in LegalForm.choices:
        short = abbreviations(code)
        parts.append(f"{label} ({', '.join(short)})" if short else str(label))
    return "; ".join(parts)
