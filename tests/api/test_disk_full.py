"""The disk fills under posts: SQLite's own "database or disk is full" (SQLITE_FULL), made by
``PRAGMA max_page_count`` on the gateway's own connections (set at every checkout of the pool, so that
raising it gives the space back to the running gateway, without a restart).

Every post is acknowledged (202) and its message later delivered exactly once, or answered 503
`store.unavailable` and nothing of it is stored; /ready says not ready while the store cannot write and
ready once it can; the operator sees it in /metrics and the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.sql import SqlStore
from gateway.store.tables import deliveries, events, messages, review_sessions
from tests.api.conftest import Gateway, kz_numbered, running
from tests.api.test_review_pages import sign_in
from tests.store.full_disk import Disk


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    opened = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    yield opened
    opened.close()


@pytest.fixture
def gateway(
    store: SqlStore, tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    yield from running(Settings(data_dir=tmp_path), store, normalizer, agreement_router)


def stored(store: SqlStore) -> tuple[set[str], list[str], set[str | None]]:
    """The messages stored, the message of every delivery, the messages events name."""
    with store.engine.connect() as conn:
        kept = set(conn.scalars(select(messages.c.message_id)))
        delivered = list(conn.scalars(select(deliveries.c.message_id)))
        evented = set(conn.scalars(select(events.c.message_id).distinct()))
    return kept, delivered, evented


def inbox(gateway: Gateway) -> list[dict[str, Any]]:
    """Every item of the Chinese partner's inbox, page by page from the start."""
    items, after = [], 0
    while page := gateway.get("cn-partner", "/v1/inbox/CN", after=after, limit=7).json()["items"]:
        items += page
        after = page[-1]["delivery_id"]
    return items


def unresolved(gateway: Gateway) -> dict[tuple[str, str], tuple[int, list[str]]]:
    found = gateway.get("terminologist", "/v1/unresolved", limit=10_000).json()
    return {(n["kind"], n["text"]): (n["count"], n["message_ids"]) for n in found}


def sessions_after_signing_in(gateway: Gateway, store: SqlStore) -> int:
    """An officer signs in to the review pages: a session works whole (its inbox page opens) or the
    sign-in is answered 503 and no session is stored. The number of sessions stored after."""
    with httpx.Client(base_url=gateway.url, timeout=30) as officer:
        answer = sign_in(officer, gateway.tokens["cn-partner"])
        assert answer.status_code in (303, 503), answer.text
        if answer.status_code == 303:
            assert officer.get("/review/inbox").status_code == 200
    with store.engine.connect() as conn:
        return len(conn.execute(select(review_sessions.c.session_id)).all())


def post_all(gateway: Gateway, numbers: range | list[int]) -> dict[int, httpx.Response]:
    with ThreadPoolExecutor(4) as pool:
        return dict(pool.map(lambda n: (n, gateway.post("kz-national", kz_numbered(n))), numbers))


def test_posts_while_the_disk_fills_are_stored_whole_or_refused_with_nothing_kept(
    gateway: Gateway, store: SqlStore, caplog: pytest.LogCaptureFixture
) -> None:
    disk = Disk(store)
    before = disk.used()
    first = [gateway.post("kz-national", kz_numbered(n)).json()["message_id"] for n in range(3)]
    per_document = (disk.used() - before) / 3
    disk.fill(headroom=int(per_document * 6))
    with caplog.at_level(logging.INFO):
        answers = post_all(gateway, range(3, 43))
        assert {(a.status_code, a.json().get("code")) for a in answers.values()} == {
            (202, None), (503, "store.unavailable")}, "accepted whole, or refused: never a 500"  # fmt: skip
        accepted = first + [a.json()["message_id"] for a in answers.values() if a.status_code == 202]
        refused = [n for n, a in answers.items() if a.status_code == 503]
        kept, delivered, evented = stored(store)
        assert kept == set(accepted), "a refused post left nothing of itself"
        assert sorted(delivered) == sorted(accepted), "every message stored has its one delivery"
        assert evented <= kept | {None}
        ready = gateway.get(None, "/ready")
        assert (ready.status_code, ready.json()) == (503, {"status": "store cannot write"})
        scraped = gateway.get(None, "/metrics").text
        assert "gateway_store_writable 0.0" in scraped
        assert f'gateway_documents_rejected_total{{code="store.unavailable"}} {len(refused)}.0' in scraped
        names = unresolved(gateway)
        assert names and all(
            count == len(accepted) and set(examples) <= set(accepted) for count, examples in names.values()
        ), "the unresolved names were counted with the messages stored, and only with them"
        signed_in = sessions_after_signing_in(gateway, store)
        # the partner reads what was accepted meanwhile; an acknowledgement is a write: done or 503
        items = inbox(gateway)
        assert sorted(i["message_id"] for i in items) == sorted(accepted)
        ack = gateway.client.post(
            f"/v1/inbox/CN/{items[0]['delivery_id']}/acknowledgement", headers=gateway.headers("cn-partner")
        )
        assert ack.status_code in (204, 503)
    (line, *_) = [r for r in caplog.records if r.getMessage() == "store:unwritable"]
    assert "database or disk is full" in line.__dict__["reason"]
    assert not [r for r in caplog.records if r.exc_info], "one line each, no traceback"

    disk.free()  # space is back: no restart, no post needed for the gateway to say it is ready
    assert gateway.get(None, "/ready").json() == {"status": "ready"}
    assert "gateway_store_writable 1.0" in gateway.get(None, "/metrics").text
    again = post_all(gateway, refused)
    assert {a.status_code for a in again.values()} == {202}
    accepted += [a.json()["message_id"] for a in again.values()]
    assert len(set(accepted)) == len(accepted) == 43
    items = inbox(gateway)
    read = [i["message_id"] for i in items]
    unread = accepted[1:] if ack.status_code == 204 else accepted
    assert sorted(read) == sorted(unread), "every accepted message delivered once, none twice"
    for item in items:
        ack = gateway.client.post(
            f"/v1/inbox/CN/{item['delivery_id']}/acknowledgement", headers=gateway.headers("cn-partner")
        )
        assert ack.status_code == 204
    assert inbox(gateway) == []
    assert {name: count for name, (count, _) in unresolved(gateway).items()} == dict.fromkeys(names, 43)
    assert sessions_after_signing_in(gateway, store) == signed_in + 1
    kept, delivered, _ = stored(store)
    assert kept == set(accepted) and sorted(delivered) == sorted(accepted)
