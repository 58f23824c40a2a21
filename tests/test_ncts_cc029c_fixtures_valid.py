"""The NCTS CC029C fixtures are what their case.md says: valid ones pass the real DG TAXUD schema.

Invalid ones are refused by it, or are not even well-formed XML. As for CC015C
(tests/test_ncts_fixtures_valid.py), the schema is the official release in the shared reference folder
(../shared/reference/ncts-p5, version 60.4.16), read as an operator's import would read it and never copied
into the project. It is checked with two validators that read it differently: lxml (libxml2, XSD 1.0, which
ignores the schema's ``vc:minVersion="1.1"``) and the xmlschema package's XMLSchema11 (its XMLSchema10
honours vc:minVersion and drops every declaration). A fixture must satisfy both.

The mapping's promise is checked too: CC029C extends the CC015C mapping and differs from it only in the
format's identity and in the Declaration ID (the MRN instead of the LRN).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import xmlschema
from golden_cases import cases, parse_file, verdict
from lxml import etree

from gateway.mapping.loader import read_mapping_data

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "ncts-cc029c"
MAPPINGS = ROOT / "mappings"
NCTS_SCHEMA = ROOT.parent / "shared" / "reference" / "ncts-p5" / "cc029c.xsd"


CASES = cases("ncts-cc029c")
VALID = [case for case in CASES if verdict(case) == "valid"]
INVALID = [case for case in CASES if verdict(case) == "invalid"]

needs_schema = pytest.mark.skipif(
    not NCTS_SCHEMA.is_file(),
    reason=f"the NCTS phase 5 schemas are not at {NCTS_SCHEMA} (the shared reference folder is absent)",
)


@cache
def lxml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(NCTS_SCHEMA)))


@cache
def xmlschema_schema() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(NCTS_SCHEMA))


def _parse(case: Path) -> etree._ElementTree:
    return parse_file(case / "input.xml")


def test_every_case_says_whether_it_is_valid() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 3
    assert sorted(VALID + INVALID) == CASES, "a case.md must start with `valid` or `invalid`"


@needs_schema
@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_passes_the_real_schema_in_lxml(case: Path) -> None:
    schema = lxml_schema()
    assert schema.validate(_parse(case)), schema.error_log


@needs_schema
@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_passes_the_real_schema_in_xmlschema(case: Path) -> None:
    errors = [str(error.reason) for error in xmlschema_schema().iter_errors(str(case / "input.xml"))]
    assert errors == []


@needs_schema
@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case_is_refused_by_the_real_schema(case: Path) -> None:
    try:
        document = _parse(case)
    except etree.XMLSyntaxError:
        return  # not even well-formed (truncated)
    assert not lxml_schema().validate(document)
    assert not xmlschema_schema().is_valid(str(case / "input.xml"))


def test_cc029c_mapping_is_the_cc015c_mapping_with_the_mrn_as_id() -> None:
    release = read_mapping_data(MAPPINGS / "ncts-cc029c.yaml")
    declaration = read_mapping_data(MAPPINGS / "ncts-cc015c.yaml")
    assert release["detect"] == {"namespace": "http://ncts.dgtaxud.ec", "root": "CC029C"}
    assert release["declaration"].pop("ID") == "TransitOperation/MRN"
    assert declaration["declaration"].pop("ID") == "TransitOperation/LRN"
    assert release["declaration"] == declaration["declaration"]
    shared = ("country", "stand_in", "syntax", "kind", "languages", "namespaces")
    assert {key: release[key] for key in shared} == {key: declaration[key] for key in shared}
