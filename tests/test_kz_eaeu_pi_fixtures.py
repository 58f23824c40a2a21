"""The kz-eaeu-pi fixtures are what they claim: labelled stand-ins, the valid ones valid against its XSD.

The XSD (docs/formats/kz-eaeu-pi.xsd) is what integrators validate against before they send, so every case
whose case.md starts with "Valid" must pass it, and the example in the spec must be the road manifest case
byte for byte (the spec promises it is).
"""

from __future__ import annotations

import re
from pathlib import Path

from golden_cases import cases, parse_file, valid_cases, xml_schema
from lxml import etree

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "kz-eaeu-pi"
SCHEMA = ROOT / "docs" / "formats" / "kz-eaeu-pi.xsd"
SPEC = ROOT / "docs" / "formats" / "kz-eaeu-pi.md"

CASES = cases("kz-eaeu-pi")
VALID = valid_cases("kz-eaeu-pi")


def stand_in_schema() -> etree.XMLSchema:
    return xml_schema(SCHEMA)


def _parse(case: Path) -> etree._ElementTree:
    return parse_file(case / "input.xml")


def test_windows_1251_case_is_declared_and_encoded_as_such() -> None:
    data = (CASES_DIR / "rail-prearrival-dostyk-cp1251" / "input.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    assert "Достык".encode("cp1251") in data


def test_spec_example_is_the_road_manifest_case() -> None:
    example = re.search(r"```xml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    case = CASES_DIR / "road-manifest-khorgos" / "input.xml"
    assert example.group(1) == case.read_text(encoding="utf-8")
    assert (ROOT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes() == case.read_bytes()
