"""Dates known only to the year or the month ("since 2016", "from June 2016").

The database keeps an ordinary date (the first day of the period, so sorting and range
filters keep working) beside a precision. Pages show the date only as precisely as it is
known: "2016", not "1 January 2016". Forms ask for year, month and day separately; the
precision follows from which of them were given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1990
MAX_YEAR = 2100


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year only")
    MONTH = "month", _("Month and year")
    DAY = "day", _("Exact day")


# Languages that write month names in lower case inside a sentence. Russian: CLDR 47, locale
# ``ru``, year and month ``LLLL y 'г'.`` with the stand-alone month in lower case («октябрь
# 2019 г.», Babel 2.18), as Russian spells every month name («Правила русской орфографии и
# пунктуации», 1956: names of months are common nouns). Django's Russian YEAR_MONTH_FORMAT
# ``F Y г.`` capitalises the month («Октябрь 2019 г.»), which is right only where the date
# begins a cell or a sentence. Kyrgyz and Tajik formats already write the month in lower case.
LOWER_CASE_MONTHS = frozenset({"ru", "ky", "tg"})


def partial_date_format(
    value: dt.date | None, precision: str | None, *, inside: bool = False
) -> str:
    """The date as precisely as it is known, in the active language's format. ``inside``:
    the date follows other words (the end of «октябрь 2019 г. – май 2021 г.»), so a month
    known only with its year is in lower case in a language that writes months so; at the
    start of a cell it keeps the capital that begins it."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        text = date_format(value, "YEAR_MONTH_FORMAT")
        if inside and (get_language() or "").split("-")[0] in LOWER_CASE_MONTHS:
            return text[:1].lower() + text[1:]
        return text
    return date_format(value, "DATE_FORMAT")


# The dative of each Kyrgyz month name, which a date takes before «чейин» (until): «15-
# декабрга чейин», not the nominative «15-декабрь чейин» the date format writes. The suffix
# is -га/-ге after a voiced consonant and -ка after a voiceless one, its vowel set by the
# word's last vowel (а → а, е → е; after у it stays а, as in «сууга»), and the soft sign
# drops before it (Kyrgyz grammar of the dative, «барыш жөндөмө»: -га/-ге/-го/-гө,
# -ка/-ке/-ко/-кө).
KYRGYZ_MONTH_DATIVE = {
    1: "январга",
    2: "февралга",
    3: "мартка",
    4: "апрелге",
    5: "майга",
    6: "июнга",
    7: "июлга",
    8: "августка",
    9: "сентябрга",
    10: "октябрга",
    11: "ноябрга",
    12: "декабрга",
}


def date_until_format(value: dt.date | None) -> str:
    """The date as it stands before "until" in the active language: Kyrgyz puts the last
    word of «2024-ж., 15-декабрь» in the dative («2024-ж., 15-декабрга чейин»); Russian and
    Tajik dates already end in the form «до …» and «то …» take, English needs none."""
    if value is None:
        return ""
    text = date_format(value, "DATE_FORMAT")
    if (get_language() or "").split("-")[0] == "ky":
        month = date_format(value, "E")
        if text.endswith(month):
            return text[: -len(month)] + KYRGYZ_MONTH_DATIVE[value.month]
    return text


def partial_date_build(
    year: int | None, month: int | None, day: int | None
) -> tuple[dt.date | None, str]:
    """(first day of the period, precision) from the parts a person typed.

    Raises ValidationError, in the user's language, for a day without a month, a month
    without a year, or a day the month does not have."""
    if year is None:
        if month is not None or day is not None:
            raise ValidationError(_("Give the year too."), code="year_missing")
        return None, DatePrecision.DAY
    if day is not None and month is None:
        raise ValidationError(_("Give the month of that day too."), code="month_missing")
    try:
        value = dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValidationError(_("This month has no such day."), code="no_such_day") from exc
    if day is not None:
        return value, DatePrecision.DAY
    if month is not None:
        return value, DatePrecision.MONTH
    return value, DatePrecision.YEAR


class PartialDateWidget(forms.MultiWidget):
    """Year, month and day side by side; month and day may stay empty. Each part carries
    its own accessible name, since one label cannot name three inputs."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        month_choices = [("", "—")] + [(str(m), str(m)) for m in range(1, 13)]
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "year": forms.NumberInput(
                attrs={
                    "min": MIN_YEAR,
                    "max": MAX_YEAR,
                    "inputmode": "numeric",
                    "class": "date-part date-part-year",
                    "aria-label": _("Year"),
                    "placeholder": _("Year"),
                }
            ),
            "month": forms.Select(
                choices=month_choices,
                attrs={"class": "date-part", "aria-label": _("Month (optional)")},
            ),
            "day": forms.NumberInput(
                attrs={
                    "min": 1,
                    "max": 31,
                    "inputmode": "numeric",
                    "class": "date-part",
                    "aria-label": _("Day (optional)"),
                    "placeholder": _("Day"),
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if not value:
            return [None, None, None]
        date, precision = value
        if date is None:
            return [None, None, None]
        return [
            date.year,
            date.month if precision in (DatePrecision.MONTH, DatePrecision.DAY) else None,
            date.day if precision == DatePrecision.DAY else None,
        ]


class PartialDateField(forms.MultiValueField):
    """A date known to the year, the month or the day. Cleans to (date | None, precision).

    The initial value is the same pair, e.g. ``(project.planned_start,
    project.start_precision)``."""

    widget = PartialDateWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (
            forms.IntegerField(
                min_value=MIN_YEAR,
                max_value=MAX_YEAR,
                error_messages={
                    "min_value": _("Give a year from %(limit_value)s.") % {"limit_value": MIN_YEAR},
                    "max_value": _("Give a year up to %(limit_value)s.")
                    % {"limit_value": MAX_YEAR},
                },
            ),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1, max_value=31),
        )
        kwargs.setdefault("required", False)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False

    def compress(self, data_list: list[Any]) -> tuple[dt.date | None, str]:
        if not data_list:
            return None, DatePrecision.DAY
        year, month, day = ([*list(data_list), None, None, None])[:3]
        return partial_date_build(year, month, day)

    def clean(self, value: Any) -> tuple[dt.date | None, str]:
        result = super().clean(value)
        if not result:
            result = (None, DatePrecision.DAY)
        if self.required and result[0] is None:
            raise ValidationError(self.error_messages["required"], code="required")
        return result
