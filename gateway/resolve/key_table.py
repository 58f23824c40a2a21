"""A large set of short keys, each with a small number, kept in three arrays and one string.

A Python set or dict of 150,000 short strings costs about 100 bytes a key: the string object (~50
bytes of header), its slot in the hash table, and the table's spare room. The towns' sound index
(`gateway.resolve.town_sounds`) holds 168,000 such keys, 121,000 of them only to say "no town", and
asks a few dozen of them per name. `KeyTable` keeps the keys sorted by their hash in one string, with
each key's hash, end and number in numpy arrays: about 32 bytes a key, half of them its letters
(plans/tools/left11_sounds.py). A look-up is exact, not a filter: the hash finds a key's place by
binary search and the key itself is compared there (keys whose hashes collide sit side by side and
are each compared). The hashes are Python's own, so a table is only used in the process that built
it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


class KeyTable:
    """Keys (str) with a number each (int32), looked up exactly in a few arrays."""

    def __init__(self, numbered: Mapping[str, int]) -> None:
        count = len(numbered)
        hashes = np.fromiter(map(hash, numbered), dtype=np.int64, count=count)
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._text = "".join(np.fromiter(numbered, dtype=object, count=count)[order].tolist())
        lengths = np.fromiter(map(len, numbered), dtype=np.int64, count=count)[order]
        self._ends = np.cumsum(lengths).astype(np.int32 if len(self._text) < 2**31 else np.int64)
        self._numbers = np.fromiter(numbered.values(), dtype=np.int32, count=count)[order]

    def __len__(self) -> int:
        return len(self._hashes)

    def numbers(self, keys: Sequence[str]) -> list[int | None]:
        """The number of each of `keys`, None for a key the table does not hold."""
        if not keys or not len(self._hashes):
            return [None] * len(keys)
        hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
        places = self._hashes.searchsorted(hashes)
        met = self._hashes[np.minimum(places, len(self._hashes) - 1)] == hashes
        return [
            self._number(key, hashed, at) if hit else None
            for key, hashed, at, hit in zip(keys, hashes.tolist(), places.tolist(), met.tolist(), strict=True)
        ]

    def counts(self) -> dict[int, int]:
        """How many keys hold each number."""
        numbers, counts = np.unique(self._numbers, return_counts=True)
        return dict(zip(numbers.tolist(), counts.tolist(), strict=True))

    def _number(self, key: str, hashed: int, at: int) -> int | None:
        while at < len(self._hashes) and self._hashes[at] == hashed:
            if self._text[int(self._ends[at - 1]) if at else 0 : int(self._ends[at])] == key:
                return int(self._numbers[at])
            at += 1
        return None
