"""The SQL store: the `Store` port on SQLite (default) or PostgreSQL through SQLAlchemy Core.

Each method is one transaction. Write transactions on SQLite start with ``BEGIN IMMEDIATE`` (writers
queue); on PostgreSQL rows are locked with ``FOR UPDATE`` and outbox inserts take a transaction
advisory lock, so delivery IDs become visible in the order they were given: the inbox cursor never
skips a delivery that commits late.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from gateway.settings import Settings
from gateway.store import rows, transitions
from gateway.store.counting import count_unresolved
from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.group_commit import GroupCommit
from gateway.store.memory import utc_now
from gateway.store.port import (
    Accepted,
    ApiKey,
    Delivery,
    DisabledEndpoint,
    Event,
    NewDelivery,
    NewEvent,
    NewMessage,
    Outcome,
    ReferenceConflict,
    StoredMessage,
    UnresolvedCount,
    UnresolvedName,
)
from gateway.store.tables import api_keys, deliveries, endpoints, events, messages, unresolved

OUTBOX_LOCK = 4_201_001
UNRESOLVED_LOCK = 4_201_002
LIVE_STATES = transitions.LIVE_STATES
# the statements of the write path of accept, built once: SQLAlchemy then finds their compiled form in
# its cache at once instead of building and hashing a new statement per call
_INSERT_MESSAGE = insert(messages)
_INSERT_DELIVERY = insert(deliveries).returning(deliveries.c.id)
_INSERT_EVENTS = insert(events)
_RESUME = (
    update(deliveries)
    .where(deliveries.c.id == bindparam("b_id"))
    .values(
        state=bindparam("b_state"), next_attempt_at=bindparam("b_next_attempt_at"),
        lease_owner=bindparam("b_lease_owner"), lease_until=bindparam("b_lease_until"),
    )
)  # fmt: skip
_PAYLOAD = func.coalesce(deliveries.c.payload, messages.c.harmonized).label("payload")
"""A delivery's payload: its own, or (NULL) the harmonized message it carries unchanged (migration 0002)."""


def _delivery_rows() -> Select[Any]:
    """Outbox rows as `Delivery` reads them: every column, the payload joined from the message when the
    row does not hold its own."""
    columns = [column for column in deliveries.c if column.name != "payload"]
    return select(*columns, _PAYLOAD).select_from(deliveries.join(messages))


_KEY = select(api_keys).where(api_keys.c.key_id == bindparam("key_id"))  # every request looks its key up
_BY_REFERENCE = select(messages.c.message_id, messages.c.digest).where(
    messages.c.sender == bindparam("sender"), messages.c.reference == bindparam("reference")
)


EVENTS_QUERY_IDS = 500
"""Message IDs per query of `message_events` (SQLite binds at most 32,766 parameters)."""


