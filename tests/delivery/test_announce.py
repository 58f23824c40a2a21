"""A document accepted is announced to delivery after the commit: its push starts without a sweep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from outbox import RECIPIENT, MovableClock
from webhook_partner import Partner

from gateway.access.keys import Principal
from gateway.delivery.announce import QueueAnnouncer, announcer_from_settings
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import FixedPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue, RedisStreamQueue, WorkQueue
from gateway.delivery.schedule import RetrySchedule
from gateway.delivery.webhooks import WebhookSecret
from gateway.normalize.message import HarmonizedMessage
from gateway.normalize.pipeline import Normalizer
from gateway.service.announcer import Announcer, NoAnnouncer
from gateway.service.intake import Intake
from gateway.service.recipients import Plan, Recipient
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.sql import SqlStore

KEY = str(WebhookSecret.generate())
KZ_SYSTEM = Principal("k1", "Kazakhstan State Revenue Committee", "KZ", "national")
DOCUMENT = (Path(__file__).parent.parent.parent / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
NO_SWEEP = timedelta(hours=1)


class PushTo:
    """Every message to one partner by push: routing is not under test."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def plan(self, message: HarmonizedMessage, sender: str) -> Plan:
        return Plan([Recipient(RECIPIENT, "push", self.endpoint, message.xml, timedelta(hours=1), None)])

    def payload_limits(self, sender: str) -> dict[str, int]:
        return {}  # no limit


@pytest.fixture
def partner() -> Iterator[Partner]:
    started = Partner([KEY]).start()
    yield started
    started.stop()


def dispatcher_that_swept(store: MemoryStore | SqlStore, queue: WorkQueue, clock: MovableClock) -> Dispatcher:
    """A dispatcher whose one sweep is behind it: from now on it only sees what the queue is told."""
    push = PushDeliverer(timeout=timedelta(seconds=2), clock=clock)
    policy = FixedPolicy(RetrySchedule((timedelta(seconds=10),), timedelta(hours=1)), {RECIPIENT: (KEY,)})
    dispatcher = Dispatcher(store, queue, {"push": push}, clock, policy=policy, sweep_every=NO_SWEEP)
    dispatcher.sweep()
    return dispatcher


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_an_accepted_push_is_sent_in_the_next_round_without_a_sweep(
    normalizer: Normalizer, partner: Partner, tmp_path: Path, kind: str
) -> None:
    clock = MovableClock()
    store = MemoryStore(clock) if kind == "memory" else SqlStore.open(f"sqlite:///{tmp_path / 'g.db'}", clock)
    queue = InProcessQueue()
    dispatcher = dispatcher_that_swept(store, queue, clock)
    intake = Intake(
        store, normalizer, PushTo(partner.url), clock, 10**6, announcer=QueueAnnouncer(store, queue)
    )
    message_id = intake.receive(KZ_SYSTEM, DOCUMENT).message_id
    assert dispatcher.run_once() == 1
    assert list(partner.received) == [f"msg_{message_id}_{RECIPIENT}"]
    assert intake.receive(KZ_SYSTEM, DOCUMENT).message_id == message_id
    assert queue.waiting() == 0, "a repeat announces nothing"


def test_without_an_announcement_the_push_waits_for_the_sweep(
    normalizer: Normalizer, partner: Partner
) -> None:
    clock = MovableClock()
    store = MemoryStore(clock)
    dispatcher = dispatcher_that_swept(store, InProcessQueue(), clock)
    Intake(store, normalizer, PushTo(partner.url), clock, 10**6, announcer=NoAnnouncer()).receive(
        KZ_SYSTEM, DOCUMENT
    )
    assert dispatcher.run_once() == 0 and partner.requests == 0
    assert dispatcher.sweep() == 1, "the next sweep finds it"
    assert dispatcher.run_once() == 1 and len(partner.received) == 1


def test_a_serving_process_announces_to_the_workers_redis_stream(
    normalizer: Normalizer, partner: Partner, redis_url: str
) -> None:
    clock = MovableClock()
    store = MemoryStore(clock)
    announcer: Announcer = announcer_from_settings(Settings(redis_url=redis_url), store)
    worker_queue = RedisStreamQueue.from_url(redis_url)
    worker_queue.ensure_group()
    dispatcher = dispatcher_that_swept(store, worker_queue, clock)
    intake = Intake(store, normalizer, PushTo(partner.url), clock, 10**6, announcer=announcer)
    message_id = intake.receive(KZ_SYSTEM, DOCUMENT).message_id
    assert dispatcher.run_once(wait=timedelta(seconds=2)) == 1
    assert list(partner.received) == [f"msg_{message_id}_{RECIPIENT}"]
    worker_queue.close()


def test_an_announcement_that_fails_is_left_to_the_sweep(normalizer: Normalizer, partner: Partner) -> None:
    clock = MovableClock()
    store = MemoryStore(clock)
    nowhere = QueueAnnouncer(store, RedisStreamQueue.from_url("redis://127.0.0.1:9/0"))  # nothing listens
    intake = Intake(store, normalizer, PushTo(partner.url), clock, 10**6, announcer=nowhere)
    answer = intake.receive(KZ_SYSTEM, DOCUMENT)
    assert answer.created, "the document is accepted all the same"
    dispatcher = dispatcher_that_swept(store, InProcessQueue(), clock)
    assert dispatcher.run_once() == 1 and len(partner.received) == 1
