"""Count filtering over posting lists, for `gateway.names.index`.

A shortlist is built from the posting lists of a query's terms (trigrams or words), cut to the key
numbers of a length window: the shortest lists are read first until a budget of key numbers is spent,
and the keys found in most of them (then of the closest length, then first in position) are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from gateway.names.index_postings import IntArray, KeyArray, Postings

NO_KEYS: KeyArray = np.zeros(0, dtype=np.int32)

LengthOf = Callable[[KeyArray], IntArray]


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
    if len(lists) == 1:
        return lists[0]
    numbers, _ = counted(lists)
    return numbers


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
