"""A glossary entry, the problems a glossary file can have, and the key terms are looked up by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gateway.errors import ConfigurationError
from gateway.names.confusables import (
    LATIN_TO_CYRILLIC,
    fold_confusables,
    has_latin_letter,
    mixed_script_words,
)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One row of a glossary file: `term` in `language` means `english`."""

    kind: str
    language: str
    term: str
    english: str
    latin: str
    code: str
    note: str
    file: str
    line: int

    @property
    def reference(self) -> str:
        """Where the entry is written: ``legal-forms.csv:12``."""
        return f"{self.file}:{self.line}"


INVALID = "glossary.invalid"
CONFLICT = INVALID
"""Two meanings of one term of a kind without countries (a legal form, a goods term)."""
SAME_COUNTRY = "glossary.same-country"
"""Two meanings of one place or office term whose codes lie in one country: the sender cannot decide."""
UNCODED_TWICE = "glossary.uncoded-twice"
"""Two meanings of one place or office term, neither with a code: no country tells them apart."""


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """What is wrong with one line of a glossary file."""

    file: str
    line: int
    reason: str
    code: str = INVALID
    """A stable code for problems a terminologist meets often enough to look up (docs/glossary.md,
    "Checks"); INVALID for the rest."""

    def __str__(self) -> str:
        coded = f" [{self.code}]" if self.code != INVALID else ""
        return f"{self.file}:{self.line}: {self.reason}{coded}"


class InvalidGlossary(ConfigurationError):
    """A glossary folder with at least one bad file; `problems` lists every one, with file and line."""

    code = INVALID

    def __init__(self, problems: list[GlossaryProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


_QUOTES = re.compile(r"[«»\"“”„‟'‘’`「」『』《》]")
_SPACES = re.compile(r"\s+")


def term_key(text: str) -> str:
    """The form terms are compared in: NFC, look-alike letters folded, quotes dropped, ё as е,
    case folded, spaces collapsed. "ТОО «AСТАНА»" (Latin A) and "тоо астана" have the same key; a word
    whose script look-alikes cannot decide ("AО") is read as Cyrillic. The keys of short texts are kept
    (KEPT_KEYS): the same words (legal forms, address words, the words of names) are keyed again and
    again, at ~25 µs each."""
    return _kept_key(text) if len(text) <= KEPT_KEY_LENGTH else _term_key(text)


KEPT_KEYS = 1 << 15
KEPT_KEY_LENGTH = 64
"""The longest text whose key is kept (a word or a name, not a description)."""


def _term_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    folded, _ = fold_confusables(text)
    mixed = mixed_script_words(folded) if has_latin_letter(folded) else ()  # else nothing to make Cyrillic
    for word in mixed:  # undecided (AО: two look-alikes): Cyrillic, always
        cyrillic = "".join(LATIN_TO_CYRILLIC.get(letter, letter) for letter in word.word)
        folded = folded[: word.position] + cyrillic + folded[word.position + len(word.word) :]
    folded = _QUOTES.sub(" ", folded).casefold().replace("ё", "е")
    return _SPACES.sub(" ", folded).strip()


_kept_key = lru_cache(maxsize=KEPT_KEYS)(_term_key)
