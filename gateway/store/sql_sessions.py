"""The SQL store's review sessions (`Store.open_review_session` and the rest): one row per sign-in, read
on every request of the review pages, ended by signing out, swept in bounded batches once expired, and
at most a few kept per key (`trim_review_sessions`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select, update

from gateway.store.port import ReviewSession
from gateway.store.sql_base import SqlBase
from gateway.store.tables import review_sessions

_s = review_sessions.c


class SqlSessions(SqlBase):
    """Keeps, reads, ends and sweeps the officers' sessions."""

    def open_review_session(self, session: ReviewSession) -> None:
        values = {name: getattr(session, name) for name in ReviewSession.__slots__}
        with self._write() as conn:
            conn.execute(insert(review_sessions).values(values))

    def review_session(self, session_id: str) -> ReviewSession | None:
        with self._read() as conn:
            row = conn.execute(select(review_sessions).where(_s.session_id == session_id)).first()
        return None if row is None else ReviewSession(**row._mapping)

    def end_review_session(self, session_id: str, now: datetime) -> bool:
        """End the session (sign-out); False when it was ended already or is not kept."""
        query = update(review_sessions).where(_s.session_id == session_id, _s.ended_at.is_(None))
        with self._write() as conn:
            return conn.execute(query.values(ended_at=now)).rowcount == 1

    def trim_review_sessions(self, key_id: str, keep: int) -> int:
        """Delete the key's sessions but its `keep` newest (by when they began, then by ID), whatever their
        state; how many."""
        order = (_s.created_at.desc(), _s.session_id.desc())
        older = select(_s.session_id).where(_s.key_id == key_id).order_by(*order).offset(keep)
        with self._write() as conn:
            found = list(conn.execute(older).scalars())
            if found:
                conn.execute(delete(review_sessions).where(_s.session_id.in_(found)))
        return len(found)

    def sweep_review_sessions(self, now: datetime, limit: int) -> int:
        """Delete at most `limit` sessions expired by `now`, the longest expired first; how many."""
        oldest = select(_s.session_id).where(_s.expires_at <= now).order_by(_s.expires_at).limit(limit)
        with self._write() as conn:
            found = list(conn.execute(oldest).scalars())
            if found:
                conn.execute(delete(review_sessions).where(_s.session_id.in_(found)))
        return len(found)
