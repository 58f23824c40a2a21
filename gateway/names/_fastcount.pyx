# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# distutils: language = c++
"""The fuzzy index's count filter in C: `gateway.names.index_shortlist.shortlist` in one call.

The numpy reference makes a dozen small numpy calls per shortlist (cut, union, concatenate, sort,
count, partition), each costing more to set up than its work on a few thousand key numbers. This
module does the same work in one pass over the posting lists, which are sorted and hold a key number
once: cut each list to the window by binary search, choose the smallest groups that fit the budget,
merge each group's lists (a number once per group), merge the chosen groups counting how many hold
each number, and keep the `size` best by count, then closeness of length, then number. It gives the
reference's shortlist exactly (tests/names/test_index_shortlist.py compares both).

It needs no numpy headers: arrays arrive as typed memoryviews.
"""

from libc.stdint cimport int32_t, int64_t, uint16_t, uint64_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy
from libcpp.algorithm cimport sort
from libcpp.pair cimport pair
from libcpp.vector cimport vector


cdef inline int64_t _lower_bound(const int32_t* values, int64_t start, int64_t end, int64_t value) noexcept nogil:
    """The first place in values[start:end] (ascending) holding a number >= value."""
    cdef int64_t middle
    while start < end:
        middle = (start + end) >> 1
        if values[middle] < value:
            start = middle + 1
        else:
            end = middle
    return start


cdef inline void _sift_down(int64_t* heap, Py_ssize_t size, Py_ssize_t place) noexcept nogil:
    """Restore the min-heap heap[:size] below `place` (entries: number << 32 | list)."""
    cdef Py_ssize_t child
    cdef int64_t moved = heap[place]
    while True:
        child = 2 * place + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] < heap[child]:
            child += 1
        if heap[child] >= moved:
            break
        heap[place] = heap[child]
        place = child
    heap[place] = moved


