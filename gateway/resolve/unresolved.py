"""The unresolved queue: names that fell through to transliteration or matched only weakly.

`unresolved_names` picks them out of a document's resolutions; the store counts them across documents,
with a few documents each came from (`Store.record_unresolved` / `Store.unresolved`; the memory store
is the in-process version). `glossary_rows` turns counts into rows of the glossary's own columns, most
frequent first, for a terminologist to fill in (`english` left empty, so `gateway glossary check`
refuses a row until it is filled).

The store keeps every name it counted; what the glossary in force now resolves is left out when the
queue is read (`OpenNames.of`: each name resolved again, as the API's `GET /v1/unresolved` and `gateway
glossary unresolved --csv` do), so a row a terminologist added takes its name off the list as soon as
the glossary holding it is in force, and a name whose row is taken out again comes back with its count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from gateway.glossary.columns import COLUMNS
from gateway.resolve.descriptions import GoodsDescriptions
from gateway.resolve.keys import latin_form
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Resolution


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
    """An unresolved name with its count (the store's `UnresolvedCount`)."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def script(self) -> str | None: ...
    @property
    def count(self) -> int: ...
    @property
    def message_ids(self) -> Sequence[str]: ...


C = TypeVar("C", bound=UnresolvedCounted)


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
                "note": f"seen {_times(count.count)}; latin suggested by {scheme}"
                + (f"; in {documents}" if documents else ""),
            }
        )
    return rows


def _times(count: int) -> str:
    return "1 time" if count == 1 else f"{count} times"


def glossary_csv(counts: Iterable[UnresolvedCounted]) -> str:
    """The rows of `glossary_rows` as CSV text with the glossary's header."""
    output = io.StringIO(newline="")
    writer = csv.DictWriter(output, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(glossary_rows(counts))
    return output.getvalue()


class OpenNames:
    """The queue's names that the glossary in force still leaves a guess, read page by page."""

    def __init__(self, resolver: Resolver, descriptions: GoodsDescriptions | None = None) -> None:
        self.resolver = resolver
        self.descriptions = descriptions or GoodsDescriptions(resolver)
        self._answers: tuple[str, dict[tuple[str, str, str | None], bool]] = ("", {})
        """Each name's answer under one glossary version: a queue read again costs lookups only."""

    def answered(self, count: UnresolvedCounted) -> bool:
        """Whether the glossary in force resolves the name now: resolved again in the language it was
        seen in, it is no longer a guess. No sender's country is given (the queue keeps none)."""
        version = self.resolver.glossary().version
        if self._answers[0] != version:
            self._answers = (version, {})  # swapped whole: a thread reading the old one reads it whole
        answers, key = self._answers[1], (count.kind, count.text, count.language)
        if key not in answers:
            answers[key] = self._resolved_again(count)
        return answers[key]

    def _resolved_again(self, count: UnresolvedCounted) -> bool:
        if count.kind == "goods":
            again = self.descriptions.describe(count.text, count.language, None, count.script)
        else:
            again = self.resolver.resolve(count.text, count.kind, None, count.language)
        return not again.is_guess

    def of(self, read: Callable[[int, int], Sequence[C]], limit: int) -> list[C]:
        """The first `limit` names not answered, in the queue's order; `read(limit, offset)` is a page
        of the store's queue."""
        kept: list[C] = []
        offset = 0
        while len(kept) < limit:
            page = read(limit, offset)
            kept += [count for count in page if not self.answered(count)]
            if len(page) < limit:
                break
            offset += len(page)
        return kept[:limit]
