"""An operator edits the agreements while the gateway runs (a real server on 127.0.0.1): documents posted
after the edit are routed and shared under the new agreements, documents posted before keep their
deliveries, and a broken edit keeps the agreements in force and shows in the metrics."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from gateway.normalize.pipeline import Normalizer
from tests.api.conftest import CHECK_SECONDS, Gateway, example, following

NS = "{urn:carec-gateway:harmonized:1}"


def carrier_city(payload: bytes) -> str | None:
    """Declaration/Carrier/Address/CityName (42A/18A/04A/241) of a shared message."""
    return etree.fromstring(payload).findtext(f"{NS}Declaration/{NS}Carrier/{NS}Address/{NS}CityName")


@pytest.fixture
def live_gateway(agreements_folder: Path, normalizer: Normalizer) -> Iterator[Gateway]:
    """A gateway whose agreements (built from its settings, as `gateway serve` does) follow the folder."""
    yield from following(agreements_folder, normalizer)


def post(gateway: Gateway, number: int) -> tuple[str, dict[str, bytes]]:
    """Post the kz example as a new document; its message ID and payloads by recipient."""
    document = example("kz-eaeu-pi-manifest.xml").replace(
        b"ATS-2024-0514-01", f"ATS-RELOAD-{number}".encode()
    )
    document = document.replace(b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", f"reload-{number}".encode())
    answer = gateway.post("kz-national", document)
    assert answer.status_code == 202, answer.text
    message_id = answer.json()["message_id"]
    deliveries = gateway.store.deliveries(message_id)
    return message_id, {delivery.recipient: delivery.payload for delivery in deliveries}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    time.sleep(CHECK_SECONDS * 2)  # past the check interval: the next document looks at the files


def kz_cn_elements(path: Path) -> str:
    """The KZ to CN direction of cn-kz.yaml, from its `from: KZ` line."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("  - from: KZ") :]


def test_a_changed_elements_list_applies_to_the_next_document(
    live_gateway: Gateway, agreements_folder: Path
) -> None:
    message_id, first = post(live_gateway, 1)
    assert carrier_city(first["CN"]) == "Астана"
    file = agreements_folder / "cn-kz.yaml"
    direction = kz_cn_elements(file)
    edit(
        file, direction, direction.replace("      - 42A/18A/04A/241", "      # withheld: 42A/18A/04A/241", 1)
    )
    _, second = post(live_gateway, 2)
    assert carrier_city(second["CN"]) is None
    (kept,) = [d for d in live_gateway.store.deliveries(message_id) if d.recipient == "CN"]
    assert kept.payload == first["CN"]  # the document routed before keeps its delivery as it was


def test_a_broken_file_keeps_the_agreements_in_force(live_gateway: Gateway, agreements_folder: Path) -> None:
    assert "gateway_agreements_reload_failed 0.0" in live_gateway.get(None, "/metrics").text
    edit(agreements_folder / "cn-kz.yaml", "level: SIE", "level: SUPER")
    assert "CN" in post(live_gateway, 3)[1]  # routed under the agreements in force
    assert "gateway_agreements_reload_failed 1.0" in live_gateway.get(None, "/metrics").text
    edit(agreements_folder / "cn-kz.yaml", "level: SUPER", "level: SIE")
    assert "gateway_agreements_reload_failed 0.0" in live_gateway.get(None, "/metrics").text


def test_removing_an_agreement_stops_new_routing_but_queued_deliveries_keep_their_time_to_live(
    live_gateway: Gateway, agreements_folder: Path
) -> None:
    message_id, _ = post(live_gateway, 4)
    (queued,) = [d for d in live_gateway.store.deliveries(message_id) if d.recipient == "CN"]
    (agreements_folder / "cn-kz.yaml").unlink()
    time.sleep(CHECK_SECONDS * 2)
    assert "CN" not in post(live_gateway, 5)[1]
    (still,) = [d for d in live_gateway.store.deliveries(queued.message_id) if d.recipient == "CN"]
    assert (still.state, still.expires_at, still.payload) == ("pending", queued.expires_at, queued.payload)
    inbox = live_gateway.get("cn-partner", "/v1/inbox/CN").json()
    assert queued.message_id in str(inbox)  # the partner can still read what was addressed to it
