"""The SQL store's held deliveries: a suspended agreement's direction held, resumed, expired
(`gateway.delivery.suspension` decides when; docs/agreements.md, "Suspending a partner")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, or_, select, update

from gateway.store import rows, transitions
from gateway.store.port import NewEvent, Outcome
from gateway.store.sql_base import INSERT_DELIVERY, LIVE_STATES, OUTBOX_LOCK, SqlBase, delivery_rows
from gateway.store.tables import deliveries, messages

_RESUME = (
    update(deliveries)
    .where(deliveries.c.id == bindparam("b_id"))
    .values(
        state=bindparam("b_state"), next_attempt_at=bindparam("b_next_attempt_at"),
        lease_owner=bindparam("b_lease_owner"), lease_until=bindparam("b_lease_until"),
    )
)  # fmt: skip


class SqlHolds(SqlBase):
    """Holds, resumes and expires the deliveries of suspended directions (sender to recipient)."""

    def hold(self, sender: str, recipient: str, reason: str, now: datetime) -> list[int]:
        c = deliveries.c
        free = or_(c.lease_until.is_(None), c.lease_until <= now)
        waiting = (c.kind == "message", c.recipient == recipient, c.state.in_(LIVE_STATES), free)
        direction = select(c.id).select_from(deliveries.join(messages)).where(messages.c.sender == sender)
        with self._write() as conn:
            held = conn.execute(
                update(deliveries)
                .where(c.id.in_(direction.where(*waiting).scalar_subquery()), *waiting)
                .values(state="held", lease_owner=None, lease_until=None)
                .returning(c.id, c.message_id)
            ).all()
            events = [
                (
                    row.message_id,
                    NewEvent("delivery:held", recipient, {"delivery_id": row.id, "reason": reason}),
                )
                for row in sorted(held)
            ]
            self._append_each(conn, events, now)
        return sorted(row.id for row in held)

    def resume(self, sender: str, recipient: str, now: datetime) -> list[int]:
        c = deliveries.c
        query = (
            select(deliveries)
            .select_from(deliveries.join(messages))
            .where(messages.c.sender == sender, c.recipient == recipient, c.state == "held")
            .order_by(c.id)
            .with_for_update(of=deliveries)
        )
        with self._write() as conn:
            held = [row._mapping for row in conn.execute(query).all()]
            events = self._resume_in_place(conn, [r for r in held if r["method"] != "pull"], now)
            events += self._resume_as_new(conn, [r for r in held if r["method"] == "pull"], now)
            self._append_each(conn, events, now)
        return sorted(int(event.detail["delivery_id"]) for _, event in events)

    def _resume_in_place(
        self, conn: Connection, held: list[Any], now: datetime
    ) -> list[tuple[str, NewEvent]]:
        """Push and file deliveries: due now (or at a later retry time), their attempts kept."""
        if held:
            changes = [
                (row["id"], transitions.resumed_values(row["attempts"], row["next_attempt_at"], now))
                for row in held
            ]
            conn.execute(_RESUME, [{"b_id": id_} | {f"b_{k}": v for k, v in c.items()} for id_, c in changes])
        return [(row["message_id"], transitions.resumed_event(row["recipient"], row["id"])) for row in held]

    def _resume_as_new(self, conn: Connection, held: list[Any], now: datetime) -> list[tuple[str, NewEvent]]:
        """Pull deliveries: each a new row, so that a partner's inbox cursor sees it (inserted before the
        old rows go, so that SQLite cannot give an old ID again)."""
        if not held:
            return []
        self._advisory_lock(conn, OUTBOX_LOCK)
        events = []
        for row in held:
            again = {key: value for key, value in row.items() if key != "id"}
            again |= {"state": "pending", "next_attempt_at": now, "lease_owner": None, "lease_until": None}
            new_id = conn.execute(INSERT_DELIVERY, again).scalar_one()
            events.append((row["message_id"], transitions.resumed_event(row["recipient"], new_id, row["id"])))
        conn.execute(delete(deliveries).where(deliveries.c.id.in_([row["id"] for row in held])))
        return events

    def held_directions(self) -> list[tuple[str, str]]:
        c = deliveries.c
        query = (
            select(messages.c.sender, c.recipient)
            .select_from(deliveries.join(messages))
            .where(c.state == "held")
            .distinct()
        )
        with self._read() as conn:
            return sorted((str(row.sender), str(row.recipient)) for row in conn.execute(query))

    def expire_held(self, now: datetime, limit: int) -> list[int]:
        c = deliveries.c
        query = delivery_rows().where(c.state == "held", c.expires_at <= now).order_by(c.id).limit(limit)
        with self._write() as conn:
            late = [
                rows.to_delivery(row._mapping) for row in conn.execute(query.with_for_update(of=deliveries))
            ]
            for delivery in late:
                self._settle(conn, delivery, Outcome.expired(now, transitions.HELD_EXPIRED))
        return [delivery.id for delivery in late]
