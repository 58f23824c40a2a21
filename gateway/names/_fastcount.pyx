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

from libc.stdint cimport int32_t, int64_t
from libcpp.algorithm cimport nth_element, sort
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


cdef inline void _sift_down(vector[int64_t]& heap, Py_ssize_t place) noexcept nogil:
    """Restore the min-heap below `place` (entries: number << 32 | list)."""
    cdef Py_ssize_t size = heap.size(), child
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


cdef void _merge(
    const int32_t* values,
    vector[int64_t]& starts,
    vector[int64_t]& ends,
    int64_t limit,
    vector[int32_t]& numbers,
    vector[int32_t]& counts,
) noexcept nogil:
    """Append to `numbers` the distinct numbers of the ascending lists values[starts[i]:ends[i]],
    ascending, at most `limit` of them, and to `counts` how many lists hold each."""
    cdef vector[int64_t] heap
    cdef vector[int64_t] place = starts
    cdef Py_ssize_t index
    cdef int64_t top, number, last = -1, written = 0
    for index in range(<Py_ssize_t>starts.size()):
        if place[index] < ends[index]:
            heap.push_back((<int64_t>values[place[index]] << 32) | index)
    for index in range(<Py_ssize_t>heap.size() // 2 - 1, -1, -1):
        _sift_down(heap, index)
    while heap.size():
        top = heap[0]
        number, index = top >> 32, top & <int64_t>0xFFFFFFFF
        if number == last:
            counts[counts.size() - 1] += 1
        elif written == limit:
            break
        else:
            numbers.push_back(<int32_t>number)
            counts.push_back(1)
            last, written = number, written + 1
        place[index] += 1
        if place[index] < ends[index]:
            heap[0] = (<int64_t>values[place[index]] << 32) | index
        else:
            heap[0] = heap.back()
            heap.pop_back()
        if heap.size():
            _sift_down(heap, 0)


def shortlist(
    const int32_t[::1] key_numbers,
    const int64_t[::1] starts,
    const int64_t[::1] ends,
    const int64_t[::1] group_ends,
    int64_t low,
    int64_t high,
    int64_t budget,
    const int64_t[::1] length_starts,
    int64_t query_length,
    int32_t[::1] found,
) -> int:
    """Fill `found` with the shortlist of the posting lists key_numbers[starts[i]:ends[i]], grouped
    (group g holds the lists group_ends[g - 1]:group_ends[g]) and cut to the numbers in [low, high);
    return how many it holds. See `index_shortlist.shortlist`, the reference, for the rules."""
    cdef Py_ssize_t group, item, first, chosen_count = 0
    cdef int64_t total = 0, size
    cdef vector[int64_t] cut_starts, cut_ends, group_starts, group_stops
    cdef vector[pair[int64_t, int64_t]] order
    cdef vector[int32_t] pool, pool_counts, numbers, counts
    cdef const int32_t* keys = &key_numbers[0] if key_numbers.shape[0] else NULL
    with nogil:
        first = 0
        for group in range(group_ends.shape[0]):
            size = 0
            for item in range(first, group_ends[group]):
                cut_starts.push_back(_lower_bound(keys, starts[item], ends[item], low))
                cut_ends.push_back(_lower_bound(keys, cut_starts.back(), ends[item], high))
                size += cut_ends.back() - cut_starts.back()
            order.push_back(pair[int64_t, int64_t](size, group))
            first = group_ends[group]
        sort(order.begin(), order.end())
        for item in range(<Py_ssize_t>order.size()):
            size, group = order[item].first, order[item].second
            if size == 0:
                continue
            if chosen_count and total + size > budget:
                break
            first = group_ends[group - 1] if group else 0
            group_starts.assign(cut_starts.begin() + first, cut_starts.begin() + group_ends[group])
            group_stops.assign(cut_ends.begin() + first, cut_ends.begin() + group_ends[group])
            size = pool.size()
            _merge(keys, group_starts, group_stops, budget, pool, pool_counts)
            total += <int64_t>pool.size() - size
            cut_starts.push_back(size)  # the chosen groups' unions, as lists of `pool`
            cut_ends.push_back(pool.size())
            chosen_count += 1
        first = cut_starts.size() - chosen_count
        group_starts.assign(cut_starts.begin() + first, cut_starts.end())
        group_stops.assign(cut_ends.begin() + first, cut_ends.end())
        _merge(pool.data(), group_starts, group_stops, pool.size(), numbers, counts)
    return _best(numbers, counts, length_starts, query_length, found)


cdef int _best(
    vector[int32_t]& numbers,
    vector[int32_t]& counts,
    const int64_t[::1] length_starts,
    int64_t query_length,
    int32_t[::1] found,
) noexcept:
    """Write the best numbers (highest count, then closest length, then lowest) to `found`."""
    cdef Py_ssize_t count = numbers.size(), size = found.shape[0], item, length = 0
    cdef int64_t most = 0, farthest = 0, span, distance
    cdef vector[int64_t] distances, rank
    if count <= 1:
        count = min(count, size)
        for item in range(count):
            found[item] = numbers[item]
        return count
    with nogil:
        for item in range(count):
            while length + 1 < length_starts.shape[0] and length_starts[length + 1] <= numbers[item]:
                length += 1
            distance = length - query_length if length > query_length else query_length - length
            distances.push_back(distance)
            most = max(most, <int64_t>counts[item])
            farthest = max(farthest, distance)
        span = <int64_t>numbers[count - 1] + 1
        for item in range(count):
            rank.push_back(((most - counts[item]) * (farthest + 1) + distances[item]) * span + numbers[item])
        if count > size:
            if size:
                nth_element(rank.begin(), rank.begin() + size - 1, rank.end())
            rank.resize(size)
        sort(rank.begin(), rank.end())
        for item in range(<Py_ssize_t>rank.size()):
            found[item] = <int32_t>(rank[item] % span)
    return rank.size()
