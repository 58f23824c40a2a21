"""The language of a free text, from the letters that mark each language and the format's candidates.

This is the first, letter-based guess that normalization records; name resolution refines it.
"""

from __future__ import annotations

import re

from gateway.names.script import same_script

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""The shape of a BCP 47 tag as the gateway writes them: a lowercase language, then subtags."""

_RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CYRILLIC_ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset(_RUSSIAN),
    "kk": frozenset(_RUSSIAN + "әғқңөұүһі"),
    "ky": frozenset(_RUSSIAN + "ңөү"),
    "mn": frozenset(_RUSSIAN + "өү"),
    "tg": frozenset(set(_RUSSIAN) - set("цщыь")) | frozenset("ғӣқӯҳҷ"),
    "uz": frozenset(set(_RUSSIAN) - set("щы")) | frozenset("ўқғҳ"),
    "uk": frozenset(set(_RUSSIAN) - set("ёыэъ")) | frozenset("іїєґ"),
}
"""The lowercase letters of each Cyrillic alphabet. A text with a letter outside a language's alphabet
is not in that language: Tajik has no ы, Uzbek no щ, Russian none of the letters the others add."""

_CYRILLIC_LETTERS = frozenset().union(*CYRILLIC_ALPHABETS.values())

MARKING_LETTERS: dict[str, frozenset[str]] = {
    "kk": frozenset("әғқңұһі"),
    "tg": frozenset("ғӣқӯҳҷ"),
    "uz": frozenset("ўқғҳʻ"),
    "ky": frozenset("ңөү"),
    "mn": frozenset("өү"),
    "az": frozenset("əğı"),
}
"""Lowercase letters whose presence points to a language (Kazakh also has the Kyrgyz ң ө ү: the order of
the format's candidates decides between languages that share a letter). Russian has none of its own:
ё ы э ъ are Kazakh, Kyrgyz and Mongolian letters too."""

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
    """The language of `text` among the format's candidates, from its letters.

    Candidates in another script are out, and so are Cyrillic languages whose alphabet lacks one of the
    text's letters; of the rest, the first whose marking letters appear wins, else the first of them in
    the format's order. "und" when no candidate is written in the text's script."""
    fitting = [tag for tag in candidates if same_script(language_script(tag) or "", script)]
    if not fitting:
        return "und"
    letters = set(text.lower())
    possible = [tag for tag in fitting if not letters & _foreign_letters(tag)] or fitting
    for tag in possible:
        if letters & MARKING_LETTERS.get(_base(tag), frozenset()):
            return tag
    return possible[0]


def _base(tag: str) -> str:
    return tag.split("-", maxsplit=1)[0].lower()


def _foreign_letters(tag: str) -> frozenset[str]:
    alphabet = CYRILLIC_ALPHABETS.get(_base(tag))
    if alphabet is None or language_script(tag) != "Cyrl":
        return frozenset()
    return _CYRILLIC_LETTERS - alphabet
