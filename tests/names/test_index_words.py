"""Glossary words one letter away from an unknown query word (symmetric deletion)."""

from __future__ import annotations

import pytest

from gateway.names.index_words import WordNeighbours, one_letter_deletions

WORDS = ["tashkentov", "khorgos", "transit", "trans", "zhetysu", "almaty", "almata"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("tashknetov", "tashkentov"),  # swapped letters
        ("horgos", "khorgos"),  # kh/h
        ("ttransit", "transit"),  # a doubled letter
        ("khorgs", "khorgos"),  # a missing letter
        ("almatu", "almaty"),  # a wrong letter
    ],
)
def test_a_word_one_letter_off_finds_the_glossary_word(word: str, expected: str) -> None:
    assert WordNeighbours(WORDS).nearest(word, 4, 0.6)[0] == expected


def test_neighbours_come_best_first_ties_in_glossary_order() -> None:
    assert WordNeighbours(WORDS).nearest("almat", 4, 0.6) == ["almaty", "almata"]


def test_two_edits_away_is_left_to_the_trigram_search() -> None:
    assert WordNeighbours(WORDS).nearest("jetysu", 4, 0.6) == []


def test_the_floor_and_the_limit_hold() -> None:
    neighbours = WordNeighbours(WORDS)
    assert neighbours.nearest("tran", 1, 0.6) == ["trans"]
    assert neighbours.nearest("trans", 4, 0.99) == ["trans"]


def test_deletions_include_the_word_itself() -> None:
    assert one_letter_deletions("abc") == {"abc", "bc", "ac", "ab"}
    assert one_letter_deletions("") == {""}
