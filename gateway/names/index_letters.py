"""The keys' letters in one array, scored against a query in C, for `gateway.names.index`.

Scoring a shortlist with `rapidfuzz.process.cdist` first fetches each key's string object from the
list of one million keys (two cache misses a key: the list's slot and the string's reference count),
which costs as much as the scoring itself. `Letters` holds every key's letters, numbered densely, in
one uint16 array in the order of the key numbers, and `ratios` scores keys straight from it with the
compiled module's bit-parallel Indel (`gateway/names/_fastcount.pyx`): the same scores as
`fuzz.ratio` (tests/names/test_index_letters.py compares them). Queries longer than
`LONGEST_QUERY` letters, alphabets beyond uint16, and a source tree without the compiled module are
scored by cdist instead (`Letters.of` answers None, or `ratios` does).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from gateway.names.index_postings import IntArray, KeyArray
from gateway.names.index_shortlist import ACCELERATOR

_CHUNK = 100_000
"""Keys per chunk while numbering the letters."""

LONGEST_QUERY = 64
"""The longest query scored from the letters (one 64-bit word of the bit-parallel LCS)."""


class Letters:
    """Every key's letters as dense numbers, key n at letters[offsets[n]:offsets[n + 1]]."""

    def __init__(self, letters: npt.NDArray[np.uint16], offsets: IntArray, numbers: dict[str, int]) -> None:
        self.letters, self.offsets, self.numbers = letters, offsets, numbers

    @classmethod
    def of(cls, keys: Sequence[str]) -> Letters | None:
        """The letters of `keys`, or None without the compiled module or with more than 65,536 letters."""
        alphabet = sorted(
            {
                letter
                for start in range(0, len(keys), _CHUNK)
                for letter in "".join(keys[start : start + _CHUNK])
            }
        )
        if ACCELERATOR is None or len(alphabet) > 2**16:
            return None
        numbering = np.zeros(max((ord(letter) for letter in alphabet), default=0) + 1, dtype=np.uint16)
        numbering[[ord(letter) for letter in alphabet]] = np.arange(len(alphabet), dtype=np.uint16)
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        letters = np.empty(int(offsets[-1]), dtype=np.uint16)
        for start in range(0, len(keys), _CHUNK):
            text = "".join(keys[start : start + _CHUNK]).encode("utf-32-le")
            first = int(offsets[start])
            points = np.frombuffer(text, dtype=np.uint32)
            letters[first : first + len(points)] = numbering[points]
        return cls(letters, offsets, {letter: number for number, letter in enumerate(alphabet)})

    @property
    def nbytes(self) -> int:
        return int(self.letters.nbytes + self.offsets.nbytes)

    def ratios(self, query: str, numbers: KeyArray) -> npt.NDArray[np.float64] | None:
        """fuzz.ratio(query, key) of the keys with these numbers, or None for a query too long."""
        if len(query) > LONGEST_QUERY or ACCELERATOR is None:
            return None
        letters = np.array([self.numbers.get(letter, -1) for letter in query], dtype=np.int32)
        scores = np.empty(len(numbers), dtype=np.float64)
        ACCELERATOR.ratios(self.letters, self.offsets, numbers, letters, len(self.numbers), scores)
        return scores
