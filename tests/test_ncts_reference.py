"""The official NCTS phase 5 sample CC015C normalizes without errors.

The sample is read from the shared reference folder (../shared/reference/ncts-p5), as the official release
that an operator imports; it is never copied into the project. It is schema-valid but synthetic: random
text, a declaration type (`gJ`) and a package kind (`Nu`) outside the NCTS code lists, no consignor or
consignee. The gateway must still read it whole and raise no error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from gateway.issues import Severity
from gateway.normalize.pipeline import Normalizer

SAMPLE = Path(__file__).parent.parent.parent / "shared" / "reference" / "ncts-p5" / "sample-cc015c.xml"
HARMONIZED_SCHEMA = Path(__file__).parent.parent / "schemas" / "harmonized-1.0.xsd"
NS = {"h": "urn:carec-gateway:harmonized:1"}

pytestmark = pytest.mark.skipif(
    not SAMPLE.is_file(), reason=f"the NCTS reference sample is not at {SAMPLE} (shared folder absent)"
)


def test_reference_sample_normalizes_without_errors(normalizer: Normalizer) -> None:
    result = normalizer.normalize(SAMPLE.read_bytes())
    errors = [str(issue) for issue in result.issues if issue.severity is Severity.ERROR]
    assert errors == []
    assert result.format == "ncts-cc015c"
    assert result.message is not None


def test_reference_sample_keeps_its_references(normalizer: Normalizer) -> None:
    result = normalizer.normalize(SAMPLE.read_bytes(), "ncts-cc015c")
    assert result.message is not None
    message = etree.fromstring(result.message.to_xml())

    def text(path: str) -> list[str]:
        return [element.text or "" for element in message.iterfind(path, NS)]

    assert text("h:Declaration/h:ID") == ["DHbrfgDQJRm"]  # no MRN in CC015C: the LRN is the ID
    assert text("h:Declaration/h:DepartureOffice/h:ID") == ["GB3KMA8M"]
    assert text("h:Declaration/h:DestinationOffice/h:ID") == ["BN3KMA8M"]
    assert text("h:Declaration/h:Declarant/h:ID") == ["ezv3Z"]
    assert text(".//h:HouseConsignment/h:ConsignmentItem/h:Commodity/h:DangerousGoodsUNDGID") == ["1234"]
    assert text(".//h:ConsignmentItem/h:GoodsMeasure/h:GrossMassMeasure") == ["1000"]


def test_reference_sample_message_validates_against_published_schema(normalizer: Normalizer) -> None:
    result = normalizer.normalize(SAMPLE.read_bytes())
    assert result.message is not None
    schema = etree.XMLSchema(etree.parse(str(HARMONIZED_SCHEMA)))
    document = etree.fromstring(result.message.to_xml())
    assert schema.validate(document), schema.error_log
