"""The tj-asycuda-manifest fixtures are what they claim: labelled stand-ins, valid ones valid against the XSD.

The XSD (docs/formats/tj-asycuda-manifest.xsd) is what integrators validate against before they send, so
every case whose case.md starts with "Valid" must pass it and every other case must fail it or not parse,
except the one whose error is a code the XSD cannot know (a Bol_type_code outside the crosswalk). The
encodings finding of the spec is checked here too: Windows-1251 cannot hold the Tajik letters, so the
Windows-1251 case is Russian, and the UTF-8 case carries the real Tajik letters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden_cases import cases, parse_file, valid_cases, xml_schema
from lxml import etree

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "tj-asycuda-manifest"
SCHEMA = ROOT / "docs" / "formats" / "tj-asycuda-manifest.xsd"
SPEC = ROOT / "docs" / "formats" / "tj-asycuda-manifest.md"
TAJIK_LETTERS = "ғӣқӯҳҷҒӢҚӮҲҶ"
XSD_CANNOT_KNOW = {"error-unknown-bol-type"}

CASES = cases("tj-asycuda-manifest")
VALID = valid_cases("tj-asycuda-manifest")
BROKEN = [case for case in CASES if case not in VALID and case.name not in XSD_CANNOT_KNOW]


def stand_in_schema() -> etree.XMLSchema:
    return xml_schema(SCHEMA)


def _parse(case: Path) -> etree._ElementTree:
    return parse_file(case / "input.xml")


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_case_is_refused_by_the_stand_in_schema(case: Path) -> None:
    try:
        document = _parse(case)
    except etree.XMLSyntaxError:
        return  # not even readable: truncated, or bytes that are not the declared encoding
    assert not stand_in_schema().validate(document)


def test_windows_1251_has_no_tajik_letters() -> None:
    for letter in TAJIK_LETTERS:
        with pytest.raises(UnicodeEncodeError):
            letter.encode("cp1251")


def test_windows_1251_case_is_declared_and_encoded_as_such() -> None:
    data = (CASES_DIR / "road-dushanbe-nizhniy-pyanj-cp1251" / "input.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    text = data.decode("cp1251")
    assert "Худжанд" in text and "Нижний Пяндж" in text
    assert not set(text) & set(TAJIK_LETTERS)


def test_utf8_case_carries_the_tajik_letters() -> None:
    text = (CASES_DIR / "road-khujand-fotehobod-utf8" / "input.xml").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert set(TAJIK_LETTERS.lower()) <= set(text.lower())


def test_spec_example_is_the_khujand_case_and_the_readme_example() -> None:
    example = re.search(r"```xml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    case = CASES_DIR / "road-khujand-fotehobod-utf8" / "input.xml"
    assert example.group(1) == case.read_text(encoding="utf-8")
    assert (ROOT / "examples" / "tj-asycuda-manifest.xml").read_bytes() == case.read_bytes()
