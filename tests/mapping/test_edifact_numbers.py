"""``number(E.C)`` in EDIFACT paths: the decimal mark that the interchange's syntax allows, and no other.

Syntax version 4 allows a comma and a full stop whatever UNA says; versions 1 to 3 only the mark UNA
declares (a full stop without UNA). The interchanges are STAND-IN CUSCAR D.96B fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.intake.edifact import parse_edifact
from gateway.intake.edifact_segments import SegmentRange
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.edifact_paths import compile_edifact_path
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent
MASS = "group(CNI)/CNT[7]/number(1.2)"


def interchange(una: str, version: str, masses: list[str]) -> SegmentRange:
    body = ["UNH+1+CUSCAR:D:96B:UN", "BGM+785+ADY-2811-240612+9"]
    body += [
        segment for number, mass in enumerate(masses, 1) for segment in (f"CNI+{number}", f"CNT+7:{mass}:TNE")
    ]
    text = "".join(f"{segment}'" for segment in body) + f"UNT+{len(body) + 1}+1'"
    data = f"{una}UNB+UNOC:{version}+ADYBK:ZZZ+AZDGK:ZZZ+240612:0930+BK1'{text}UNZ+1+BK1'"
    parsed = parse_edifact(data.encode("latin-1"))
    assert parsed.interchange is not None, parsed.issues
    return parsed.interchange.root()


def read(root: SegmentRange) -> list[str]:
    return [text for text, _, _ in compile_edifact_path(MASS).values(root)]


@pytest.mark.parametrize(
    ("una", "version", "allowed", "refused"),
    [
        ("", "4", ["41,6", "41.6", "41"], []),
        ("UNA:+,? '", "4", ["41,6", "41.6"], []),
        ("", "3", ["41.6", "41"], ["41,6"]),
        ("UNA:+.? '", "3", ["41.6"], ["41,6"]),
        ("UNA:+,? '", "3", ["41,6"], ["41.6", "1.041,6"]),
    ],
)
def test_only_the_marks_that_the_syntax_allows_are_read(
    una: str, version: str, allowed: list[str], refused: list[str]
) -> None:
    root = interchange(una, version, allowed + refused)
    assert read(root) == allowed  # as written: the annotation keeps the original
    issues = root.walk_issues()
    assert [issue.code for issue in issues] == ["value.bad-number"] * len(refused)
    assert [issue.line for issue in issues] == [
        5 + 2 * (len(allowed) + n) + bool(una) for n in range(len(refused))
    ]


def test_a_refused_number_names_the_mark_the_syntax_and_the_place_once() -> None:
    root = interchange("", "3", ["41,6"])
    read(root)
    read(root)
    (issue,) = root.walk_issues()
    assert issue.source == "/CNI[1]/CNT[1]/1.2"
    assert issue.message == (
        "CNT at position 5: '41,6' has ',' as its decimal mark, but the interchange is in syntax version 3 "
        "and without UNA it is '.': a number written so could mean another value, so it is left out."
    )


def test_two_marks_or_letters_are_left_to_the_element_check() -> None:
    root = interchange("", "4", ["1.041,6", "41,6 t"])
    assert read(root) == ["1.041,6", "41,6 t"] and root.walk_issues() == []


@pytest.mark.parametrize("path", ["CNT[7]/number(1)/2", "CNT[7]/number(x)", "CNT[7]/number()"])
def test_number_takes_an_address_at_the_end(path: str) -> None:
    with pytest.raises(ValueError, match=r"is not a step|number\(\) takes an element\.component address"):
        compile_edifact_path(path)


def test_the_numbers_example_of_the_mapping_guide_runs(tmp_path: Path) -> None:
    guide = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    example = guide.split("#### Numbers", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    head = (
        "format: az-number-example\ntitle: The guide's number\ncountry: AZ\nsyntax: edifact\n"
        "kind: cargo-report\ndetect: {message_type: 'CUSCAR:D:96B:UN'}\ndeclaration:\n"
    )
    (tmp_path / "az-number-example.yaml").write_text(head + example, encoding="utf-8")
    registry = FormatRegistry.from_folder(tmp_path, PROJECT / "codelists" / "crosswalks")
    normalizer = Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)
    mapping = registry.get("az-number-example")
    for una, version in [("UNA:+,? '", "3"), ("", "4")]:
        result = normalizer.run_mapping(mapping, _with_header_mass(una, version, "41,6"), "")
        assert result.message is not None
        found = result.message.tree().findtext(".//{urn:carec-gateway:harmonized:1}TotalGrossMassMeasure")
        assert found == "41600", result.issues
    refused = normalizer.run_mapping(mapping, _with_header_mass("", "3", "41,6"), "")
    assert [issue.line for issue in refused.issues if issue.code == "value.bad-number"] == [3]


def _with_header_mass(una: str, version: str, mass: str) -> SegmentRange:
    body = ["UNH+1+CUSCAR:D:96B:UN", f"CNT+7:{mass}:TNE", "CNI+1"]
    text = "".join(f"{segment}'" for segment in body) + f"UNT+{len(body) + 1}+1'"
    parsed = parse_edifact(f"{una}UNB+UNOC:{version}+A:ZZZ+B:ZZZ+240612:0930+R'{text}UNZ+1+R'".encode())
    assert parsed.interchange is not None, parsed.issues
    return parsed.interchange.root()
