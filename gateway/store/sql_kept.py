"""What retention cannot take, on the SQL store: the messages received before a time, not pruned, with a
delivery that has not ended (`Store.kept`, `Store.kept_count`): a partner that never reads its inbox,
a sender that never reads its notice, an agreement suspended for good."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from gateway.store import rows
from gateway.store.port import ENDED_STATES, Kept
from gateway.store.sql_base import SqlBase, delivery_rows
from gateway.store.sql_retention import waiting
from gateway.store.tables import deliveries, messages


def kept_messages(before: datetime) -> Select[Any]:
    """The messages received before `before`, not pruned, that a delivery not ended keeps."""
    m = messages.c
    return select(m.message_id, m.sender, m.reference, m.received_at).where(
        m.received_at < before, m.pruned_at.is_(None), waiting()
    )


class SqlKept(SqlBase):
    """`kept` and `kept_count`: reads only."""

    def kept(self, before: datetime, limit: int) -> list[Kept]:
        query = kept_messages(before).order_by(messages.c.received_at, messages.c.message_id).limit(limit)
        with self._read() as conn:
            found = conn.execute(query).all()
            ids = [row.message_id for row in found]
            waiting = conn.execute(
                delivery_rows()
                .where(deliveries.c.message_id.in_(ids), deliveries.c.state.not_in(ENDED_STATES))
                .order_by(deliveries.c.id)
            )
            by_message: dict[str, list[Any]] = {message_id: [] for message_id in ids}
            for row in waiting:
                by_message[row.message_id].append(rows.to_delivery(row._mapping))
        return [
            Kept(
                row.message_id, row.sender, row.reference, row.received_at, tuple(by_message[row.message_id])
            )
            for row in found
        ]

    def kept_count(self, before: datetime) -> tuple[int, datetime | None]:
        found = kept_messages(before).subquery()
        with self._read() as conn:
            count, oldest = conn.execute(select(func.count(), func.min(found.c.received_at))).one()
        return int(count), oldest
