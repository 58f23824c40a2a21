"""A fuzzy index over folded Latin keys: the glossary's nearest entries to a name in about a millisecond.

The scorer is rapidfuzz's `fuzz.ratio` (the normalized Indel similarity, 1 - distance / (len a +
len b)) divided by 100, with no processor: keys and queries arrive folded ("astana trans llp",
"khorgos"). WRatio is not used: its partial matching scores a short query like "llp" 90 against every
name that contains it. `search` returns what `rapidfuzz.process.extractOne(query, keys,
scorer=fuzz.ratio)` returns on at least 99 % of realistic queries, in a small fraction of its time
(figures: `python bench/names_index.py`).

How a search narrows one million keys to a few hundred:

1. Length window. ratio(a, b) is at most 2 min(|a|, |b|) / (|a| + |b|), so a key much shorter or longer
   than the query cannot score well. Keys are numbered by (length, position), so the keys of a length
   window are one range of numbers, and every posting list is cut to it by binary search.
2. Rare trigrams first. The query's trigram posting lists, cut to the window, are read rarest first
   until a budget of key numbers is spent: frequent trigrams ("llp", "an ") say little and cost much.
3. Count filter. Keys are ranked by how many of those trigrams they share, then by length closeness
   and position; the best `shortlist_size` are scored with `rapidfuzz.process.cdist`.
4. Short keys are scored whole. Lengths are visited by falling upper bound, and every length whose keys
   fit in `scan_limit` and could still beat the results is scored entirely: a two-letter query, or
   one sharing no trigram with its best key ("ab" for "ba"), is answered exactly.
5. Widening. If the results are weaker than the window assumed, the search runs once more with the
   window their score allows.

Work per query is bounded by the budget, the shortlist and the scan limit, whatever the query: a query
sharing no trigram with any key gets the best of the `scan_limit` keys nearest its length, never a scan
of the whole index. Results are deterministic: best score first, ties by position. A key equal to the
query is always first (the first of its duplicates), with score 1.0. Matches scoring 0 are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz, process

from gateway.names.index_postings import (
    IntArray,
    KeyArray,
    Words,
    build_pair_postings,
    build_postings,
    build_word_postings,
)
from gateway.names.index_shortlist import NO_KEYS, count_rarest, cut, most_counted, union
from gateway.names.index_window import LengthTable, Scored, merge_scored

SCORER = fuzz.ratio
"""The scorer of the index and of the brute force it is compared with: rapidfuzz's Indel ratio."""

WINDOW_FLOOR = 0.5
"""The score the first pass assumes reachable, which sets its length window."""

WORD_FLOOR = 0.6
"""How close (fuzz.ratio / 100) a glossary word must be to stand in for a query word it does not equal."""

SHORT_QUERY = 6
"""Queries this short share few trigrams with their best keys: the keys of close lengths are scored whole."""

WORD_ALTERNATIVES = 4
"""At most this many glossary words stand in for a query word that is not in the glossary."""


@dataclass(frozen=True)
class Match:
    """A key found for a query."""

    position: int
    """Index of the key in the sequence the index was built from."""
    key: str
    score: float
    """fuzz.ratio / 100, in [0, 1]; 1.0 for an equal key."""


