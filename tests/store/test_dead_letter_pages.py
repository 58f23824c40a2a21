"""`Store.dead_letters` in pages: by delivery ID after a cursor, by recipient and by the code of the last
error, and stable while letters are resent or die meanwhile; the same on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from gateway.store.port import NewDelivery, NewEvent, NewMessage, Outcome, Store

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
BUSY = "push.http-503: HTTP 503 [Retry-After 120] Service Unavailable"
REFUSED = "push.refused: HTTP 422 Unprocessable Entity"
WITHDRAWN = "agreement.withdrawn: no agreement from KZ to CN is in force any more; nothing more is sent"
LOOKALIKE = "push.http-5030: HTTP 503 a code that only starts like push.http-503"


def accept_to_kg_and_cn(store: Store, count: int) -> list[int]:
    """`count` documents from KZ, each pushed to KG and to CN; the delivery IDs, KG's then CN's of each."""
    ids: list[int] = []
    for number in range(1, count + 1):
        original = f"kz-{number}".encode()
        message = NewMessage(
            f"m{number:03d}", "KZ", f"KZ-{number:03d}", hashlib.sha256(original).hexdigest(), "kz-eaeu-pi",
            "pre-arrival", original, b"<Declaration/>", (), "routed", T0,
        )  # fmt: skip
        outbox = [
            NewDelivery(country, "message", "push", f"http://127.0.0.1:9/{country}", b"<D/>", T0, None)
            for country in ("KG", "CN")
        ]
        store.accept(message, outbox, [NewEvent("message:received")])
        ids.extend(d.id for d in store.deliveries(message.message_id) if d.kind == "message")
    return ids


def kill(store: Store, delivery_id: int, error: str) -> None:
    assert store.claim(delivery_id, "w", T0 + timedelta(minutes=1), T0) is not None
    assert store.finish(delivery_id, "w", Outcome.dead(T0, error))


def test_pages_follow_the_cursor_by_delivery_id(store: Store) -> None:
    ids = accept_to_kg_and_cn(store, 4)
    for delivery_id in ids:
        kill(store, delivery_id, BUSY)
    first = store.dead_letters(None, 0, 3)
    second = store.dead_letters(None, first[-1].id, 3)
    third = store.dead_letters(None, second[-1].id, 3)
    assert [d.id for d in first + second + third] == ids, "every letter once, oldest delivery first"
    assert len(third) == 2 and store.dead_letters(None, third[-1].id, 3) == []
    assert [d.id for d in store.dead_letters("CN", 0, 2)] == ids[1:4:2]
    assert store.dead_letters(None) == first + second + third, "no limit: all of them"


def test_the_reason_is_the_code_of_the_last_error_exactly(store: Store) -> None:
    ids = accept_to_kg_and_cn(store, 3)
    for delivery_id, error in zip(ids, (BUSY, WITHDRAWN, REFUSED, WITHDRAWN, LOOKALIKE, BUSY), strict=True):
        kill(store, delivery_id, error)
    assert [d.id for d in store.dead_letters(None, reason="push.http-503")] == [ids[0], ids[5]]
    assert [d.id for d in store.dead_letters("CN", reason="agreement.withdrawn")] == [ids[1], ids[3]]
    assert [d.id for d in store.dead_letters("KG", reason="agreement.withdrawn")] == []
    assert [d.id for d in store.dead_letters(None, ids[0], 1, "push.http-503")] == [ids[5]]
    assert store.dead_letters(None, reason="push.http") == [], "a code, not the start of one"
    assert store.dead_letters(None, reason="push.http-50%") == [], "no LIKE wildcards"


def test_a_walk_is_stable_while_letters_are_resent_or_die(store: Store) -> None:
    ids = accept_to_kg_and_cn(store, 4)
    for delivery_id in ids[:6]:
        kill(store, delivery_id, BUSY)
    seen = [d.id for d in store.dead_letters(None, 0, 2)]
    store.resend(ids[0], T0)  # one already read leaves the list: the next page does not shift
    store.resend(ids[3], T0)  # one not read yet leaves it before its page
    kill(store, ids[7], REFUSED)  # a letter that dies meanwhile, after the cursor
    after = seen[-1]
    while page := store.dead_letters(None, after, 2):
        seen += [d.id for d in page]
        after = page[-1].id
    assert seen == [ids[0], ids[1], ids[2], ids[4], ids[5], ids[7]]
    kill(store, ids[0], REFUSED)  # resent and dead again: the next walk from the start shows it
    assert [d.id for d in store.dead_letters(None, 0, 1)] == [ids[0]]
