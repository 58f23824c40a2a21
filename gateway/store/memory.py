"""The in-memory store: the reference behaviour of the `Store` port, for tests and one-process demos.

One lock makes every method one transaction. Nothing survives the process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from gateway.store import transitions
from gateway.store.port import (
    ENDED_STATES,
    Accepted,
    ApiKey,
    Correction,
    Delivery,
    DisabledEndpoint,
    Event,
    Kept,
    MessageHead,
    NewDelivery,
    NewEvent,
    NewMessage,
    Outcome,
    Pruned,
    ReferenceConflict,
    ReviewSession,
    StoredMessage,
    UnresolvedCount,
    UnresolvedName,
)


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class MemoryStore:
    """Messages, deliveries, events, keys and unresolved names in dictionaries, behind one lock."""

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        self.clock = clock
        self._lock = threading.RLock()
        self._messages: dict[str, StoredMessage] = {}
        self._references: dict[tuple[str, str], str] = {}
        self._deliveries: dict[int, Delivery] = {}
        self._last_id = 0
        self._events: list[Event] = []
        self._endpoints: dict[str, DisabledEndpoint] = {}
        self._unresolved: dict[tuple[str, str, str | None], UnresolvedCount] = {}
        self._claims: dict[tuple[str, str, str | None], tuple[datetime, str]] = {}  # until, for version
        self._keys: dict[str, ApiKey] = {}
        self._corrections: dict[tuple[str, str, str, str | None, str, str], Correction] = {}
        self._sessions: dict[str, ReviewSession] = {}

    def accept(
        self,
        message: NewMessage,
        deliveries: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName] = (),
    ) -> Accepted:
        with self._lock:
            existing = self._references.get((message.sender, message.reference))
            if existing is not None:
                if self._messages[existing].digest != message.digest:
                    raise ReferenceConflict(message.sender, message.reference, existing)
                return Accepted(existing, created=False)
            self._messages[message.message_id] = message
            self._references[(message.sender, message.reference)] = message.message_id
            self._append(message.message_id, events)
            for new in deliveries:
                self._add_delivery(message.message_id, new)
            self.record_unresolved(unresolved)  # the lock is re-entrant: one step with the message
            return Accepted(message.message_id, created=True)

    def message(self, message_id: str) -> StoredMessage | None:
        return self._messages.get(message_id)

    def message_head(self, message_id: str) -> MessageHead | None:
        message = self._messages.get(message_id)
        return MessageHead.of(message) if message is not None else None

    def events(self, message_id: str) -> list[Event]:
        with self._lock:
            return [event for event in self._events if event.message_id == message_id]

    def message_events(self, message_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The events of several messages at once (the dead-letter list), in order, by message."""
        found: dict[str, list[Event]] = {message_id: [] for message_id in message_ids}
        with self._lock:
            for event in self._events:
                if event.message_id in found:
                    found[event.message_id].append(event)
        return found

    def deliveries(self, message_id: str) -> list[Delivery]:
        with self._lock:
            return [d for d in self._deliveries.values() if d.message_id == message_id]

    def delivery(self, delivery_id: int) -> Delivery | None:
        return self._deliveries.get(delivery_id)

    def pending_ids(self, message_id: str, methods: Sequence[str] = ("push", "file")) -> list[int]:
        with self._lock:
            found = self._deliveries.values()
            return sorted(
                d.id
                for d in found
                if d.message_id == message_id and d.method in methods and d.state == "pending"
            )

    def due(self, now: datetime, limit: int, methods: Sequence[str] = ("push", "file")) -> list[Delivery]:
        with self._lock:
            found = [d for d in self._deliveries.values() if transitions.is_due(d, now, tuple(methods))]
            return sorted(found, key=lambda d: (d.next_attempt_at, d.id))[:limit]

    def expiring(self, now: datetime, limit: int, methods: Sequence[str] = ("pull",)) -> list[Delivery]:
        with self._lock:
            found = [d for d in self._deliveries.values() if transitions.is_expiring(d, now, tuple(methods))]
            return sorted(found, key=lambda d: d.id)[:limit]

    def claim(self, delivery_id: int, worker: str, lease_until: datetime, now: datetime) -> Delivery | None:
        with self._lock:
            delivery = self._deliveries.get(delivery_id)
            if delivery is None or delivery.state not in transitions.LIVE_STATES:
                return None
            if delivery.lease_until is not None and delivery.lease_until > now:
                return None
            claimed = replace(delivery, lease_owner=worker, lease_until=lease_until)
            self._deliveries[delivery_id] = claimed
            return claimed

    def finish(self, delivery_id: int, worker: str, outcome: Outcome) -> bool:
        with self._lock:
            delivery = self._deliveries.get(delivery_id)
            live = delivery is not None and delivery.state in transitions.LIVE_STATES
            if delivery is None or delivery.lease_owner != worker or not live:
                return False
            self._settle(delivery, outcome)
            return True

    def _settle(self, delivery: Delivery, outcome: Outcome) -> None:
        """`delivery` ends its attempt (or its hold) with `outcome`: its events, its new state and, when
        it ends undelivered, the sender's notice."""
        self._append(delivery.message_id, transitions.outcome_events(delivery, outcome))
        self._deliveries[delivery.id] = transitions.finished(delivery, outcome)
        if transitions.tells_sender(delivery, outcome):
            sender = self._messages[delivery.message_id].sender
            notice = transitions.non_delivery_notice(delivery, sender, outcome)
            self._add_delivery(delivery.message_id, notice)

    def inbox(self, recipient: str, after: int, limit: int, now: datetime | None = None) -> list[Delivery]:
        with self._lock:
            found = [d for d in self._deliveries.values() if _in_inbox(d, recipient, after, now)]
            return sorted(found, key=lambda d: d.id)[:limit]

    def acknowledge(self, recipient: str, delivery_id: int, now: datetime | None = None) -> bool:
        with self._lock:
            delivery, at = self._deliveries.get(delivery_id), now or self.clock()
            if delivery is None or not _in_inbox(delivery, recipient, 0, at):  # not once past its TTL
                return False
            self._deliveries[delivery_id] = replace(delivery, state="delivered", delivered_at=at)
            detail = {"delivery_id": delivery_id, "method": "pull"}
            self._append(delivery.message_id, [NewEvent("delivery:delivered", recipient, detail)])
            return True

    def prune(self, before: datetime, now: datetime, limit: int | None, dry_run: bool = False) -> Pruned:
        with self._lock:
            oldest, outboxes = self._by_age()
            chosen = [m for m in oldest if transitions.is_prunable(m, outboxes[m.message_id], before)]
            chosen = chosen if dry_run or limit is None else chosen[:limit]
            ids = {m.message_id for m in chosen}
            outbox = [d for m in chosen for d in outboxes[m.message_id]]
            own = [d.payload for d in outbox if d.payload != self._messages[d.message_id].harmonized]
            size = sum(len(m.original) + len(m.harmonized or b"") for m in chosen) + sum(map(len, own))
            found = Pruned(len(chosen), len(outbox), sum(e.message_id in ids for e in self._events), size)
            if not dry_run:
                self._events = [e for e in self._events if e.message_id not in ids]
                for delivery in outbox:
                    del self._deliveries[delivery.id]
                for message in chosen:
                    self._messages[message.message_id] = transitions.emptied(message, now)
            return found

    def forget(self, before: datetime, limit: int | None, dry_run: bool = False) -> int:
        with self._lock:
            chosen = [m for m in self._by_age()[0] if m.pruned_at is not None and m.received_at < before]
            chosen = chosen if dry_run or limit is None else chosen[:limit]
            if not dry_run:
                for message in chosen:
                    del self._messages[message.message_id]
                    del self._references[(message.sender, message.reference)]
            return len(chosen)

    def kept(self, before: datetime, limit: int) -> list[Kept]:
        with self._lock:
            oldest, outboxes = self._by_age()
            found: list[Kept] = []
            for message in oldest:
                if message.pruned_at is not None or message.received_at >= before:
                    continue
                waiting = [d for d in outboxes[message.message_id] if d.state not in ENDED_STATES]
                if waiting:
                    found.append(
                        Kept(message.message_id, message.sender, message.reference, message.received_at,
                             tuple(waiting))
                    )  # fmt: skip
            return found[:limit]

    def _by_age(self) -> tuple[list[StoredMessage], dict[str, list[Delivery]]]:
        """The messages oldest first (then by ID), and each one's deliveries in the order of their IDs."""
        oldest = sorted(self._messages.values(), key=lambda m: (m.received_at, m.message_id))
        outboxes: dict[str, list[Delivery]] = {m.message_id: [] for m in oldest}
        for delivery in sorted(self._deliveries.values(), key=lambda d: d.id):
            outboxes[delivery.message_id].append(delivery)
        return oldest, outboxes

    def kept_count(self, before: datetime) -> tuple[int, datetime | None]:
        every = self.kept(before, len(self._messages))
        return len(every), every[0].received_at if every else None

    def dead_letters(
        self, recipient: str | None, after: int = 0, limit: int | None = None, reason: str | None = None
    ) -> list[Delivery]:
        with self._lock:
            found = sorted(self._deliveries.values(), key=lambda d: d.id)
            letters = [d for d in found if transitions.is_dead_letter(d, recipient, after, reason)]
            return letters[:limit] if limit is not None else letters

    def resend(self, delivery_id: int, now: datetime) -> bool:
        with self._lock:
            delivery = self._deliveries.get(delivery_id)
            if delivery is None or delivery.state != "dead":
                return False
            self._deliveries[delivery_id] = transitions.resent(delivery, now)
            self._append(delivery.message_id, [transitions.resent_event(delivery)])
            return True

    def hold(self, sender: str, recipient: str, reason: str, now: datetime) -> list[int]:
        with self._lock:
            found = [d for d in self._of_sender(sender) if transitions.is_holdable(d, recipient, now)]
            for delivery in found:
                self._deliveries[delivery.id] = transitions.held(delivery)
                self._append(delivery.message_id, [transitions.held_event(delivery, reason)], now)
            return [delivery.id for delivery in found]

    def resume(self, sender: str, recipient: str, now: datetime) -> list[int]:
        with self._lock:
            found = [d for d in self._of_sender(sender) if d.state == "held" and d.recipient == recipient]
            return [self._resume(delivery, now) for delivery in found]

    def _resume(self, held: Delivery, now: datetime) -> int:
        if held.method != "pull":
            values = transitions.resumed_values(held.attempts, held.next_attempt_at, now)
            self._deliveries[held.id] = replace(held, **values)  # type: ignore[arg-type]
            self._append(held.message_id, [transitions.resumed_event(held.recipient, held.id)], now)
            return held.id
        again = replace(held, id=self._next_id(), state="pending", next_attempt_at=now)
        self._deliveries[again.id] = again
        del self._deliveries[held.id]
        self._append(held.message_id, [transitions.resumed_event(held.recipient, again.id, held.id)], now)
        return again.id

    def held_directions(self) -> list[tuple[str, str]]:
        with self._lock:
            found = self._deliveries.values()
            pairs = {(self._messages[d.message_id].sender, d.recipient) for d in found if d.state == "held"}
            return sorted(pairs)

    def expire_held(self, now: datetime, limit: int) -> list[int]:
        with self._lock:
            found = sorted(self._deliveries.values(), key=lambda d: d.id)
            late = [d for d in found if d.state == "held" and d.expires_at and d.expires_at <= now][:limit]
            for delivery in late:
                self._settle(delivery, Outcome.expired(now, transitions.HELD_EXPIRED))
            return [delivery.id for delivery in late]

    def _of_sender(self, sender: str) -> list[Delivery]:
        found = sorted(self._deliveries.values(), key=lambda d: d.id)
        return [d for d in found if self._messages[d.message_id].sender == sender]

    def delivery_counts(self) -> dict[str, int]:
        with self._lock:
            counts: dict[str, int] = {}
            for delivery in self._deliveries.values():
                counts[delivery.state] = counts.get(delivery.state, 0) + 1
            return counts

    def disable_endpoint(self, recipient: str, reason: str, now: datetime | None = None) -> None:
        with self._lock:
            self._endpoints[recipient] = DisabledEndpoint(recipient, reason, now or self.clock())
            self._append(None, [NewEvent("endpoint:disabled", recipient, {"reason": reason})], now)

    def endpoint_disabled(self, recipient: str) -> str | None:
        found = self._endpoints.get(recipient)
        return found.reason if found else None

    def disabled_endpoints(self) -> list[DisabledEndpoint]:
        with self._lock:
            return sorted(self._endpoints.values(), key=lambda e: e.recipient)

    def endpoint_events(self, recipient: str) -> list[Event]:
        with self._lock:
            return [e for e in self._events if e.message_id is None and e.recipient == recipient]

    def enable_endpoint(self, recipient: str, now: datetime | None = None) -> bool:
        with self._lock:
            found = self._endpoints.pop(recipient, None)
            if found is None:
                return False
            self._append(None, [transitions.enabled_event(recipient, found.reason)], now)
            return True

    def record_unresolved(self, names: Sequence[UnresolvedName]) -> None:
        with self._lock:
            for name in names:
                key = (name.kind, name.text, name.language)
                held = self._unresolved.get(key)
                self._unresolved[key] = transitions.counted(held, name)
                if held is not None and held.countries != self._unresolved[key].countries:
                    self._claims.pop(key, None)  # a check under way leaves no mark

    def unresolved(self, limit: int, offset: int = 0, open_in: str | None = None) -> list[UnresolvedCount]:
        with self._lock:
            kept = [u for u in self._unresolved.values() if not transitions.answered_in(u, open_in)]
            return sorted(kept, key=transitions.queue_order)[offset : offset + limit]

    def unresolved_unchecked(self, version: str, limit: int) -> list[UnresolvedCount]:
        with self._lock:
            kept = [u for u in self._unresolved.values() if u.checked_in != version]
            return sorted(kept, key=transitions.queue_order)[:limit]

    def claim_unresolved(
        self,
        version: str,
        checker: str,
        limit: int,
        lease_until: datetime,
        now: datetime,
        within: int | None = None,
    ) -> list[UnresolvedCount]:
        with self._lock:
            window = self.unresolved(len(self._unresolved) if within is None else within, open_in=version)
            free = [u for u in window if u.checked_in != version and self._free(u, version, now)]
            claimed = free[:limit]
            self._claims |= {(u.kind, u.text, u.language): (lease_until, version) for u in claimed}
            return claimed

    def _free(self, name: UnresolvedCount, version: str, now: datetime) -> bool:
        until, claimed_for = self._claims.get((name.kind, name.text, name.language), (now, version))
        return until <= now or claimed_for != version

    def mark_unresolved(self, version: str, marks: Sequence[tuple[UnresolvedCount, bool]]) -> None:
        with self._lock:
            for name, answered in marks:
                key = (name.kind, name.text, name.language)
                held = self._unresolved.get(key)
                if held is not None and held.countries == name.countries:  # no new sender since
                    self._unresolved[key] = replace(held, checked_in=version, answered=answered)
                    self._claims.pop(key, None)

    def propose_correction(self, correction: Correction) -> bool:
        c = correction
        key = (c.key_id, c.kind, c.text, c.language, c.english, c.code)
        with self._lock:
            if key in self._corrections:
                return False
            self._corrections[key] = correction
            return True

    def corrections(self, limit: int, offset: int = 0) -> list[Correction]:
        with self._lock:
            newest = list(reversed(self._corrections.values()))  # kept in the order proposed
        newest.sort(key=lambda c: c.proposed_at, reverse=True)  # stable: the later of a tie first
        return newest[offset : offset + limit]

    def message_corrections(self, message_id: str, country: str) -> list[Correction]:
        with self._lock:
            kept = list(self._corrections.values())
        return [c for c in kept if c.message_id == message_id and c.country == country]

    def open_review_session(self, session: ReviewSession) -> None:
        with self._lock:
            if session.session_id in self._sessions:
                raise ValueError(f"session {session.session_id} exists")
            self._sessions[session.session_id] = session

    def review_session(self, session_id: str) -> ReviewSession | None:
        return self._sessions.get(session_id)

    def end_review_session(self, session_id: str, now: datetime) -> bool:
        with self._lock:
            found = self._sessions.get(session_id)
            if found is None or found.ended_at is not None:
                return False
            self._sessions[session_id] = replace(found, ended_at=now)
            return True

    def trim_review_sessions(self, key_id: str, keep: int) -> int:
        with self._lock:
            of_key = [s for s in self._sessions.values() if s.key_id == key_id]
            older = sorted(of_key, key=_began, reverse=True)[keep:]  # newest first, as the SQL store's order
            for session in older:
                del self._sessions[session.session_id]
            return len(older)

    def sweep_review_sessions(self, now: datetime, limit: int) -> int:
        with self._lock:
            expired = sorted((s for s in self._sessions.values() if s.expires_at <= now), key=_expiry)
            for session in expired[:limit]:
                del self._sessions[session.session_id]
            return len(expired[:limit])

    def add_key(self, key: ApiKey) -> None:
        with self._lock:
            if key.key_id in self._keys:
                raise ValueError(f"key {key.key_id} exists")
            self._keys[key.key_id] = key

    def key(self, key_id: str) -> ApiKey | None:
        return self._keys.get(key_id)

    def api_keys(self) -> list[ApiKey]:
        with self._lock:
            return sorted(self._keys.values(), key=lambda k: (k.created_at, k.key_id))

    def update_key(self, key: ApiKey) -> None:
        with self._lock:
            self._keys[key.key_id] = key

    def probe_write(self) -> None:
        """Memory has no disk to fill: it can always write."""

    def _next_id(self) -> int:
        """The next delivery ID: above every one given so far (a resumed pull delivery leaves a gap)."""
        self._last_id += 1
        return self._last_id

    def _add_delivery(self, message_id: str, new: NewDelivery) -> None:
        delivery = Delivery(
            self._next_id(), message_id, new.recipient, new.kind, new.method, new.endpoint,
            new.payload, "pending", 0, new.next_attempt_at, new.expires_at, None, None,
        )  # fmt: skip
        self._deliveries[delivery.id] = delivery
        self._append(message_id, [transitions.queued_event(delivery)])

    def _append(self, message_id: str | None, events: Sequence[NewEvent], at: datetime | None = None) -> None:
        for event in events:
            stamp = at or self.clock()
            self._events.append(
                Event(
                    len(self._events) + 1, message_id, event.name, event.recipient, dict(event.detail), stamp
                )
            )


def _began(session: ReviewSession) -> tuple[datetime, str]:
    return session.created_at, session.session_id


def _expiry(session: ReviewSession) -> datetime:
    return session.expires_at


def _in_inbox(delivery: Delivery, recipient: str, after: int, now: datetime | None) -> bool:
    live = now is None or delivery.expires_at is None or delivery.expires_at > now
    return (
        delivery.recipient == recipient
        and delivery.method == "pull"
        and delivery.state in ("pending", "retrying")
        and delivery.id > after
        and live
    )
