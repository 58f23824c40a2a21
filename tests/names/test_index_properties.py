"""Laws of the fuzzy index, over generated glossaries (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from gateway.names.index import FuzzyIndex, Match

names = st.text(alphabet="abdehikoz ", max_size=14)
"""Folded names over a few letters, so that keys and queries often share trigrams, words and lengths."""


@settings(max_examples=80, deadline=None)
@given(keys=st.lists(names, max_size=40), query=names, limit=st.integers(1, 6))
def test_matches_are_keys_scored_by_ratio_best_first_ties_by_position(
    keys: list[str], query: str, limit: int
) -> None:
    found = FuzzyIndex(keys).search(query, limit)
    assert len(found) <= limit
    assert len({match.position for match in found}) == len(found)
    for match in found:
        assert match.key == keys[match.position]
        assert match.score == fuzz.ratio(query, match.key) / 100
        assert 0 < match.score <= 1
    assert [(-m.score, m.position) for m in found] == sorted((-m.score, m.position) for m in found)
    if found:
        assert found[0].score == max(fuzz.ratio(query, match.key) / 100 for match in found)


@settings(max_examples=80, deadline=None)
@given(keys=st.lists(names, min_size=1, max_size=40), data=st.data())
def test_an_exact_key_is_always_found_first_with_score_one(keys: list[str], data: st.DataObject) -> None:
    query = data.draw(st.sampled_from(keys))
    assert FuzzyIndex(keys).search(query, limit=1) == [Match(keys.index(query), query, 1.0)]


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(names, max_size=40), query=names)
def test_the_same_keys_and_query_give_the_same_matches(keys: list[str], query: str) -> None:
    assert FuzzyIndex(keys).search(query) == FuzzyIndex(list(keys)).search(query)


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(names, max_size=40), query=st.text(alphabet="abdehikoz ", max_size=6))
def test_short_queries_find_the_best_score_of_all_keys(keys: list[str], query: str) -> None:
    """Up to six letters the keys of close lengths are scored whole: the top score is the best there is."""
    best = max((fuzz.ratio(query, key) / 100 for key in keys), default=0.0)
    found = FuzzyIndex(keys).search(query, limit=1)
    assert (found[0].score if found else 0.0) == best
