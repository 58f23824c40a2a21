"""Fault tests of push delivery with real parts: `gateway worker` processes, a SQLite store file, a
redis-server and a partner's HTTP receiver on 127.0.0.1 that verifies signatures and counts webhook-ids.
Each ends with every accepted document delivered exactly once at the receiver (a repeat that a fault
causes arrives with the same webhook-id and is dropped by the receiver as a duplicate)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from delivery_system import DeliverySystem, wait_until, webhook_ids
from outbox import SENDER
from redis_server import RedisServer
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


def test_workers_killed_between_commit_and_delivery_and_restarted(
    system: DeliverySystem, partner: Partner
) -> None:
    partner.delay = 0.4
    message_ids = system.accept(12)
    wait_until(lambda: partner.in_flight > 0, 30, system.logs)
    for victim in list(system.workers):
        victim.send_signal(signal.SIGKILL)  # while the partner holds a request: sent, never recorded
        victim.wait()
        system.workers.remove(victim)
    system.start_worker()
    system.start_worker()
    partner.delay = 0.0
    _all_arrive_once(system, message_ids)
    resent = sum(partner.duplicates[webhook_id] for webhook_id in webhook_ids(message_ids))
    assert resent >= 1, "a delivery under way when its worker died was sent again, and dropped as a repeat"


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


def test_after_the_time_to_live_the_sender_is_told_and_nothing_arrives_late(
    system: DeliverySystem, partner: Partner
) -> None:
    partner.stop()
    message_ids = system.accept(3, time_to_live=timedelta(seconds=2))

    def expired() -> bool:
        deliveries = [d for m in message_ids for d in system.store.deliveries(m) if d.kind == "message"]
        return all(d.state == "expired" for d in deliveries)

    wait_until(expired, 30, system.logs)
    partner.start()
    notices = [d for d in system.store.inbox(SENDER, after=0, limit=1000) if d.message_id in message_ids]
    assert sorted(d.message_id for d in notices) == sorted(message_ids)
    assert all(d.kind == "non-delivery-notice" for d in notices)
    time.sleep(1.5)  # a few sweeps later, with the partner back
    assert not webhook_ids(message_ids) & set(partner.received)


def test_the_supervisor_replaces_a_dead_worker_and_sigterm_finishes_the_current_delivery(
    tmp_path: Path, own_redis: RedisServer
) -> None:
    partner = Partner([SECRET], delay=1.0).start()
    system = DeliverySystem(tmp_path, own_redis, partner, SECRET)
    try:
        supervisor = system.start_worker(supervised=True)
        wait_until(lambda: len(_children(supervisor.pid)) == 2, 30, system.logs)
        first = _children(supervisor.pid)
        os.kill(min(first), signal.SIGKILL)
        wait_until(lambda: len(_children(supervisor.pid) - first) == 1, 30, system.logs)  # replaced
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


def _children(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return {int(child) for child in found.stdout.split()}
