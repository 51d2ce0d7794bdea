"""Place names in the four languages where the gazetteer's sources give only some of them.

The sources (communities/data/gazetteer/SOURCES.md) give Tajik units a Tajik and English name
and often no Russian one, and most Kyrgyz ayil aimaks a Russian name only. Without more, a
Tajik page fell back to "Surkh" and a Russian page to "Vahdat", a Kyrgyz page said «Хатлонская
область». ``complete_place_names`` fills each missing language by a documented rule (never
overwriting a sourced name):

* **Tajik units, Tajik** (missing): the English name read back through the official Tajik
  romanisation (Tajik Government decree, 2008 revision: х kh, ш sh, ч ch, ж zh, ғ gh, ҳ h,
  ҷ j, қ q, ӣ ī, ӯ ū, ъ ') — "Surkh" → «Сурх», "Jayhun" → «Ҷайҳун».
* **Tajik units, Russian** (missing): the Tajik name in Russian letters (ҳ → х, ҷ → дж, ғ → г,
  қ → к, ӣ → и, ӯ → у), as Russian-language media in Tajikistan write them — «Ҷайҳун» →
  «Джайхун». Soviet-era exonyms (Гиссар for Ҳисор) are not guessed.
* **Tajik units, Kyrgyz**: regions in the Kyrgyz pattern the sources use for Kyrgyz ones
  («Баткен облусу» → «Хатлон облусу»), districts «… району», other units the Russian-letter
  form of the Tajik name (a proper name reads the same in Kyrgyz).
* **Kyrgyz units, Kyrgyz** (missing, English present): the English name, a romanisation of
  the Kyrgyz one, read back (ch ч, sh ш, zh/j ж, ü ү, ö ө, y ы, or й after a vowel, final ng ң)
  with «айыл аймагы» / «району» — "Ak-Bashat" → «Ак-Башат айыл аймагы». Not where the
  gazetteer marks the English name as a romanisation of the Russian form or one without the
  Kyrgyz letters ö, ü (column ``name_en_romanises`` = ``ru``): "Kek-Moynok" would give
  «Кек-Мойнок» for Көк-Мойнок, and a marked Russian form is better than a wrong Kyrgyz one.
* **Kyrgyz regions, Tajik**: the Tajik Wikipedia titles («Вилояти Баткен»); other Kyrgyz units
  keep the Russian form on Tajik pages, as issue #21 allows where no Tajik source exists.
* **English** (missing): BGN/PCGN romanisation of the Kyrgyz name, else the Russian one, with
  the portal's English terms ("ayil aimak", "District"); soft and hard signs are dropped.
"""

from __future__ import annotations

import re

_VOWELS = set("aeiouyüöаеёиоуыэюяөүӣӯ")
_CYRILLIC_VOWELS = set("аеёиоуыэюяөү")

# --- Tajik ---------------------------------------------------------------------------------

