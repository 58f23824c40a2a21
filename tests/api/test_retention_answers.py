"""Retention seen from the API: a pruned message's status is 410 `message.pruned`, the same document
posted again is refused the same way (never delivered twice), and the serving process prunes in the
background when GATEWAY_RETENTION_DAYS is set, counting what went in its metrics."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from gateway.api import app as app_module
from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from tests.api.conftest import Gateway, ServerThread, example, issue_keys
from tests.store.test_retention import acknowledge_all, keep

KZ = example("kz-eaeu-pi-manifest.xml")
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves on."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def kept_a_year(
    clock: Clock, normalizer: Normalizer, agreement_router: AgreementRouter, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Gateway]:
    """A gateway as `gateway serve` runs it (its sweeps on) that keeps messages 365 days, sweeping often."""
    yield from swept(Settings(retention_days=365), clock, normalizer, agreement_router, monkeypatch)


def swept(
    settings: Settings,
    clock: Clock,
    normalizer: Normalizer,
    agreement_router: AgreementRouter,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Gateway]:
    """A gateway of `settings` served as `gateway serve` runs it, its retention sweep turning often."""
    monkeypatch.setattr(app_module, "RETENTION_SWEEP", timedelta(seconds=0.05))
    monkeypatch.setattr(app_module, "RETENTION_FIRST_TURN", timedelta(seconds=0.05))
    store = MemoryStore(clock)
    tokens = issue_keys(store)
    server = ServerThread(create_app(settings, store, agreement_router, normalizer, clock))
    server.server.config.lifespan = "on"
    with server as url, httpx.Client(base_url=url, timeout=30) as client:
        yield Gateway(url, store, client, tokens)


def delivered(gateway: Gateway, clock: Clock) -> str:
    """Post KZ's manifest (a pull delivery to CN) and let CN read and acknowledge it."""
    message_id = str(gateway.post("kz-national", KZ).json()["message_id"])
    for delivery in gateway.store.deliveries(message_id):
        assert gateway.store.acknowledge(delivery.recipient, delivery.id, clock())
    return message_id


def pruned(gateway: Gateway, message_id: str) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = gateway.store.message(message_id)
        if found is not None and found.status == "pruned":
            return True
        time.sleep(0.02)
    return False


def test_a_message_past_its_retention_is_pruned_and_answers_410(kept_a_year: Gateway, clock: Clock) -> None:
    message_id = delivered(kept_a_year, clock)
    status = kept_a_year.get("kz-national", f"/v1/messages/{message_id}")
    assert status.status_code == 200 and status.json()["status"] == "routed"
    clock.now = T0 + timedelta(days=366)
    assert pruned(kept_a_year, message_id)
    for key in ("kz-national", "cn-partner", "operator"):
        gone = kept_a_year.get(key, f"/v1/messages/{message_id}")
        assert gone.status_code == 410 and gone.headers["content-type"] == "application/problem+json"
        assert gone.json()["code"] == "message.pruned" and message_id in gone.json()["detail"]
    assert "gateway_messages_pruned_total 1.0" in kept_a_year.get(None, "/metrics").text


def test_the_same_document_after_its_message_was_pruned_is_refused_not_delivered_again(
    kept_a_year: Gateway, clock: Clock
) -> None:
    message_id = delivered(kept_a_year, clock)
    clock.now = T0 + timedelta(days=366)
    assert pruned(kept_a_year, message_id)
    again = kept_a_year.post("kz-national", KZ)
    assert again.status_code == 410 and again.json()["code"] == "message.pruned", again.text
    assert message_id in again.json()["detail"]
    assert kept_a_year.store.deliveries(message_id) == []
    assert kept_a_year.get("cn-partner", "/v1/inbox/CN").json()["items"] == []


def test_a_message_not_acknowledged_is_kept_past_its_retention(kept_a_year: Gateway, clock: Clock) -> None:
    message_id = str(kept_a_year.post("kz-national", KZ).json()["message_id"])
    clock.now = T0 + timedelta(days=3650)
    time.sleep(0.3)  # several turns of the sweep
    assert kept_a_year.get("kz-national", f"/v1/messages/{message_id}").status_code == 200
    kept = kept_a_year.store.message(message_id)
    assert kept is not None and kept.original == KZ and kept_a_year.store.deliveries(message_id)


def test_the_metrics_show_what_retention_cannot_take(kept_a_year: Gateway, clock: Clock) -> None:
    scraped = kept_a_year.get(None, "/metrics").text
    assert "gateway_retention_kept_messages 0.0" in scraped
    assert "gateway_retention_oldest_kept_seconds 0.0" in scraped
    assert kept_a_year.post("kz-national", KZ).status_code == 202  # CN never reads it
    clock.now = T0 + timedelta(days=400)
    scraped = kept_a_year.get(None, "/metrics").text
    assert "gateway_retention_kept_messages 1.0" in scraped
    oldest = scraped.split("\ngateway_retention_oldest_kept_seconds ", 1)[1].split()[0]
    assert float(oldest) == 400 * 86400


def test_the_first_turn_comes_soon_after_the_start_not_one_sweep_later(
    clock: Clock, normalizer: Normalizer, agreement_router: AgreementRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "RETENTION_SWEEP", timedelta(hours=1))
    monkeypatch.setattr(app_module, "RETENTION_FIRST_TURN", timedelta(seconds=0.05))
    store = MemoryStore(clock)
    acknowledge_all(store, keep(store, 1, "CN", at=T0))  # delivered, a year before the gateway starts
    clock.now = T0 + timedelta(days=400)
    app = create_app(Settings(retention_days=365), store, agreement_router, normalizer, clock)
    server = ServerThread(app)
    server.server.config.lifespan = "on"
    with server as url, httpx.Client(base_url=url, timeout=30) as client:
        assert pruned(Gateway(url, store, client, {}), "m-1")
