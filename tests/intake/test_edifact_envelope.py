"""The envelope of an interchange (gateway/intake/edifact_envelope.py), checked on segments directly:
functional groups (UNG ... UNE) change what UNZ counts, and an empty list is refused. The rest of the
envelope (UNT counts and references, one message per document) is tested through parse_edifact in
test_edifact_intake.py. The segments are a STAND-IN CUSCAR written for these tests."""

from __future__ import annotations

import pytest

from gateway.intake.edifact_envelope import check_structure
from gateway.intake.edifact_segments import Segment


def segments(*texts: str) -> list[Segment]:
    """Segments from `TAG+a:b+c` texts, numbered from position 1 with made-up byte offsets."""
    found = []
    for position, text in enumerate(texts, start=1):
        tag, *elements = text.split("+")
        found.append(
            Segment(tag, tuple(tuple(element.split(":")) for element in elements), position, position * 10)
        )
    return found


MESSAGE = ("UNH+1+CUSCAR:D:96B:UN", "BGM+785+XB2406+9", "UNT+3+1")


def test_an_interchange_with_a_functional_group_counts_groups_in_unz() -> None:
    grouped = segments("UNB+UNOY:4+A+B+240611:0715+R1", "UNG+CUSCAR+A+B", *MESSAGE, "UNE+1+1", "UNZ+1+R1")
    assert check_structure(grouped) == []


@pytest.mark.parametrize(
    ("unz", "said"),
    [
        ("UNZ+2+R1", "counts 2 functional groups; the interchange has 1"),
        ("UNZ+1+R2", "interchange reference"),
    ],
)
def test_unz_must_count_the_groups_and_repeat_the_reference(unz: str, said: str) -> None:
    grouped = segments("UNB+UNOY:4+A+B+240611:0715+R1", "UNG+CUSCAR+A+B", *MESSAGE, "UNE+1+1", unz)
    (issue,) = check_structure(grouped)
    assert issue.code == "edifact.malformed" and said in issue.message and issue.line == 7
    assert issue.message.startswith("UNZ at position 7 (byte 70)")


def test_no_segment_at_all_is_refused() -> None:
    (issue,) = check_structure([])
    assert issue.code == "edifact.malformed" and "holds no segment" in issue.message
