"""Column rules shared by every spreadsheet import (grants, organisations, communities):
bilingual headers with optional language suffixes, and the cleaners that turn what people
type into amounts, currencies, dates and names. Each cleaner raises ``CellError`` with a
message in the active (admin's) language; the resource adds the row and column."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from core.choices import Currency

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from core.exports import FORMULA_TRIGGERS

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
ROW_NUMBER_COLUMN = "__row__"


class CellError(ValueError):
    """A value that cannot be used; the message says why, for the person who typed it."""


class HeaderError(ValueError):
    """The header row is unusable (missing, unknown or repeated columns)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Column:
    key: str
    english: str
    russian: str
    translated: bool = False
    required: bool = False
    # Extra spellings people use for the header (normalised on comparison).
    aliases: tuple[str, ...] = ()
    # What the column takes, shown as the header's comment in the downloadable template.
    note: Any = ""

    def header(self, language: str) -> str:
        return self.russian if language in ("ru", "ky", "tg") else self.english

    @property
    def spellings(self) -> set[str]:
        return {normalise_header(s) for s in (self.english, self.russian, *self.aliases)}


@dataclass
class Source:
    """Where a column's values come from in this file."""

    header: str
    language: str | None  # None: the language chosen on the import form


@dataclass
class HeaderMap:
    columns: dict[str, list[Source]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # header -> label for messages

    def has(self, key: str) -> bool:
        return key in self.columns


_SPACES = re.compile(r"\s+")
_SUFFIX = re.compile(r"^(?P<base>.*?)\s*[\[(]\s*(?P<lang>[a-zA-Z]{2})\s*[\])]\s*$")


def normalise_header(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text or "")).replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", value).strip().casefold()


def map_headers(
    headers: Sequence[object], columns: Sequence[Column], *, ignore: Iterable[str] = ()
) -> HeaderMap:
    """Match a header row to the template's columns, whatever the case and spacing, in
    English or Russian, with an optional ``[ru]``-style language suffix on text columns."""
    by_spelling = {spelling: column for column in columns for spelling in column.spellings}
    ignored = set(ignore)
    result = HeaderMap()
    unknown: list[str] = []
    messages: list[str] = []
    seen: dict[tuple[str, str | None], str] = {}
    for raw in headers:
        if raw is None or str(raw) in ignored or str(raw).startswith("__blank_"):
            continue
        if not str(raw).strip():
            continue
        header = str(raw)
        name, language = normalise_header(header), None
        column = by_spelling.get(name)
        if column is None:
            match = _SUFFIX.match(name)
            if match and match["lang"].lower() in LANGUAGES:
                column = by_spelling.get(match["base"].strip())
                language = match["lang"].lower()
                if column is not None and not column.translated:
                    messages.append(
                        _(
                            "Column «%(header)s»: %(column)s has one value for every language; "
                            "remove the language suffix."
                        )
                        % {"header": header.strip(), "column": column.english}
                    )
                    continue
        if column is None:
            unknown.append(header.strip())
            continue
        if (column.key, language) in seen:
            messages.append(
                _("Columns «%(first)s» and «%(second)s» fill the same field; keep one.")
                % {"first": seen[(column.key, language)], "second": header.strip()}
            )
            continue
        seen[(column.key, language)] = header.strip()
        result.columns.setdefault(column.key, []).append(Source(header, language))
        result.labels[header] = header.strip()
    if unknown:
        messages.append(
            _("Unknown columns: %(unknown)s. The template's columns are: %(known)s.")
            % {
                "unknown": ", ".join(f"«{u}»" for u in unknown),
                "known": ", ".join(c.english for c in columns),
            }
        )
    missing = [c for c in columns if c.required and c.key not in result.columns]
    if missing:
        messages.append(
            _("Missing required columns: %(missing)s.")
            % {"missing": ", ".join(f"{c.english} / {c.russian}" for c in missing)}
        )
    if messages:
        raise HeaderError(messages)
    return result


# --- Cell cleaners ---------------------------------------------------------------------


def clean_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Our own exports prefix formula-like text with an apostrophe; take it off again so
    # an export re-imported unchanged stays unchanged.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        text = text[1:]
    return text


def display(value: object) -> str:
    """How a bad value is quoted back in a message."""
    return f"«{clean_text(value)}»"


_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")
_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")
MAX_AMOUNT = Decimal("99999999999999.99")


