"""Keys by length, and scored keys, for `gateway.names.index`.

`LengthTable` numbers the keys by (length, position), so that the keys of a range of lengths are one
range of numbers; it gives the length window a score allows and the lengths in order of the best
score they allow. `Scored` holds the keys scored so far, ordered best first with ties by position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from gateway.names.index_postings import IntArray, KeyArray

FloatArray = npt.NDArray[np.float64]


def best_possible(query_length: int, key_length: int) -> float:
    """The highest fuzz.ratio / 100 two texts of these lengths can reach: 2 min / sum (1 if both empty)."""
    total = query_length + key_length
    return 2 * min(query_length, key_length) / total if total else 1.0


class LengthTable:
    """Keys numbered by (length, position)."""

    def __init__(self, keys: Sequence[str]) -> None:
        lengths = np.fromiter(map(len, keys), dtype=np.int32, count=len(keys))
        self.positions: KeyArray = np.argsort(lengths, kind="stable").astype(np.int32)
        """Number -> position of the key in the sequence given."""
        ordered = lengths[self.positions]
        longest = int(ordered[-1]) if len(keys) else 0
        self._starts = np.searchsorted(ordered, np.arange(longest + 2)).astype(np.int64)
        """Length -> the first number of a key at least that long."""
        self.longest = longest

    @property
    def nbytes(self) -> int:
        return int(self.positions.nbytes + self._starts.nbytes)

    @property
    def starts(self) -> IntArray:
        """Length -> the first number of a key at least that long."""
        return self._starts

    def distance(self, query_length: int, numbers: KeyArray) -> IntArray:
        """How far the lengths of the keys with these (ascending) numbers are from `query_length`."""
        lengths = self._starts.searchsorted(numbers, side="right") - 1
        return np.abs(lengths - query_length)

    def window(self, query_length: int, floor: float) -> tuple[int, int]:
        """The range of numbers of the keys whose length allows a score of at least `floor`."""
        shortest = math.ceil(query_length * floor / (2 - floor) - 1e-9)
        longest = math.floor(query_length * (2 - floor) / floor + 1e-9)
        shortest, longest = min(shortest, self.longest + 1), min(longest, self.longest)
        return int(self._starts[shortest]), int(self._starts[longest + 1])

    def numbers_of_length(self, length: int) -> KeyArray:
        """The numbers of the keys of this length, ascending (so by position)."""
        return np.arange(self._starts[length], self._starts[length + 1], dtype=np.int32)

    def by_bound(self, query_length: int) -> tuple[tuple[int, float], ...]:
        """(length, best possible score) for every length that has keys, best bound first."""
        return _by_bound(query_length, tuple(np.flatnonzero(np.diff(self._starts)).tolist()))


@lru_cache(maxsize=256)
def _by_bound(query_length: int, lengths: tuple[int, ...]) -> tuple[tuple[int, float], ...]:
    bounds = [(length, best_possible(query_length, length)) for length in lengths]
    return tuple(sorted(bounds, key=lambda pair: (-pair[1], abs(pair[0] - query_length), pair[0])))


@dataclass(frozen=True)
class Scored:
    """Scored key numbers, with their positions."""

    numbers: IntArray
    scores: FloatArray
    positions: KeyArray

    @classmethod
    def empty(cls) -> Scored:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.int32))

    def order(self) -> IntArray:
        """Indexes of the scored keys, best score first, ties by position."""
        return np.lexsort((self.positions, -self.scores))

    def weakest(self, limit: int) -> float:
        """The `limit`-th best score, or 0 when fewer than `limit` keys scored above 0."""
        if len(self.scores) < limit:
            return 0.0
        if limit == 1:
            return float(self.scores.max())
        return float(-np.partition(-self.scores, limit - 1)[limit - 1])

    def best(self, limit: int) -> list[tuple[int, float]]:
        """(number, score) of the `limit` best keys that scored above 0."""
        chosen = self.order()[:limit]
        pairs = zip(self.numbers[chosen].tolist(), self.scores[chosen].tolist(), strict=True)
        return [(number, score) for number, score in pairs if score > 0]


def merge_scored(first: Scored, second: Scored) -> Scored:
    """Both sets of scored keys, each key once."""
    if not len(second.numbers):
        return first
    numbers = np.concatenate((first.numbers, second.numbers))
    numbers, kept = np.unique(numbers, return_index=True)
    scores = np.concatenate((first.scores, second.scores))[kept]
    return Scored(numbers, scores, np.concatenate((first.positions, second.positions))[kept])
