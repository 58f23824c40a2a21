"""The service's router: the last recipient's payload is filtered on the message's own tree (no copy),
and that changes neither any payload nor the message that is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreements, share
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter

PROJECT = Path(__file__).parent.parent.parent
EXAMPLES = PROJECT / "examples"
# documents whose agreements withhold elements (the full filter runs); the last two reach two partners
ROUTED = [
    ("kz-eaeu-pi-manifest.xml", "KZ", ["CN"]),
    ("tj-asycuda-manifest.xml", "TJ", ["UZ", "KZ"]),
    ("ncts-cc015c.xml", "GE", ["AZ", "KZ"]),
]


@pytest.fixture(scope="module")
def router(normalizer: Normalizer) -> AgreementRouter:
    return AgreementRouter(Agreements.load(PROJECT / "agreements"), normalizer.registry)


@pytest.mark.parametrize(("example", "sender", "partners"), ROUTED, ids=[r[0] for r in ROUTED])
def test_each_payload_is_what_sharing_the_stored_bytes_gives(
    normalizer: Normalizer, router: AgreementRouter, example: str, sender: str, partners: list[str]
) -> None:
    result = normalizer.normalize((EXAMPLES / example).read_bytes())
    assert result.message is not None
    stored = result.message.xml
    plan = router.plan(result.message, sender)
    assert [recipient.country for recipient in plan.recipients] == partners
    for recipient in plan.recipients:
        terms = router.agreements.between(sender, recipient.country)
        assert terms is not None
        assert recipient.payload == share(stored, terms, result.message.model)
    assert result.message.xml is stored  # the message kept is the one normalized
    assert etree.tostring(result.message.tree()) == etree.tostring(etree.fromstring(stored))


def test_a_message_planned_twice_gets_the_same_payloads(
    normalizer: Normalizer, router: AgreementRouter
) -> None:
    """The first plan filtered the message's tree in place; the second parses the bytes again."""
    result = normalizer.normalize((EXAMPLES / "tj-asycuda-manifest.xml").read_bytes())
    assert result.message is not None
    first = router.plan(result.message, "TJ")
    second = router.plan(result.message, "TJ")
    assert [r.payload for r in first.recipients] == [r.payload for r in second.recipients]
    assert b"<Field" in first.recipients[-1].payload  # a filtered message, not an empty one
