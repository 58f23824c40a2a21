"""The apostrophes of Latin Uzbek, folded to the two the official alphabet uses.

The alphabet writes oʻ and gʻ with the turned comma ʻ (U+02BB, MODIFIER LETTER TURNED COMMA) and
the tutuq belgisi, the glottal stop of Arabic loanwords (maʼno), with the apostrophe ʼ (U+02BC,
MODIFIER LETTER APOSTROPHE). Documents carry every look-alike a keyboard offers: ' ` ‘ ’ ´ ʻ ʼ.
After o or g any of them is the ʻ of oʻ and gʻ (also at the end of a word: togʻ, bogʻ); between two
other letters it is the tutuq belgisi. Other apostrophes (quotes around a word) are left alone,
except a closing quote right after a word ending in o or g, which cannot be told from bogʻ.
"""

from __future__ import annotations

import re

TURNED_COMMA = "\u02bb"
"""ʻ, the mark of oʻ and gʻ."""
MODIFIER_APOSTROPHE = "\u02bc"
"""ʼ, the tutuq belgisi."""

_APOSTROPHES = "'`\u2018\u2019\u00b4\u02bb\u02bc\u02b9\u2032"
_AFTER_O_OR_G = re.compile(f"(?<=[OoGg])[{_APOSTROPHES}]")
_LETTER = "[^\\W\\d_\u02bb\u02bc\u02b9]"  # the modifier-letter apostrophes are no letters here
_BETWEEN_LETTERS = re.compile(f"(?<={_LETTER})(?<![OoGg])[{_APOSTROPHES}](?={_LETTER})")


def normalize_uzbek_apostrophes(text: str) -> str:
    """`text` with oʻ, gʻ and the tutuq belgisi written with the official characters.

    >>> normalize_uzbek_apostrophes("O'zbekiston, Farg`ona, ma'no")
    'Oʻzbekiston, Fargʻona, maʼno'
    """
    folded = _AFTER_O_OR_G.sub(TURNED_COMMA, text)
    return _BETWEEN_LETTERS.sub(MODIFIER_APOSTROPHE, folded)