def clean_amount(value: object) -> Decimal | None:
    """``1 250 000``, ``1,250,000.00``, ``1 250 000,50``, ``1.250.000,50`` and numeric cells."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("%(value)s is not an amount.") % {"value": display(value)})
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        text = _GROUP_SPACES.sub("", str(value).strip())
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            text = (
                text.replace(",", "") if _THOUSANDS_COMMAS.match(text) else text.replace(",", ".")
            )
        elif _THOUSANDS_DOTS.match(text):
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise CellError(
                _("%(value)s is not an amount. Write it like 1 250 000 or 1 250 000,50.")
                % {"value": display(value)}
            ) from None
    if not amount.is_finite():
        raise CellError(_("%(value)s is not an amount.") % {"value": display(value)})
    if amount < 0:
        raise CellError(_("%(value)s is negative; amounts cannot be.") % {"value": display(value)})
    if amount != amount.quantize(Decimal("0.01")):
        if isinstance(value, float):
            amount = amount.quantize(Decimal("0.01"))
        else:
            raise CellError(
                _("%(value)s has more than two decimal places.") % {"value": display(value)}
            )
    if amount > MAX_AMOUNT:
        raise CellError(_("%(value)s is too large.") % {"value": display(value)})
    return amount.quantize(Decimal("0.01"))


CURRENCY_WORDS: dict[str, str] = {
    "сом": Currency.KGS,
    "сомов": Currency.KGS,
    "сома": Currency.KGS,
    "som": Currency.KGS,
    "kgs": Currency.KGS,
    "kyrgyz som": Currency.KGS,
    "кыргызский сом": Currency.KGS,
    "сомони": Currency.TJS,
    "somoni": Currency.TJS,
    "смн": Currency.TJS,
    "tjs": Currency.TJS,
    "tajik somoni": Currency.TJS,
    "$": Currency.USD,
    "us$": Currency.USD,
    "usd": Currency.USD,
    "доллар": Currency.USD,
    "доллары": Currency.USD,
    "долларов": Currency.USD,
    "доллар сша": Currency.USD,
    "долл. сша": Currency.USD,
    "dollar": Currency.USD,
    "dollars": Currency.USD,
    "us dollar": Currency.USD,
    "евро": Currency.EUR,
    "€": Currency.EUR,
    "eur": Currency.EUR,
    "euro": Currency.EUR,
    "£": Currency.GBP,
    "gbp": Currency.GBP,
    "фунт": Currency.GBP,
    "фунт стерлингов": Currency.GBP,
}


def clean_currency(value: object) -> str | None:
    text = normalise_header(clean_text(value)).rstrip(".")
    if not text:
        return None
    code = CURRENCY_WORDS.get(text)
    if code is None and text.upper() in Currency.values:
        code = text.upper()
    if code is None:
        raise CellError(
            _(
                "%(value)s is not a currency we know. Use KGS, TJS, USD, EUR, GBP, сом, сомони, $, "
                "доллар, евро or €."
            )
            % {"value": display(value)}
        )
    return str(code)


_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def clean_date(value: object) -> dt.date | None:
    """dd.mm.yyyy, ISO yyyy-mm-dd and real spreadsheet date cells."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    if not text:
        return None
    parts: tuple[str, str, str] | None = None
    if match := _DMY.match(text):
        parts = (match[3], match[2], match[1])
    elif match := _ISO.match(text):
        parts = (match[1], match[2], match[3])
    if parts is None:
        raise CellError(
            _("%(value)s is not a date. Write it as dd.mm.yyyy, e.g. 31.12.2022.")
            % {"value": display(value)}
        )
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellError(_("%(value)s is not a real date.") % {"value": display(value)}) from None


def choice_lookup(
    choices: Iterable[tuple[str, StrOrPromise]], synonyms: Mapping[str, str]
) -> dict[str, str]:
    """Map codes, labels in every UI language and common synonyms to choice values."""
    from django.utils import translation

    table = {normalise_header(k): v for k, v in synonyms.items()}
    choices = list(choices)
    for value, _label in choices:
        table[normalise_header(value)] = value
        table[normalise_header(value.replace("_", " "))] = value
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in choices:
                table[normalise_header(str(label))] = value
    return table


def clean_choice(value: object, table: dict[str, str], choices_label: str) -> str | None:
    text = normalise_header(clean_text(value)).rstrip(".")
    if not text:
        return None
    if text in table:
        return table[text]
    raise CellError(
        _("%(value)s is not one of: %(choices)s.")
        % {"value": display(value), "choices": choices_label}
    )


# --- Organisation names ----------------------------------------------------------------

_QUOTES = re.compile(r"[«»\"'“”„‟‘’‚‛`]")
_LEGAL_FORMS = (
    "общественный фонд",
    "общественное объединение",
    "общественная организация",
    "объединение юридических лиц",
    "общество с ограниченной ответственностью",
    "коомдук фонд",
    "коомдук бирикме",
    "public foundation",
    "public association",
    "public fund",
    "non-governmental organisation",
    "non-governmental organization",
    "ngo",
    "нпо",
    "ноо",
    "оюл",
    "осоо",
    "оф",
    "оо",
    "pf",
    "pa",
    "cf",
    "кф",
    "ко",
)
_LEGAL_FORM_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + r")\b[\s.,-]*)+"
    r"|(?:[\s,-]+(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + r"))+\.?$"
)


def organisation_match_key(name: object) -> str:
    """Case, quotes «» "" '', whitespace and legal forms (ОФ, ОО, PF, PA, ОсОО, Public
    Foundation…) removed, so «ОФ "Ыйман"» and 'Ыйман Public Foundation'… match."""
    text = normalise_header(name)
    text = _QUOTES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    previous = None
    while previous != text:
        previous = text
        text = _LEGAL_FORM_RE.sub("", text).strip(" .,-")
    return _SPACES.sub(" ", text).strip()
