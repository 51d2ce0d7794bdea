"""Latin phonetic folds of names in any of the portal's scripts.

Kyrgyz, Tajik and Russian Cyrillic and the many Latin spellings of the same place ("Jalal-Abad",
"Dzhalal-Abad", «Жалал-Абад», «Джалал-Абад») fold to one key ("jalalabad"), so search and the
gazetteer lookup match across scripts. Trigram similarity between the two scripts is zero, so
the fold is what makes cross-script matching possible at all. ``communities.gazetteer`` builds
its place-name keys with :func:`skeleton`; ``core.search`` folds every word of indexed text
and of the query the same way.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "j",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "s",
        "ч": "ch",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "ө": "o",
        "ү": "u",
        "ң": "n",
        "ҳ": "h",
        "ҷ": "j",
        "қ": "k",
        "ғ": "g",
        "ӣ": "i",
        "ӯ": "u",
        "ә": "a",
        "і": "i",
        "ı": "i",
    }
)
_FOLDS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("q", "k"),
    ("gh", "g"),
    ("ts", "s"),
    ("w", "v"),
    ("ph", "f"),
    ("yu", "u"),
    ("ya", "a"),
    ("yo", "o"),
    ("ye", "e"),
    ("y", "i"),
)


@functools.lru_cache(maxsize=65536)
def skeleton(normalised: str) -> str:
    """A Latin phonetic fold for matching across scripts and transliteration habits."""
    text = normalised.translate(_TRANSLIT)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for old, new in _FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"[^a-z0-9]", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    if len(text) > 3:
        text = text.rstrip("aeiou") or text
    return text


_WORD_RE = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits; hyphens and punctuation split)."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("ё", "е")
    return [word for word in _WORD_RE.findall(text) if word != "_"]


def word_skeletons(text: str) -> list[str]:
    """The fold of each word of ``text``, plus the fold of each hyphenated or two-word pair
    joined ("Jalal-Abad" -> jalal, abad, jalalabad), so a name typed with or without its
    hyphen still meets itself."""
    found = words(text)
    keys = [skeleton(word) for word in found]
    joined = [skeleton(a + b) for a, b in itertools.pairwise(found)]
    seen: dict[str, None] = {}
    for key in [*keys, *joined]:
        if key:
            seen[key] = None
    return list(seen)
