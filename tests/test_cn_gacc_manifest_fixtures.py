"""The cn-gacc-manifest fixtures are what they claim: labelled stand-ins, valid ones valid against its XSD.

Integrators validate against docs/formats/cn-gacc-manifest.xsd before they send, so every case whose
case.md starts with "Valid" must pass it, and so must the README example, which the spec quotes byte for
byte. The error cases are derived from the valid ones by derive_cases.py: a test fails when the committed
inputs drift from what it produces.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from golden_cases import cases, label, parse_file, valid_cases, xml_schema
from lxml import etree

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "cn-gacc-manifest"
SCHEMA = ROOT / "docs" / "formats" / "cn-gacc-manifest.xsd"
SPEC = ROOT / "docs" / "formats" / "cn-gacc-manifest.md"
EXAMPLE = ROOT / "examples" / "cn-gacc-manifest.xml"

CASES = cases("cn-gacc-manifest")
VALID = valid_cases("cn-gacc-manifest")


def stand_in_schema() -> etree.XMLSchema:
    return xml_schema(SCHEMA)


def _parse(path: Path) -> etree._ElementTree:
    return parse_file(path)


def _derive_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive_cases", CASES_DIR / "derive_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gb18030_case_is_declared_and_encoded_as_such() -> None:
    data = (CASES_DIR / "rail-alashankou-dostyk-gb18030" / "input.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="GB18030"?>')
    assert "香港某某貿易有限公司".encode("gb18030") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_error_cases_are_what_derive_cases_produces() -> None:
    for name, (data, note) in _derive_cases().error_cases().items():
        assert (CASES_DIR / name / "input.xml").read_bytes() == data, name
        assert (CASES_DIR / name / "case.md").read_text(encoding="utf-8") == note + "\n", name


def test_example_passes_the_schema_and_is_the_spec_example() -> None:
    schema = stand_in_schema()
    assert schema.validate(_parse(EXAMPLE)), schema.error_log
    example = re.search(r"```xml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    assert example.group(1) == EXAMPLE.read_text(encoding="utf-8")
    assert EXAMPLE.read_bytes().split(b"\n")[1] == label("cn-gacc-manifest")
