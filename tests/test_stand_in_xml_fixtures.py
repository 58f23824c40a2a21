"""What every XML stand-in format promises of its golden inputs: each is labelled as a stand-in on its
second line, the valid ones pass the stand-in's own XSD (docs/formats/<format>.xsd), and there are
enough valid and broken cases. Each format's own traits are tested in its own module."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_cases import STAND_INS, cases, label, parse_file, valid_cases, xml_schema

FORMATS = Path(__file__).parent.parent / "docs" / "formats"

ALL = [(name, case) for name in STAND_INS for case in cases(name)]
VALID = [(name, case) for name in STAND_INS for case in valid_cases(name)]


@pytest.mark.parametrize("format_name", sorted(STAND_INS))
def test_there_are_valid_and_broken_cases(format_name: str) -> None:
    valid, broken = len(valid_cases(format_name)), len(cases(format_name)) - len(valid_cases(format_name))
    assert valid >= 3
    assert broken >= STAND_INS[format_name][1]


@pytest.mark.parametrize(("format_name", "case"), ALL, ids=[f"{name}/{case.name}" for name, case in ALL])
def test_every_input_is_labelled_as_a_stand_in(format_name: str, case: Path) -> None:
    second_line = (case / "input.xml").read_bytes().split(b"\n")[1]
    assert second_line.strip() == label(format_name)


@pytest.mark.parametrize(("format_name", "case"), VALID, ids=[f"{name}/{case.name}" for name, case in VALID])
def test_valid_case_passes_the_stand_in_schema(format_name: str, case: Path) -> None:
    schema = xml_schema(FORMATS / f"{format_name}.xsd")
    assert schema.validate(parse_file(case / "input.xml")), schema.error_log
