"""The SQL store's unresolved queue as it is read and checked: pages in the queue's order (most frequent
first, then kind, text, language), leaving out what a glossary version was found to resolve; the names
not yet checked against a version; and the marks a check leaves (`gateway.resolve.unresolved.OpenNames`).
Counting the sightings is `counting.py`, on the accept's path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, bindparam, not_, or_, select, update

from gateway.store import rows
from gateway.store.counting import THE_ROW, row_key
from gateway.store.port import UnresolvedCount
from gateway.store.sql_base import SqlBase
from gateway.store.tables import unresolved

UNRESOLVED_LOCK = 4_201_002
"""PostgreSQL's advisory lock for the queue's writes: counting and marking take rows in one order."""

_c = unresolved.c
_ORDER = (_c.count.desc(), _c.kind, _c.text, _c.language)
_MARK = (
    update(unresolved)
    .where(*THE_ROW, _c.countries == bindparam("key_countries"))  # a sender new since the check undid it
    .values(checked_in=bindparam("version"), answered=bindparam("is_answered"))
)


class SqlUnresolved(SqlBase):
    """Reads the unresolved queue and keeps the marks of its checks against the glossary."""

    def unresolved(self, limit: int, offset: int = 0, open_in: str | None = None) -> list[UnresolvedCount]:
        query = select(unresolved)
        if open_in is not None:
            query = query.where(not_(and_(_c.checked_in == open_in, _c.answered)))
        return self._queue(query.order_by(*_ORDER).limit(limit).offset(offset))

    def unresolved_unchecked(self, version: str, limit: int) -> list[UnresolvedCount]:
        unchecked = or_(_c.checked_in.is_(None), _c.checked_in != version)
        return self._queue(select(unresolved).where(unchecked).order_by(*_ORDER).limit(limit))

    def mark_unresolved(self, version: str, marks: Sequence[tuple[UnresolvedCount, bool]]) -> None:
        if not marks:
            return
        with self._write() as conn:
            self._advisory_lock(conn, UNRESOLVED_LOCK)
            conn.execute(_MARK, [_mark(version, name, answered) for name, answered in marks])

    def _queue(self, query: Select[Any]) -> list[UnresolvedCount]:
        with self._read() as conn:
            return [rows.to_unresolved(row._mapping) for row in conn.execute(query)]


def _mark(version: str, name: UnresolvedCount, answered: bool) -> dict[str, Any]:
    countries = json.dumps(list(name.countries))
    return row_key((name.kind, name.text, name.language or "")) | {
        "key_countries": countries, "version": version, "is_answered": answered,
    }  # fmt: skip
