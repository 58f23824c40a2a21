"""The fuzzy index the resolver shortlists with: `gateway.names.index.FuzzyIndex` (branch `index`).

Until that module is present, `ScanIndex` gives the same interface by scanning every key with
rapidfuzz (exact, and slow on large catalogs); the resolver rescores the shortlist itself either way.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from rapidfuzz import fuzz, process


class Match(NamedTuple):
    """A key found by an index: its position in the keys, the key, and a score in [0, 1]."""

    position: int
    key: str
    score: float


class Index(Protocol):
    def search(self, query: str, limit: int = 5) -> Sequence[Match]: ...


class ScanIndex:
    """Every key compared with the query (rapidfuzz `ratio`), best first, ties by position."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        found = process.extract(query, self.keys, scorer=fuzz.ratio, limit=limit)
        ranked = sorted(found, key=lambda item: (-item[1], item[2]))
        return [Match(position, key, score / 100) for key, score, position in ranked]


def make_index(keys: Sequence[str]) -> Index:
    """The project's fuzzy index over `keys`, or a scan when the index module is not there."""
    try:
        module = importlib.import_module("gateway.names.index")  # branch `index`
    except ImportError:
        return ScanIndex(keys)
    index: Index = module.FuzzyIndex(keys)
    return index
