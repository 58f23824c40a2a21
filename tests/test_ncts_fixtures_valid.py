"""The NCTS CC015C fixtures are what their case.md says: valid ones pass the real DG TAXUD schema.

Invalid ones are refused by it, or are not even well-formed XML.

The schema is the official release in the shared reference folder (../shared/reference/ncts-p5, version
60.4.16), read as an operator's import would read it; it is never copied into the project. It declares
``vc:minVersion="1.1"`` but uses no XSD 1.1 construct, so lxml (libxml2, XSD 1.0) loads it as it is.
(The xmlschema package works with XMLSchema11; its XMLSchema10 honours vc:minVersion and drops everything.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from golden_cases import cases, parse_file, verdict
from lxml import etree

CASES_DIR = Path(__file__).parent / "golden" / "ncts-cc015c"
NCTS_SCHEMA = Path(__file__).parent.parent.parent / "shared" / "reference" / "ncts-p5" / "cc015c.xsd"


CASES = cases("ncts-cc015c")
VALID = [case for case in CASES if verdict(case) == "valid"]
INVALID = [case for case in CASES if verdict(case) == "invalid"]

needs_schema = pytest.mark.skipif(
    not NCTS_SCHEMA.is_file(),
    reason=f"the NCTS phase 5 schemas are not at {NCTS_SCHEMA} (the shared reference folder is absent)",
)


@cache
def ncts_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(NCTS_SCHEMA)))


def _parse(case: Path) -> etree._ElementTree:
    return parse_file(case / "input.xml")


def test_every_case_says_whether_it_is_valid() -> None:
    assert len(VALID) >= 3
    assert sorted(VALID + INVALID) == CASES, "a case.md must start with `valid` or `invalid`"


@needs_schema
@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_passes_the_real_schema(case: Path) -> None:
    schema = ncts_schema()
    assert schema.validate(_parse(case)), schema.error_log


@needs_schema
@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case_is_refused_by_the_real_schema(case: Path) -> None:
    try:
        document = _parse(case)
    except etree.XMLSyntaxError:
        return  # not even well-formed (truncated, or entity expansion refused)
    assert not ncts_schema().validate(document)
