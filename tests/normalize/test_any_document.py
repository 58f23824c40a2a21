"""A property of the whole normalizer, one test per syntax: any bytes made from a good document (cut
anywhere, spliced with hostile fragments or random bytes) give either a message or coded errors, each
message of bounded length, never an exception, within a deadline that Hypothesis itself enforces."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gateway.issues import CODES, LONGEST_TEXT
from gateway.normalize.pipeline import Normalizer

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
FRAGMENTS = [
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"<", b"</a>", b"&", b"&#0;", b"<!DOCTYPE a>", b"]]>",
    b'"', b"\\ud800", b"{", b"[", b"}", b"NaN", b"1e999999999", b"9" * 5000, b"-0", b"null", b"{}",
    b",", b";", b"\t", b"\r", b"\n", b"=cmd|' /C calc'!A0", b"?", b"'", b"+", b":", b"UNH+", b"UNT+9+1'",
    b"UNA:+.? '", b"\xef\xbb\xbf", b"A" * 70_000,
]  # fmt: skip
PER_SYNTAX = settings(
    max_examples=25,
    deadline=timedelta(seconds=3),  # a document takes ~10-50 ms; a hang or a blow-up takes far longer
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def warm(normalizer: Normalizer) -> Normalizer:
    """The normalizer after a first document of each syntax (its catalogs and indexes built)."""
    for name in ("kz-eaeu-pi-manifest.xml", "uz-customs-json.json", "mn-customs-csv.csv", "az-cuscar.edi"):
        assert normalizer.normalize((EXAMPLES / name).read_bytes()).ok
    return normalizer


def spliced(example: bytes) -> st.SearchStrategy[bytes]:
    """`example` cut short, or with up to three spans replaced by hostile fragments or random bytes."""
    splice = st.tuples(
        st.integers(0, len(example)),
        st.integers(0, 40),
        st.sampled_from(FRAGMENTS) | st.binary(max_size=8),
    )

    def apply(splices: list[tuple[int, int, bytes]]) -> bytes:
        data = example
        for start, length, insert in sorted(splices, reverse=True):
            data = data[:start] + insert + data[start + length :]
        return data

    cut = st.integers(0, len(example)).map(lambda end: example[:end])
    return cut | st.lists(splice, min_size=1, max_size=3).map(apply)


def check(normalizer: Normalizer, data: bytes) -> None:
    result = normalizer.normalize(data)
    errors = [issue for issue in result.issues if issue.severity == "error"]
    if result.message is None:
        assert errors, result.issues
    if not errors:
        assert result.message is not None
        etree.fromstring(result.message.xml)  # the message is well-formed XML
    for issue in result.issues:
        assert issue.code in CODES and len(issue.message) <= LONGEST_TEXT + 40


KZ = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
UZ = (EXAMPLES / "uz-customs-json.json").read_bytes()
MN = (EXAMPLES / "mn-customs-csv.csv").read_bytes()
AZ = (EXAMPLES / "az-cuscar.edi").read_bytes()


@PER_SYNTAX
@given(data=spliced(KZ))
def test_any_xml_gives_a_message_or_coded_errors(warm: Normalizer, data: bytes) -> None:
    check(warm, data)


@PER_SYNTAX
@given(data=spliced(UZ))
def test_any_json_gives_a_message_or_coded_errors(warm: Normalizer, data: bytes) -> None:
    check(warm, data)


@PER_SYNTAX
@given(data=spliced(MN))
def test_any_csv_gives_a_message_or_coded_errors(warm: Normalizer, data: bytes) -> None:
    check(warm, data)


@PER_SYNTAX
@given(data=spliced(AZ))
def test_any_edifact_gives_a_message_or_coded_errors(warm: Normalizer, data: bytes) -> None:
    check(warm, data)


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every value of a JSON document, containers included (the root left out)."""
    below: list[tuple[object, ...]] = [path] if path else []
    if isinstance(value, dict):
        items: list[tuple[object, object]] = list(value.items())
    else:
        items = list(enumerate(value)) if isinstance(value, list) else []
    for key, child in items:
        below += _paths(child, (*path, key))
    return below


UZ_TREE = json.loads(UZ)
WRONG_TYPES = [{}, [], {"a": [1]}, [["x"]], 0, 1.5, -1, 10**30, True, False, None, "", "x" * 10_000]


@PER_SYNTAX
@given(path=st.sampled_from(_paths(UZ_TREE)), wrong=st.sampled_from(WRONG_TYPES))
def test_any_value_of_the_wrong_type_gives_a_message_or_coded_errors(
    warm: Normalizer, path: tuple[object, ...], wrong: object
) -> None:
    """Where a string is expected an object, an array, a number or null comes, and the other way round."""
    document = copy.deepcopy(UZ_TREE)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = wrong
    check(warm, json.dumps(document, ensure_ascii=False).encode("utf-8"))
