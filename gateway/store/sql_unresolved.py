"""The SQL store's unresolved queue as it is read and checked: pages in the queue's order (most frequent
first, then kind, text, language), leaving out what a glossary version was found to resolve; the names
not yet checked against a version; the claims that share the checking among the checkers of one store
(the processes of `gateway serve --workers N`); and the marks a check leaves
(`gateway.resolve.unresolved.OpenNames`). Counting the sightings is `counting.py`, on the accept's path.

A claim is one write transaction, as a delivery's is (`SqlStore.claim`): SQLite's ``BEGIN IMMEDIATE``
queues the writers, so the names read free are still free when they are claimed; on PostgreSQL the
queue's advisory lock (taken by counting and marking too) does the same, and every row is locked in the
queue's order after it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, not_, or_, select, update

from gateway.store import rows
from gateway.store.counting import THE_ROW, name_key, row_key
from gateway.store.port import UnresolvedCount
from gateway.store.sql_base import SqlBase
from gateway.store.tables import QUEUE_COLUMNS, unresolved

UNRESOLVED_LOCK = 4_201_002
"""PostgreSQL's advisory lock for the queue's writes: counting and marking take rows in one order."""

_c = unresolved.c


def _order(c: Any) -> tuple[Any, ...]:
    """The queue's order on the columns `c` (the table's, or a window's): most frequent first."""
    return (c.count.desc(), c.kind, c.text, c.language)


def _unchecked(c: Any, version: str) -> ColumnElement[bool]:
    """The rows of the columns `c` not checked against `version`."""
    return or_(c.checked_in.is_(None), c.checked_in != version)


_ORDER = _order(_c)
_MARK = (
    update(unresolved)
    .where(*THE_ROW, _c.countries == bindparam("key_countries"))  # a sender new since the check undid it
    .values(
        checked_in=bindparam("version"),
        answered=bindparam("is_answered"),
        claimed_by=None,
        claimed_until=None,
        claimed_for=None,
    )
)
_CLAIM = (
    update(unresolved)
    .where(*THE_ROW)
    .values(
        claimed_by=bindparam("checker"),
        claimed_until=bindparam("lease_until"),
        claimed_for=bindparam("version"),
    )
)


class SqlUnresolved(SqlBase):
    """Reads the unresolved queue, hands its names to the checkers and keeps the marks of their checks."""

    def unresolved(self, limit: int, offset: int = 0, open_in: str | None = None) -> list[UnresolvedCount]:
        query = select(*QUEUE_COLUMNS)
        if open_in is not None:
            query = query.where(_open_in(open_in))
        return self._queue(query.order_by(*_ORDER).limit(limit).offset(offset))

    def unresolved_unchecked(self, version: str, limit: int) -> list[UnresolvedCount]:
        query = select(*QUEUE_COLUMNS).where(_unchecked(_c, version))
        return self._queue(query.order_by(*_ORDER).limit(limit))

    def claim_unresolved(
        self,
        version: str,
        checker: str,
        limit: int,
        lease_until: datetime,
        now: datetime,
        within: int | None = None,
    ) -> list[UnresolvedCount]:
        query = _claimable(version, now, within).limit(limit)
        with self._write() as conn:
            self._advisory_lock(conn, UNRESOLVED_LOCK)
            claimed = [rows.to_unresolved(row._mapping) for row in conn.execute(query)]
            if claimed:
                held = {"checker": checker, "lease_until": lease_until, "version": version}
                conn.execute(_CLAIM, [row_key(name_key(name)) | held for name in claimed])
            return claimed

    def mark_unresolved(self, version: str, marks: Sequence[tuple[UnresolvedCount, bool]]) -> None:
        if not marks:
            return
        with self._write() as conn:
            self._advisory_lock(conn, UNRESOLVED_LOCK)
            conn.execute(_MARK, [_mark(version, name, answered) for name, answered in marks])

    def _queue(self, query: Select[Any]) -> list[UnresolvedCount]:
        with self._read() as conn:
            return [rows.to_unresolved(row._mapping) for row in conn.execute(query)]


def _open_in(version: str) -> ColumnElement[bool]:
    """The rows that `version` was not found to resolve."""
    return not_(and_(_c.checked_in == version, _c.answered))


def _claimable(version: str, now: datetime, within: int | None) -> Select[Any]:
    """The names not checked against `version` and free for it (not claimed, the lease passed, or claimed
    for another version), in the queue's order; with `within`, only among the first `within` names open
    under `version` (those a read lists first)."""
    window = select(*QUEUE_COLUMNS, _c.claimed_until, _c.claimed_for).where(_open_in(version))
    source = window.order_by(*_ORDER).limit(within).subquery() if within is not None else unresolved
    c = source.c
    free = or_(c.claimed_until.is_(None), c.claimed_until <= now, c.claimed_for.is_distinct_from(version))
    columns = [c[column.name] for column in QUEUE_COLUMNS]
    return select(*columns).where(_unchecked(c, version), free).order_by(*_order(c))


def _mark(version: str, name: UnresolvedCount, answered: bool) -> dict[str, Any]:
    countries = json.dumps(list(name.countries))
    return row_key(name_key(name)) | {
        "key_countries": countries, "version": version, "is_answered": answered,
    }  # fmt: skip
