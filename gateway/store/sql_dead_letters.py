"""The SQL store's dead letters: read in pages after a cursor, by recipient and reason, and resent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update

from gateway.store import transitions
from gateway.store.port import Delivery
from gateway.store.sql_base import SqlBase, changes, delivery_rows
from gateway.store.tables import deliveries


class SqlDeadLetters(SqlBase):
    """The deliveries that went dead, and putting one back in the queue."""

    def dead_letters(
        self, recipient: str | None, after: int = 0, limit: int | None = None, reason: str | None = None
    ) -> list[Delivery]:
        c = deliveries.c
        query = delivery_rows().where(c.state == "dead", c.id > after)
        if recipient is not None:
            query = query.where(c.recipient == recipient)
        if reason is not None:  # the error starts with the code: compared as text, no LIKE wildcards
            prefix = transitions.reason_prefix(reason)
            query = query.where(func.substr(c.last_error, 1, len(prefix)) == prefix)
        return self._deliveries(query.order_by(c.id).limit(limit))

    def resend(self, delivery_id: int, now: datetime) -> bool:
        with self._write() as conn:
            delivery = self._locked(conn, delivery_id)
            if delivery is None or delivery.state != "dead":
                return False
            again = changes(transitions.resent(delivery, now))
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(again))
            self._append(conn, delivery.message_id, [transitions.resent_event(delivery)])
            return True
