"""An operator suspends Kazakhstan's deliveries to China (a pull partner) while the gateway runs (a real
server on 127.0.0.1, its agreements a copy that the test edits): a document posted meanwhile is accepted
and held, out of China's inbox, its status and the metrics say so; resumed, it is back in the inbox after
China's cursor."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gateway.normalize.pipeline import Normalizer
from tests.agreement_edits import suspended_text
from tests.api.conftest import CHECK_SECONDS, Gateway, example, following

REASON = "GACC Urumqi moves its customs system"


@pytest.fixture
def gateway(agreements_folder: Path, normalizer: Normalizer) -> Iterator[Gateway]:
    """A gateway built as `gateway serve` builds it, its background sweeps running (lifespan on)."""
    yield from following(agreements_folder, normalizer, lifespan=True)


def suspend(folder: Path, reason: str | None) -> None:
    """Suspend the KZ to CN direction of cn-kz.yaml with `reason`, or (None) resume it."""
    path = folder / "cn-kz.yaml"
    path.write_text(suspended_text(path, reason), encoding="utf-8")
    time.sleep(CHECK_SECONDS * 2)  # past the check interval


def post(gateway: Gateway, number: int, held: list[dict[str, str]] | None = None) -> str:
    """Post document `number`; its acknowledgement names CN, and says `held` (none by default)."""
    document = example("kz-eaeu-pi-manifest.xml").replace(b"ATS-2024-0514-01", f"ATS-HOLD-{number}".encode())
    document = document.replace(b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", f"hold-{number}".encode())
    answer = gateway.post("kz-national", document)
    assert answer.status_code == 202, answer.text
    assert "CN" in answer.json()["recipients"], "routing is unchanged: CN is still a recipient"
    assert answer.json()["held"] == (held or []), "the acknowledgement says which deliveries are held"
    return str(answer.json()["message_id"])


def inbox(gateway: Gateway, after: int = 0) -> list[tuple[int, str]]:
    page = gateway.get("cn-partner", "/v1/inbox/CN", after=after).json()
    return [(item["delivery_id"], item["message_id"]) for item in page["items"]]


def cn_delivery(gateway: Gateway, message_id: str) -> dict[str, object]:
    status = gateway.get("operator", f"/v1/messages/{message_id}").json()
    return next(d for d in status["deliveries"] if d["recipient"] == "CN" and d["kind"] == "message")


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.02)


def test_a_suspended_pull_partner_reads_nothing_until_resumed(
    gateway: Gateway, agreements_folder: Path
) -> None:
    before = post(gateway, 1)
    [(cursor, read)] = inbox(gateway)
    assert read == before
    acknowledge(gateway, cursor)
    suspend(agreements_folder, REASON)
    held = post(gateway, 2, held=[{"recipient": "CN", "reason": REASON}])
    assert post(gateway, 2, held=[{"recipient": "CN", "reason": REASON}]) == held, "a repeat says it too"
    assert inbox(gateway, cursor) == [], "held at once: China cannot read it"
    held_delivery = cn_delivery(gateway, held)
    assert held_delivery["state"] == "held"
    answer = gateway.get("cn-partner", f"/v1/inbox/CN/{held_delivery['id']}")
    assert answer.status_code == 404 and "held while the agreement is suspended" in answer.json()["detail"]
    events = gateway.get("kz-national", f"/v1/messages/{held}").json()["events"]
    [event] = [e for e in events if e["name"] == "delivery:held"]
    assert (event["recipient"], event["detail"]["reason"]) == ("CN", REASON)
    metrics = gateway.get(None, "/metrics").text
    assert 'gateway_deliveries{state="held"} 1.0' in metrics, metrics
    suspend(agreements_folder, None)
    wait_until(lambda: cn_delivery(gateway, held)["state"] == "pending")
    [(again, message_id)] = inbox(gateway, cursor)
    assert message_id == held and again > cursor, "back in the inbox after China's cursor"
    assert cn_delivery(gateway, held)["id"] == again
    assert post(gateway, 2) == held, "a repeat after the resumption says nothing is held"
    assert 'gateway_deliveries{state="held"} 0.0' in gateway.get(None, "/metrics").text
    acknowledge(gateway, again)
    assert cn_delivery(gateway, held)["state"] == "delivered"


def acknowledge(gateway: Gateway, delivery_id: int) -> None:
    path = f"/v1/inbox/CN/{delivery_id}/acknowledgement"
    assert gateway.client.post(path, headers=gateway.headers("cn-partner")).status_code == 204
