"""The short readers of EDIFACT paths (an address alone, one segment step) give what walking the steps
gives: the same values, segments and sources, in order, for every path of the Azerbaijani CUSCAR
mapping, from every node a mapping can stand on, in the fixtures, in grown documents and in generated
interchanges; numbers included (`number(E.C)` and its issues). Likewise the one-call joins of the
generated code (`joined_addresses`, `joined_in_segments`) give what the checker's `joined` gives."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.intake.edifact import Interchange, SegmentRange, parse_edifact
from gateway.mapping.checker import ElementChecker, joined_result
from gateway.mapping.edifact_joins import JoinStep
from gateway.mapping.edifact_paths import (
    EdifactPath,
    compile_edifact_path,
    joined_addresses,
    joined_in_segments,
)
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import ElementRule

PROJECT = Path(__file__).parent.parent.parent


def grown_example(copies: int) -> bytes:
    """The example with its second consignment repeated `copies` times, UNT's count mended."""
    example = (PROJECT / "examples" / "az-cuscar.edi").read_bytes()
    consignment = example[example.index(b"CNI+2'") : example.index(b"UNT+")]
    grown = example.replace(consignment, consignment * copies, 1)
    count = grown[grown.index(b"UNH+") : grown.index(b"UNT+")].count(b"'\n") + 1
    return re.sub(rb"UNT\+\d+", b"UNT+%d" % count, grown)


EXTRA = [
    "MEA[AAE][2.1=AAE]/number(3.2)",
    "MEA[2.1=AAF]/3.1",
    "MEA[AAE][2=]/3.2",
    "MEA[2=]/1.1",
    "NAD[9.2=]/1.1",
    "FTX[AAA][5=ru]/4.2",
    "NAD[CZ]/9.9",
    "GID/2.2",
    "number(1.2)",
    "CNT[7]/number(1.2)",
    "/CNI/1.1",
    "group(GID)/FTX/4.1",
    "before(GID)/NAD/4.1",
]
"""Paths beyond the mapping's: conditions on a missing element, components past the end, others."""


JOINED = [
    ["4.1", "4.2", "4.3"],
    ["FTX[AAA]/4.1", "FTX[AAA]/4.2", "FTX[AAA]/5.1"],
    ["MEA[2.1=AAE]/3.2", "MEA[2.1=AAE]/3.1"],
    ["NAD/4.1", "NAD/2.1"],
]
"""`paths` + `join` beyond the mapping's: several segments of the step, a condition on element 2."""


def mapping_paths() -> tuple[list[EdifactPath], list[ElementRule]]:
    """Every path of the az-cuscar mapping, the paths inside its joins included, and its joins."""
    crosswalks = PROJECT / "codelists" / "crosswalks"
    mapping = FormatRegistry.from_folder(PROJECT / "mappings", crosswalks).get("az-cuscar")
    found: dict[str, EdifactPath] = {}
    joins: list[ElementRule] = []

    def collect(value: Any) -> None:
        if isinstance(value, ElementRule) and value.paths:
            joins.append(value)
        if isinstance(value, EdifactPath):
            found.setdefault(value.text, value)
            for step in value.steps:
                if isinstance(step, JoinStep):
                    collect(step.key)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                collect(getattr(value, field.name))
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(mapping)
    extra = [
        dataclasses.replace(joins[0], paths=tuple(cast(Any, compile_edifact_path(path)) for path in paths))
        for paths in JOINED
    ]
    return [*found.values(), *map(compile_edifact_path, EXTRA)], joins + extra


PATHS, JOINS = mapping_paths()
NODE_PATHS = [path for path in PATHS if path.address is None]


def contexts(interchange: Interchange) -> list[SegmentRange]:
    """The interchange, every node a class path selects from it or from its groups, and every segment."""
    root = interchange.root()
    found = [root]
    for path in map(compile_edifact_path, ["group(CNI)", "group(CNI)/group(GID)", "before(CNI)"]):
        found += [node for node, _ in path.nodes(root)]
    for node in list(found):
        found += [child for path in NODE_PATHS for child, _ in path.nodes(node)]
    found += [SegmentRange(interchange, index, index + 1) for index in range(len(interchange.segments))]
    return found


def assert_same_reads(data: bytes) -> int:
    """Compare the readers on every path and context of `data`; the number of values read."""
    parsed = parse_edifact(data)
    assert parsed.interchange is not None, parsed.issues
    interchange, read = parsed.interchange, 0
    nodes = contexts(interchange)
    interchange.take_path_issues()  # the joins' issues met while finding the nodes
    for context in nodes:
        for path in PATHS:
            short = list(path.values(context)), interchange.take_path_issues()
            walked = path.walked_values(context), interchange.take_path_issues()
            assert short == walked, (path.text, context.start, context.end)
            read += len(short[0])
        for rule in JOINS:
            assert one_call_join(rule, context) == ElementChecker(rule).joined(context, "P/"), rule.paths
    return read


def one_call_join(rule: ElementRule, node: SegmentRange) -> tuple[str, Any, str, str] | None:
    """What the generated code reads for `rule` (`codegen_elements._edifact_join`) at `node`."""
    paths = [path for path in rule.paths if isinstance(path, EdifactPath)]
    join, firsts = rule.join or " ", [path.first_segment_address for path in paths]
    if all(firsts):
        addresses = tuple(first for first in firsts if first is not None)
        return joined_addresses(node, addresses, join, "P/", joined_result)
    reads = [path.segment_address for path in paths]
    steps = {read[0] for read in reads if read is not None}
    assert all(reads) and len(steps) == 1, rule.paths
    in_segments = tuple(read[1:] for read in reads if read is not None)
    return joined_in_segments(node, steps.pop(), in_segments, join, "P/", joined_result)


def test_the_fixtures_and_grown_documents_read_the_same_by_both_readers() -> None:
    fixtures = [
        path.read_bytes()
        for path in sorted((PROJECT / "tests" / "golden" / "az-cuscar").glob("*/input.edi"))
        if parse_edifact(path.read_bytes()).interchange is not None
    ]
    assert len(fixtures) >= 8
    read = sum(assert_same_reads(data) for data in [*fixtures, grown_example(20)])
    assert read > 10_000


SEGMENT = st.tuples(
    st.sampled_from(["NAD", "MEA", "FTX", "CNT", "GID", "CNI", "SGP", "LOC"]),
    st.lists(
        st.lists(st.sampled_from(["", "CZ", "AAE", "AAF", "7", "ru", "1,5", "2.5", "x"]), max_size=3),
        max_size=5,
    ),
)


@settings(max_examples=200, deadline=None)
@given(segments=st.lists(SEGMENT, max_size=12), version=st.sampled_from(["3", "4"]))
def test_generated_interchanges_read_the_same_by_both_readers(
    segments: list[tuple[str, list[list[str]]]], version: str
) -> None:
    body = "".join(
        tag + "".join("+" + ":".join(components) for components in elements) + "'"
        for tag, elements in segments
    )
    count = len(segments) + 2
    document = f"UNB+UNOC:{version}+A+B+1:1+R'UNH+1+CUSCAR:D:96B:UN'{body}UNT+{count}+1'UNZ+1+R'"
    assert_same_reads(document.encode())
