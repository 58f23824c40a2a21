"""The names one document may have searched for near names, shared by the stage and `name_to_code`.

A place, office, country or package name that is not a code-list or glossary name exactly is searched
for near names, which costs milliseconds a name (an unknown village 5-10 ms, a name of twenty words ~40).
A document gets at most `limit` such searches (GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT): the mapping's
`name_to_code` values first (they are coded while the mapping runs), then the stage's names, each in
document order. A name counts once per document, and only when its full result is not an exact one, so
the count, and what is searched, depend on the document alone. The pipeline opens one `Searches` per
document (`NameResolution.one_document`); a stage run on its own counts its names alone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from gateway.resolve.result import Resolution

EXACT_METHODS = frozenset({"code-list", "glossary"})
"""The methods of a name met exactly: such a name costs no search."""


class Searches:
    """What one document has spent of its searches, and the names it could not have searched."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._decided: dict[Hashable, bool] = {}
        self.skipped: list[str | None] = []
        """The pointers of the names looked up exactly only that met nothing (None: a `name_to_code`
        value, whose place the mapping reports if it stays uncoded)."""

    def may_search(self, key: Hashable) -> bool:
        """Whether the name `key` is searched: the answer given the first time it was asked for this
        document, else whether any search is left."""
        decided = self._decided.get(key)
        return decided if decided is not None else self.used < self.limit

    def count(
        self, key: Hashable, searched: bool, resolution: Resolution, pointer: str | None = None
    ) -> None:
        """Count the name `key` once: a search spent when it was searched and not met exactly, a name
        skipped when it was not searched and met nothing exactly."""
        if key in self._decided:
            return
        self._decided[key] = searched
        if resolution.method in EXACT_METHODS:
            return
        if searched:
            self.used += 1
        else:
            self.skipped.append(pointer)


_DOCUMENT: ContextVar[Searches | None] = ContextVar("searches_of_the_document", default=None)


@contextmanager
def one_document(limit: int) -> Iterator[Searches]:
    """The searches of the document normalized within (each thread and task has its own)."""
    searches = Searches(limit)
    token = _DOCUMENT.set(searches)
    try:
        yield searches
    finally:
        _DOCUMENT.reset(token)


def of_the_document() -> Searches | None:
    """The searches of the document being normalized, or None outside `one_document`."""
    return _DOCUMENT.get()
