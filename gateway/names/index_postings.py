"""Character trigrams of folded keys and their posting lists, built with numpy.

Each key is padded with one space on each side, so "khorgos" gives " kh", "kho", ..., "os ": a key of
n characters has exactly n trigrams, and a one-letter key still has one. A posting list holds, in
ascending order and once each, the numbers of the keys that contain a trigram. All lists live in one
int32 array (`key_numbers`) cut by `offsets`, about 4 bytes per trigram of the glossary.

Building never loops in Python over trigrams: the keys are joined into one array of code points, the
code points renumbered densely, each trigram turned into one integer, and (trigram, key) pairs sorted
once. One million keys of ~25 characters build in a few seconds (`bench/names_index.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

GRAM_SIZE = 3
PADDING = " "
_UNICODE_SIZE = 0x110000
_CHUNK = 100_000
"""Keys per chunk while making trigram codes."""

IntArray = npt.NDArray[np.int64]
KeyArray = npt.NDArray[np.int32]


@dataclass(frozen=True)
class Postings:
    """The posting list of every term (trigram or word) in the keys."""

    terms: dict[str, int]
    """Trigram or word -> its number; the list of number t is key_numbers[offsets[t]:offsets[t + 1]]."""
    offsets: IntArray
    key_numbers: KeyArray

    def posting_list(self, term: int) -> KeyArray:
        """The ascending key numbers that contain term number `term`."""
        return self.key_numbers[self.offsets[term] : self.offsets[term + 1]]

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (the trigram dictionary is small: one entry per distinct trigram)."""
        return int(self.offsets.nbytes + self.key_numbers.nbytes)


def query_grams(text: str) -> list[str]:
    """The padded trigrams of `text`, in order, repeats included (" ab", "ab " for "ab")."""
    padded = f"{PADDING}{text}{PADDING}"
    return [padded[start : start + GRAM_SIZE] for start in range(len(padded) - GRAM_SIZE + 1)]


def build_postings(keys: Sequence[str]) -> Postings:
    """Posting lists of the padded trigrams of `keys`, key numbers being positions in `keys`.

    Trigram codes are made a chunk of keys at a time, so that the temporary arrays stay small.
    """
    alphabet, numbering = _alphabet(keys)
    size = len(alphabet)
    total = sum(map(len, keys))
    codes, numbers = np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64)
    filled = 0
    for start in range(0, len(keys), _CHUNK):
        chunk_codes, chunk_numbers = _chunk_codes(keys, start, numbering, size)
        codes[filled : filled + len(chunk_codes)] = chunk_codes
        numbers[filled : filled + len(chunk_codes)] = chunk_numbers
        filled += len(chunk_codes)
    table: IntArray | None = None
    if size**GRAM_SIZE * max(len(keys), 1) >= 2**63:  # many scripts: renumber the trigrams first
        table, codes = np.unique(codes, return_inverse=True)
    arrays = [codes, numbers]
    del codes, numbers
    distinct, offsets, key_numbers = posting_table(arrays, len(keys))
    distinct = distinct if table is None else table[distinct]
    return Postings(_gram_numbers(distinct, alphabet), offsets, key_numbers)


def _alphabet(keys: Sequence[str]) -> tuple[IntArray, KeyArray]:
    """The distinct code points of the padded keys (ascending) and the number of each point among them."""
    present = np.zeros(_UNICODE_SIZE, dtype=bool)
    present[ord(PADDING)] = True
    for start in range(0, len(keys), _CHUNK):
        present[_code_points(keys[start : start + _CHUNK])] = True
    alphabet = np.flatnonzero(present).astype(np.int64)
    numbering = np.zeros(_UNICODE_SIZE, dtype=np.int32)
    numbering[alphabet] = np.arange(len(alphabet), dtype=np.int32)
    return alphabet, numbering


def _chunk_codes(
    keys: Sequence[str], start: int, numbering: KeyArray, size: int
) -> tuple[IntArray, IntArray]:
    """The trigram codes of keys[start:start + _CHUNK] and the key number of each."""
    chunk = keys[start : start + _CHUNK]
    lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
    codes, numbers = _gram_codes(lengths, numbering[_code_points(chunk)], size)
    return codes, numbers + start


@dataclass(frozen=True)
class Words:
    """The words of every key: the vocabulary, each word's number per occurrence, and each key's count."""

    vocabulary: dict[str, int]
    codes: IntArray
    counts: IntArray

    @classmethod
    def of(cls, keys: Sequence[str]) -> Words:
        vocabulary: dict[str, int] = {}
        codes = [vocabulary.setdefault(word, len(vocabulary)) for key in keys for word in key.split()]
        counts = np.fromiter((len(key.split()) for key in keys), np.int64, len(keys))
        return cls(vocabulary, np.array(codes, dtype=np.int64), counts)

    def numbers(self) -> IntArray:
        """The key number of every word occurrence."""
        return np.repeat(np.arange(len(self.counts), dtype=np.int64), self.counts)


