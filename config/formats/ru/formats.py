"""Russian formats that differ from Django's own (FORMAT_MODULE_PATH); the rest are Django's.

Django's Russian month-and-day format is ``j F``, the capitalised stand-alone month
(«4 Декабрь»); Russian writes the day with the month in the genitive and in lower case,
«4 декабря» (CLDR 47, locale ``ru``: ``d MMMM``), which is ``E``.
"""

MONTH_DAY_FORMAT = "j E"
