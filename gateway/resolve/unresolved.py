"""The unresolved queue: names that fell through to transliteration or matched only weakly.

`unresolved_names` picks them out of a document's resolutions; `UnresolvedTally` counts them across
documents in memory, with a few documents each came from (the store keeps the same counts durably:
`Store.record_unresolved` / `Store.unresolved`). `glossary_rows` turns counts into rows of the
glossary's own columns, most frequent first, for a terminologist to fill in (`english` left empty, so
`gateway glossary check` refuses a row until it is filled).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from gateway.glossary.columns import COLUMNS
from gateway.resolve.keys import latin_form
from gateway.resolve.result import Resolution

EXAMPLE_DOCUMENTS = 5
"""How many documents an unresolved name keeps as examples."""


@dataclass(frozen=True, slots=True)
class Unresolved:
    """One unresolved name seen in one document (the fields of the store's `UnresolvedName`)."""

    kind: str
    text: str
    language: str | None
    script: str | None
    country: str | None
    message_id: str | None
    seen_at: datetime


class UnresolvedCounted(Protocol):
    """An unresolved name with its count (the store's `UnresolvedCount`, or `TallyRow`)."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def count(self) -> int: ...
    @property
    def message_ids(self) -> Sequence[str]: ...


def unresolved_names(
    resolutions: Iterable[Resolution], country: str | None, message_id: str | None, seen_at: datetime
) -> list[Unresolved]:
    """The resolutions that are guesses (fuzzy, legal form, transliteration), once per kind and text."""
    seen: set[tuple[str, str]] = set()
    names = []
    for resolution in resolutions:
        key = (resolution.kind, resolution.original)
        if resolution.is_guess and key not in seen:
            seen.add(key)
            names.append(
                Unresolved(
                    resolution.kind,
                    resolution.original,
                    resolution.language,
                    resolution.script,
                    country,
                    message_id,
                    seen_at,
                )
            )
    return names


@dataclass(slots=True)
class TallyRow:
    """An unresolved name counted in memory."""

    kind: str
    text: str
    language: str | None
    script: str | None
    count: int = 0
    message_ids: list[str] = field(default_factory=list)


class UnresolvedTally:
    """Counts of unresolved names by kind, text and language, with up to EXAMPLE_DOCUMENTS documents each."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str | None], TallyRow] = {}

    def add(self, names: Iterable[Unresolved]) -> None:
        for name in names:
            key = (name.kind, name.text, name.language)
            row = self._rows.setdefault(key, TallyRow(name.kind, name.text, name.language, name.script))
            row.count += 1
            if (
                name.message_id
                and name.message_id not in row.message_ids
                and len(row.message_ids) < EXAMPLE_DOCUMENTS
            ):
                row.message_ids.append(name.message_id)

    def rows(self, limit: int | None = None) -> list[TallyRow]:
        """Most frequent first; ties by kind and text."""
        ordered = sorted(self._rows.values(), key=lambda row: (-row.count, row.kind, row.text))
        return ordered[:limit]


GLOSSARY_KIND = {
    "place": "place",
    "office": "office",
    "party": "party",
    "goods": "goods",
    "package": "package",
    "country": "place",
}


def glossary_rows(counts: Iterable[UnresolvedCounted]) -> list[dict[str, str]]:
    """Glossary rows for unresolved names: kind, language and term filled, `latin` suggested."""
    rows = []
    for count in counts:
        latin, language, _, scheme = latin_form(count.text, count.language)
        documents = ", ".join(count.message_ids)
        rows.append(
            {
                "kind": GLOSSARY_KIND.get(count.kind, count.kind),
                "language": language,
                "term": count.text,
                "english": "",
                "latin": latin,
                "code": "",
                "note": f"seen {count.count} times; latin suggested by {scheme}"
                + (f"; in {documents}" if documents else ""),
            }
        )
    return rows


def glossary_csv(counts: Iterable[UnresolvedCounted]) -> str:
    """The rows of `glossary_rows` as CSV text with the glossary's header."""
    output = io.StringIO(newline="")
    writer = csv.DictWriter(output, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(glossary_rows(counts))
    return output.getvalue()