def build_word_postings(words: Words) -> Postings:
    """Posting lists of the words (split at spaces) of the keys."""
    distinct, offsets, key_numbers = posting_table([words.codes.copy(), words.numbers()], len(words.counts))
    texts = list(words.vocabulary)
    return Postings(
        {texts[code]: number for number, code in enumerate(distinct.tolist())}, offsets, key_numbers
    )


@dataclass(frozen=True)
class PairPostings:
    """The keys holding each unordered pair of distinct words, under code smaller * size + larger."""

    codes: IntArray
    offsets: IntArray
    key_numbers: KeyArray
    size: int

    @property
    def nbytes(self) -> int:
        return int(self.codes.nbytes + self.offsets.nbytes + self.key_numbers.nbytes)

    def posting_lists(self, pairs: Sequence[tuple[int, int]]) -> tuple[IntArray, IntArray]:
        """For each pair of words (by number), where the list of the keys holding both starts and ends
        in `key_numbers` (an empty span for a pair no key holds)."""
        size = self.size
        ordered = (one * size + other if one < other else other * size + one for one, other in pairs)
        codes = np.fromiter(ordered, dtype=np.int64, count=len(pairs))
        found = np.minimum(self.codes.searchsorted(codes), len(self.codes) - 1)
        known = self.codes[found] == codes if len(self.codes) else np.zeros(len(codes), dtype=bool)
        starts = self.offsets[found]
        return starts, np.where(known, self.offsets[found + 1], starts)


def build_pair_postings(words: Words) -> PairPostings:
    """Posting lists of the pairs of distinct words that share a key."""
    numbers, size = words.numbers(), len(words.vocabulary)
    codes, owners = [], []
    for gap in range(1, int(words.counts.max(initial=1))):
        same_key = numbers[:-gap] == numbers[gap:]
        first, second = words.codes[:-gap][same_key], words.codes[gap:][same_key]
        distinct = first != second
        low, high = np.minimum(first, second)[distinct], np.maximum(first, second)[distinct]
        codes.append(low * size + high)
        owners.append(numbers[:-gap][same_key][distinct])
    if not codes:
        return PairPostings(np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int32), size)
    table = posting_table([np.concatenate(codes), np.concatenate(owners)], len(words.counts))
    return PairPostings(*table, size)


def posting_table(arrays: list[IntArray], key_count: int) -> tuple[IntArray, IntArray, KeyArray]:
    """The distinct term codes (ascending), the offsets of their lists, and the lists' key numbers.

    `arrays` holds the term code and the key number of every occurrence; it is emptied and its
    arrays overwritten, so that they are freed as soon as they are no longer needed.
    """
    key_count = max(key_count, 1)
    pairs, numbers = arrays.pop(0), arrays.pop(0)
    pairs *= key_count
    pairs += numbers
    del numbers
    pairs.sort()
    first = np.empty(len(pairs), dtype=bool)
    first[:1] = True
    np.not_equal(pairs[1:], pairs[:-1], out=first[1:])  # a term repeated in one key is listed once
    pairs = pairs[first]
    term_codes, remainders = np.divmod(pairs, key_count)
    del pairs
    key_numbers = remainders.astype(np.int32)
    del remainders
    first = np.empty(len(term_codes), dtype=bool)
    first[:1] = True
    np.not_equal(term_codes[1:], term_codes[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    offsets = np.append(starts, len(term_codes)).astype(np.int64)
    return term_codes[starts], offsets, key_numbers


def _code_points(keys: Sequence[str]) -> npt.NDArray[np.uint32]:
    """Every padded key's code points, one after another."""
    text = "".join(f"{PADDING}{key}{PADDING}" for key in keys)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _gram_codes(lengths: IntArray, dense: KeyArray, size: int) -> tuple[IntArray, IntArray]:
    """The code of every trigram (three letter numbers in base `size`) and the number of its key.

    A key of n letters, padded to n + 2, starts its n trigrams at its own offset in `dense`.
    """
    numbers = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    first = np.arange(len(numbers), dtype=np.int64)
    first += 2 * numbers  # each earlier key adds its two padding characters
    codes = dense[first].astype(np.int64)
    for shift in range(1, GRAM_SIZE):
        codes *= size
        codes += dense[first + shift]
    return codes, numbers


def _gram_numbers(gram_codes: IntArray, alphabet: IntArray) -> dict[str, int]:
    """Trigram text -> its number (its rank among the sorted codes)."""
    size = len(alphabet)
    letters = [alphabet[gram_codes // size ** (GRAM_SIZE - 1 - place) % size] for place in range(GRAM_SIZE)]
    texts = ("".join(map(chr, triple)) for triple in zip(*(part.tolist() for part in letters), strict=True))
    return {text: number for number, text in enumerate(texts)}