class SqlStore:
    """The store on a SQLAlchemy engine; `SqlStore.open(url)` connects and migrates."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine, self.clock = engine, clock
        self._postgres = engine.dialect.name == "postgresql"
        # concurrent accepts share a commit (one fsync), and the names they left unresolved are counted
        # once per batch: one read and one write per distinct name, not per document
        self._accepts = GroupCommit(self._write, self._count_accepted)

    @classmethod
    def open(
        cls, url: str, clock: Callable[[], datetime] = utc_now, sqlite_synchronous: str = "full"
    ) -> SqlStore:
        """Connect to `url` and bring its schema to the newest migration."""
        engine = make_engine(url, sqlite_synchronous)
        migrate(engine)
        return cls(engine, clock)

    def close(self) -> None:
        self.engine.dispose()

    def accept(
        self,
        message: NewMessage,
        deliveries: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName] = (),
    ) -> Accepted:
        try:
            accepted, _ = self._accepts.write(
                lambda conn: self._accept(conn, message, deliveries, events, unresolved)
            )
            return accepted
        except IntegrityError:  # the same reference is stored: a repeat, or a conflict
            with self._read() as conn:
                found = self._by_reference(conn, message.sender, message.reference)
            if found is None:
                raise
            return _repeat(message, *found)

    def _accept(
        self,
        conn: Connection,
        message: NewMessage,
        outbox: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName],
    ) -> tuple[Accepted, Sequence[UnresolvedName]]:
        """The write of one accept, in a transaction that concurrent accepts may share (`GroupCommit`),
        and the names to count with it (`_count_accepted` counts them in the same transaction, once the
        batch is written). A repeat or a conflict is found by the unique (sender, reference) key: the
        insert fails in this write's own savepoint and `accept` reads the first message after the
        commit (no read before every insert: repeats are rare, and each statement costs ~0.1 ms)."""
        conn.execute(_INSERT_MESSAGE, rows.message_values(message))
        queued = [self._insert_delivery(conn, message.message_id, new, message.harmonized) for new in outbox]
        self._append(conn, message.message_id, [*events, *queued])
        return Accepted(message.message_id, created=True), unresolved

    def _count_accepted(self, conn: Connection, results: list[object]) -> None:
        """Count, once for a batch of accepts, the unresolved names of those that stored a message."""
        written = cast(list[tuple[Accepted, Sequence[UnresolvedName]]], results)
        names = [name for _, seen in written for name in seen]
        if names:
            self._count_unresolved(conn, names)

    def message(self, message_id: str) -> StoredMessage | None:
        with self._read() as conn:
            row = conn.execute(select(messages).where(messages.c.message_id == message_id)).first()
        return rows.to_message(row._mapping) if row else None

    def events(self, message_id: str) -> list[Event]:
        query = select(events).where(events.c.message_id == message_id).order_by(events.c.id)
        with self._read() as conn:
            return [rows.to_event(row._mapping) for row in conn.execute(query)]

    def message_events(self, message_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The events of several messages at once (the dead-letter list), in order, by message."""
        found: dict[str, list[Event]] = {message_id: [] for message_id in message_ids}
        unique = list(found)
        with self._read() as conn:
            for start in range(0, len(unique), EVENTS_QUERY_IDS):
                chunk = unique[start : start + EVENTS_QUERY_IDS]
                query = select(events).where(events.c.message_id.in_(chunk)).order_by(events.c.id)
                for row in conn.execute(query):
                    event = rows.to_event(row._mapping)
                    found[str(event.message_id)].append(event)
        return found

    def deliveries(self, message_id: str) -> list[Delivery]:
        query = _delivery_rows().where(deliveries.c.message_id == message_id).order_by(deliveries.c.id)
        return self._deliveries(query)

    def delivery(self, delivery_id: int) -> Delivery | None:
        found = self._deliveries(_delivery_rows().where(deliveries.c.id == delivery_id))
        return found[0] if found else None

    def pending_ids(self, message_id: str, methods: Sequence[str] = ("push", "file")) -> list[int]:
        c = deliveries.c
        # the methods are filtered here: an IN list of parameters costs more to compile than the few rows
        query = select(c.id, c.method).where(c.message_id == message_id, c.state == "pending").order_by(c.id)
        with self._read() as conn:
            return [int(row.id) for row in conn.execute(query) if row.method in methods]

    def due(self, now: datetime, limit: int, methods: Sequence[str] = ("push", "file")) -> list[Delivery]:
        c = deliveries.c
        query = (
            _delivery_rows()
            .where(c.state.in_(LIVE_STATES), c.method.in_(tuple(methods)), c.next_attempt_at <= now)
            .where(or_(c.lease_until.is_(None), c.lease_until <= now))
            .order_by(c.next_attempt_at, c.id)
            .limit(limit)
        )
        return self._deliveries(query)

    def expiring(self, now: datetime, limit: int, methods: Sequence[str] = ("pull",)) -> list[Delivery]:
        c = deliveries.c
        query = (
            _delivery_rows()
            .where(c.state.in_(LIVE_STATES), c.method.in_(tuple(methods)), c.expires_at <= now)
            .order_by(c.id)
            .limit(limit)
        )
        return self._deliveries(query)

    def claim(self, delivery_id: int, worker: str, lease_until: datetime, now: datetime) -> Delivery | None:
        c = deliveries.c
        free = or_(c.lease_until.is_(None), c.lease_until <= now)
        with self._write() as conn:
            result = conn.execute(
                update(deliveries)
                .where(c.id == delivery_id, c.state.in_(LIVE_STATES), free)
                .values(lease_owner=worker, lease_until=lease_until)
            )
            if result.rowcount != 1:
                return None
            return self._locked(conn, delivery_id)

    def finish(self, delivery_id: int, worker: str, outcome: Outcome) -> bool:
        with self._write() as conn:
            delivery = self._locked(conn, delivery_id)
            if delivery is None or delivery.lease_owner != worker or delivery.state not in LIVE_STATES:
                return False
            self._settle(conn, delivery, outcome)
            return True

    def _settle(self, conn: Connection, delivery: Delivery, outcome: Outcome) -> None:
        """`delivery` (locked) ends its attempt, or its hold, with `outcome`: its new state and events and,
        when it ends undelivered, the sender's notice, in the caller's transaction."""
        done = transitions.finished(delivery, outcome)
        conn.execute(update(deliveries).where(deliveries.c.id == delivery.id).values(_changes(done)))
        self._append(conn, delivery.message_id, transitions.outcome_events(delivery, outcome))
        if transitions.tells_sender(delivery, outcome):
            sender = conn.execute(
                select(messages.c.sender).where(messages.c.message_id == delivery.message_id)
            ).scalar_one()
            notice = transitions.non_delivery_notice(delivery, sender, outcome)
            self._add_delivery(conn, delivery.message_id, notice)

    def inbox(self, recipient: str, after: int, limit: int, now: datetime | None = None) -> list[Delivery]:
        c = deliveries.c
        query = _delivery_rows().where(
            c.recipient == recipient, c.method == "pull", c.state.in_(LIVE_STATES), c.id > after
        )
        if now is not None:
            query = query.where(or_(c.expires_at.is_(None), c.expires_at > now))
        return self._deliveries(query.order_by(c.id).limit(limit))

    def acknowledge(self, recipient: str, delivery_id: int, now: datetime | None = None) -> bool:
        c = deliveries.c
        with self._write() as conn:
            result = conn.execute(
                update(deliveries)
                .where(c.id == delivery_id, c.recipient == recipient, c.method == "pull")
                .where(c.state.in_(LIVE_STATES))
                .values(state="delivered", delivered_at=now or self.clock())
                .returning(c.message_id)
            ).first()
            if result is None:
                return False
            event = NewEvent("delivery:delivered", recipient, {"delivery_id": delivery_id, "method": "pull"})
            self._append(conn, result.message_id, [event])
            return True

    def dead_letters(
        self, recipient: str | None, after: int = 0, limit: int | None = None, reason: str | None = None
    ) -> list[Delivery]:
        c = deliveries.c
        query = _delivery_rows().where(c.state == "dead", c.id > after)
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
            again = _changes(transitions.resent(delivery, now))
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(again))
            self._append(conn, delivery.message_id, [transitions.resent_event(delivery)])
            return True

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
            new_id = conn.execute(_INSERT_DELIVERY, again).scalar_one()
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
        query = _delivery_rows().where(c.state == "held", c.expires_at <= now).order_by(c.id).limit(limit)
        with self._write() as conn:
            late = [
                rows.to_delivery(row._mapping) for row in conn.execute(query.with_for_update(of=deliveries))
            ]
            for delivery in late:
                self._settle(conn, delivery, Outcome.expired(now, transitions.HELD_EXPIRED))
        return [delivery.id for delivery in late]

    def delivery_counts(self) -> dict[str, int]:
        query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        with self._read() as conn:
            return {str(state): int(count) for state, count in conn.execute(query)}

    def disable_endpoint(self, recipient: str, reason: str, now: datetime | None = None) -> None:
        at = now or self.clock()
        with self._write() as conn:
            conn.execute(delete(endpoints).where(endpoints.c.recipient == recipient))
            conn.execute(insert(endpoints).values(recipient=recipient, reason=reason, disabled_at=at))
            self._append(conn, None, [NewEvent("endpoint:disabled", recipient, {"reason": reason})], at)

    def endpoint_disabled(self, recipient: str) -> str | None:
        query = select(endpoints.c.reason).where(endpoints.c.recipient == recipient)
        with self._read() as conn:
            return conn.execute(query).scalar_one_or_none()

    def disabled_endpoints(self) -> list[DisabledEndpoint]:
        query = select(endpoints).order_by(endpoints.c.recipient)
        with self._read() as conn:
            return [rows.to_disabled_endpoint(row._mapping) for row in conn.execute(query)]

    def endpoint_events(self, recipient: str) -> list[Event]:
        c = events.c
        query = select(events).where(c.message_id.is_(None), c.recipient == recipient).order_by(c.id)
        with self._read() as conn:
            return [rows.to_event(row._mapping) for row in conn.execute(query)]

    def enable_endpoint(self, recipient: str, now: datetime | None = None) -> bool:
        at = now or self.clock()
        with self._write() as conn:
            removed = conn.execute(
                delete(endpoints).where(endpoints.c.recipient == recipient).returning(endpoints.c.reason)
            ).first()
            if removed is None:
                return False
            self._append(conn, None, [transitions.enabled_event(recipient, removed.reason)], at)
            return True

    def record_unresolved(self, names: Sequence[UnresolvedName]) -> None:
        with self._write() as conn:
            self._count_unresolved(conn, names)

    def unresolved(self, limit: int) -> list[UnresolvedCount]:
        c = unresolved.c
        query = select(unresolved).order_by(c.count.desc(), c.kind, c.text).limit(limit)
        with self._read() as conn:
            return [rows.to_unresolved(row._mapping) for row in conn.execute(query)]

    def add_key(self, key: ApiKey) -> None:
        with self._write() as conn:
            conn.execute(insert(api_keys).values(rows.key_values(key)))

    def key(self, key_id: str) -> ApiKey | None:
        with self._read() as conn:
            row = conn.execute(_KEY, {"key_id": key_id}).first()
        return rows.to_key(row._mapping) if row else None

    def api_keys(self) -> list[ApiKey]:
        query = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.key_id)
        with self._read() as conn:
            return [rows.to_key(row._mapping) for row in conn.execute(query)]

    def update_key(self, key: ApiKey) -> None:
        with self._write() as conn:
            values = rows.key_values(key)
            conn.execute(update(api_keys).where(api_keys.c.key_id == key.key_id).values(values))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(sqlite_begin="DEFERRED") as conn, conn.begin():
            yield conn

    def _deliveries(self, query: Select[Any]) -> list[Delivery]:
        with self._read() as conn:
            return [rows.to_delivery(row._mapping) for row in conn.execute(query)]

    def _locked(self, conn: Connection, delivery_id: int) -> Delivery | None:
        query = _delivery_rows().where(deliveries.c.id == delivery_id).with_for_update(of=deliveries)
        row = conn.execute(query).first()
        return rows.to_delivery(row._mapping) if row else None

    def _by_reference(self, conn: Connection, sender: str, reference: str) -> tuple[str, str] | None:
        row = conn.execute(_BY_REFERENCE, {"sender": sender, "reference": reference}).first()
        return (row.message_id, row.digest) if row else None

    def _add_delivery(self, conn: Connection, message_id: str, new: NewDelivery) -> None:
        self._append(conn, message_id, [self._insert_delivery(conn, message_id, new)])

    def _insert_delivery(
        self, conn: Connection, message_id: str, new: NewDelivery, harmonized: bytes | None = None
    ) -> NewEvent:
        """Insert one outbox row; its delivery:queued event, for the caller to append. A payload equal to
        the message's `harmonized` bytes is not stored again: NULL, read back as the message's."""
        self._advisory_lock(conn, OUTBOX_LOCK)
        values = rows.delivery_values(message_id, new)
        stored = values | {"payload": None} if rows.same_bytes(new.payload, harmonized) else values
        delivery_id = conn.execute(_INSERT_DELIVERY, stored).scalar_one()
        delivery = rows.to_delivery(values | {"id": delivery_id, "last_error": None, "delivered_at": None})
        return transitions.queued_event(delivery)

    def _append(
        self, conn: Connection, message_id: str | None, new: Sequence[NewEvent], at: datetime | None = None
    ) -> None:
        if not new:
            return
        stamp = at or self.clock()
        conn.execute(
            _INSERT_EVENTS,
            [
                {"message_id": message_id, "name": e.name, "recipient": e.recipient, "at": stamp,
                 "detail": json.dumps(dict(e.detail), ensure_ascii=False)}
                for e in new
            ],
        )  # fmt: skip

    def _append_each(self, conn: Connection, events: Sequence[tuple[str, NewEvent]], at: datetime) -> None:
        """Append events of several messages in one statement: (message ID, event) pairs."""
        if events:
            conn.execute(
                _INSERT_EVENTS,
                [
                    {"message_id": message_id, "name": e.name, "recipient": e.recipient, "at": at,
                     "detail": json.dumps(dict(e.detail), ensure_ascii=False)}
                    for message_id, e in events
                ],
            )  # fmt: skip

    def _advisory_lock(self, conn: Connection, number: int) -> None:
        if self._postgres:
            conn.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": number})

    def _count_unresolved(self, conn: Connection, names: Sequence[UnresolvedName]) -> None:
        self._advisory_lock(conn, UNRESOLVED_LOCK)
        count_unresolved(conn, names)


def _repeat(message: NewMessage, message_id: str, digest: str) -> Accepted:
    if digest != message.digest:
        raise ReferenceConflict(message.sender, message.reference, message_id)
    return Accepted(message_id, created=False)


def _changes(delivery: Delivery) -> dict[str, object]:
    names = (
        "state",
        "attempts",
        "last_error",
        "delivered_at",
        "next_attempt_at",
        "lease_owner",
        "lease_until",
    )
    return {name: getattr(delivery, name) for name in names}


def store_url(settings: Settings) -> str:
    """The URL of the store that `settings` name: `database_url`, or a SQLite file in `data_dir`."""
    return settings.database_url or sqlite_url(settings.data_dir / "gateway.sqlite3")


def open_store(settings: Settings, clock: Callable[[], datetime] = utc_now) -> SqlStore:
    """The SQL store of `settings`, its schema brought up to date."""
    return SqlStore.open(store_url(settings), clock, settings.sqlite_synchronous)
