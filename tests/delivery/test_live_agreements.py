"""An operator edits the agreements while deliveries are under way: the dispatcher follows from the next
attempt (a real partner on 127.0.0.1, the project's agreements copied with KZ pushing to KG)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from delivery_system import (
    SECRET_VARIABLE,
    DeliverySystem,
    edit_direction,
    push_agreements,
    wait_until,
    webhook_ids,
)
from outbox import RECIPIENT, SENDER, MovableClock, accept_documents
from redis_server import RedisServer
from webhook_partner import Partner

from gateway.agreements import LiveAgreements
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.filedrop import FileDropDeliverer
from gateway.delivery.policy import AgreementPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.webhooks import WebhookSecret, WebhookVerifier
from gateway.store.memory import MemoryStore
from gateway.store.port import Delivery

OLD, NEW = str(WebhookSecret.generate()), str(WebhookSecret.generate())
UNAVAILABLE = (503, {"retry-after": "1"})


@dataclass
class Live:
    clock: MovableClock
    store: MemoryStore
    partner: Partner
    folder: Path
    agreements: LiveAgreements
    dispatcher: Dispatcher

    def accept(self, first: int = 1) -> str:
        return accept_documents(self.store, 1, self.partner.url, self.clock(), first=first)[0]

    def run(self) -> None:
        self.dispatcher.sweep()
        while self.dispatcher.run_once():
            pass

    def delivery(self, message_id: str = "m000001") -> Delivery:
        return next(d for d in self.store.deliveries(message_id) if d.kind == "message")

    def edit(self, key: str, value: str | None) -> None:
        edit_direction(self.folder, key, value)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    clock = MovableClock()
    store = MemoryStore(clock)
    partner = Partner([OLD]).start()
    folder = push_agreements(tmp_path / "agreements", partner.url)
    agreements = LiveAgreements(folder, check_seconds=0)
    policy = AgreementPolicy(store, agreements, environ={SECRET_VARIABLE: OLD})
    push = PushDeliverer(timeout=timedelta(seconds=2), clock=clock)
    deliverers = {"push": push, "file": FileDropDeliverer(clock)}
    dispatcher = Dispatcher(store, InProcessQueue(timedelta(seconds=5)), deliverers, clock, policy=policy)
    yield Live(clock, store, partner, folder, agreements, dispatcher)
    partner.stop()
    push.close()


def _retry_later(live: Live) -> None:
    live.clock.advance(timedelta(minutes=1))
    live.run()


def test_a_rotated_secret_signs_the_next_attempt_of_a_delivery_under_way(live: Live, tmp_path: Path) -> None:
    live.partner.script.append(UNAVAILABLE)
    live.accept()
    live.run()
    assert live.delivery().state == "retrying"
    secret_file = tmp_path / "kg-push-secret"
    secret_file.write_text(NEW, encoding="utf-8")
    push = f"{{method: push, endpoint: '{live.partner.url}', secret: {{file: '{secret_file}'}}}}"
    live.edit("delivery", push)
    live.partner.receiver.verifier = WebhookVerifier([NEW])  # the partner now knows only the new secret
    _retry_later(live)
    assert live.delivery().state == "delivered"
    assert list(live.partner.received) == ["msg_m000001_KG"] and live.partner.refusals == []


def test_a_changed_retry_list_sets_the_wait_after_the_next_failure(live: Live) -> None:
    live.partner.script.extend([UNAVAILABLE] * 3)
    live.accept()
    live.run()
    assert live.delivery().next_attempt_at - live.clock() == timedelta(seconds=1)  # the list at the start
    live.edit("retry", "[7m, 8m, 9m]")
    _retry_later(live)
    retrying = live.delivery()
    assert retrying.state == "retrying" and retrying.next_attempt_at - live.clock() == timedelta(minutes=8)
    live.edit("retry", "[7m]")  # a list shorter than the attempts made
    live.clock.advance(timedelta(minutes=8))
    live.run()
    dead = live.delivery()
    assert dead.state == "dead" and dead.last_error is not None
    assert "the retry schedule is used up after 3 attempts" in dead.last_error


def test_a_removed_agreement_stops_the_attempts_and_tells_the_sender_why(live: Live) -> None:
    live.partner.script.append(UNAVAILABLE)
    live.accept()
    live.run()
    requests = live.partner.requests
    live.edit("direction", None)
    _retry_later(live)
    dead = live.delivery()
    assert dead.state == "dead" and live.partner.requests == requests, "nothing more is sent"
    assert dead.last_error is not None and dead.last_error.startswith("agreement.withdrawn: ")
    notice = next(d for d in live.store.deliveries("m000001") if d.kind == "non-delivery-notice")
    assert notice.recipient == SENDER
    assert json.loads(notice.payload)["reason"].startswith("agreement.withdrawn: no agreement from KZ to KG")


def test_a_direction_moved_to_pull_is_a_dead_letter_with_its_own_code(live: Live) -> None:
    live.partner.script.append(UNAVAILABLE)
    live.accept()
    live.run()
    live.edit("delivery", "{method: pull}")
    _retry_later(live)
    dead = live.delivery()
    assert dead.state == "dead" and dead.last_error is not None
    assert dead.last_error.startswith("agreement.method-changed: KZ to KG is now delivered by pull")


def test_a_moved_endpoint_receives_the_next_attempt(live: Live) -> None:
    moved = Partner([OLD]).start()
    try:
        live.partner.script.append(UNAVAILABLE)
        live.accept()
        live.run()
        live.edit(
            "delivery", f"{{method: push, endpoint: '{moved.url}', secret: {{env: {SECRET_VARIABLE}}}}}"
        )
        _retry_later(live)
        assert live.delivery().state == "delivered"
        assert list(moved.received) == ["msg_m000001_KG"] and live.partner.received == {}
    finally:
        moved.stop()


def test_a_direction_moved_from_push_to_file_drop_gets_the_next_attempt_as_files(
    live: Live, tmp_path: Path
) -> None:
    live.partner.script.append(UNAVAILABLE)
    live.accept()
    live.run()
    folder = tmp_path / "kg-drop"
    folder.mkdir()
    live.edit("delivery", f"{{method: file, endpoint: '{folder}'}}")
    _retry_later(live)
    assert live.delivery().state == "delivered"
    assert sorted(path.name for path in folder.iterdir()) == [
        "msg_m000001_KG.xml",
        "msg_m000001_KG.xml.sha256",
    ]


def test_a_broken_agreements_file_keeps_the_set_in_force(live: Live) -> None:
    live.partner.script.append(UNAVAILABLE)
    live.accept()
    live.run()
    live.edit("level", "CIE")  # the pair does not qualify for CIE: the folder is refused
    _retry_later(live)
    assert live.agreements.failure is not None and live.agreements.failure.code == "agreement.invalid"
    assert live.delivery().state == "delivered", "sent under the set in force, signed with its secret"
    assert live.partner.refusals == [] and RECIPIENT == "KG"


@pytest.mark.slow
def test_a_worker_process_follows_edits_of_the_agreements(tmp_path: Path, own_redis: RedisServer) -> None:
    """`gateway worker` over Redis Streams: a rotated secret signs the next document, a removed direction
    sends nothing more and leaves a dead letter."""
    partner = Partner([OLD]).start()
    system = DeliverySystem(tmp_path, own_redis, partner, OLD)
    system.environment["GATEWAY_AGREEMENTS_CHECK_SECONDS"] = "0.1"
    try:
        system.start_worker()
        first = system.accept(1)
        wait_until(lambda: system.delivered(first), 30, system.logs)
        secret_file = tmp_path / "kg-push-secret"
        secret_file.write_text(NEW, encoding="utf-8")
        push = f"{{method: push, endpoint: '{partner.url}', secret: {{file: '{secret_file}'}}}}"
        edit_direction(tmp_path / "agreements", "delivery", push)
        partner.receiver.verifier = WebhookVerifier([NEW])
        time.sleep(0.3)  # longer than the check interval
        second = system.accept(1)
        wait_until(lambda: system.delivered(second), 30, system.logs)
        assert partner.refusals == [], "the second document was signed with the rotated secret"
        edit_direction(tmp_path / "agreements", "direction", None)
        time.sleep(0.3)
        third = system.accept(1)
        wait_until(lambda: _state(system, third[0]) == "dead", 30, system.logs)
        assert set(partner.received) == webhook_ids(first + second)
        assert "agreement.withdrawn" in (system.store.deliveries(third[0])[0].last_error or "")
    finally:
        system.stop()
        partner.stop()


def _state(system: DeliverySystem, message_id: str) -> str:
    return next(d.state for d in system.store.deliveries(message_id) if d.kind == "message")
