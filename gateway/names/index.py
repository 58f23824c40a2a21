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
2. Word pairs. Every key's words, and every unordered pair of its words, have posting lists. A query of
   several words counts, per key, the pairs of its words the key holds: a pair ("tashkentov", "pharm")
   is in a few dozen keys where "pharm" alone is in thousands. A query word the glossary lacks stands
   for the glossary words nearest to it (one deletion away on each side, else by a trigram search of
   the vocabulary). A one-word query counts words.
3. Rare trigrams. The query's padded trigrams are counted too, rarest lists first, until a budget of
   key numbers is spent: frequent trigrams ("llp", "an ") say little and cost much. This catches what
   words miss: glued or split words, a typo that makes another valid word.
4. Count filter. In each shortlist keys are ranked by count, then closeness of length, then position;
   the first `shortlist_size` of each are scored, and the next tranches only if the best score is
   below `CLOSE` (the entry meant may share only frequent words). The count filter and the scoring
   run in C++ (`gateway/names/_fastcount.pyx`: `index_shortlist.shortlist`, `index_letters.Letters`);
   the numpy filter and `rapidfuzz.process.cdist` are their reference and, in a source tree never
   built, the fallback, with the same results.
5. Short queries. Up to `SHORT_QUERY` letters, lengths are visited by falling upper bound, and every
   length whose keys fit in `scan_limit` and could still beat the results is scored whole: a
   two-letter query, or one sharing no trigram with its best key ("ab" for "ba"), is answered exactly.
6. Widening. If the best score is below `WINDOW_FLOOR`, the search runs once more with the window that
   score allows.

Work per query is bounded by the budgets, the shortlists and the scan limit, whatever the query: a
query sharing nothing with any key gets the best of the `scan_limit` keys nearest its length, never a
scan of the whole index. Matches after the first are the best of the keys examined: a key sharing no
trigram or word with the query may be left out of the runners-up. Results are deterministic: best
score first, ties by position. A key equal to the query is always first (the first of its
duplicates), with score 1.0. Matches scoring 0 are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz, process

from gateway.names.index_letters import Letters
from gateway.names.index_postings import (
    KeyArray,
    Words,
    build_pair_postings,
    build_postings,
    build_word_postings,
)
from gateway.names.index_shortlist import NO_KEYS, Lists, shortlist, union
from gateway.names.index_window import LengthTable, Scored, merge_scored
from gateway.names.index_words import WordNeighbours

SCORER = fuzz.ratio
"""The scorer of the index and of the brute force it is compared with: rapidfuzz's Indel ratio."""

WINDOW_FLOOR = 0.5
"""The score the first pass assumes reachable, which sets its length window."""

WORD_FLOOR = 0.6
"""How close (fuzz.ratio / 100) a glossary word must be to stand in for a query word it does not equal."""

CLOSE = 0.9
"""Below this best score, the rest of the word shortlist is scored too: the entry meant may share only
its frequent words with the query ("broker construction inc" for "bold construction inc")."""

WORD_TRANCHES = 8
GRAM_TRANCHES = 4
"""The word and trigram shortlists hold this many times `shortlist_size` keys, best counted first; the
first `shortlist_size` of each are scored, the rest only when the best score is below `CLOSE`."""

SHORT_QUERY = 6
"""Queries this short share few trigrams with their best keys: the keys of close lengths are scored whole."""

