"""The fuzzy index: what the resolver gets back for a folded name, and its hard cases."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

import gateway.names.index as index_module
from gateway.names.index import FuzzyIndex, Match
from gateway.names.index_postings import KeyArray
from gateway.names.index_window import Scored

GLOSSARY = [
    "astana trans llp",
    "astana trans logistics llp",
    "khorgos",
    "khorgos gateway dry port",
    "almaty",
    "zhetysu cargo llc",
    "tashkent",
    "khujand",
    "urumqi",
    "erenhot",
    "zamyn uud",
    "torugart",
    "irkeshtam",
    "ak jol",
    "dostyk",
    "altynkol",
    "khorgos",
    "",
    "a",
    "ab",
]


@pytest.fixture(scope="module")
def index() -> FuzzyIndex:
    return FuzzyIndex(GLOSSARY)


def test_an_exact_key_comes_first_with_score_one_the_first_of_its_duplicates(index: FuzzyIndex) -> None:
    found = index.search("khorgos")
    assert found[:2] == [Match(2, "khorgos", 1.0), Match(16, "khorgos", 1.0)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("horgos", "khorgos"),  # kh/h
        ("jetysu cargo llc", "zhetysu cargo llc"),  # zh/j
        ("tashkient", "tashkent"),  # a letter too many
        ("astana trnas llp", "astana trans llp"),  # transposed letters
        ("astana logistics llp", "astana trans logistics llp"),  # a dropped word
        ("erenhot", "erenhot"),
        ("zamin uud", "zamyn uud"),  # y/i
        ("hujand", "khujand"),
        ("astanatrans llp", "astana trans llp"),  # two words glued together
        ("zhetysucargo llc", "zhetysu cargo llc"),
    ],
)
def test_realistic_errors_find_the_entry_meant(index: FuzzyIndex, query: str, expected: str) -> None:
    assert index.search(query)[0].key == expected


def test_results_are_the_best_keys_by_ratio_best_first_ties_by_position(index: FuzzyIndex) -> None:
    """The runner-up is there too; keys sharing no trigram or word are left out ("tashkent", 0.4)."""
    found = index.search("astana trans", limit=3)
    scores = [fuzz.ratio("astana trans", key) / 100 for key in GLOSSARY]
    assert [match.score for match in found] == sorted(scores, reverse=True)[:2]
    assert [(-match.score, match.position) for match in found] == sorted(
        (-m.score, m.position) for m in found
    )
    assert all(match.key == GLOSSARY[match.position] for match in found)


def test_every_score_is_fuzz_ratio_over_100(index: FuzzyIndex) -> None:
    for match in index.search("almati", limit=5):
        assert match.score == fuzz.ratio("almati", match.key) / 100
        assert 0 < match.score <= 1


def test_an_empty_index_finds_nothing() -> None:
    assert FuzzyIndex([]).search("khorgos") == []
    assert len(FuzzyIndex([])) == 0


def test_a_limit_below_one_finds_nothing(index: FuzzyIndex) -> None:
    assert index.search("khorgos", limit=0) == []


def test_the_empty_query_finds_the_empty_key(index: FuzzyIndex) -> None:
    assert index.search("")[0] == Match(17, "", 1.0)


@pytest.mark.parametrize("query", ["ba", "b", "ak", "jol", "kh", "zz"])
def test_short_queries_agree_with_extract_one(index: FuzzyIndex, query: str) -> None:
    """Two or three letters share few or no trigrams: the short keys are compared whole."""
    best = process.extractOne(query, GLOSSARY, scorer=fuzz.ratio)
    found = index.search(query)
    if best[1] == 0:
        assert found == []  # nothing shares a letter: no match rather than a match scoring 0
    else:
        assert (found[0].position, found[0].score) == (best[2], best[1] / 100)


def test_a_query_longer_than_every_key_finds_the_nearest() -> None:
    keys = ["khorgos", "almaty", "astana trans llp"]
    found = FuzzyIndex(keys).search("astana trans international logistics and forwarding company llp")
    assert found[0].key == "astana trans llp"


def test_a_query_sharing_no_trigram_still_finds_the_best_near_its_length() -> None:
    keys = ["xyz", "abcd", "dcba", "qqqqqqqqqq"]
    found = FuzzyIndex(keys).search("bacd")
    assert found[0].key == process.extractOne("bacd", keys, scorer=fuzz.ratio)[0]


def test_a_query_sharing_nothing_compares_a_bounded_number_of_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """However large the index, a hopeless query never scans it all."""
    keys = [f"{word} trading llp" for word in _words(20_000)]
    index = FuzzyIndex(keys, scan_limit=500)
    compared: list[int] = []
    scored = index._score

    def counting_score(query: str, numbers: KeyArray) -> Scored:
        compared.extend(numbers.tolist())
        return scored(query, numbers)

    monkeypatch.setattr(index, "_score", counting_score)
    index.search("0123456789 0123456789")
    per_pass = 500 + index.shortlist_size * (index_module.WORD_TRANCHES + index_module.GRAM_TRANCHES) + 1
    assert 0 < len(compared) <= 2 * per_pass < len(keys) / 5


def test_the_same_keys_give_the_same_results() -> None:
    keys = [f"{word} cargo" for word in _words(3_000)]
    queries = ["bacargo", "kargo", "xyz cargo", "a cargo"]
    assert [FuzzyIndex(keys).search(q) for q in queries] == [FuzzyIndex(keys).search(q) for q in queries]


def test_keys_in_other_scripts_are_searched_too() -> None:
    """Keys should be folded Latin, but a key left in Cyrillic or Han is still found, not an error."""
    keys = ["қорғас", "霍尔果斯", "khorgos"]
    assert FuzzyIndex(keys).search("қоргас")[0].key == "қорғас"
    assert FuzzyIndex(keys).search("霍尔果斯")[0] == Match(1, "霍尔果斯", 1.0)


def _words(count: int) -> list[str]:
    """`count` distinct made-up words of four to nine letters."""
    letters = "abdegiklmnorstuyz"
    words = []
    for number in range(count):
        word, rest = "", number + 1000
        while rest:
            rest, letter = divmod(rest, len(letters))
            word += letters[letter]
        words.append(word)
    return words
