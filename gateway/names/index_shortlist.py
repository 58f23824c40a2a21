"""Count filtering over posting lists, for `gateway.names.index`.

A shortlist is built from the posting lists of a query's terms (trigrams or words), cut to the key
numbers of a length window: the shortest lists are read first until a budget of key numbers is spent,
and the keys found in most of them (then of the closest length, then first in position) are kept.

`shortlist` is that filter in C++ (`gateway/names/_fastcount.pyx`, built when the project is
installed) when the compiled module is there, else `reference_shortlist`, the same filter in numpy,
which gives the same shortlists (tests/names/test_index_shortlist.py compares both): a source tree
that was never built searches more slowly, with the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import pairwise
from types import ModuleType

import numpy as np

from gateway.names.index_postings import IntArray, KeyArray, Postings

try:
    from gateway.names import _fastcount

    ACCELERATOR: ModuleType | None = _fastcount
    """The compiled count filter, or None when it is not built."""
except ImportError:  # running from a source tree without the extension built
    ACCELERATOR = None

NO_KEYS: KeyArray = np.zeros(0, dtype=np.int32)

LengthOf = Callable[[KeyArray], IntArray]


class Lists:
    """Posting lists to count, in groups: list i is key_numbers[starts[i]:ends[i]], and group g holds
    the lists group_ends[g - 1]:group_ends[g] (a query term and the terms standing in for it)."""

    def __init__(self, key_numbers: KeyArray, starts: IntArray, ends: IntArray, group_ends: IntArray) -> None:
        self.key_numbers, self.starts, self.ends, self.group_ends = key_numbers, starts, ends, group_ends

    @classmethod
    def single(cls, key_numbers: KeyArray, starts: IntArray, ends: IntArray) -> Lists:
        """Each list a group of its own."""
        return cls(key_numbers, starts, ends, np.arange(1, len(starts) + 1, dtype=np.int64))

    def groups(self, bounds: KeyArray, rarest: int = 0) -> list[list[KeyArray]]:
        """The lists of each group, cut to the numbers in [bounds[0], bounds[1]); with `rarest` above
        0, only the groups with the shortest lists before the cut that fit in `rarest` numbers (at
        least one), shortest first."""
        spans = list(zip(self.starts.tolist(), self.ends.tolist(), strict=True))
        firsts = [0, *self.group_ends.tolist()]
        groups = [spans[first:end] for first, end in pairwise(firsts)]
        if rarest > 0:
            sizes = np.array([sum(end - start for start, end in group) for group in groups], dtype=np.int64)
            order = np.argsort(sizes, kind="stable")
            fits = np.cumsum(sizes[order]) <= rarest
            groups = [groups[place] for place in order[: max(int(fits.sum()), 1)].tolist()]
        return [[cut(self.key_numbers[start:end], bounds) for start, end in group] for group in groups]


def reference_shortlist(
    lists: Lists,
    bounds: KeyArray,
    budget: int,
    length_starts: IntArray,
    query_length: int,
    size: int,
    rarest: int = 0,
) -> KeyArray:
    """The best `size` keys of `lists` in the window `bounds`, best first (`count_rarest` within
    `budget`, then `most_counted`); `length_starts[n]` is the first number of a key at least n long.
    With `rarest` above 0, only the groups that `Lists.groups` keeps for it are counted."""
    numbers, counts = count_rarest(lists.groups(bounds, rarest), budget)
    return most_counted(numbers, counts, partial(_distance, length_starts, query_length), size)


def compiled_shortlist(
    lists: Lists,
    bounds: KeyArray,
    budget: int,
    length_starts: IntArray,
    query_length: int,
    size: int,
    rarest: int = 0,
) -> KeyArray:
    """`reference_shortlist` in one call of the compiled filter."""
    assert ACCELERATOR is not None
    found = np.empty(size, dtype=np.int32)
    low, high = bounds.tolist()
    count = ACCELERATOR.shortlist(
        lists.key_numbers, lists.starts, lists.ends, lists.group_ends, low, high, budget, rarest,
        length_starts, query_length, found,
    )  # fmt: skip
    return found[:count]


shortlist = compiled_shortlist if ACCELERATOR is not None else reference_shortlist
"""The count filter: compiled when built, else the numpy reference (the same shortlists)."""


def _distance(length_starts: IntArray, query_length: int, numbers: KeyArray) -> IntArray:
    """How far the lengths of the keys with these (ascending) numbers are from `query_length`."""
    lengths = length_starts.searchsorted(numbers, side="right") - 1
    return np.abs(lengths - query_length)


def window_list(postings: Postings, term: str, bounds: KeyArray) -> KeyArray:
    """The posting list of `term` cut to the numbers in [bounds[0], bounds[1])."""
    number = postings.terms.get(term)
    if number is None:
        return NO_KEYS
    return cut(postings.posting_list(number), bounds)


def cut(posting_list: KeyArray, bounds: KeyArray) -> KeyArray:
    """`posting_list` cut to the numbers in [bounds[0], bounds[1])."""
    start, end = posting_list.searchsorted(bounds).tolist()
    return posting_list[start:end]


def union(lists: Sequence[KeyArray]) -> KeyArray:
    """The numbers in any of `lists`, ascending, once each."""
    if len(lists) <= 1:
        return lists[0] if lists else NO_KEYS
    joined = np.concatenate(lists)
    joined.sort()
    first = np.empty(len(joined), dtype=bool)
    first[:1] = True
    np.not_equal(joined[1:], joined[:-1], out=first[1:])
    return joined[first]


def counted(lists: Sequence[KeyArray]) -> tuple[KeyArray, IntArray]:
    """The numbers in `lists` (each list holding a number once), ascending, and how many lists hold each."""
    if not lists:
        return NO_KEYS, np.zeros(0, dtype=np.int64)
    joined = np.concatenate(lists)
    joined.sort()
    first = np.empty(len(joined), dtype=bool)
    first[:1] = True
    np.not_equal(joined[1:], joined[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.empty(len(starts), dtype=np.int64)
    counts[:-1] = starts[1:] - starts[:-1]
    counts[-1:] = len(joined) - starts[-1:]
    return joined[starts], counts


def count_rarest(groups: Iterable[Sequence[KeyArray]], budget: int) -> tuple[KeyArray, IntArray]:
    """Numbers and counts over the smallest groups that fit `budget` (at least one, cut to it).

    A group is the posting lists of one query term and the terms standing in for it; a number
    counts once per group that holds it.
    """
    sized = sorted(((sum(map(len, group)), group) for group in groups if group), key=lambda pair: pair[0])
    chosen: list[KeyArray] = []
    total = 0
    for size, group in sized:
        if size == 0:
            continue
        if chosen and total + size > budget:
            break
        chosen.append(union(group)[:budget])
        total += len(chosen[-1])
    return counted(chosen)


def most_counted(numbers: KeyArray, counts: IntArray, lengths: LengthOf, size: int) -> KeyArray:
    """The `size` numbers with the highest count, then the closest length, then the lowest, in that order.

    `lengths` gives the distance of each number's key length to the query's.
    """
    if len(numbers) <= 1:
        return numbers
    if len(numbers) > size:
        least = np.partition(counts, len(counts) - size)[len(counts) - size]
        if least > counts.min():  # only keys counted at least as often as the size-th best can make it
            numbers, counts = numbers[counts >= least], counts[counts >= least]
    distances = lengths(numbers)
    span = int(numbers.max()) + 1
    rank = ((counts.max() - counts) * (int(distances.max()) + 1) + distances) * span + numbers
    best = np.partition(rank, size - 1)[:size] if len(rank) > size else rank
    best.sort()
    return (best % span).astype(np.int32)
