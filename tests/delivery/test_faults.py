"""Fault tests of push delivery with real parts: `gateway worker` processes, a SQLite store file, a
redis-server and a partner's HTTP receiver on 127.0.0.1 that verifies signatures and counts webhook-ids.
Each ends with every accepted document delivered exactly once at the receiver (a repeat that a fault
causes arrives with the same webhook-id and is dropped by the receiver as a duplicate)."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_server import RedisServer
from system import DeliverySystem, wait_until, webhook_ids
from webhook_partner import Partner

from gateway.delivery.webhooks import WebhookSecret

pytestmark = pytest.mark.slow
SECRET = str(WebhookSecret.generate())


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeliverySystem]:
    """Two worker processes sharing work through Redis, for the whole module."""
    folder = tmp_path_factory.mktemp("delivery-system")
    redis = RedisServer(folder).start()
    partner = Partner([SECRET]).start()
    system = DeliverySystem(folder, redis, partner, SECRET)
    system.start_worker()
    system.start_worker()
    yield system
    system.stop()
    partner.stop()
    redis.stop()


@pytest.fixture
def partner(system: DeliverySystem) -> Iterator[Partner]:
    """The partner, up and quick at the start of each test."""
    system.partner.delay = 0.0
    if system.partner.server is None:
        system.partner.start()
    yield system.partner


def _all_arrive_once(system: DeliverySystem, message_ids: list[str], timeout: float = 40) -> None:
    expected = webhook_ids(message_ids)

    def explain() -> str:
        missing = expected - set(system.partner.received)
        return f"missing {sorted(missing)[:5]} of {len(expected)}\n{system.logs()}"

    wait_until(
        lambda: expected <= set(system.partner.received) and system.delivered(message_ids), timeout, explain
    )
    assert not system.partner.refusals, "every push verified"


def test_the_partner_endpoint_down_and_coming_back(system: DeliverySystem, partner: Partner) -> None:
    partner.stop()
    message_ids = system.accept(10)
    wait_until(lambda: all(d.attempts >= 2 for m in message_ids for d in system.store.deliveries(m)), 30)
    assert not system.delivered(message_ids)
    partner.start()
    _all_arrive_once(system, message_ids)


def test_a_worker_killed_between_commit_and_delivery_and_restarted(
    system: DeliverySystem, partner: Partner
) -> None:
    partner.delay = 0.4
    message_ids = system.accept(12)
    requests = partner.requests
    wait_until(lambda: partner.requests > requests, 30, system.logs)
    victim = system.workers[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    system.workers.remove(victim)
    system.start_worker()
    partner.delay = 0.0
    _all_arrive_once(system, message_ids)


def test_redis_restarted_under_load(system: DeliverySystem, partner: Partner) -> None:
    accepted: list[str] = []

    def sender() -> None:
        for _ in range(30):
            accepted.extend(system.accept(1))
            time.sleep(0.03)

    thread = threading.Thread(target=sender)
    thread.start()
    time.sleep(0.3)
    system.redis.stop()
    time.sleep(0.5)
    system.redis.start()
    thread.join()
    assert len(accepted) == 30
    _all_arrive_once(system, accepted)


def test_a_partner_slower_than_the_sender(system: DeliverySystem, partner: Partner) -> None:
    partner.delay = 0.1
    message_ids = system.accept(30)
    _all_arrive_once(system, message_ids)


def test_sigterm_finishes_the_current_delivery_and_exits(tmp_path: Path, own_redis: RedisServer) -> None:
    partner = Partner([SECRET], delay=1.0).start()
    system = DeliverySystem(tmp_path, own_redis, partner, SECRET)
    try:
        supervisor = system.start_worker(supervised=True)
        message_ids = system.accept(4)
        wait_until(lambda: partner.requests >= 1, 30, system.logs)
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=20) == 0
        sent = {m for m in message_ids if f"msg_{m}_KG" in partner.received}
        assert sent, "a delivery was under way when SIGTERM came"
        for message_id in sent:
            assert [d.state for d in system.store.deliveries(message_id)] == ["delivered"]
        assert all(d.lease_owner is None for m in message_ids for d in system.store.deliveries(m))
    finally:
        system.stop()
        partner.stop()
