"""Message status after a dead letter: the sender sees the notice it was sent, the resend and the delivery;
the recipient sees only its own part."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from gateway.access.keys import Principal
from gateway.issues import warning
from gateway.service.operations import Operations
from gateway.service.status import message_status
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewEvent, NewMessage, Outcome
from gateway.store.shown import WITHHELD

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
KZ_SYSTEM = Principal("k1", "Kazakhstan State Revenue Committee", "KZ", "national")
CN_PARTNER = Principal("k2", "GACC Urumqi", "CN", "partner")
OPERATOR = Principal("k3", "Hub operations", None, "operator")


def dead_then_resent_and_delivered() -> MemoryStore:
    store = MemoryStore(lambda: T0)
    message = NewMessage("m-1", "KZ", "KZ-1", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    push = NewDelivery("CN", "message", "push", "https://cn.invalid/hook", b"<m/>", T0, T0 + 60 * MINUTE)
    store.accept(message, [push], [])
    store.claim(1, "w", T0 + MINUTE, T0)
    store.finish(1, "w", Outcome.dead(T0, "push.refused: 400 Bad Request"))
    Operations(store, lambda: T0 + 5 * MINUTE).resend(OPERATOR, 1)
    store.claim(1, "w", T0 + 6 * MINUTE, T0 + 5 * MINUTE)
    store.finish(1, "w", Outcome.delivered(T0 + 5 * MINUTE))
    return store


def test_the_sender_sees_the_notice_then_the_resend_that_succeeded() -> None:
    status = message_status(dead_then_resent_and_delivered(), KZ_SYSTEM, "m-1")
    kinds = [(d.recipient, d.kind, d.state) for d in status.deliveries]
    assert kinds == [("CN", "message", "delivered"), ("KZ", "non-delivery-notice", "pending")]
    notice = json.loads(status.deliveries[1].payload)
    assert (notice["state"], notice["failed_at"]) == ("dead", T0.isoformat()), "true at that time"
    names = [e.name for e in status.events if e.recipient == "CN"]
    assert names[-4:] == ["delivery:dead", "delivery:resent", "delivery:attempted", "delivery:delivered"]


def test_the_recipient_sees_neither_the_notice_nor_its_event() -> None:
    status = message_status(dead_then_resent_and_delivered(), CN_PARTNER, "m-1")
    assert [d.kind for d in status.deliveries] == ["message"]
    assert {e.recipient for e in status.events} <= {None, "CN"}


def warned_message() -> MemoryStore:
    """A KZ message to CN whose sender was warned about a value the KZ-CN agreement withholds (a
    consignor's tax number: 42A/28A/30A/R021, not in `elements: &kz-cn`)."""
    store = MemoryStore(lambda: T0)
    said = warning("value.bad-code", "'060440015349' is not a tax number", pointer="42A/28A/30A/R021")
    message = NewMessage(
        "m-2", "KZ", "KZ-2", "9f" * 32, "kz-eaeu-pi", "cargo-report", b"<x>060440015349</x>", b"<m/>",
        (said,), "routed", T0,
    )  # fmt: skip
    pull = NewDelivery("CN", "message", "pull", None, b"<m/>", T0, T0 + 60 * MINUTE)
    store.accept(message, [pull], [NewEvent("message:received", None, {"digest": "9f" * 32, "bytes": 19})])
    return store


def test_a_recipient_reads_neither_the_senders_warnings_nor_the_digest_of_its_original() -> None:
    """The warnings are the sender's, about its whole document: they quote values (a code, a tax number,
    a goods description) of elements the recipient's agreement may withhold. The digest and size of the
    original describe the withheld elements too. A recipient sees what the message is and its own part."""
    store = warned_message()
    sender, recipient = message_status(store, KZ_SYSTEM, "m-2"), message_status(store, CN_PARTNER, "m-2")
    assert [issue.pointer for issue in sender.issues] == ["42A/28A/30A/R021"]
    assert message_status(store, OPERATOR, "m-2").issues == sender.issues
    assert recipient.issues == ()
    received = [e.detail for e in recipient.events if e.name == "message:received"]
    assert received == [{}]
    assert "060440015349" not in repr(recipient)


def misconfigured_dead_letter() -> MemoryStore:
    """A KZ message to CN that went dead because the hub's signing secret file is missing."""
    store = MemoryStore(lambda: T0)
    message = NewMessage("m-3", "KZ", "KZ-3", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    push = NewDelivery("CN", "message", "push", "https://cn.example/hook", b"<m/>", T0, T0 + 60 * MINUTE)
    store.accept(message, [push], [])
    store.claim(1, "w", T0 + MINUTE, T0)
    error = (
        "delivery.misconfigured: the signing secret file /etc/gateway/secrets/cn cannot be read: [Errno 2]"
    )
    store.finish(1, "w", Outcome.dead(T0, error))
    return store


def test_countries_read_the_code_of_an_error_about_the_hubs_set_up_and_operators_its_text() -> None:
    """The path of the hub's secret file is neither the sender's nor the partner's business: each reads
    `delivery.misconfigured`, in the status (the delivery, its events) and in the sender's notice."""
    store = misconfigured_dead_letter()
    for reader in (KZ_SYSTEM, CN_PARTNER):
        status = message_status(store, reader, "m-3")
        said = [d.last_error for d in status.deliveries] + [e.detail.get("error") for e in status.events]
        assert "/etc/gateway" not in repr(said), reader
        assert status.deliveries[0].last_error == f"delivery.misconfigured: {WITHHELD}"
    operator = message_status(store, OPERATOR, "m-3")
    assert "/etc/gateway/secrets/cn" in (operator.deliveries[0].last_error or "")
    [notice] = [d for d in store.deliveries("m-3") if d.kind == "non-delivery-notice"]
    assert b"/etc/gateway" not in notice.payload
    assert json.loads(notice.payload)["reason"] == f"delivery.misconfigured: {WITHHELD}"