class FuzzyIndex:
    """Fuzzy search over a fixed sequence of folded Latin keys (duplicates and empty keys allowed)."""

    def __init__(
        self,
        keys: Sequence[str],
        *,
        shortlist_size: int = 128,
        postings_budget: int = 20_000,
        gram_budget: int = 5_000,
        scan_limit: int = 1_024,
        words: bool = True,
    ) -> None:
        self.shortlist_size = shortlist_size
        self.postings_budget = postings_budget
        self.gram_budget = gram_budget
        self.scan_limit = scan_limit
        self._lengths = LengthTable(keys)
        self._keys = [keys[position] for position in self._lengths.positions.tolist()]
        self._first_number = dict(zip(reversed(self._keys), range(len(self._keys) - 1, -1, -1), strict=True))
        self._grams = build_postings(self._keys)
        split = Words.of(self._keys) if words else None
        self._words = build_word_postings(split) if split else None
        self._pairs = build_pair_postings(split) if split else None
        self._vocabulary = (
            FuzzyIndex(list(self._words.terms), words=False, shortlist_size=32, scan_limit=256)
            if self._words
            else None
        )

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def nbytes(self) -> int:
        """Bytes of the index's arrays (not the key strings nor the dictionaries)."""
        words = self._words.nbytes if self._words else 0
        vocabulary = self._vocabulary.nbytes if self._vocabulary else 0
        return self._grams.nbytes + self._lengths.nbytes + words + vocabulary

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """The `limit` keys nearest to `query`, best first, ties by position."""
        if limit < 1 or not self._keys:
            return []
        scored = self._pass(query, limit, WINDOW_FLOOR)
        best = scored.weakest(1)
        if best < WINDOW_FLOOR:
            scored = merge_scored(scored, self._pass(query, limit, max(best, 0.01)))
        return [self._match(number, score) for number, score in scored.best(limit)]

    def _pass(self, query: str, limit: int, floor: float) -> Scored:
        """Score the shortlists of a length window, then the small lengths that could beat them."""
        low, high = self._lengths.window(len(query), floor)
        bounds = np.array((low, high), dtype=np.int32)
        found = [self._word_shortlist(query, bounds), self._gram_shortlist(query, bounds, self.gram_budget)]
        exact = self._first_number.get(query)
        if exact is not None:
            found.append(np.array([exact], dtype=np.int32))
        scored = self._score(query, union([numbers for numbers in found if len(numbers)]))
        if len(query) <= SHORT_QUERY or not len(scored.numbers):
            scored = self._scan_lengths(query, scored, limit)
        return scored

    def _gram_shortlist(self, query: str, bounds: KeyArray, budget: int | None = None) -> KeyArray:
        """The keys sharing the most of the query's rarer trigrams."""
        terms = self._grams.terms
        numbers = np.array(
            [terms[gram] for gram in set(_padded_grams(query)) if gram in terms], dtype=np.int64
        )
        groups = [[cut(self._grams.posting_list(number), bounds)] for number in self._rarest(numbers, budget)]
        return self._most_counted(*count_rarest(groups, budget or self.postings_budget), len(query))

    def _rarest(self, grams: IntArray, budget: int | None) -> list[int]:
        """The trigrams with the shortest posting lists (before the window cut) that fit the budget."""
        offsets = self._grams.offsets
        sizes = offsets[grams + 1] - offsets[grams]
        order = np.argsort(sizes, kind="stable")
        fits = np.cumsum(sizes[order]) <= (budget or self.postings_budget)
        return [int(gram) for gram in grams[order[: max(int(fits.sum()), 1)]]]

    def _word_shortlist(self, query: str, bounds: KeyArray) -> KeyArray:
        """The keys holding the most of the query's rarer words or word pairs (or words close to them).

        A one-word query counts words; a longer one counts pairs of its words, whose posting lists are
        much shorter than a word's: "construction" is in 1.5 % of the keys, with "tashkentov" in a few.
        """
        if self._words is None or self._pairs is None:
            return NO_KEYS
        terms = self._words.terms
        found = [
            [terms[word] for word in self._word_alternatives(text)] for text in dict.fromkeys(query.split())
        ]
        found = [numbers for numbers in found if numbers]
        if len(found) == 1:
            groups = [[cut(self._words.posting_list(number), bounds) for number in found[0]]]
        else:
            pairs = [
                [(one, other) for one in first for other in second]
                for place, first in enumerate(found)
                for second in found[place + 1 :]
            ]
            lists = iter(self._pairs.posting_lists([pair for group in pairs for pair in group], bounds))
            groups = [[next(lists) for _ in group] for group in pairs]
        return self._most_counted(*count_rarest(groups, self.postings_budget), len(query))

    def _word_alternatives(self, word: str) -> list[str]:
        """`word` if the glossary has it, else the glossary words nearest to it."""
        if self._vocabulary is None or (self._words is not None and word in self._words.terms):
            return [word]
        return self._vocabulary.nearest(word, WORD_ALTERNATIVES, WORD_FLOOR)

    def nearest(self, query: str, limit: int, floor: float) -> list[str]:
        """A quick `search` for the keys scoring at least `floor`: one pass, no widening."""
        low, high = self._lengths.window(len(query), floor)
        scored = self._score(query, self._gram_shortlist(query, np.array((low, high), dtype=np.int32)))
        if len(query) <= SHORT_QUERY:  # short words share few trigrams: score the short lengths whole
            scored = self._scan_lengths(query, scored, limit)
        return [self._keys[number] for number, score in scored.best(limit) if score >= floor]

    def _most_counted(self, numbers: KeyArray, counts: IntArray, query_length: int) -> KeyArray:
        return most_counted(
            numbers, counts, partial(self._lengths.distance, query_length), self.shortlist_size
        )

    def _scan_lengths(self, query: str, scored: Scored, limit: int) -> Scored:
        """Score whole every length that could still beat the results, while `scan_limit` allows.

        With nothing found yet, the keys nearest the query's length are scored up to `scan_limit`.
        """
        remaining = self.scan_limit
        for length, bound in self._lengths.by_bound(len(query)):
            if bound <= scored.weakest(limit) or remaining <= 0:
                break
            numbers = self._lengths.numbers_of_length(length)
            if len(numbers) > remaining and scored.weakest(1) > 0:
                break
            numbers = numbers[:remaining]
            remaining -= len(numbers)
            scored = merge_scored(scored, self._score(query, numbers))
        return scored

    def _score(self, query: str, numbers: KeyArray) -> Scored:
        """`numbers` with their scores (fuzz.ratio / 100)."""
        if not len(numbers):
            return Scored.empty()
        choices = itemgetter(*numbers.tolist())(self._keys) if len(numbers) > 1 else [self._keys[numbers[0]]]
        scores = process.cdist([query], choices, scorer=SCORER, dtype=np.float64, workers=1)[0]
        return Scored(numbers.astype(np.int64), scores / 100.0, self._lengths.positions[numbers])

    def _match(self, number: int, score: float) -> Match:
        return Match(int(self._lengths.positions[number]), self._keys[number], score)


def _padded_grams(text: str) -> list[str]:
    padded = f" {text} "
    return [padded[start : start + 3] for start in range(len(padded) - 2)]
