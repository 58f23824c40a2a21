"""An operator suspends Kazakhstan's deliveries to Kyrgyzstan for a night and resumes them: nothing is
sent meanwhile and no retry is used up, what outlives its time to live expires with the sender told, and
on resuming each held message reaches the partner once (a real partner on 127.0.0.1, the project's
agreements copied with KZ pushing to KG)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from delivery_system import SECRET_VARIABLE, DeliverySystem, push_agreements, replace_file, wait_until
from outbox import MovableClock, accept_documents
from redis_server import RedisServer
from webhook_partner import Partner

from gateway.agreements import LiveAgreements
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import AgreementPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.suspension import Suspensions
from gateway.delivery.webhooks import WebhookSecret
from gateway.store.memory import MemoryStore
from gateway.store.port import Delivery
from gateway.store.transitions import HELD_EXPIRED
from tests.agreement_edits import suspended_text

KEY = str(WebhookSecret.generate())
REASON = "KG customs moves its data centre tonight"
UNAVAILABLE = (503, {"retry-after": "1"})


def suspend(folder: Path, reason: str | None) -> None:
    """Suspend the KZ to KG direction with `reason`, or (None) take its `suspended` line out again."""
    path = folder / "kg-kz.yaml"
    replace_file(path, suspended_text(path, reason))


@dataclass
class Hub:
    clock: MovableClock
    store: MemoryStore
    partner: Partner
    folder: Path
    dispatcher: Dispatcher

    def accept(self, number: int, time_to_live: timedelta = timedelta(hours=1)) -> str:
        url, now = self.partner.url, self.clock()
        return accept_documents(self.store, 1, url, now, time_to_live=time_to_live, first=number)[0]

    def run(self) -> None:
        self.dispatcher.sweep()
        while self.dispatcher.run_once():
            pass

    def later(self, duration: timedelta = timedelta(minutes=1)) -> None:
        self.clock.advance(duration)
        self.run()

    def delivery(self, message_id: str) -> Delivery:
        return next(d for d in self.store.deliveries(message_id) if d.kind == "message")

    def events(self, message_id: str) -> list[str]:
        return [event.name for event in self.store.events(message_id)]


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    clock = MovableClock()
    store = MemoryStore(clock)
    partner = Partner([KEY]).start()
    folder = push_agreements(tmp_path / "agreements", partner.url)
    live = LiveAgreements(folder, check_seconds=0)
    push = PushDeliverer(timeout=timedelta(seconds=2), clock=clock)
    dispatcher = Dispatcher(
        store, InProcessQueue(timedelta(seconds=5)), {"push": push}, clock,
        policy=AgreementPolicy(store, live, environ={SECRET_VARIABLE: KEY}),
        suspensions=Suspensions(store, live),
    )  # fmt: skip
    yield Hub(clock, store, partner, folder, dispatcher)
    partner.stop()
    push.close()


def test_a_suspended_partner_gets_nothing_and_each_held_message_once_on_resuming(hub: Hub) -> None:
    before = hub.accept(1)
    hub.run()
    hub.partner.script.append(UNAVAILABLE)
    retrying = hub.accept(2)
    hub.run()
    assert hub.delivery(before).state == "delivered" and hub.delivery(retrying).attempts == 1
    suspend(hub.folder, REASON)
    queued = hub.accept(3)  # accepted while the direction is suspended
    requests = hub.partner.requests
    for _ in range(3):
        hub.later()  # the retry time passes, again and again
    assert hub.partner.requests == requests, "nothing is sent to a suspended partner"
    for message_id, attempts in ((retrying, 1), (queued, 0)):
        held = hub.delivery(message_id)
        assert (held.state, held.attempts) == ("held", attempts), "no retry is used up"
        assert hub.events(message_id).count("delivery:held") == 1
    reason = next(e.detail["reason"] for e in hub.store.events(queued) if e.name == "delivery:held")
    assert reason == REASON and hub.store.delivery_counts()["held"] == 2
    suspend(hub.folder, None)
    hub.later()
    assert hub.delivery(retrying).state == hub.delivery(queued).state == "delivered"
    assert sorted(hub.partner.received) == ["msg_m000001_KG", "msg_m000002_KG", "msg_m000003_KG"]
    assert not hub.partner.duplicates
    assert hub.events(queued)[-4:] == [
        "delivery:held", "delivery:resumed", "delivery:attempted", "delivery:delivered",
    ]  # fmt: skip


def test_the_time_to_live_runs_on_while_held_and_the_sender_is_told(hub: Hub) -> None:
    suspend(hub.folder, REASON)
    short = hub.accept(1, time_to_live=timedelta(seconds=30))
    long = hub.accept(2, time_to_live=timedelta(hours=5))
    hub.run()
    assert hub.delivery(short).state == "held"
    hub.later(timedelta(seconds=31))  # (the partner checks webhook times: the clock moves little)
    expired = hub.delivery(short)
    assert expired.state == "expired" and expired.attempts == 0
    [notice] = [d for d in hub.store.deliveries(short) if d.kind == "non-delivery-notice"]
    assert (notice.recipient, json.loads(notice.payload)["reason"]) == ("KZ", HELD_EXPIRED)
    suspend(hub.folder, None)
    hub.later()
    assert list(hub.partner.received) == ["msg_m000002_KG"], "never delivered late, the other one once"
    assert hub.delivery(long).state == "delivered"


def test_a_direction_removed_while_held_becomes_a_dead_letter_on_resuming(hub: Hub) -> None:
    suspend(hub.folder, REASON)
    held = hub.accept(1)
    hub.run()
    path = hub.folder / "kg-kz.yaml"
    replace_file(path, path.read_text(encoding="utf-8").split("  - from: KZ\n", 1)[0])
    hub.later()
    dead = hub.delivery(held)
    assert dead.state == "dead" and (dead.last_error or "").startswith("agreement.withdrawn: ")
    assert hub.partner.requests == 0


def test_a_broken_file_keeps_the_suspension_in_force(hub: Hub) -> None:
    suspend(hub.folder, REASON)
    held = hub.accept(1)
    hub.run()
    path = hub.folder / "kg-kz.yaml"
    replace_file(path, path.read_text(encoding="utf-8").replace("level: SIE", "level: CIE", 1))
    hub.later()
    assert hub.delivery(held).state == "held" and hub.partner.requests == 0


@pytest.mark.slow
def test_a_worker_process_holds_and_resumes(tmp_path: Path, own_redis: RedisServer) -> None:
    """`gateway worker` over Redis Streams and a SQLite file: a document accepted while KZ to KG is
    suspended is held, not sent; resumed, it arrives once."""
    partner = Partner([KEY]).start()
    system = DeliverySystem(tmp_path, own_redis, partner, KEY)
    system.environment["GATEWAY_AGREEMENTS_CHECK_SECONDS"] = "0.1"
    try:
        system.start_worker()
        first = system.accept(1)
        wait_until(lambda: system.delivered(first), 30, system.logs)
        suspend(tmp_path / "agreements", REASON)
        time.sleep(0.5)  # longer than the check interval and a sweep
        second = system.accept(2)
        wait_until(lambda: _states(system, second) == ["held", "held"], 30, system.logs)
        time.sleep(1.5)  # more sweeps: still nothing sent
        assert set(partner.received) == {"msg_m000001_KG"}
        suspend(tmp_path / "agreements", None)
        wait_until(lambda: system.delivered(second), 30, system.logs)
        assert sorted(partner.received) == ["msg_m000001_KG", "msg_m000002_KG", "msg_m000003_KG"]
        assert not partner.duplicates
    finally:
        system.stop()
        partner.stop()


def _states(system: DeliverySystem, message_ids: list[str]) -> list[str]:
    return [d.state for m in message_ids for d in system.store.deliveries(m) if d.kind == "message"]