cdef int64_t _merge(
    const int32_t* values,
    const int64_t* starts,
    const int64_t* ends,
    Py_ssize_t lists,
    int64_t limit,
    int32_t* numbers,
    int32_t* counts,
    int64_t* heap,
    int64_t* place,
) noexcept nogil:
    """Write to `numbers` the distinct numbers of the ascending lists values[starts[i]:ends[i]],
    ascending, at most `limit` of them, and to `counts` how many lists hold each; return how many.
    `heap` and `place` have room for `lists` entries."""
    cdef Py_ssize_t index, size = 0
    cdef int64_t top, number, last = -1, written = 0
    if lists == 1:
        written = max(min(ends[0] - starts[0], limit), 0)
        memcpy(numbers, values + starts[0], written * sizeof(int32_t))
        for index in range(written):
            counts[index] = 1
        return written
    for index in range(lists):
        place[index] = starts[index]
        if starts[index] < ends[index]:
            heap[size] = (<int64_t>values[starts[index]] << 32) | index
            size += 1
    for index in range(size // 2 - 1, -1, -1):
        _sift_down(heap, size, index)
    while size:
        top = heap[0]
        number, index = top >> 32, top & <int64_t>0xFFFFFFFF
        if number == last:
            counts[written - 1] += 1
        elif written == limit:
            break
        else:
            numbers[written], counts[written] = <int32_t>number, 1
            last, written = number, written + 1
        place[index] += 1
        if place[index] < ends[index]:
            heap[0] = (<int64_t>values[place[index]] << 32) | index
        else:
            size -= 1
            heap[0] = heap[size]
        if size:
            _sift_down(heap, size, 0)
    return written


def shortlist(
    const int32_t[::1] key_numbers,
    const int64_t[::1] starts,
    const int64_t[::1] ends,
    const int64_t[::1] group_ends,
    int64_t low,
    int64_t high,
    int64_t budget,
    int64_t rarest,
    const int64_t[::1] length_starts,
    int64_t query_length,
    int32_t[::1] found,
) -> int:
    """Fill `found` with the shortlist of the posting lists key_numbers[starts[i]:ends[i]], grouped
    (group g holds the lists group_ends[g - 1]:group_ends[g]) and cut to the numbers in [low, high);
    return how many it holds. With `rarest` above 0, only the groups with the shortest lists before
    the cut that fit in `rarest` numbers (at least one) are read. See `index_shortlist.shortlist`, the
    reference, for the rules."""
    cdef Py_ssize_t lists = starts.shape[0], groups = group_ends.shape[0], group, item, first, kept
    cdef Py_ssize_t chosen = 0
    cdef int64_t total = 0, size, room = 0, written
    cdef const int32_t* keys = &key_numbers[0] if key_numbers.shape[0] else NULL
    cdef vector[int64_t] cut_starts = vector[int64_t](lists + groups), cut_ends = vector[int64_t](lists + groups)
    cdef vector[int64_t] heap = vector[int64_t](max(lists, groups) + 1), place = vector[int64_t](max(lists, groups) + 1)
    cdef vector[pair[int64_t, int64_t]] order, selected
    cdef int32_t* pool
    cdef int32_t* counts
    if budget < 0:
        raise ValueError(f"a negative budget: {budget}")
    with nogil:
        for group in range(groups):  # (size before the cut, group), in the order groups are read
            first = group_ends[group - 1] if group else 0
            size = 0
            if rarest > 0:
                for item in range(first, group_ends[group]):
                    size += ends[item] - starts[item]
            selected.push_back(pair[int64_t, int64_t](size, group))
        if rarest > 0:
            sort(selected.begin(), selected.end())
            total, kept = 0, 0
            while kept < groups and (kept == 0 or total + selected[kept].first <= rarest):
                total += selected[kept].first
                kept += 1
            selected.resize(kept)
            total = 0
        for kept in range(<Py_ssize_t>selected.size()):
            group = selected[kept].second
            first = group_ends[group - 1] if group else 0
            size = 0
            for item in range(first, group_ends[group]):
                cut_starts[item] = _lower_bound(keys, starts[item], ends[item], low)
                cut_ends[item] = _lower_bound(keys, cut_starts[item], ends[item], high)
                size += cut_ends[item] - cut_starts[item]
            order.push_back(pair[int64_t, int64_t](size, kept))
            room += min(size, budget)
        sort(order.begin(), order.end())
        pool = <int32_t*>malloc((3 * room + 1) * sizeof(int32_t))  # unions, the merged numbers, counts
    if pool == NULL:
        raise MemoryError()
    with nogil:
        counts = pool + 2 * room
        for item in range(<Py_ssize_t>order.size()):
            size, group = order[item].first, selected[order[item].second].second
            if size == 0:
                continue
            if chosen and total + size > budget:
                break
            first = group_ends[group - 1] if group else 0
            written = _merge(
                keys, &cut_starts[first], &cut_ends[first], group_ends[group] - first, budget,
                pool + total, counts, heap.data(), place.data(),
            )
            cut_starts[lists + chosen], cut_ends[lists + chosen] = total, total + written
            total += written
            chosen += 1
        written = _merge(
            pool, &cut_starts[lists], &cut_ends[lists], chosen, total, pool + total, counts,
            heap.data(), place.data(),
        ) if chosen else 0
    try:
        return _best(pool + total, counts, written, length_starts, query_length, found)
    finally:
        free(pool)


cdef int _best(
    const int32_t* numbers,
    const int32_t* counts,
    Py_ssize_t count,
    const int64_t[::1] length_starts,
    int64_t query_length,
    int32_t[::1] found,
) noexcept:
    """Write the best numbers (highest count, then closest length, then lowest) to `found`, best first.

    No sort of them all: a histogram of the counts gives the lowest count that makes it, one of the
    distances among the keys of that count gives the farthest distance that makes it, and the lowest
    numbers at that distance are taken first; only the chosen ones are sorted.
    """
    cdef Py_ssize_t size = found.shape[0], item, length = 0, lengths = length_starts.shape[0]
    cdef int64_t most = 0, farthest = 0, span, distance, least_count = 0, least_distance = 0, above = 0
    cdef int64_t taken
    cdef vector[int64_t] distances, rank, by_count, by_distance
    if count <= 1:
        count = min(count, size)
        for item in range(count):
            found[item] = numbers[item]
        return count
    with nogil:
        distances.resize(count)
        for item in range(count):
            while length + 1 < lengths and length_starts[length + 1] <= numbers[item]:
                length += 1
            distance = length - query_length if length > query_length else query_length - length
            distances[item] = distance
            most = max(most, <int64_t>counts[item])
            farthest = max(farthest, distance)
        span = <int64_t>numbers[count - 1] + 1
        if count > size:
            by_count.resize(most + 1)
            for item in range(count):
                by_count[counts[item]] += 1
            least_count = most
            while above + by_count[least_count] < size:
                above += by_count[least_count]
                least_count -= 1
            by_distance.resize(farthest + 1)
            for item in range(count):
                if counts[item] == least_count:
                    by_distance[distances[item]] += 1
            while above + by_distance[least_distance] < size:
                above += by_distance[least_distance]
                least_distance += 1
            taken = size - above  # keys of the least count at the farthest distance, lowest first
        for item in range(count):
            if count > size and counts[item] <= least_count:
                if counts[item] < least_count or distances[item] > least_distance:
                    continue
                if distances[item] == least_distance:
                    if taken == 0:
                        continue
                    taken -= 1
            rank.push_back(((most - counts[item]) * (farthest + 1) + distances[item]) * span + numbers[item])
        sort(rank.begin(), rank.end())
        for item in range(<Py_ssize_t>rank.size()):
            found[item] = <int32_t>(rank[item] % span)
    return rank.size()


cdef extern from *:
    int popcount "__builtin_popcountll"(unsigned long long) nogil
    void prefetch "__builtin_prefetch"(const void*) nogil

LONGEST_QUERY = 64
"""The longest query `ratios` scores (one 64-bit word of the bit-parallel LCS)."""


def ratios(
    const uint16_t[::1] letters,
    const int64_t[::1] offsets,
    const int32_t[::1] numbers,
    const int32_t[::1] query,
    Py_ssize_t alphabet,
    double[::1] scores,
) -> None:
    """Write to `scores` fuzz.ratio(query, key) (the Indel similarity, times 100, as rapidfuzz
    computes it) for the keys with these numbers; key n is letters[offsets[n]:offsets[n + 1]].

    Letters are numbered densely below `alphabet` (`query` holds the query's letter numbers, -1 for a
    letter no key has) and the query is at most LONGEST_QUERY letters: the longest common subsequence is counted
    bit-parallel (Hyyrö), one machine word per key letter.
    """
    cdef Py_ssize_t item, place, length = query.shape[0]
    cdef int64_t start, end, total, common
    cdef uint64_t state, matched, used = (<uint64_t>1 << length) - 1 if length < 64 else ~(<uint64_t>0)
    cdef vector[uint64_t] masks = vector[uint64_t](alphabet, 0)
    for place in range(length):
        if query[place] >= 0:
            masks[query[place]] |= <uint64_t>1 << place
    with nogil:  # the keys are scattered over the arrays: ask for all of them before reading any
        for item in range(numbers.shape[0]):
            prefetch(&offsets[numbers[item]])
        for item in range(numbers.shape[0]):
            prefetch(&letters[offsets[numbers[item]]])
        for item in range(numbers.shape[0]):
            start, end = offsets[numbers[item]], offsets[numbers[item] + 1]
            state = ~(<uint64_t>0)
            for place in range(start, end):
                matched = state & masks[letters[place]]
                state = (state + matched) | (state - matched)
            common = popcount(~state & used)
            total = length + end - start
            scores[item] = 100.0 * (1.0 - <double>(total - 2 * common) / <double>total) if total else 100.0
