"""Goods terms of the glossary found in a free-text goods description (WCO 137), longest first.

A description is free text («Пшеница мягкая 3 класса, урожай 2023 года»), so it is not looked up whole:
the glossary's `goods` terms are found IN it. Both sides are folded the way names are (NFC, look-alike
letters, case, ё as е; the apostrophes of Latin Uzbek ʻ ‘ ’ ` ʼ as one; traditional Chinese written
simplified). A description in an alphabet is read as words (a hyphen or an apostrophe inside a word
keeps it whole: «Алма-Ата» is not «алма»), and a term is found only as whole words apart by spaces
only; a description in
Chinese characters has no spaces, so a Chinese term is found anywhere in it. At each place the longest
term wins («пшеница мягкая» before «пшеница»), left to right. A term is written in several languages of
one script (пахта is Uzbek and Tajik); the entry in the description's language is preferred.

`GoodsTerms(glossary)` is built once per glossary version (`GoodsDescriptions` keeps it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from gateway.glossary import Glossary
from gateway.glossary.entry import GlossaryEntry
from gateway.names.confusables import ConfusableFinding, fold_confusables
from gateway.names.script import HAN_FAMILY
from gateway.resolve.keys import simplified_chinese

_APOSTROPHES = str.maketrans(dict.fromkeys("ʻʼʹ’‘`′", "'"))
_WORD = re.compile(r"\w+(?:['-]\w+)*")
_HAN_LETTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = "A-Za-z\u00c0-\u02ff\u1e00-\u1eff"
_MIXED_WORD = re.compile(rf"[{_LATIN}][\u0400-\u052f]|[\u0400-\u052f][{_LATIN}]")
"""A Latin letter beside a Cyrillic one: a word that `fold_confusables` may fold (one that mixes the
two scripts only across letters of a third folds nothing here)."""


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """A glossary goods term found in a description: the entry, and where it is in the folded text."""

    entry: GlossaryEntry
    start: int
    end: int


def fold_description(text: str) -> str:
    """The form descriptions and terms are compared in (see the module's docstring)."""
    return matching_form(without_look_alikes(unicodedata.normalize("NFC", text))[0])


def without_look_alikes(text: str) -> tuple[str, list[ConfusableFinding]]:
    """`text` with the look-alike letters of mixed words folded (`fold_confusables`), and the findings;
    a text without a word of Latin and Cyrillic letters has none, and is not read letter by letter."""
    return fold_confusables(text) if _MIXED_WORD.search(text) else (text, [])


def matching_form(text: str) -> str:
    """`text` (NFC, look-alikes folded) with case, ё, apostrophes and traditional characters folded."""
    folded = text.casefold().replace("ё", "е").translate(_APOSTROPHES)
    return simplified_chinese(folded) if _HAN_LETTER.search(folded) else folded


class GoodsTerms:
    """The goods terms of one glossary version, ready to be found in descriptions."""

    def __init__(self, glossary: Glossary) -> None:
        self.version = glossary.version
        self._words: dict[tuple[str, ...], list[GlossaryEntry]] = {}
        self._han: dict[str, list[GlossaryEntry]] = {}
        for entry in glossary.of_kind("goods"):
            key = fold_description(entry.term)
            if _HAN_LETTER.search(key):
                self._han.setdefault(key.replace(" ", ""), []).append(entry)
            else:
                self._words.setdefault(tuple(_WORD.findall(key)), []).append(entry)
        self._first_words = frozenset(words[0] for words in self._words if words)
        self._longest_words = max(map(len, self._words), default=0)
        self._first_characters = frozenset(key[0] for key in self._han if key)
        self._longest_han = max(map(len, self._han), default=0)

    def find(self, folded: str, script: str, language: str | None = None) -> list[FoundTerm]:
        """The terms found in `folded` (`fold_description`'s form) of `script` (ISO 15924), left to
        right, each the longest at its place."""
        if script in HAN_FAMILY:
            return list(self._in_characters(folded, language))
        return list(self._in_words(folded, language))

    def _in_words(self, folded: str, language: str | None) -> Iterable[FoundTerm]:
        words = list(_WORD.finditer(folded))
        texts = [word.group() for word in words]
        position = 0
        while position < len(words):
            if texts[position] not in self._first_words:  # most words of a description start no term
                position += 1
                continue
            for length in range(min(self._longest_words, len(words) - position), 0, -1):
                entries = self._words.get(tuple(texts[position : position + length]))
                span = words[position : position + length]
                if entries and _spaced(folded, span):
                    yield FoundTerm(_preferred(entries, language), span[0].start(), span[-1].end())
                    position += length
                    break
            else:
                position += 1

    def _in_characters(self, folded: str, language: str | None) -> Iterable[FoundTerm]:
        position = 0
        while position < len(folded):
            if folded[position] not in self._first_characters:  # most characters start no term
                position += 1
                continue
            for length in range(min(self._longest_han, len(folded) - position), 0, -1):
                entries = self._han.get(folded[position : position + length])
                if entries:
                    yield FoundTerm(_preferred(entries, language), position, position + length)
                    position += length
                    break
            else:
                position += 1


def _spaced(folded: str, span: list[re.Match[str]]) -> bool:
    """Whether the words of `span` are apart by spaces only (a term does not run across a comma or a
    bracket: «пшеница, мягкая» is not «пшеница мягкая»)."""
    return all(folded[one.end() : two.start()].isspace() for one, two in pairwise(span))


def covered_share(folded: str, found: list[FoundTerm]) -> float:
    """The share of the description's letters (`folded`, as `find` got it) that the terms found
    cover, in [0, 1] (two decimals)."""
    letters = sum(map(str.isalpha, folded))
    covered = sum(sum(map(str.isalpha, folded[term.start : term.end])) for term in found)
    return round(covered / letters, 2) if letters else 0.0


def _preferred(entries: list[GlossaryEntry], language: str | None) -> GlossaryEntry:
    """The entry in the description's language (primary subtag), else the first in file order."""
    primary = (language or "").split("-")[0]
    return next((entry for entry in entries if entry.language.split("-")[0] == primary), entries[0])