GLUED_PART = 3
"""The shortest word looked for at either end of an unknown word (two words typed without a space)."""

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
        shortlist_size: int = 64,
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
        self._letters = Letters.of(self._keys)
        split = Words.of(self._keys) if words else None
        self._words = build_word_postings(split) if split else None
        self._pairs = build_pair_postings(split) if split else None
        self._neighbours = WordNeighbours(list(self._words.terms)) if self._words else None
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
        letters = self._letters.nbytes if self._letters is not None else 0
        return self._grams.nbytes + self._lengths.nbytes + words + vocabulary + letters

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """The `limit` keys nearest to `query`, best first, ties by position."""
        if limit < 1 or not self._keys:
            return []
        scored = self._pass(query, limit, WINDOW_FLOOR)
        best = scored.weakest(1)
        if best < WINDOW_FLOOR:
            scored = merge_scored(scored, self._pass(query, limit, max(best, 0.01)))
        found = scored.best(limit)
        positions = self._lengths.positions[[number for number, _ in found]].tolist()
        keys = self._keys
        return [Match(at, keys[number], score) for at, (number, score) in zip(positions, found, strict=True)]

    def _pass(self, query: str, limit: int, floor: float) -> Scored:
        """Score the shortlists of a length window, then the small lengths that could beat them."""
        low, high = self._lengths.window(len(query), floor)
        bounds = np.array((low, high), dtype=np.int32)
        size = self.shortlist_size
        words = self._word_shortlist(query, bounds, size * WORD_TRANCHES)
        grams = self._gram_shortlist(query, bounds, self.gram_budget, size * GRAM_TRANCHES)
        found = [words[:size], grams[:size]]
        exact = self._first_number.get(query)
        if exact is not None:
            found.append(np.array([exact], dtype=np.int32))
        scored = self._score(query, union([numbers for numbers in found if len(numbers)]))
        if scored.weakest(1) < CLOSE and max(len(words), len(grams)) > size:
            rest = union([numbers for numbers in (words[size:], grams[size:]) if len(numbers)])
            scored = merge_scored(scored, self._score(query, rest))
        if len(query) <= SHORT_QUERY or not len(scored.numbers):
            scored = self._scan_lengths(query, scored, limit)
        return scored

    def _gram_shortlist(
        self, query: str, bounds: KeyArray, budget: int | None = None, size: int | None = None
    ) -> KeyArray:
        """The keys sharing the most of the query's rarer trigrams."""
        terms = self._grams.terms
        numbers = (terms.get(gram, -1) for gram in set(_padded_grams(query)))
        grams = np.array([number for number in numbers if number >= 0], dtype=np.int64)
        offsets = self._grams.offsets
        lists = Lists.single(self._grams.key_numbers, offsets[grams], offsets[grams + 1])
        budget = budget or self.postings_budget
        size = size or self.shortlist_size
        return shortlist(lists, bounds, budget, self._lengths.starts, len(query), size, rarest=budget)

    def _word_shortlist(self, query: str, bounds: KeyArray, size: int) -> KeyArray:
        """The keys holding the most of the query's rarer words or word pairs (or words close to them).

        A one-word query counts words; a longer one counts pairs of its words, whose posting lists are
        much shorter than a word's: "construction" is in 1.5 % of the keys, with "tashkentov" in a few.
        """
        if self._words is None or self._pairs is None:
            return NO_KEYS
        terms = self._words.terms
        texts = [part for text in query.split() for part in (text, *self._unglued(text))]
        found = [[terms[word] for word in self._word_alternatives(text)] for text in dict.fromkeys(texts)]
        found = [numbers for numbers in found if numbers]
        if len(found) == 1:
            offsets = self._words.offsets
            numbers = np.array(found[0], dtype=np.int64)
            lists = Lists(
                self._words.key_numbers,
                offsets[numbers],
                offsets[numbers + 1],
                np.array([len(numbers)], dtype=np.int64),
            )
        else:
            pairs = [
                [(one, other) for one in first for other in second]
                for place, first in enumerate(found)
                for second in found[place + 1 :]
            ]
            starts, ends = self._pairs.posting_lists([pair for group in pairs for pair in group])
            lists = Lists(
                self._pairs.key_numbers,
                starts,
                ends,
                np.cumsum([len(group) for group in pairs], dtype=np.int64),
            )
        return shortlist(lists, bounds, self.postings_budget, self._lengths.starts, len(query), size)

    def _unglued(self, word: str) -> tuple[str, ...]:
        """Two words of the glossary a query glued together ("railjchk": "rail", "jchk"), if any.

        A split of an unknown word counts when one side is a glossary word, better both, better longer.
        """
        terms = self._words.terms if self._words else {}
        if len(word) < 2 * GLUED_PART or word in terms:
            return ()
        splits = [(word[:place], word[place:]) for place in range(GLUED_PART, len(word) - GLUED_PART + 1)]
        known = [
            (
                (left in terms) + (right in terms),
                max(len(left) * (left in terms), len(right) * (right in terms)),
                place,
            )
            for place, (left, right) in enumerate(splits)
        ]
        best = max(known)
        return splits[best[2]] if best[0] else ()

    def _word_alternatives(self, word: str) -> list[str]:
        """`word` if the glossary has it, else the glossary words nearest to it."""
        if self._vocabulary is None or (self._words is not None and word in self._words.terms):
            return [word]
        if self._neighbours is not None:
            found = self._neighbours.nearest(word, WORD_ALTERNATIVES, WORD_FLOOR)
            if found:
                return found
        return self._vocabulary.nearest(word, WORD_ALTERNATIVES, WORD_FLOOR)

    def nearest(self, query: str, limit: int, floor: float) -> list[str]:
        """A quick `search` for the keys scoring at least `floor`: one pass, no widening."""
        low, high = self._lengths.window(len(query), floor)
        scored = self._score(query, self._gram_shortlist(query, np.array((low, high), dtype=np.int32)))
        if len(query) <= SHORT_QUERY:  # short words share few trigrams: score the short lengths whole
            scored = self._scan_lengths(query, scored, limit)
        return [self._keys[number] for number, score in scored.best(limit) if score >= floor]

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
        scores = self._letters.ratios(query, numbers) if self._letters is not None else None
        if scores is None:  # the reference: a long query, or a tree without the compiled module
            keys = self._keys
            choices = itemgetter(*numbers.tolist())(keys) if len(numbers) > 1 else [keys[numbers[0]]]
            scores = process.cdist([query], choices, scorer=SCORER, dtype=np.float64, workers=1)[0]
        return Scored(numbers.astype(np.int64), scores / 100.0, self._lengths.positions[numbers])


def _padded_grams(text: str) -> list[str]:
    padded = f" {text} "
    return [padded[start : start + 3] for start in range(len(padded) - 2)]
