"""The officers' review sessions, on every store: a session is kept until signed out or swept; signing
out ends it once; the sweep deletes only expired rows, the longest expired first, at most its limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from gateway.store.port import ReviewSession, Store

AT = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
SESSION = ReviewSession(
    session_id="a" * 64, key_id="k_cn_1", country="CN", created_at=AT, expires_at=AT + timedelta(hours=8)
)


def test_a_session_is_kept_as_opened(store: Store) -> None:
    store.open_review_session(SESSION)
    assert store.review_session(SESSION.session_id) == SESSION
    assert store.review_session("b" * 64) is None


def test_signing_out_ends_the_session_once(store: Store) -> None:
    store.open_review_session(SESSION)
    assert store.end_review_session(SESSION.session_id, AT + timedelta(hours=1)) is True
    assert store.review_session(SESSION.session_id) == replace(SESSION, ended_at=AT + timedelta(hours=1))
    assert store.end_review_session(SESSION.session_id, AT + timedelta(hours=2)) is False, "ended already"
    assert store.end_review_session("b" * 64, AT) is False, "not kept"


def test_the_sweep_deletes_expired_sessions_only_and_at_most_its_limit(store: Store) -> None:
    sessions = [
        replace(SESSION, session_id=f"{number:064x}", expires_at=AT + timedelta(minutes=number))
        for number in range(1, 6)
    ]
    for session in reversed(sessions):
        store.open_review_session(session)
    now = AT + timedelta(minutes=4)  # the first four have expired (an expiry at `now` is past)
    assert store.sweep_review_sessions(now, limit=3) == 3
    kept = [session for session in sessions if store.review_session(session.session_id) is not None]
    assert kept == sessions[3:], "the longest expired swept first"
    assert store.sweep_review_sessions(now, limit=3) == 1
    assert store.sweep_review_sessions(now, limit=3) == 0
    assert store.review_session(sessions[4].session_id) == sessions[4], "not expired: kept"


def test_trimming_a_key_s_sessions_keeps_its_newest_whatever_their_state(store: Store) -> None:
    sessions = [
        replace(SESSION, session_id=f"{number:064x}", created_at=AT + timedelta(minutes=number))
        for number in range(1, 6)
    ]
    other_key = replace(SESSION, session_id="f" * 64, key_id="k_kg_1", country="KG")
    for session in [*reversed(sessions), other_key]:
        store.open_review_session(session)
    store.end_review_session(sessions[4].session_id, AT + timedelta(hours=1))  # signed out: still counted
    assert store.trim_review_sessions(SESSION.key_id, keep=2) == 3
    kept = [session for session in sessions if store.review_session(session.session_id) is not None]
    assert kept == sessions[3:], "the oldest deleted"
    assert store.review_session(other_key.session_id) == other_key, "another key's sessions are its own"
    assert store.trim_review_sessions(SESSION.key_id, keep=2) == 0
    assert store.trim_review_sessions("k_none", keep=0) == 0


def test_sessions_that_began_together_are_trimmed_in_one_order_on_every_store(store: Store) -> None:
    sessions = [replace(SESSION, session_id=f"{number:064x}") for number in (3, 1, 2)]
    for session in sessions:
        store.open_review_session(session)
    assert store.trim_review_sessions(SESSION.key_id, keep=1) == 2
    assert store.review_session(f"{3:064x}") is not None, "the greatest ID is the newest of a tie"
