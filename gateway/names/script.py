"""Detect the writing system (ISO 15924) of a text from its letters.

`detect_script` runs on every free text of every document, so it counts letters with one compiled
character class per script (C speed) instead of looking characters up one by one, and plain ASCII
returns at once. Han text is told apart as simplified (Hans) or traditional (Hant) by the characters
that differ between the two (see `gateway.names.han`); Han text without such a character is Hani.

Codes returned: Latn, Cyrl, Hans, Hant, Hani, Mong, Arab, Geor, Zzzz (letters of another script)
and Zyyy (no letters at all). A text that mixes scripts gets its dominant script here;
`script_counts` and `is_mixed_script` report the mixing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from gateway.names.han import han_variant

SCRIPT_LETTERS: Mapping[str, re.Pattern[str]] = {
    "Latn": re.compile(
        r"[A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0250-\u02AF"
        r"\u02BB\u02BC\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF\uFF21-\uFF3A\uFF41-\uFF5A]"
    ),
    "Cyrl": re.compile(r"[\u0400-\u0482\u048A-\u052F\u1C80-\u1C8F\uA640-\uA66E\uA680-\uA69D]"),
    "Hani": re.compile(
        r"[\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF"
        r"\U00020000-\U0003134F]"
    ),
    "Mong": re.compile(r"[\u1820-\u1878\u1880-\u18AA]"),
    "Arab": re.compile(
        r"[\u0620-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06EE-\u06EF\u06FA-\u06FC\u06FF"
        r"\u0750-\u077F\u08A0-\u08C9\uFB50-\uFDFB\uFE70-\uFEFC]"
    ),
    "Geor": re.compile(r"[\u10A0-\u10C5\u10C7\u10CD\u10D0-\u10FA\u10FC-\u10FF\u1C90-\u1CBF]"),
}
"""The letters of each script the gateway meets, as one character class per ISO 15924 code."""

NO_LETTERS = "Zyyy"
"""ISO 15924 code for text without letters (digits, punctuation, symbols only)."""

OTHER_SCRIPT = "Zzzz"
"""ISO 15924 code for letters of a script not in `SCRIPT_LETTERS` (Hangul, Greek, ...)."""

_ANY_LETTER = re.compile(r"[^\W\d_]")

HAN_FAMILY = frozenset({"Hani", "Hans", "Hant"})


def script_counts(text: str) -> dict[str, int]:
    """How many letters of `text` each script holds; scripts with no letter are left out.

    Han letters are counted under Hani; letters of other scripts under Zzzz.
    """
    if text.isascii():
        letters = sum(1 for character in text if character.isalpha())
        return {"Latn": letters} if letters else {}
    counts: dict[str, int] = {}
    for code, pattern in SCRIPT_LETTERS.items():
        found = len(pattern.findall(text))
        if found:
            counts[code] = found
    other = len(_ANY_LETTER.findall(text)) - sum(counts.values())
    if other > 0:
        counts[OTHER_SCRIPT] = other
    return counts


def detect_script(text: str) -> str:
    """The ISO 15924 code of the script most letters of `text` are written in; Zyyy when it has none.

    >>> detect_script("Қорғас"), detect_script("喀什"), detect_script("长春"), detect_script("12/3")
    ('Cyrl', 'Hani', 'Hans', 'Zyyy')
    """
    if text.isascii():
        return "Latn" if any(character.isalpha() for character in text) else NO_LETTERS
    counts = script_counts(text)
    if not counts:
        return NO_LETTERS
    dominant = max(counts, key=lambda code: counts[code])
    return han_variant(text) if dominant == "Hani" else dominant


def is_mixed_script(text: str) -> bool:
    """Whether the letters of `text` belong to more than one script."""
    return len(script_counts(text)) > 1


def same_script(expected: str, detected: str) -> bool:
    """Whether a detected script satisfies an expected one: Hani covers Hans and Hant."""
    if expected == detected:
        return True
    return "Hani" in (expected, detected) and {expected, detected} <= HAN_FAMILY
