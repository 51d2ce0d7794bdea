"""Kyrgyz date and number formats (FORMAT_MODULE_PATH).

Dates follow the Unicode CLDR's Kyrgyz patterns (CLDR 47, locale ``ky``, as shipped in Babel
2.18: long date ``y-'ж'., d-MMMM``, year and month ``y-'ж'., MMMM``, month and day ``d-MMMM``,
date and time ``{1} {0}``): the year first with «ж.» (жыл), the day as an ordinal with its
hyphen («4-декабрь»), and the month in lower case, as Kyrgyz writes month names inside a date.
Django's own Kyrgyz formats wrote «4 декабрь 2024 ж.» and, through ``F``, the capitalised
stand-alone month («Декабрь 2024 ж.»). ``E`` is the month's "alt. month" translation, which
the portal's catalogue gives in lower case.

The short date keeps dd.mm.yyyy (CLDR's ``d/M/yy`` is not what Kyrgyz forms and documents
use, and the forms read dates typed that way). Numbers follow CLDR ``ky``: a no-break space
between thousands and a decimal comma («1 234 567,5»).
"""

DATE_FORMAT = "Y-ж., j-E"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "Y-ж., j-E G:i"
YEAR_MONTH_FORMAT = "Y-ж., E"
MONTH_DAY_FORMAT = "j-E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
