"""JSON intake: UTF-8 only, nesting, value count and size bounded without recursion, duplicate keys refused,
every value kept as written with its line; hostile and broken input gives coded issues, never an exception
and never a hang. The documents are small STAND-INs written for these tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.intake.json import JsonNode, ParsedJson, parse_json
from gateway.intake.limits import IntakeLimits

UZBEK = """{
  "document_id": "UZ-2024-0514",
  "carrier": {"name": "Oʻzbekiston temir yoʻllari AJ"},
  "consignments": [
    {"consignor": {"name": "Тошкент тўқимачилик МЧЖ"}, "gross_kg": 1250.50, "dangerous": false,
     "marks": ["A-1", null, "A-2"]}
  ]
}
"""


def plain(node: JsonNode) -> Any:
    """The tree as Python values (scalars stay text)."""
    if isinstance(node.value, dict):
        return {key: plain(child) for key, child in node.value.items()}
    if isinstance(node.value, list):
        return [plain(child) for child in node.value]
    return node.value


def only_issue(parsed: ParsedJson) -> dict[str, Any]:
    assert parsed.root is None
    (issue,) = parsed.issues
    return issue.to_dict()


def test_values_are_kept_as_written_with_their_lines() -> None:
    parsed = parse_json(UZBEK.encode())
    assert parsed.issues == [] and parsed.root is not None
    assert plain(parsed.root)["consignments"][0] == {
        "consignor": {"name": "Тошкент тўқимачилик МЧЖ"},
        "gross_kg": "1250.50",  # the literal: nothing goes through a float
        "dangerous": "false",
        "marks": ["A-1", None, "A-2"],  # null is an absent value
    }
    members = parsed.root.value
    assert isinstance(members, dict)
    assert [members[key].sourceline for key in ("document_id", "carrier", "consignments")] == [2, 3, 4]
    (consignment,) = members["consignments"].value  # type: ignore[misc]
    assert consignment.sourceline == 5
    assert consignment.value["marks"].sourceline == 6  # type: ignore[index]


def test_a_byte_order_mark_is_dropped() -> None:
    parsed = parse_json(b"\xef\xbb\xbf" + UZBEK.encode())
    assert parsed.issues == [] and parsed.root is not None
    assert plain(parsed.root)["document_id"] == "UZ-2024-0514"


def test_escaped_strings_are_decoded() -> None:
    parsed = parse_json(rb'{"name": "Qo\u02bbqon \"Ipak\" MChJ\n", "\u0430": "x"}')
    assert parsed.root is not None
    assert plain(parsed.root) == {"name": 'Qoʻqon "Ipak" MChJ\n', "а": "x"}


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ('{"name": "Тошкент"}'.encode("cp1251"), "not UTF-8"),
        ('{"name": "Тошкент"}'.encode("utf-16"), "UTF-16"),
        ('{"name": "Тошкент"}'.encode("utf-16-le"), "UTF-16"),
        ('{"name": "Тошкент"}'.encode("utf-32"), "UTF-16 or UTF-32"),
    ],
)
def test_anything_but_utf8_is_an_encoding_issue(data: bytes, said: str) -> None:
    issue = only_issue(parse_json(data))
    assert issue["code"] == "intake.encoding" and said in issue["message"]


@pytest.mark.parametrize(
    ("text", "line", "where"),
    [
        ('{\n  "a": 1,\n  "b": [1, 2\n', 4, "line 4"),  # truncated
        ('{"a": 1,}', 1, "column 9"),  # trailing comma
        ("{'a': 1}", 1, "column 2"),  # single quotes
        ('{"a": 1}\n{"b": 2}', 2, "line 2"),  # two documents
        ('{"a": 01}', 1, "column 8"),  # leading zero
        ('{"a": "tab\tinside"}', 1, "column 11"),  # raw control character in a string
    ],
)
def test_malformed_json_names_line_and_column(text: str, line: int, where: str) -> None:
    issue = only_issue(parse_json(text.encode()))
    assert issue["code"] == "json.malformed" and issue["line"] == line and where in issue["message"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_numbers_are_refused(literal: str) -> None:
    issue = only_issue(parse_json(f'{{\n "mass": {literal}\n}}'.encode()))
    assert issue["code"] == "json.malformed" and issue["line"] == 2 and literal in issue["message"]


def test_duplicate_keys_are_refused_with_the_line_of_the_second() -> None:
    issue = only_issue(parse_json(b'{\n "consignor": "A",\n "consignee": "B",\n "consignor": "C"\n}'))
    assert issue["code"] == "json.malformed" and issue["line"] == 4
    assert "'consignor' appears twice" in issue["message"] and "first on line 2" in issue["message"]


def test_the_same_key_in_different_objects_is_fine() -> None:
    parsed = parse_json(b'[{"name": "A"}, {"name": "B", "inner": {"name": "C"}}]')
    assert parsed.issues == []


@pytest.mark.parametrize(
    "text", [r'{"a": "\ud800"}', r'{"a": "\u0001"}', r'{"\u0000": 1}', '{"a": "\ufffe"}']
)
def test_characters_that_xml_cannot_carry_are_refused(text: str) -> None:
    issue = only_issue(parse_json(text.encode()))
    assert issue["code"] == "json.malformed" and "U+" in issue["message"]


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_hundred_thousand_levels_of_nesting_are_refused_without_recursion(
    opening: str, deadline: None
) -> None:
    text = opening * 100_000 + "1" + ("]" if opening == "[" else "}") * 100_000
    issue = only_issue(parse_json(text.encode()))
    assert issue["code"] == "intake.too-large" and "deeper than 256 levels" in issue["message"]
    truncated = only_issue(parse_json((opening * 100_000).encode()))
    assert truncated["code"] == "intake.too-large"


def test_brackets_inside_strings_do_not_count_as_nesting(deadline: None) -> None:
    parsed = parse_json(('{"a": "' + "[{" * 50_000 + '"}').encode())
    assert parsed.issues == [] and parsed.root is not None


def test_nesting_up_to_the_limit_is_read() -> None:
    limits = IntakeLimits(max_depth=5)
    assert parse_json(b"[[[[[1]]]]]", limits).issues == []
    issue = only_issue(parse_json(b"[[[[[[1]]]]]]", limits))
    assert issue["code"] == "intake.too-large" and "column 6" in issue["message"]


def test_the_value_count_and_the_size_are_limited() -> None:
    limits = IntakeLimits(max_bytes=100, max_elements=4)
    assert parse_json(b'{"a": [1, 2]}', limits).issues == []  # object, array, two numbers
    many = only_issue(parse_json(b'{"a": [1, 2, 3]}', limits))
    assert many["code"] == "intake.too-large" and "more than 4 values" in many["message"]
    large = only_issue(parse_json(b'{"a": "' + b"x" * 100 + b'"}', limits))
    assert large["code"] == "intake.too-large"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\xef\xbb\xbf"])
def test_empty_input_is_refused(data: bytes) -> None:
    assert only_issue(parse_json(data))["code"] in ("intake.empty", "json.malformed")


def test_a_string_with_endless_escaped_quotes_ends_quickly(deadline: None) -> None:
    text = '{"a": "' + '\\"' * 500_000  # unterminated: the depth scan must not backtrack
    assert only_issue(parse_json(text.encode()))["code"] == "json.malformed"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    return value


def _xml_safe(value: Any) -> bool:
    """Whether every string (keys included) holds only characters that XML 1.0 can carry."""
    if isinstance(value, str):
        return not any(
            (ord(char) < 32 and char not in "\t\n\r")
            or 0xD800 <= ord(char) <= 0xDFFF
            or char in "\ufffe\uffff"
            for char in value
        )
    if isinstance(value, list):
        return all(_xml_safe(item) for item in value)
    if isinstance(value, dict):
        return all(_xml_safe(key) and _xml_safe(item) for key, item in value.items())
    return True


@settings(max_examples=200, deadline=None)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 1, 2]))
def test_any_json_document_is_read_back_as_written(value: Any, indent: int | None) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=indent).encode()
    parsed = parse_json(data)
    if _xml_safe(value):
        assert parsed.issues == [] and parsed.root is not None
        assert plain(parsed.root) == _as_text(value)
    else:
        assert parsed.root is None and [issue.code for issue in parsed.issues] == ["json.malformed"]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200) | st.text(alphabet='{}[]",:01a\\ \n', max_size=60).map(str.encode))
def test_any_bytes_give_a_tree_or_coded_issues(data: bytes) -> None:
    parsed = parse_json(data)
    assert (parsed.root is None) == bool(parsed.issues)
