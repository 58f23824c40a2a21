"""The `Store` port: every check runs against each version (memory, SQLite, PostgreSQL; see conftest)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from gateway.issues import error
from gateway.store.port import (
    ApiKey,
    MessageHead,
    NewDelivery,
    NewEvent,
    NewMessage,
    Outcome,
    ReferenceConflict,
    Store,
    UnresolvedName,
)
from gateway.store.sql import SqlStore
from gateway.store.tables import write_probe

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def new_message(message_id: str = "m-1", reference: str = "KZ-2026-0001", digest: str = "d1") -> NewMessage:
    issue = error("value.bad-date", "Дата не читается.", pointer="42A/23A", line=7)
    return NewMessage(
        message_id, "KZ", reference, digest, "kz-eaeu-pi", "cargo-report", "ТОО «Астана Транс»".encode(),
        b"<HarmonizedMessage/>", (issue,), "routed", T0,
    )  # fmt: skip


def outbox(*recipients: str, method: str = "pull", ttl: timedelta | None = None) -> list[NewDelivery]:
    expires = T0 + ttl if ttl else None
    return [
        NewDelivery(r, "message", method, None, f"<to {r}/>".encode(), T0, expires)  # type: ignore[arg-type]
        for r in recipients
    ]


def test_a_message_is_kept_with_its_bytes_issues_and_events(store: Store) -> None:
    accepted = store.accept(new_message(), outbox("CN"), [NewEvent("message:received", None, {"n": 1})])
    assert accepted.created and accepted.message_id == "m-1"
    kept = store.message("m-1")
    assert kept is not None and kept.original == "ТОО «Астана Транс»".encode()
    assert kept.issues == new_message().issues and kept.received_at == T0
    names = [event.name for event in store.events("m-1")]
    assert names == ["message:received", "delivery:queued"]
    assert store.events("m-1")[0].detail == {"n": 1}
    assert store.message("nope") is None


def test_a_message_s_head_is_the_message_without_its_bytes(store: Store) -> None:
    """What a status, an inbox row and a routing decision read: every column but the bytes."""
    store.accept(new_message(), outbox("CN"), [])
    kept, head = store.message("m-1"), store.message_head("m-1")
    assert kept is not None and head is not None
    assert not hasattr(head, "original") and not hasattr(head, "harmonized")
    assert all(getattr(head, name) == getattr(kept, name) for name in MessageHead.__slots__)
    assert head.issues == new_message().issues and head.sender == "KZ"
    assert store.message_head("nope") is None


def test_the_same_document_twice_is_one_message(store: Store) -> None:
    first = store.accept(new_message(), outbox("CN"), [])
    again = store.accept(new_message("m-2"), outbox("CN"), [])
    assert again.message_id == first.message_id and not again.created
    assert store.message("m-2") is None and len(store.deliveries("m-1")) == 1


def test_the_same_reference_with_other_bytes_is_a_conflict(store: Store) -> None:
    store.accept(new_message(), outbox("CN"), [])
    with pytest.raises(ReferenceConflict) as raised:
        store.accept(new_message("m-2", digest="other"), outbox("CN"), [])
    assert raised.value.message_id == "m-1" and raised.value.code == "message.conflict"


def test_concurrent_repeats_end_as_one_message_and_one_delivery_per_recipient(store: Store) -> None:
    def post(n: int) -> str:
        return store.accept(new_message(f"m-{n}"), outbox("CN", "KG"), []).message_id

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(post, range(24)))
    assert len(ids) == 1
    assert sorted(d.recipient for d in store.deliveries(ids.pop())) == ["CN", "KG"]


def test_inbox_reads_by_cursor_and_acknowledgement_removes(store: Store) -> None:
    store.accept(new_message(), outbox("CN", "KG"), [])
    store.accept(new_message("m-2", "KZ-2"), outbox("CN"), [])
    inbox = store.inbox("CN", after=0, limit=10)
    assert [d.message_id for d in inbox] == ["m-1", "m-2"] and inbox[0].payload == b"<to CN/>"
    assert [d.message_id for d in store.inbox("CN", after=inbox[0].id, limit=10)] == ["m-2"]
    assert not store.acknowledge("KG", inbox[0].id), "another country cannot acknowledge CN's delivery"
    assert store.acknowledge("CN", inbox[0].id, T0)
    assert not store.acknowledge("CN", inbox[0].id, T0), "twice is once"
    assert [d.message_id for d in store.inbox("CN", after=0, limit=10)] == ["m-2"]
    assert store.delivery(inbox[0].id).state == "delivered"  # type: ignore[union-attr]
    assert "delivery:delivered" in [e.name for e in store.events("m-1")]


def test_inbox_hides_what_expired(store: Store) -> None:
    store.accept(new_message(), outbox("CN", ttl=MINUTE), [])
    assert store.inbox("CN", 0, 10, now=T0) and not store.inbox("CN", 0, 10, now=T0 + 2 * MINUTE)


def test_a_delivery_past_its_time_to_live_is_not_acknowledged(store: Store) -> None:
    """Out of the inbox once late, and out of acknowledgement: the expiry sweep finishes it as expired."""
    store.accept(new_message(), outbox("CN", ttl=MINUTE), [])
    delivery_id = store.deliveries("m-1")[0].id
    assert not store.acknowledge("CN", delivery_id, T0 + 2 * MINUTE)
    assert store.delivery(delivery_id).state == "pending"  # type: ignore[union-attr]
    assert store.acknowledge("CN", delivery_id, T0 + MINUTE / 2)


def test_due_claim_and_finish_delivered(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="push") + outbox("KG"), [])
    due = store.due(T0, 10)
    assert [d.recipient for d in due] == ["CN"], "pull deliveries are not the dispatcher's"
    claimed = store.claim(due[0].id, "w1", T0 + MINUTE, T0)
    assert claimed is not None and claimed.lease_owner == "w1"
    assert store.claim(due[0].id, "w2", T0 + MINUTE, T0) is None, "a held lease is not taken"
    assert store.due(T0, 10) == []
    assert not store.finish(due[0].id, "w2", Outcome.delivered(T0)), "not w2's lease"
    assert store.finish(due[0].id, "w1", Outcome.delivered(T0))
    done = store.delivery(due[0].id)
    assert done is not None and done.state == "delivered" and done.attempts == 1 and done.delivered_at == T0
    assert not store.finish(due[0].id, "w1", Outcome.delivered(T0)), "final states stay final"
    assert store.claim(due[0].id, "w1", T0 + MINUTE, T0) is None


def test_an_expired_lease_can_be_taken_by_another_worker(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="push"), [])
    delivery_id = store.due(T0, 1)[0].id
    store.claim(delivery_id, "w1", T0 + MINUTE, T0)
    assert store.claim(delivery_id, "w2", T0 + 3 * MINUTE, T0 + 2 * MINUTE) is not None
    assert not store.finish(delivery_id, "w1", Outcome.delivered(T0)), "w1 lost its lease"


def test_retry_then_dead_then_resend(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="file"), [])
    delivery_id = store.due(T0, 1)[0].id
    store.claim(delivery_id, "w", T0 + MINUTE, T0)
    assert store.finish(delivery_id, "w", Outcome.retry(T0, T0 + 5 * MINUTE, "503 Service Unavailable"))
    assert store.due(T0 + MINUTE, 10) == [] and len(store.due(T0 + 5 * MINUTE, 10)) == 1
    assert store.delivery_counts() == {"retrying": 1}
    store.claim(delivery_id, "w", T0 + 6 * MINUTE, T0 + 5 * MINUTE)
    store.finish(delivery_id, "w", Outcome.dead(T0 + 5 * MINUTE, "410 Gone"))
    dead = store.dead_letters(None)
    assert [(d.id, d.attempts, d.last_error) for d in dead] == [(delivery_id, 2, "410 Gone")]
    assert store.dead_letters("KG") == [] and store.dead_letters("CN") == dead
    assert store.resend(delivery_id, T0 + 9 * MINUTE) and not store.resend(delivery_id, T0)
    assert [d.id for d in store.due(T0 + 9 * MINUTE, 10)] == [delivery_id]
    again = store.delivery(delivery_id)
    assert again is not None and (again.state, again.attempts) == ("pending", 0), "the whole schedule again"
    assert store.events("m-1")[-1].detail == {"delivery_id": delivery_id, "attempts_before": 2}
    names = [e.name for e in store.events("m-1")]
    assert names.count("delivery:attempted") == 2
    assert names[-4:] == ["delivery:attempted", "delivery:dead", "delivery:queued", "delivery:resent"]
    assert store.events("m-1")[-2].recipient == "KZ", "the sender's notice, queued with the dead letter"


def test_expiry_tells_the_sender_in_the_same_step(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="push", ttl=MINUTE), [])
    delivery_id = store.due(T0, 1)[0].id
    store.claim(delivery_id, "w", T0 + MINUTE, T0)
    assert store.finish(delivery_id, "w", Outcome.expired(T0 + 2 * MINUTE))
    notices = store.inbox("KZ", 0, 10)
    assert [(n.kind, n.method) for n in notices] == [("non-delivery-notice", "pull")]
    notice = json.loads(notices[0].payload)
    assert notice["message_id"] == "m-1" and notice["recipient"] == "CN"
    assert "delivery:expired" in [e.name for e in store.events("m-1")]


def test_endpoint_disabled(store: Store) -> None:
    assert store.endpoint_disabled("CN") is None
    store.disable_endpoint("CN", "410 Gone from https://cn.example/hook", T0)
    assert store.endpoint_disabled("CN") == "410 Gone from https://cn.example/hook"


def test_unresolved_names_are_counted_with_examples(store: Store) -> None:
    names = [
        UnresolvedName("place", "Хоргос", "ru", "Cyrl", "KZ", f"m-{n}", T0 + n * MINUTE) for n in range(7)
    ]
    names.append(UnresolvedName("party", "ЖШС «Алтын»", "kk", "Cyrl", "KZ", None, T0))
    store.record_unresolved(names[:3])
    store.record_unresolved(names[3:])
    top = store.unresolved(10)
    assert [(u.text, u.count) for u in top] == [("Хоргос", 7), ("ЖШС «Алтын»", 1)]
    assert top[0].message_ids == ("m-0", "m-1", "m-2", "m-3", "m-4")
    assert (top[0].first_seen, top[0].last_seen) == (T0, T0 + 6 * MINUTE)
    assert len(store.unresolved(1)) == 1


def test_names_a_message_left_unresolved_are_counted_with_it_once(store: Store) -> None:
    def guessed(message_id: str) -> list[UnresolvedName]:
        return [UnresolvedName("place", "Хоргос", "ru", "Cyrl", "KZ", message_id, T0)]

    store.accept(new_message(), outbox("CN"), [], guessed("m-1"))
    store.accept(new_message("m-2"), outbox("CN"), [], guessed("m-2"))  # a repeat of m-1: not counted
    with pytest.raises(ReferenceConflict):  # refused: nothing of it is kept, its names neither
        store.accept(new_message("m-3", digest="other"), outbox("CN"), [], guessed("m-3"))
    assert [(u.text, u.count, u.message_ids) for u in store.unresolved(10)] == [("Хоргос", 1, ("m-1",))]


def test_keys_are_kept_and_updated(store: Store) -> None:
    key = ApiKey("k1", "ab" * 32, "Kazakhstan customs", "KZ", "national", T0)
    store.add_key(key)
    assert store.key("k1") == key and store.key("k2") is None
    store.update_key(ApiKey("k1", "ab" * 32, "Kazakhstan customs", "KZ", "national", T0, revoked_at=T0))
    assert store.key("k1").revoked_at == T0  # type: ignore[union-attr]
    assert [k.key_id for k in store.api_keys()] == ["k1"]


def test_expiring_lists_live_deliveries_past_their_time_to_live(store: Store) -> None:
    store.accept(new_message(), outbox("CN", ttl=MINUTE) + outbox("KG"), [])
    assert store.expiring(T0, 10) == []
    late = store.expiring(T0 + 2 * MINUTE, 10)
    assert [d.recipient for d in late] == ["CN"], "a delivery without a time to live never expires"
    assert store.expiring(T0 + 2 * MINUTE, 10, methods=("push",)) == []


ENDINGS = [
    (Outcome.delivered(T0 + MINUTE), None),
    (Outcome.retry(T0 + MINUTE, T0 + 5 * MINUTE, "push.http-503: 503"), None),
    (Outcome.dead(T0 + MINUTE, "push.refused: 422 Unprocessable Entity"), "dead"),
    (Outcome.expired(T0 + MINUTE), "expired"),
]


@pytest.mark.parametrize(("outcome", "told"), ENDINGS, ids=[o.state for o, _ in ENDINGS])
def test_every_undelivered_end_tells_the_sender_why_in_the_same_step(
    store: Store, outcome: Outcome, told: str | None
) -> None:
    store.accept(new_message(), outbox("CN", method="push", ttl=MINUTE), [])
    store.claim(1, "w", T0 + MINUTE, T0)
    assert store.finish(1, "w", outcome)
    notices = [json.loads(n.payload) for n in store.inbox("KZ", 0, 10)]
    if told is None:
        assert notices == []
        return
    assert len(notices) == 1 and notices[0]["state"] == told and notices[0]["reason"] == outcome.error
    assert (notices[0]["message_id"], notices[0]["recipient"]) == ("m-1", "CN")
    assert notices[0]["failed_at"] == (T0 + MINUTE).isoformat()
    assert notices[0]["status"] == "/v1/messages/m-1"


def test_a_notice_that_fails_is_not_itself_noticed(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="push"), [])
    store.claim(1, "w", T0 + MINUTE, T0)
    store.finish(1, "w", Outcome.dead(T0, "push.refused: 400"))
    notice = store.inbox("KZ", 0, 10)[0]
    store.claim(notice.id, "w", T0 + MINUTE, T0)
    assert store.finish(notice.id, "w", Outcome.expired(T0))
    assert [d.kind for d in store.deliveries("m-1")] == ["message", "non-delivery-notice"]


def test_an_operator_enables_a_disabled_endpoint_again(store: Store) -> None:
    assert not store.enable_endpoint("CN", T0), "not disabled: nothing to enable"
    store.disable_endpoint("CN", "push.gone: 410 Gone", T0)
    store.disable_endpoint("AZ", "push.gone: 410 Gone", T0 + MINUTE)
    listed = [(e.recipient, e.reason, e.disabled_at) for e in store.disabled_endpoints()]
    assert listed == [("AZ", "push.gone: 410 Gone", T0 + MINUTE), ("CN", "push.gone: 410 Gone", T0)]
    assert store.enable_endpoint("CN", T0 + MINUTE)
    assert [e.recipient for e in store.disabled_endpoints()] == ["AZ"]
    assert store.endpoint_disabled("CN") is None and not store.enable_endpoint("CN", T0 + MINUTE)
    history = [(e.name, e.detail, e.at) for e in store.endpoint_events("CN")]
    assert history == [
        ("endpoint:disabled", {"reason": "push.gone: 410 Gone"}, T0),
        ("endpoint:enabled", {"disabled_because": "push.gone: 410 Gone"}, T0 + MINUTE),
    ]
    assert store.endpoint_events("KG") == []


def test_pending_ids_are_a_message_s_deliveries_waiting_for_a_dispatcher(store: Store) -> None:
    store.accept(new_message(), outbox("CN", method="push") + outbox("KG") + outbox("MN", method="file"), [])
    store.accept(new_message("m-2", "KZ-2"), outbox("CN", method="push"), [])
    assert store.pending_ids("m-1") == [1, 3], "pull deliveries wait in an inbox, not for a dispatcher"
    store.claim(1, "w", T0 + MINUTE, T0)
    store.finish(1, "w", Outcome.delivered(T0))
    assert store.pending_ids("m-1") == [3] and store.pending_ids("m-1", ("pull",)) == [2]


def test_a_write_probe_leaves_nothing_and_can_run_again(store: Store) -> None:
    """What /ready runs while writes fail (`Store.probe_write`): a write that commits and leaves no row."""
    store.probe_write()
    store.probe_write()
    if isinstance(store, SqlStore):
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(write_probe)).scalar_one() == 0
