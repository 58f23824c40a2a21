"""From a national document to what each partner receives: normalize, route, share, as the service does.

The message here is the pipeline's own output (compact bytes without an XML declaration), not a golden
file, so routing and sharing are checked on exactly what the intake hands them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreements, share
from gateway.normalize.pipeline import Normalizer
from gateway.routing import route
from tests.golden_cases import xml_schema

PROJECT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((PROJECT / "examples").iterdir())
NS = "{urn:carec-gateway:harmonized:1}"


@pytest.fixture(scope="module")
def agreements() -> Agreements:
    return Agreements.load(PROJECT / "agreements")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_example_reaches_its_partners_as_their_agreements_allow(
    example: Path, normalizer: Normalizer, agreements: Agreements
) -> None:
    result = normalizer.normalize(example.read_bytes())
    assert result.message is not None
    sender = etree.fromstring(result.message.xml).findtext(f"{NS}Header/{NS}SourceCountry")
    assert sender is not None
    routing = route(result.message.xml, sender, agreements)
    assert routing.recipients, f"{example.name}: {[str(issue) for issue in routing.issues]}"
    for recipient in routing.recipients:
        payload = share(result.message.xml, recipient.agreement)
        xml_schema(PROJECT / "schemas" / "harmonized-1.0.xsd").assertValid(etree.fromstring(payload))
        assert len(payload) <= len(result.message.to_xml())
