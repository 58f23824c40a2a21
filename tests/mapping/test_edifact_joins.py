"""EDIFACT joins: a consignment's containers are the EQD groups whose number its goods items give in SGP.

The interchanges are STAND-IN CUSCAR D.96B messages written for these tests (container numbers with
valid ISO 6346 check digits); what a join finds wrong is reported once the walk is over."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.codelists import CodeLists
from gateway.intake.edifact import SegmentRange, parse_edifact
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.edifact_paths import compile_edifact_path
from gateway.mapping.loader import load_mapping
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import ClassRule
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent
BAD = Path(__file__).parent / "bad"

EQUIPMENT = "/before(CNI)/group(EQD)[2.1=current()/SGP/1.1]"


def interchange(body: list[str]) -> SegmentRange:
    segments = ["UNH+1+CUSCAR:D:96B:UN", "BGM+785+ASCO-XB2406-AKT+9", *body]
    text = "".join(f"{segment}'" for segment in segments) + f"UNT+{len(segments) + 1}+1'"
    parsed = parse_edifact(f"UNB+UNOY:4+ASCOAKTAU:ZZZ+AZDGK:ZZZ+20240611:0715+R'{text}UNZ+1+R'".encode())
    assert parsed.interchange is not None, parsed.issues
    return parsed.interchange.root()


FERRY = [
    "EQD+CN+TGHU3456780+22G1:102:5+++5",  # position 4
    "SEL+KZ0451287+CA",
    "EQD+CN+CSNU6184230+22G1:102:5+++5",  # 6
    "SEL+KZ0451288+CA",
    "SEL+KZ0451289+CU",
    "EQD+TE+10-RT-417/P",  # 9: a trailer that no goods item names
    "CNT+11:560",
    "CNI+1",  # 11
    "GID+1+240:BG",
    "SGP+CSNU6184230+120",  # 13
    "SGP+TGHU3456780+120",
    "GID+2+10:BG",
    "SGP+CSNU6184230+10",  # the same container again: selected once
    "CNI+2",  # 17
    "GID+1+320:BG",
    "SGP+MSKU7021551+320",  # 19: no EQD declares it
]


def consignments(root: SegmentRange) -> list[SegmentRange]:
    return [node for node, _ in compile_edifact_path("group(CNI)").nodes(root)]


def selected(path: str, context: SegmentRange) -> list[tuple[str, str]]:
    segments, matches = context.interchange.segments, compile_edifact_path(path).nodes(context)
    return [(segments[node.start].value(2), source) for node, source in matches]


def test_a_join_selects_the_groups_that_values_read_here_name_in_document_order_each_once() -> None:
    first, second = consignments(interchange(FERRY))
    assert selected(EQUIPMENT, first) == [("TGHU3456780", "/EQD[1]"), ("CSNU6184230", "/EQD[2]")]
    assert selected(EQUIPMENT, second) == []
    seals = compile_edifact_path("SEL/1.1")
    second_container = compile_edifact_path(EQUIPMENT).nodes(first)[1][0]
    assert [text for text, _, _ in seals.values(second_container)] == ["KZ0451288", "KZ0451289"]


def test_a_join_can_read_values_through_it_and_sits_on_segment_steps_too() -> None:
    first, _ = consignments(interchange(FERRY))
    sizes = compile_edifact_path("/EQD[2.1=current()/group(GID)[2]/SGP/1.1]/2.1")
    assert [(text, source) for text, _, source in sizes.values(first)] == [("CSNU6184230", "/EQD[2]/2.1")]


def test_a_group_step_takes_qualifiers_on_its_trigger_and_positions_still_count_every_group() -> None:
    root = interchange(FERRY)
    assert selected("before(CNI)/group(EQD)[TE]", root) == [("10-RT-417/P", "EQD[3]")]
    assert selected("before(CNI)/group(EQD)[2.1=CSNU6184230]", root) == [("CSNU6184230", "EQD[2]")]


def test_what_a_walk_finds_is_reported_once_at_its_end_naming_segment_and_position() -> None:
    root = interchange(FERRY)
    join = compile_edifact_path(EQUIPMENT)
    for consignment in consignments(root) * 2:  # a second walk over the same consignments adds nothing
        join.nodes(consignment)
    issues = [issue.to_dict() for issue in root.walk_issues()]
    assert issues == [
        {
            "code": "reference.unused",
            "severity": "warning",
            "message": "No SGP/1.1 names the EQD at position 9 (2.1 '10-RT-417/P'): it and what is read "
            "below it are in no part of the harmonized message.",
            "source": "/EQD[3]",
            "line": 9,
        },
        {
            "code": "reference.unknown",
            "severity": "error",
            "message": "SGP at position 19 names 'MSKU7021551' (SGP/1.1), but no EQD of "
            "/before(CNI)/group(EQD) has it as 2.1.",
            "source": "/CNI[2]/SGP[1]/1.1",  # SGP counted in the consignment
            "line": 19,
        },
    ]
    assert root.walk_issues() == []  # taken once


def test_two_groups_with_one_key_are_an_error_and_the_first_is_used() -> None:
    body = [*FERRY[:6], "EQD+CN+TGHU3456780+22G1:102:5+++5", "SEL+KZ0451290+CA", *FERRY[6:]]
    root = interchange(body)
    first, _ = consignments(root)
    assert selected(EQUIPMENT, first) == [("TGHU3456780", "/EQD[1]"), ("CSNU6184230", "/EQD[2]")]
    duplicate = next(issue for issue in root.walk_issues() if issue.code == "reference.duplicate")
    assert (duplicate.severity, duplicate.source, duplicate.line) == ("error", "/EQD[4]/2.1", 10)
    assert duplicate.message == (
        "EQD at position 10 has 2.1 'TGHU3456780', as the EQD at position 4 has: only the first is used."
    )


def test_a_group_without_a_key_cannot_be_named_and_says_so() -> None:
    root = interchange(["EQD+CN++22G1:102:5", "SEL+KZ0451291+CA", "CNI+1", "GID+1+1:BG"])
    (consignment,) = consignments(root)
    assert selected(EQUIPMENT, consignment) == []
    (issue,) = root.walk_issues()
    assert issue.code == "reference.unused" and issue.line == 4
    assert issue.message.startswith("The EQD at position 4 has no 2.1, so no SGP/1.1 can name it")


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("group(EQD)[2.1=current()/SGP]", "end 'SGP' with an address such as 1.1"),
        ("group(EQD)[2.1=current()//SGP/1.1]", "current()/ is followed by a relative path"),
        ("group(EQD)[2.1=current()/]", "current()/ is followed by a relative path"),
        ("group(EQD)[current()/SGP/1.1]", "is not a join; write [e.c=current()/PATH]"),
        ("group(EQD)[current()/SGP/1.1=2.1]", "is not a join"),
        ("group(EQD)[2.1=current()/SGP/1.1][3.1=current()/SGP/2.1]", "a step takes one join; 2 are given"),
        ("group(EQD)[2.1=current()/GID[1.1=current()/CNI/1.1]/SGP/1.1]", "cannot hold another join"),
        ("before(CNI)[2.1=current()/SGP/1.1]", "before(CNI) takes no qualifier"),
        ("group(EQD)[2.1=current()/SGP/1.1", "a '[' is not closed"),
        ("group(EQD)]/2.1", "a ']' closes no '['"),
        ("group(EQD)x[CN]", "is not a step"),
        ("group(EQD)[2.1=current()/sgp/1.1]", "'sgp' is not a step"),
    ],
)
def test_misused_joins_are_refused_with_a_reason(path: str, said: str) -> None:
    with pytest.raises(ValueError, match=said.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        compile_edifact_path(path)


def test_a_literal_qualifier_may_hold_a_slash_now_that_steps_split_outside_brackets() -> None:
    root = interchange(["CNI+1", "RFF+BM:ASCO/AKT-ALA/240611-01"])
    path = compile_edifact_path("RFF[1.2=ASCO/AKT-ALA/240611-01]/1.1")
    assert [text for text, _, _ in path.values(root)] == ["BM"]


def test_a_join_over_many_consignments_and_containers_stays_linear() -> None:
    count = 5_000
    numbers = [f"TEST{number:07d}" for number in range(count)]
    body = [f"EQD+CN+{number}" for number in numbers]
    for index, number in enumerate(numbers, start=1):
        body += [f"CNI+{index}", "GID+1+1:BG", f"SGP+{number}+1"]
    root = interchange(body)
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(6)
    try:
        join = compile_edifact_path(EQUIPMENT)
        found = [join.nodes(consignment) for consignment in consignments(root)]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [len(matches) for matches in found] == [1] * count
    assert found[-1][0][1] == f"/EQD[{count}]" and root.walk_issues() == []


def _too_slow(signum: int, frame: Any) -> None:
    raise TimeoutError("the join grew faster than the message")


def test_the_broken_join_mappings_differ_from_one_that_loads(tmp_path: Path) -> None:
    """The control of tests/mapping/bad/edifact-join-*.yaml: the same file with a well-formed join loads."""
    broken = (BAD / "edifact-join-without-address.yaml").read_text(encoding="utf-8")
    control = tmp_path / "control.yaml"
    control.write_text(broken.replace("current()/SGP]", "current()/SGP/1.1]"), encoding="utf-8")
    mapping = load_mapping(control, Crosswalks(PROJECT / "codelists" / "crosswalks"))
    (consignment,) = [rule for rule in mapping.declaration.children if isinstance(rule, ClassRule)]
    (equipment,) = consignment.children
    assert isinstance(equipment, ClassRule) and equipment.each is not None
    assert equipment.each.text == EQUIPMENT


def test_the_join_example_of_the_mapping_guide_runs(tmp_path: Path) -> None:
    guide = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    example = guide.split("#### Joins", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    head = (
        "format: az-join-example\ntitle: The guide's join\ncountry: AZ\nsyntax: edifact\n"
        "kind: cargo-report\ndetect: {message_type: 'CUSCAR:D:96B:UN'}\n"
        "declaration:\n  ID: BGM/2.1\n  Consignment:\n    each: group(CNI)\n"
    )
    (tmp_path / "az-join-example.yaml").write_text(head + example, encoding="utf-8")
    registry = FormatRegistry.from_folder(tmp_path, PROJECT / "codelists" / "crosswalks")
    normalizer = Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)
    root = interchange(FERRY)
    result = normalizer.run_mapping(registry.get("az-join-example"), root, "")
    tree = result.message.tree() if result.message is not None else None
    assert tree is not None
    namespace = {"h": "urn:carec-gateway:harmonized:1"}
    first = tree.xpath("//h:Consignment[1]/h:TransportEquipment", namespaces=namespace)
    assert [equipment.findtext("h:ID", namespaces=namespace) for equipment in first] == [
        "TGHU3456780",
        "CSNU6184230",
    ]
    assert first[1].xpath("h:Seal/h:ID/text()", namespaces=namespace) == ["KZ0451288", "KZ0451289"]
    references = [(issue.code, issue.line) for issue in result.issues if issue.code.startswith("reference")]
    assert references == [("reference.unused", 9), ("reference.unknown", 19)]
    # The other issues are the elements a cargo report requires and this short example leaves out.
    assert {issue.code for issue in result.issues} == {
        "element.missing",
        "reference.unused",
        "reference.unknown",
    }


NUMBERS = st.sampled_from(["MSKU7021551", "TCNU3004176", "FSCU8845127", "CSNU6184230", ""])


@settings(max_examples=60, deadline=None)
@given(
    declared=st.lists(NUMBERS, max_size=6),
    named=st.lists(st.lists(NUMBERS.filter(bool), max_size=4), min_size=1, max_size=4),
)
def test_a_join_selects_what_a_scan_of_the_list_would_and_reports_every_mismatch(
    declared: list[str], named: list[list[str]]
) -> None:
    """The law: each consignment gets, in list order, the first EQD of every number its SGP name; every
    SGP naming no EQD, every later EQD repeating a number and every EQD that nothing selected is reported."""
    body = [f"EQD+CN+{number}" for number in declared]
    for index, numbers in enumerate(named, start=1):
        body += [f"CNI+{index}", "GID+1+1:BG", *(f"SGP+{number}+1" for number in numbers)]
    root = interchange(body)
    first = {number: position for position, number in reversed(list(enumerate(declared, 1))) if number}
    join = compile_edifact_path(EQUIPMENT)
    for consignment, numbers in zip(consignments(root), named, strict=True):
        expected = sorted({first[number] for number in numbers if number in first})
        assert [source for _, source in join.nodes(consignment)] == [f"/EQD[{n}]" for n in expected]
    codes = [issue.code for issue in root.walk_issues()]
    selected = {first[number] for numbers in named for number in numbers if number in first}
    assert codes.count("reference.unknown") == sum(
        number not in first for numbers in named for number in numbers
    )
    assert codes.count("reference.duplicate") == len([n for n in declared if n]) - len(first)
    assert codes.count("reference.unused") == len(set(first.values()) - selected) + declared.count("")
