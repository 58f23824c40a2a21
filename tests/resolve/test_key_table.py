"""`KeyTable` answers exactly as the dict it was built from (`gateway.resolve.key_table`): the towns'
sound index keeps its 168,000 keys in it (tests/resolve/test_town_sounds*.py check the answers on
real towns; plans/tools/left11_sounds.py digests every key's answer in two trees)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gateway.resolve.key_table import KeyTable

keys = st.text(st.sampled_from("abcdeghinouvz"), max_size=8)
tables = st.dictionaries(keys, st.integers(-2, 2**31 - 1), max_size=60)


@given(tables, st.lists(keys, max_size=30))
def test_every_answer_is_the_dict_s(numbered: dict[str, int], asked: list[str]) -> None:
    table = KeyTable(numbered)
    queries = [*numbered, *asked]
    assert table.numbers(queries) == [numbered.get(key) for key in queries]
    assert len(table) == len(numbered)


def test_a_key_is_never_met_by_a_neighbour_in_the_text() -> None:
    # the keys are one string: "hede" and "dian" side by side hold "edei", "dedi", ... which are no keys
    table = KeyTable({"hede": 1, "dian": 2, "songling": 3})
    assert table.numbers(["hede", "dian", "songling", "edi", "dedia", "hededian", "", "songlin"]) == [
        1,
        2,
        3,
        None,
        None,
        None,
        None,
        None,
    ]


def test_an_empty_table_holds_nothing() -> None:
    assert KeyTable({}).numbers(["hede"]) == [None]
    assert KeyTable({}).counts() == {}


def test_the_counts_are_per_number() -> None:
    assert KeyTable({"a": -1, "b": -1, "c": 0, "d": -2}).counts() == {-2: 1, -1: 2, 0: 1}
