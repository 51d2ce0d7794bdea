"""Tajik date and number formats (FORMAT_MODULE_PATH).

Django's own Tajik formats copy the Russian ones, «г.» (год) included. Tajik writes a date as
the day, the month in lower case joined to the year by the izofat «-и», then «соли» (year):
«аз 30 июни соли 2021» in the Government's own decree No. 268 of 30 June 2021 that approves
the Tajik orthography rules («Дар бораи Қоидаҳои имлои забони тоҷикӣ», published in
«Ҷумҳурият»), and «29 майи соли 2010» in the same paper. With no year after it the month
takes no izofat («31 декабр»). CLDR's Tajik locale (``tg``, CLDR 47) has no such forms (its
months are capitalised, «04 Декабр 2024»), so it is not followed for dates; its number
symbols are (a no-break space between thousands, a decimal comma: «1 234 567,5»).

``E`` is the month's "alt. month" translation, which the portal's catalogue gives in lower
case («декабр»); every Tajik month name ends in a consonant, so the izofat is «и» for all.
The short date keeps dd.mm.yyyy, as Tajik news agencies date their reports (Khovar:
«ДУШАНБЕ, 22.09.2020») and as the forms read dates typed.
"""

DATE_FORMAT = "j Eи соли Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j Eи соли Y, G:i"
YEAR_MONTH_FORMAT = "Eи соли Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
