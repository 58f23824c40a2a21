"""The language of a free text, from the letters that mark each language and the format's candidates.

This is the first, letter-based guess that normalization records; name resolution refines it.
"""

from __future__ import annotations

import re

from gateway.names.script import same_script

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""The shape of a BCP 47 tag as the gateway writes them: a lowercase language, then subtags."""

MARKING_LETTERS: dict[str, frozenset[str]] = {
    "kk": frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ"),
    "tg": frozenset("ғӣқӯҳҷҒӢҚӮҲҶ"),
    "uz": frozenset("ўқғҳЎҚҒҲʻ"),
    "ky": frozenset("ңөүҢӨҮ"),
    "mn": frozenset("өүӨҮ"),
    "az": frozenset("əğıƏĞ"),
    "ru": frozenset("ёыэъЁЫЭЪ"),
}
"""Letters whose presence points to a language. Russian's letters also occur in Kazakh, Kyrgyz and
Mongolian, so they count only when no other candidate's letters appear; among the others, the order of
the format's candidates decides (a Kazakh text may hold the Kyrgyz ң ө ү too)."""

SCRIPT_OF_LANGUAGE = {
    "ru": "Cyrl",
    "kk": "Cyrl",
    "ky": "Cyrl",
    "tg": "Cyrl",
    "mn": "Cyrl",
    "uz": "Latn",
    "az": "Latn",
    "en": "Latn",
    "ka": "Geor",
    "zh": "Hani",
    "tr": "Latn",
    "uk": "Cyrl",
}


def language_script(tag: str) -> str | None:
    """The script a language tag implies: its script subtag, or the language's usual script."""
    parts = tag.split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    return SCRIPT_OF_LANGUAGE.get(parts[0].lower())


def guess_language(text: str, script: str, candidates: tuple[str, ...]) -> str:
    """The first candidate whose marking letters appear in `text`, else the first in the text's script."""
    letters = set(text)
    ordered = sorted(candidates, key=lambda candidate: candidate.split("-")[0] == "ru")
    for candidate in ordered:
        marking = MARKING_LETTERS.get(candidate.split("-")[0])
        if marking and same_script(language_script(candidate) or "", script) and letters & marking:
            return candidate
    for candidate in candidates:
        if same_script(language_script(candidate) or "", script):
            return candidate
    return "und"
