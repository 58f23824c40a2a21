"""What resolving one name gives: the original kept, the Latin and English forms, the code, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Method = str
"""How a result was obtained: `code-list` (exact name or alias of a code), `glossary` (exact term),
`fuzzy` (best of the fuzzy index, above the threshold), `town` (a town, township or subdistrict of
the place's county: `gateway.resolve.towns`), `legal-form` (a party name: its legal form from
the glossary, the rest transliterated), `transliteration` (no entry: the name written in Latin letters)."""

GUESSES = frozenset({"fuzzy", "legal-form", "transliteration"})
"""Methods whose result is a guess: the unresolved queue counts them."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name may stand for, with how similar the two are."""

    code: str | None
    english: str | None
    latin: str | None
    name: str
    """The entry's own name or term that the name was compared with."""
    score: float
    source: str
    """Where the entry is: ``code-list locode KZALA`` or ``glossary places.csv:3``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "english": self.english,
            "latin": self.latin,
            "name": self.name,
            "score": self.score,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """The resolution of one name. A candidate below the threshold is never its code or English form."""

    original: str
    kind: str
    language: str
    script: str
    latin: str
    """The Latin form: the entry's official Latin form when resolved, else the transliteration."""
    scheme: str
    """The transliteration scheme the Latin form and the keys were made with."""
    english: str | None
    code: str | None
    method: Method
    score: float
    """In [0, 1]: 1 for an exact match, the similarity for a fuzzy one, 0 for a transliteration."""
    source: str | None
    glossary_version: str
    candidates: tuple[Candidate, ...] = ()
    """Runner-up entries, best first (for a transliteration: the weak matches)."""
    legal_form: str | None = None
    notes: tuple[str, ...] = field(default=())
    """What else was done: look-alike letters folded, an address word set apart."""

    @property
    def is_guess(self) -> bool:
        """Whether the result came from a guess (fuzzy match, legal form and transliteration)."""
        return self.method in GUESSES

    def to_json(self) -> dict[str, Any]:
        """The resolution as JSON-ready data (what `gateway resolve --json` prints)."""
        return {
            "original": self.original,
            "kind": self.kind,
            "language": self.language,
            "script": self.script,
            "latin": self.latin,
            "english": self.english,
            "code": self.code,
            "method": self.method,
            "score": self.score,
            "source": self.source,
            "scheme": self.scheme,
            "glossary_version": self.glossary_version,
            "legal_form": self.legal_form,
            "notes": list(self.notes),
            "candidates": [candidate.to_json() for candidate in self.candidates],
        }
