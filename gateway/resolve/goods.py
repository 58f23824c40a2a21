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

from gateway.glossary import Glossary
from gateway.glossary.entry import GlossaryEntry
from gateway.names.confusables import fold_confusables
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve.keys import simplified_chinese

_APOSTROPHES = str.maketrans(dict.fromkeys("ʻʼʹ’‘`′", "'"))
_WORD = re.compile(r"\w+(?:['-]\w+)*")
_HAN_LETTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """A glossary goods term found in a description: the entry, and where it is in the folded text."""

    entry: GlossaryEntry
    start: int
    end: int


def fold_description(text: str) -> str:
    """The form descriptions and terms are compared in (see the module's docstring)."""
    folded, _ = fold_confusables(unicodedata.normalize("NFC", text))
    folded = folded.casefold().replace("ё", "е").translate(_APOSTROPHES)
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
        self._longest_words = max(map(len, self._words), default=0)
        self._longest_han = max(map(len, self._han), default=0)

    def find(self, text: str, language: str | None = None) -> list[FoundTerm]:
        """The terms found in `text`, left to right, each the longest at its place."""
        folded = fold_description(text)
        if detect_script(folded) in HAN_FAMILY:
            return list(self._in_characters(folded, language))
        return list(self._in_words(folded, language))

    def _in_words(self, folded: str, language: str | None) -> Iterable[FoundTerm]:
        words = list(_WORD.finditer(folded))
        position = 0
        while position < len(words):
            for length in range(min(self._longest_words, len(words) - position), 0, -1):
                span = words[position : position + length]
                entries = self._words.get(tuple(word.group() for word in span))
                if entries and _spaced(folded, span):
                    yield FoundTerm(_preferred(entries, language), span[0].start(), span[-1].end())
                    position += length
                    break
            else:
                position += 1

    def _in_characters(self, folded: str, language: str | None) -> Iterable[FoundTerm]:
        position = 0
        while position < len(folded):
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
    return all(folded[one.end() : two.start()].isspace() for one, two in zip(span, span[1:], strict=False))


def covered_share(text: str, found: list[FoundTerm]) -> float:
    """The share of the description's letters that the terms found cover, in [0, 1] (two decimals)."""
    folded = fold_description(text)
    letters = sum(1 for character in folded if character.isalpha())
    covered = sum(1 for term in found for character in folded[term.start : term.end] if character.isalpha())
    return round(covered / letters, 2) if letters else 0.0


def _preferred(entries: list[GlossaryEntry], language: str | None) -> GlossaryEntry:
    """The entry in the description's language (primary subtag), else the first in file order."""
    primary = (language or "").split("-")[0]
    return next((entry for entry in entries if entry.language.split("-")[0] == primary), entries[0])
