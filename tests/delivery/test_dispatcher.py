"""The dispatcher over a real store, queue and HTTP partner: what an officer, an operator and a sender see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from outbox import RECIPIENT, SENDER, MovableClock, accept_documents, harmonized
from webhook_partner import Partner

from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.filedrop import FileDropDeliverer
from gateway.delivery.policy import FixedPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.schedule import RetrySchedule
from gateway.delivery.webhooks import WebhookSecret
from gateway.store.database import make_engine
from gateway.store.memory import MemoryStore
from gateway.store.port import Delivery, Store
from gateway.store.sql import SqlStore
from tests.conftest import empty_postgres

KEY = str(WebhookSecret.generate())
SCHEDULE = RetrySchedule(
    (timedelta(seconds=10), timedelta(seconds=30), timedelta(seconds=60)), timedelta(minutes=10)
)


@dataclass
class Setup:
    clock: MovableClock
    store: Store
    partner: Partner
    dispatcher: Dispatcher

    def accept(self, count: int = 1, **options: object) -> list[str]:
        endpoint = str(options.pop("endpoint", self.partner.url))
        return accept_documents(self.store, count, endpoint, self.clock(), **options)  # type: ignore[arg-type]

    def run(self) -> None:
        """Rounds until the queue has nothing more to hand out now."""
        self.dispatcher.sweep()
        while self.dispatcher.run_once():
            pass


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    clock = MovableClock()
    store: Store = MemoryStore(clock)
    if request.param == "sqlite":
        store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.db'}", clock)
    elif request.param == "postgresql":
        store = SqlStore(make_engine(request.getfixturevalue("postgres_engine_url")), clock)
        empty_postgres(store)
    partner = Partner([KEY]).start()
    push = PushDeliverer(timeout=timedelta(seconds=2), clock=clock)
    deliverers = {"push": push, "file": FileDropDeliverer(clock)}
    policy = FixedPolicy(SCHEDULE, {RECIPIENT: (KEY,)})
    dispatcher = Dispatcher(
        store, InProcessQueue(timedelta(seconds=5)), deliverers, clock, policy=policy, worker="w1"
    )
    yield Setup(clock, store, partner, dispatcher)
    partner.stop()
    push.close()
    if isinstance(store, SqlStore):
        store.close()


def _delivery(setup: Setup, message_id: str = "m000001") -> Delivery:
    return next(d for d in setup.store.deliveries(message_id) if d.kind == "message")


def test_an_accepted_document_arrives_signed_and_is_marked_delivered(setup: Setup) -> None:
    setup.accept(3)
    setup.run()
    assert sorted(setup.partner.received) == [f"msg_m00000{n}_KG" for n in (1, 2, 3)]
    assert setup.partner.received["msg_m000002_KG"] == harmonized(2)
    assert _delivery(setup).state == "delivered"
    names = [event.name for event in setup.store.events("m000001")]
    assert names[-2:] == ["delivery:attempted", "delivery:delivered"]


def test_a_partner_down_is_retried_on_the_schedule_and_gets_it_once_when_back(setup: Setup) -> None:
    setup.accept()
    setup.partner.stop()
    setup.run()
    delivery = _delivery(setup)
    assert (delivery.state, delivery.attempts) == ("retrying", 1)
    assert delivery.next_attempt_at == setup.clock() + timedelta(seconds=10)
    assert delivery.last_error and delivery.last_error.startswith("push.unreachable")
    setup.clock.advance(timedelta(seconds=9))
    setup.run()
    assert _delivery(setup).attempts == 1, "not retried before its time"
    setup.partner.start()
    setup.clock.advance(timedelta(seconds=1))
    setup.run()
    assert _delivery(setup).state == "delivered"
    assert list(setup.partner.received) == ["msg_m000001_KG"] and not setup.partner.duplicates


def test_retry_after_from_the_partner_is_honoured(setup: Setup) -> None:
    setup.accept()
    setup.partner.script.append((503, {"retry-after": "120"}))
    setup.run()
    assert _delivery(setup).next_attempt_at == setup.clock() + timedelta(seconds=120)
    setup.clock.advance(timedelta(seconds=60))
    setup.run()
    assert setup.partner.requests == 1
    setup.clock.advance(timedelta(seconds=60))
    setup.run()
    assert _delivery(setup).state == "delivered"


def test_410_disables_the_endpoint_and_nothing_more_is_sent_to_it(setup: Setup) -> None:
    setup.accept(2)
    setup.partner.script.append((410, {}))
    setup.dispatcher.sweep()
    setup.dispatcher.dispatch(1)
    assert setup.store.endpoint_disabled(RECIPIENT)
    setup.run()
    assert setup.partner.requests == 1
    dead = setup.store.dead_letters(RECIPIENT)
    assert [d.last_error.split(":")[0] for d in dead if d.last_error] == ["push.gone", "endpoint.disabled"]
    assert [e.name for e in setup.store.events("m000001")][-2:] == ["delivery:dead", "delivery:queued"]
    reasons = [json.loads(n.payload)["reason"].split(":")[0] for n in setup.store.inbox(SENDER, 0, 10)]
    assert reasons == ["push.gone", "endpoint.disabled"], "the sender is told of each, with why"


def test_an_endpoint_enabled_again_gets_the_dead_letters_an_operator_resends(setup: Setup) -> None:
    setup.accept(2)
    setup.partner.script.append((410, {}))
    setup.run()
    assert [d.state for d in setup.store.dead_letters(RECIPIENT)] == ["dead", "dead"]
    assert setup.store.enable_endpoint(RECIPIENT, setup.clock())
    for dead in setup.store.dead_letters(RECIPIENT):
        assert setup.store.resend(dead.id, setup.clock())
    setup.run()
    assert sorted(setup.partner.received) == ["msg_m000001_KG", "msg_m000002_KG"]
    assert setup.store.dead_letters(RECIPIENT) == []


def test_a_schedule_used_up_makes_a_dead_letter_that_an_operator_resends(setup: Setup) -> None:
    setup.accept()
    setup.partner.stop()
    for wait in (0, 10, 30, 60):
        setup.clock.advance(timedelta(seconds=wait))
        setup.run()
    delivery = _delivery(setup)
    assert (delivery.state, delivery.attempts) == ("dead", 4)
    assert delivery.last_error and "used up after 4 attempts" in delivery.last_error
    assert setup.store.dead_letters(RECIPIENT) == [delivery]
    [notice] = setup.store.inbox(SENDER, 0, 10)
    told = json.loads(notice.payload)
    assert (told["state"], told["attempts"], told["reason"]) == ("dead", 4, delivery.last_error)
    setup.partner.start()
    assert setup.store.resend(delivery.id, setup.clock())
    setup.run()
    assert _delivery(setup).state == "delivered" and list(setup.partner.received) == ["msg_m000001_KG"]
    assert setup.store.inbox(SENDER, 0, 10) == [notice], "a resend writes no second notice"
    names = [e.name for e in setup.store.events("m000001")]
    assert names[-3:] == ["delivery:resent", "delivery:attempted", "delivery:delivered"]


def test_a_resent_dead_letter_gets_the_whole_retry_schedule_again(setup: Setup) -> None:
    setup.accept()
    setup.partner.stop()
    for wait in (0, 10, 30, 60):
        setup.clock.advance(timedelta(seconds=wait))
        setup.run()
    assert _delivery(setup).state == "dead"
    assert setup.store.resend(_delivery(setup).id, setup.clock())
    setup.run()
    again = _delivery(setup)
    assert (again.state, again.attempts) == ("retrying", 1), "a failed resend is retried, not dead at once"
    assert again.next_attempt_at == setup.clock() + timedelta(seconds=10)
    setup.partner.start()
    setup.clock.advance(timedelta(seconds=10))
    setup.run()
    assert _delivery(setup).state == "delivered"


def test_a_refusal_by_the_partner_is_a_dead_letter_at_once(setup: Setup) -> None:
    setup.accept()
    setup.partner.script.append((422, {}))
    setup.run()
    delivery = _delivery(setup)
    assert (delivery.state, delivery.attempts) == ("dead", 1)


def test_after_the_time_to_live_the_sender_gets_a_notice_and_the_partner_nothing(setup: Setup) -> None:
    setup.accept(time_to_live=timedelta(seconds=25))
    setup.partner.stop()
    setup.run()
    setup.clock.advance(timedelta(seconds=10))
    setup.run()
    assert _delivery(setup).next_attempt_at == setup.clock() + timedelta(seconds=15), "cut to the expiry"
    setup.partner.start()
    setup.clock.advance(timedelta(seconds=15))
    setup.run()
    assert _delivery(setup).state == "expired"
    assert setup.partner.requests == 0
    notices = setup.store.inbox(SENDER, after=0, limit=10)
    assert [n.kind for n in notices] == ["non-delivery-notice"]
    notice = json.loads(notices[0].payload)
    assert (notice["message_id"], notice["recipient"], notice["attempts"]) == ("m000001", RECIPIENT, 2)


def test_a_delivery_whose_time_runs_out_while_queued_is_not_sent(setup: Setup) -> None:
    setup.accept(time_to_live=timedelta(seconds=5))
    setup.dispatcher.sweep()
    setup.clock.advance(timedelta(seconds=5))
    setup.run()
    assert _delivery(setup).state == "expired" and setup.partner.requests == 0


def test_a_file_drop_is_delivered_into_the_partner_folder(setup: Setup, tmp_path: Path) -> None:
    setup.accept(endpoint=str(tmp_path), method="file")
    setup.run()
    assert _delivery(setup).state == "delivered"
    assert (tmp_path / "msg_m000001_KG.xml").read_bytes() == harmonized(1)


def test_a_dispatcher_that_died_after_sending_leaves_one_arrival_at_the_partner(setup: Setup) -> None:
    setup.accept()
    now = setup.clock()
    claimed = setup.store.claim(1, "dead-worker", now + timedelta(seconds=60), now)
    assert claimed is not None
    terms = FixedPolicy(SCHEDULE, {RECIPIENT: (KEY,)}).terms(claimed)
    PushDeliverer(clock=setup.clock).deliver(setup.dispatcher._parcel(claimed, terms))  # sent, then it died
    setup.run()
    assert _delivery(setup).state == "pending", "the lease still holds"
    setup.clock.advance(timedelta(seconds=61))
    setup.run()
    assert _delivery(setup).state == "delivered"
    assert list(setup.partner.received) == ["msg_m000001_KG"]
    assert setup.partner.duplicates["msg_m000001_KG"] == 1


def test_a_push_without_a_signing_secret_is_a_dead_letter_that_says_so(setup: Setup) -> None:
    setup.dispatcher.policy = FixedPolicy(SCHEDULE, {})
    setup.accept()
    setup.run()
    delivery = _delivery(setup)
    assert delivery.state == "dead" and setup.partner.requests == 0
    assert delivery.last_error and delivery.last_error.startswith("delivery.misconfigured")


def test_a_slow_partner_holds_up_one_sending_thread_not_all(setup: Setup) -> None:
    setup.partner.delay = 0.2
    dispatcher = Dispatcher(
        setup.store,
        InProcessQueue(),
        setup.dispatcher.deliverers,
        setup.clock,
        policy=setup.dispatcher.policy,
        concurrency=4,
    )
    setup.accept(8)
    dispatcher.sweep()
    while dispatcher.run_once():
        pass
    dispatcher.close()
    assert len(setup.partner.received) == 8
    assert setup.partner.most_in_flight > 1
