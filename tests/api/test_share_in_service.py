"""What a partner receives through the running service: under an agreement that lists everything the
sender's format can write, the harmonized message as stored (share's fast path); under a narrower one,
the message without what it withholds."""

from __future__ import annotations

import re

from lxml import etree

from tests.api.conftest import Gateway, example

NS = "{urn:carec-gateway:harmonized:1}"


def test_each_partner_receives_what_its_agreement_shares(gateway: Gateway) -> None:
    route = b"<pi:UnifiedCountryCode>CN</pi:UnifiedCountryCode>\n  </pi:RouteDetails>"
    via_uzbekistan = (
        b"<pi:UnifiedCountryCode>CN</pi:UnifiedCountryCode><pi:UnifiedCountryCode>UZ</pi:UnifiedCountryCode>"
    )
    document = example("kz-eaeu-pi-manifest.xml")
    assert route in document
    answer = gateway.post("kz-national", document.replace(route, via_uzbekistan + b"</pi:RouteDetails>"))
    assert answer.status_code == 202, answer.text
    message_id = answer.json()["message_id"]
    stored = gateway.store.message(message_id)
    assert stored is not None and stored.harmonized is not None
    payloads = {d.recipient: d.payload for d in gateway.store.deliveries(message_id)}
    # KZ to UZ (demo CIE) lists every element kz-eaeu-pi writes: the stored message leaves as it is
    assert etree.fromstring(payloads["UZ"]).findtext(f"{NS}Declaration/{NS}InvoiceAmount") == "5400"
    # apart from the names in languages UZ does not read (kz-uz.yaml: uz-Latn, ru, en)
    assert payloads["UZ"].endswith(_without_forms(stored.harmonized))
    assert b'<Form languageID="zh-Hans"' in stored.harmonized
    assert set(re.findall(rb'<Form languageID="([^"]*)"', payloads["UZ"])) <= {
        b"uz",
        b"uz-Latn",
        b"ru",
        b"en",
    }
    # KZ to CN withholds invoice and customs values
    assert etree.fromstring(payloads["CN"]).find(f"{NS}Declaration/{NS}InvoiceAmount") is None
    assert etree.fromstring(stored.harmonized).findtext(f"{NS}Declaration/{NS}InvoiceAmount") == "5400"


def _without_forms(message: bytes) -> bytes:
    """`message` without its Forms (names in other languages) in languages UZ does not read."""
    return re.sub(
        rb'<Form languageID="(?!uz-Latn"|uz" scriptCode="Latn"|ru"|en")[^"]*"[^>]*>[^<]*</Form>', b"", message
    )