_LATIN_TO_TAJIK_PAIRS = (
    ("kh", "х"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("gh", "ғ"),
    ("yo", "ё"),
    ("yu", "ю"),
    ("ya", "я"),
)
_LATIN_TO_TAJIK = {
    "a": "а",
    "b": "б",
    "v": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "ī": "ӣ",
    "y": "й",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "ū": "ӯ",
    "f": "ф",
    "h": "ҳ",
    "j": "ҷ",
    "q": "қ",
    "'": "ъ",
    "’": "ъ",
    "ʼ": "ъ",
}
_TAJIK_TO_RUSSIAN = str.maketrans(
    {
        "ҳ": "х",
        "Ҳ": "Х",
        "ҷ": "дж",
        "Ҷ": "Дж",
        "ғ": "г",
        "Ғ": "Г",
        "қ": "к",
        "Қ": "К",
        "ӣ": "и",
        "Ӣ": "И",
        "ӯ": "у",
        "Ӯ": "У",
    }
)

# --- Kyrgyz --------------------------------------------------------------------------------

_LATIN_TO_KYRGYZ_PAIRS = (
    ("shch", "щ"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("ye", "е"),
)
_LATIN_TO_KYRGYZ = {
    "a": "а",
    "b": "б",
    "v": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "ö": "ө",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "ü": "ү",
    "f": "ф",
    "h": "х",
    "j": "ж",
    "q": "к",
}
_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ng",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ү": "ü",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# Tajik Wikipedia titles of the Kyrgyz regions (by ISO 3166-2 code).
KYRGYZ_REGIONS_IN_TAJIK = {
    "KG-B": "Вилояти Баткен",
    "KG-C": "Вилояти Чуй",
    "KG-J": "Вилояти Ҷалолобод",
    "KG-N": "Вилояти Норин",
    "KG-O": "Вилояти Ош",
    "KG-T": "Вилояти Талас",
    "KG-Y": "Вилояти Иссиқкӯл",
    "KG-GB": "Бишкек",
    "KG-GO": "Ош",
}
# Kyrgyz forms of the Tajik regions that do not follow «<name> облусу».
TAJIK_REGIONS_IN_KYRGYZ = {
    "TJ-GB": "Тоолуу Бадахшан автономиялуу облусу",
    "TJ-RA": "Республикага баш ийген райондор",
    "TJ-DU": "Душанбе шаары",
}


def _case_like(source: str, text: str) -> str:
    return text[:1].upper() + text[1:] if source[:1].isupper() else text


def _read_back(
    latin: str, pairs: tuple[tuple[str, str], ...], singles: dict[str, str], kyrgyz: bool
) -> str:
    """Latin → Cyrillic, word by word, keeping hyphens, spaces and capitals."""
    out = []
    for word in re.split(r"([\s\-]+)", latin):
        if not word or not word.strip(" -"):
            out.append(word)
            continue
        lower = word.lower()
        letters: list[str] = []
        position = 0
        while position < len(lower):
            for latin_pair, cyrillic in pairs:
                if lower.startswith(latin_pair, position):
                    letters.append(cyrillic)
                    position += len(latin_pair)
                    break
            else:
                char = lower[position]
                if char == "y" and kyrgyz:
                    # й after a vowel, ы otherwise: "Jayyl" is «Жайыл» (the second y follows
                    # й, not a vowel) and "Kyzyl-Dyykan" «Кызыл-Дыйкан».
                    letters.append("й" if letters and letters[-1] in _CYRILLIC_VOWELS else "ы")
                elif char == "n" and kyrgyz and lower.startswith("ng", position):
                    # "ng" is ң anywhere in a word, as the romanisations we read write it:
                    # every KG name with "ng" has a Russian form with н and no г (Kengesh,
                    # Кенешский: «Кеңеш»; Jangy Jer, Джаны-Джерский: «Жаңы Жер»).
                    letters.append("ң")
                    position += 1
                elif char == "e" and position == 0:
                    letters.append("э")
                else:
                    letters.append(singles.get(char, char))
                position += 1
        out.append(_case_like(word, "".join(letters)))
    return "".join(out)


def latin_to_tajik(name: str) -> str:
    return _read_back(name, _LATIN_TO_TAJIK_PAIRS, _LATIN_TO_TAJIK, kyrgyz=False)


def latin_to_kyrgyz(name: str) -> str:
    return _read_back(name, _LATIN_TO_KYRGYZ_PAIRS, _LATIN_TO_KYRGYZ, kyrgyz=True)


def tajik_to_russian(name: str) -> str:
    return name.translate(_TAJIK_TO_RUSSIAN)


def cyrillic_to_latin(name: str) -> str:
    """BGN/PCGN romanisation (Russian and Kyrgyz letters), signs dropped."""
    out = []
    for index, char in enumerate(name):
        lower = char.lower()
        previous = name[index - 1].lower() if index else ""
        if lower == "е" and (not previous or previous in _VOWELS or previous in " -ъь"):
            latin = "ye"
        else:
            latin = _CYRILLIC_TO_LATIN.get(lower, char)
        out.append(_case_like(char, latin) if char.isupper() else latin)
    return "".join(out)


_TAJIK_REGION_PREFIX = re.compile(r"^Вилояти\s+", re.IGNORECASE)
_RU_AYIL_AIMAK = re.compile(r"\s+айыл(?:ь)?ный\s+(?:аймак|округ)$", re.IGNORECASE)
# SOATE writes a few units with the term first («Айылный аймак Курама»).
_RU_AYIL_AIMAK_FIRST = re.compile(r"^айыл(?:ь)?ный\s+(?:аймак|округ)\s+", re.IGNORECASE)
_RU_DISTRICT = re.compile(r"\s+район$", re.IGNORECASE)


def complete_place_names(
    names: dict[str, str],
    *,
    country: str,
    level: str,
    kind: str,
    code: str = "",
    read_back_kyrgyz: bool = True,
) -> dict[str, str]:
    """``names`` (name_en/ru/ky/tg) with the missing languages filled by the rules above.

    ``read_back_kyrgyz=False`` marks an English name whose source romanises the Russian form or
    drops the Kyrgyz letters ("Kek-Moynok" for Көк-Мойнок): reading it back would give a wrong
    Kyrgyz form («Кек-Мойнок»), so the Kyrgyz name stays empty and the page shows the Russian
    one with its marker."""
    result = dict(names)
    en, ru, ky, tg = (result.get(f"name_{code_}", "") for code_ in ("en", "ru", "ky", "tg"))
    if country == "TJ":
        if not tg and en:
            tg = latin_to_tajik(re.sub(r"\s+(Region|District)$", "", en))
        if not ru and tg:
            ru = tajik_to_russian(tg)
        if not ky and tg:
            base = tajik_to_russian(_TAJIK_REGION_PREFIX.sub("", tg))
            if level == "region":
                ky = TAJIK_REGIONS_IN_KYRGYZ.get(code) or f"{base} облусу"
            elif kind == "district":
                ky = f"{base} району"
            else:
                ky = base
    elif country == "KG":
        if level == "region" and not tg:
            tg = KYRGYZ_REGIONS_IN_TAJIK.get(code, "")
        if ky and kind == "ayil_aimak" and not ky.endswith(" айыл аймагы"):
            # The sources give the base name («Бүргөндү»); the unit's official Kyrgyz form
            # is «Бүргөндү айыл аймагы», as for the names read back from English below.
            ky = f"{ky} айыл аймагы"
        if not ky and en and read_back_kyrgyz:
            base = latin_to_kyrgyz(en)
            if kind == "ayil_aimak":
                ky = f"{base} айыл аймагы"
            elif kind == "district":
                ky = f"{base} району"
            else:
                ky = base
        if not en:
            if ky:
                en = cyrillic_to_latin(re.sub(r"\s+(айыл аймагы|району)$", "", ky))
            elif ru:
                stripped = _RU_AYIL_AIMAK_FIRST.sub("", _RU_AYIL_AIMAK.sub("", ru))
                stripped = _RU_DISTRICT.sub("", stripped)
                en = cyrillic_to_latin(stripped)
            if en and kind == "ayil_aimak":
                en = f"{en} ayil aimak"
    result.update({"name_en": en, "name_ru": ru, "name_ky": ky, "name_tg": tg})
    return result
