"""Intake as a use case: payload limits per agreement, references, what a refusal leaves behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.access.keys import Principal
from gateway.normalize.message import HarmonizedMessage
from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.service.errors import Conflict, DocumentRejected, PayloadTooLarge
from gateway.service.intake import Intake, document_reference
from gateway.service.recipients import Plan, Recipient
from gateway.store.memory import MemoryStore

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
EXAMPLES = Path(__file__).parent.parent.parent / "examples"
KZ_SYSTEM = Principal("k1", "Kazakhstan State Revenue Committee", "KZ", "national")
NAMESPACE = "urn:carec-gateway:harmonized:1"


class ToPartners:
    """A router that sends every message to fixed partners with fixed limits: routing is not under test."""

    def __init__(self, limits: dict[str, int]) -> None:
        self.limits = limits

    def plan(self, message: HarmonizedMessage, sender: str) -> Plan:
        return Plan([
            Recipient(country, "pull", None, message.xml, timedelta(days=2), limit)
            for country, limit in self.limits.items()
        ])  # fmt: skip

    def payload_limits(self, sender: str) -> dict[str, int]:
        return dict(self.limits)


def intake(normalizer: Normalizer, limits: dict[str, int]) -> tuple[Intake, MemoryStore]:
    store = MemoryStore(lambda: T0)
    return Intake(store, normalizer, ToPartners(limits), lambda: T0, 1_000_000), store


def test_a_document_over_one_agreement_s_limit_is_refused_and_nothing_kept(normalizer: Normalizer) -> None:
    body = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
    service, store = intake(normalizer, {"CN": 5_000_000, "KG": 4_000})
    with pytest.raises(PayloadTooLarge) as refused:
        service.receive(KZ_SYSTEM, body)
    assert [issue.code for issue in refused.value.issues] == ["intake.too-large"]
    assert "agreement with KG accepts at most 4000" in refused.value.issues[0].message
    assert store.delivery_counts() == {}


def test_a_document_over_every_agreement_s_limit_is_refused_before_it_is_read(normalizer: Normalizer) -> None:
    """Not normalized: the sender learns the size is the problem (not the document's other faults, which
    reading 20 MB would take seconds of CPU to list), and a document that fits no agreement is not kept."""
    body = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes().replace(b"<", b"<<", 1)  # not even XML
    service, store = intake(normalizer, {"CN": 4_000, "KG": 3_000})
    with pytest.raises(PayloadTooLarge) as refused:
        service.receive(KZ_SYSTEM, body)
    messages = [issue.message for issue in refused.value.issues]
    assert messages == [
        f"The document has {len(body)} bytes; the agreement with CN accepts at most 4000.",
        f"The document has {len(body)} bytes; the agreement with KG accepts at most 3000.",
    ]
    assert store.delivery_counts() == {} and store.unresolved(10) == []


def test_a_document_one_agreement_accepts_is_read_first(normalizer: Normalizer) -> None:
    body = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes().replace(b"<", b"<<", 1)
    service, _ = intake(normalizer, {"CN": 5_000_000, "KG": 3_000})
    with pytest.raises(DocumentRejected):  # its faults are what the sender needs to hear first
        service.receive(KZ_SYSTEM, body)


def test_deliveries_expire_after_the_agreement_s_time_to_live(normalizer: Normalizer) -> None:
    service, store = intake(normalizer, {"CN": 5_000_000})
    answer = service.receive(KZ_SYSTEM, (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes())
    (delivery,) = store.deliveries(answer.message_id)
    assert delivery.expires_at == T0 + timedelta(days=2) and delivery.next_attempt_at == T0


def test_the_reference_is_the_declaration_id_else_the_functional_reference_else_the_digest() -> None:
    def reference(declaration: str) -> str:
        xml = f'<HarmonizedMessage xmlns="{NAMESPACE}"><Header/><Declaration>{declaration}</Declaration>'
        xml += "</HarmonizedMessage>"
        return document_reference(Normalization("f", HarmonizedMessage(xml.encode()), []), "ab12")

    assert reference("<ID>KZ-1</ID><FunctionalReferenceID>LRN-1</FunctionalReferenceID>") == "KZ-1"
    assert reference("<FunctionalReferenceID>LRN-1</FunctionalReferenceID>") == "LRN-1"
    assert reference("<ID> </ID>") == "sha256:ab12"


def test_a_conflict_names_the_first_message(normalizer: Normalizer) -> None:
    body = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
    service, _ = intake(normalizer, {"CN": 5_000_000})
    first = service.receive(KZ_SYSTEM, body)
    with pytest.raises(Conflict) as conflict:
        service.receive(KZ_SYSTEM, body.replace(b"DAF XF 480 FT", b"DAF XF 530 FT"))
    assert first.message_id in conflict.value.issues[0].message


def test_rejection_lists_every_issue(normalizer: Normalizer) -> None:
    service, store = intake(normalizer, {"CN": 5_000_000})
    with pytest.raises(DocumentRejected) as rejected:
        service.receive(KZ_SYSTEM, b"{not json")
    assert [issue.code for issue in rejected.value.issues] == ["json.malformed"]
    assert store.api_keys() == [] and store.delivery_counts() == {}
