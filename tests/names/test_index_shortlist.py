"""The compiled count filter and scorer (gateway/names/_fastcount.pyx) against their numpy and
rapidfuzz references: the same shortlists, the same scores, the same search results."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import gateway.names.index as index_module
from gateway.names import index_shortlist
from gateway.names.index import FuzzyIndex
from gateway.names.index_letters import Letters
from gateway.names.index_shortlist import Lists, compiled_shortlist, reference_shortlist

pytestmark = pytest.mark.skipif(
    index_shortlist.ACCELERATOR is None, reason="gateway.names._fastcount not built"
)

posting_list = st.lists(st.integers(0, 199), max_size=40, unique=True).map(sorted)
groups = st.lists(st.lists(posting_list, min_size=1, max_size=4), max_size=8)


def _lists(drawn: list[list[list[int]]]) -> Lists:
    flat = [numbers for group in drawn for numbers in group]
    sizes = np.array([len(numbers) for numbers in flat], dtype=np.int64)
    ends = np.cumsum(sizes, dtype=np.int64)
    key_numbers = np.array([number for numbers in flat for number in numbers], dtype=np.int32)
    group_ends = np.cumsum([len(group) for group in drawn], dtype=np.int64)
    return Lists(key_numbers, ends - sizes, ends, group_ends)


@settings(max_examples=300, deadline=None)
@given(
    drawn=groups,
    window=st.tuples(st.integers(0, 200), st.integers(0, 200)).map(sorted),
    budget=st.integers(0, 120),
    rarest=st.integers(0, 150),
    lengths=st.lists(st.integers(0, 200), min_size=1, max_size=30).map(sorted),
    query_length=st.integers(0, 35),
    size=st.integers(1, 70),
)
def test_the_compiled_filter_gives_the_reference_shortlist(
    drawn: list[list[list[int]]],
    window: list[int],
    budget: int,
    rarest: int,
    lengths: list[int],
    query_length: int,
    size: int,
) -> None:
    """Whatever the lists, groups, window, budgets and lengths: the same keys in the same order."""
    lists, bounds = _lists(drawn), np.array(window, dtype=np.int32)
    length_starts = np.array([0, *lengths], dtype=np.int64)
    arguments = (lists, bounds, budget, length_starts, query_length, size)
    expected = reference_shortlist(*arguments, rarest=rarest)
    assert compiled_shortlist(*arguments, rarest=rarest).tolist() == expected.tolist()


names = st.text(alphabet="abdehikoz ёé", max_size=70)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(names, min_size=1, max_size=30), query=names)
def test_the_compiled_scores_are_fuzz_ratio(keys: list[str], query: str) -> None:
    """Every key scores what rapidfuzz's fuzz.ratio gives, to the last bit; a query too long for one
    machine word is left to cdist."""
    letters = Letters.of(keys)
    assert letters is not None
    scores = letters.ratios(query, np.arange(len(keys), dtype=np.int32))
    if len(query) > 64:
        assert scores is None
    else:
        assert scores is not None
        assert scores.tolist() == [fuzz.ratio(query, key) for key in keys]


QUERIES = ["astana trans llp", "astna tarns", "khorgos", "horgos", "zz", "a", "almaty cargo llc", "x" * 80]


def test_a_tree_without_the_compiled_module_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source tree never built searches with numpy and cdist, and gets the same matches."""
    words = ["astana", "trans", "cargo", "khorgos", "almaty", "logistics", "llp", "llc", "dry", "port"]
    keys = [
        " ".join(words[(seed * step) % len(words)] for step in range(1, seed % 4 + 2)) for seed in range(300)
    ]
    built = [FuzzyIndex(keys).search(query) for query in QUERIES]
    monkeypatch.setattr(index_module, "shortlist", reference_shortlist)
    monkeypatch.setattr(index_module.Letters, "of", classmethod(lambda cls, keys: None))
    assert [FuzzyIndex(keys).search(query) for query in QUERIES] == built
