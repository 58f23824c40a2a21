"""The storage port: what the service and the deliverers keep, as plain data, and the `Store` protocol.

A message is written once with its deliveries (the outbox) and its events, in one transaction
(`Store.accept`). Deliveries then move through their states by `claim` + `finish` (push and file
deliveries, run by the dispatcher) or by `acknowledge` (pull deliveries, read from an inbox)::

    pending ──claim──► (leased) ──finish──► delivered | retrying | dead | expired
    retrying ─ same as pending, once next_attempt_at has passed
    dead ──resend──► pending (attempts start over)
    pending | retrying ──hold──► held ──resume──► pending | retrying (a pull delivery: a new row, new ID)
    held ──expire_held──► expired (past its time to live)

A delivery is held while the agreement of its direction is suspended (`gateway.delivery.suspension`): it
is neither attempted nor shown in an inbox, and its time to live runs on.

A message delivery that ends dead or expired writes, in the same transaction, a `non-delivery-notice`
pull delivery to the sender (`gateway.store.transitions.non_delivery_notice`).

The unresolved queue's names are checked against the glossary in force by every serving process of one
store at once (`gateway.resolve.unresolved.OpenNames.check`): each takes a batch of names by
`claim_unresolved` (the names no other checker holds, until the lease it gives), checks them, and
`mark_unresolved` leaves the answer and frees them; a batch whose checker died is taken again after
its lease::

    not checked against V ──claim (lease)──► claimed ──mark──► checked in V (answered or open)
    claimed, lease passed ── same as not claimed
    claimed for another version ── same as not claimed, for V (the glossary changed: no wait)

`within` bounds the work of a glossary version: only the first `within` names a read of the queue lists
under V (the queue's order, the names V answers left out) are claimed for it; the others are checked
by the reads that list them.

An officer's proposed correction of a name (`propose_correction`) is kept once per officer, name and
answer (a repeat returns False and changes nothing); `corrections` lists them newest first, and
`message_corrections` those one country's officers made on one message (oldest first).

An officer's signed-in session on the review pages is a row (`open_review_session`): the review pages
read it on every request (`review_session`), sign-out ends it (`end_review_session`: the cookie is then
refused wherever it was copied to), `sweep_review_sessions` deletes a bounded batch of expired rows, and
`trim_review_sessions` deletes a key's sessions but its newest few (a sign-in bounds a key's rows).

Retention (`prune`) empties a message received before a time whose every delivery has ended
(`ENDED_STATES`: delivered, dead or expired; a non-delivery notice is a delivery too, ended once its
sender acknowledged it), at most `limit` of them a call, the oldest first (a dry run counts them all
and changes nothing): its deliveries and events are deleted and the message row keeps only what
identifies it (sender, reference, digest, format, kind, times), status `pruned`, so that a repeat of
the document is still known. A batch is one transaction: a message goes whole or not at all. A message
with a delivery pending, retrying or held is never pruned::

    routed | unrouted, received before T, every delivery ended ──prune──► pruned (no deliveries, events)
    pruned, received before T' (identity retention, longer) ──forget──► no row: a repost is new

Identity retention (`forget`) deletes the rows of pruned messages received before a time, at most
`limit` a call, the oldest first: the same document posted again is then a new message. `kept` lists
the messages received before a time that retention cannot empty, because a delivery of theirs has not
ended, oldest first, each with those deliveries; `kept_count` counts them and gives the oldest one's
reception time.

Events are append-only until their message is pruned. Times are timezone-aware UTC `datetime`
values. Two versions implement the port: `gateway.store.memory.MemoryStore` and
`gateway.store.sql.SqlStore` (SQLite or PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from gateway.errors import GatewayError
from gateway.issues import Issue

DeliveryKind = Literal["message", "non-delivery-notice"]
DeliveryMethod = Literal["pull", "push", "file"]
DeliveryState = Literal["pending", "retrying", "delivered", "dead", "expired", "held"]
MessageStatus = Literal["routed", "unrouted", "pruned"]
Role = Literal["national", "partner", "terminologist", "operator"]

EVENT_NAMES = (
    "message:received",
    "message:unrouted",
    "delivery:queued",
    "delivery:attempted",
    "delivery:delivered",
    "delivery:retry-scheduled",
    "delivery:dead",
    "delivery:expired",
    "delivery:resent",
    "endpoint:disabled",
    "endpoint:enabled",
    "delivery:held",
    "delivery:resumed",
)
FINAL_STATES: frozenset[str] = frozenset({"delivered", "dead", "expired"})
ENDED_STATES = tuple(sorted(FINAL_STATES))
"""The states in which a delivery has ended, for retention (`Store.prune`): a dead one only until an
operator resends it."""


class ReferenceConflict(GatewayError):
    """The sender already used this document reference for a document with other bytes."""

    code = "message.conflict"

    def __init__(self, sender: str, reference: str, message_id: str) -> None:
        self.sender, self.reference, self.message_id = sender, reference, message_id
        super().__init__(f"{sender} already sent another document as {reference!r} ({message_id})")


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to keep: the sender's original bytes and what the normalizer made of them."""

    message_id: str
    sender: str  # ISO 3166 alpha-2 country of the national system that posted it
    reference: str  # the sender's own document reference (from the document or the request)
    digest: str  # SHA-256 of `original`, hex
    format: str | None
    kind: str | None
    original: bytes
    harmonized: bytes | None
    issues: tuple[Issue, ...]
    status: MessageStatus
    received_at: datetime
    pruned_at: datetime | None = None
    """When retention removed its contents (`Store.prune`): only what identifies it is kept."""


StoredMessage = NewMessage  # a message as kept has the fields it was written with


@dataclass(frozen=True, slots=True)
class MessageHead:
    """A kept message without its bytes (`Store.message_head`): what a status, an inbox row or a routing
    decision reads. The original and harmonized bytes of a large manifest are megabytes that none of
    them needs (an inbox page of 100 such rows read them all)."""

    message_id: str
    sender: str
    reference: str
    digest: str
    format: str | None
    kind: str | None
    issues: tuple[Issue, ...]
    status: MessageStatus
    received_at: datetime
    pruned_at: datetime | None = None

    @classmethod
    def of(cls, message: NewMessage) -> MessageHead:
        return cls(**{name: getattr(message, name) for name in cls.__slots__})


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """One outbox row to write with its message: what goes to whom, how, and until when."""

    recipient: str
    kind: DeliveryKind
    method: DeliveryMethod
    endpoint: str | None
    payload: bytes
    next_attempt_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One delivery of a payload to one recipient; `id` is monotonic and is the inbox cursor."""

    id: int
    message_id: str
    recipient: str
    kind: DeliveryKind
    method: DeliveryMethod
    endpoint: str | None
    payload: bytes
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    expires_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None
    lease_owner: str | None = None
    lease_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append: its name (one of `EVENT_NAMES`), the recipient it concerns, and details."""

    name: str
    recipient: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    """An event as kept, in the order it was appended (`id`)."""

    id: int
    message_id: str | None
    name: str
    recipient: str | None
    detail: Mapping[str, Any]
    at: datetime


@dataclass(frozen=True, slots=True)
class Accepted:
    """The outcome of `Store.accept`: the message ID and whether this call stored it (False: a repeat)."""

    message_id: str
    created: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one delivery attempt ended; build it with the class methods."""

    state: Literal["delivered", "retrying", "dead", "expired", "held"]
    at: datetime
    error: str | None = None
    next_attempt_at: datetime | None = None

    @classmethod
    def delivered(cls, at: datetime) -> Outcome:
        return cls("delivered", at)

    @classmethod
    def retry(cls, at: datetime, next_attempt_at: datetime, error: str) -> Outcome:
        return cls("retrying", at, error, next_attempt_at)

    @classmethod
    def dead(cls, at: datetime, error: str) -> Outcome:
        return cls("dead", at, error)

    @classmethod
    def expired(cls, at: datetime, error: str = "time to live exceeded") -> Outcome:
        return cls("expired", at, error)

    @classmethod
    def held(cls, at: datetime, reason: str) -> Outcome:
        """Not attempted: the agreement of its direction is suspended (`reason`); no attempt is counted."""
        return cls("held", at, reason)


@dataclass(frozen=True, slots=True)
class Pruned:
    """What one batch of `Store.prune` removed (or, in a dry run, would remove)."""

    messages: int = 0
    deliveries: int = 0
    events: int = 0
    bytes: int = 0  # the originals, harmonized messages and own payloads removed

    def __add__(self, other: Pruned) -> Pruned:
        return Pruned(
            self.messages + other.messages, self.deliveries + other.deliveries,
            self.events + other.events, self.bytes + other.bytes,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Kept:
    """A message older than the retention period that retention cannot empty yet: `waiting` are its
    deliveries that have not ended (an unread pull or notice, a push retrying, a held one)."""

    message_id: str
    sender: str
    reference: str
    received_at: datetime
    waiting: tuple[Delivery, ...]


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A name that resolution could only transliterate or match weakly, seen in one message."""

    kind: str  # place | office | party | goods | country
    text: str
    language: str | None
    script: str | None
    country: str | None
    message_id: str | None
    seen_at: datetime
    glossary_version: str | None = None
    """The glossary version it was a guess under: counted as checked against it (open)."""


@dataclass(frozen=True, slots=True)
class UnresolvedCount:
    """An unresolved name with how often it was seen and a few messages it came from."""

    kind: str
    text: str
    language: str | None
    script: str | None
    count: int
    message_ids: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    countries: tuple[str, ...] = ()
    """The countries that sent it (ISO 3166 alpha-2, sorted); none for names counted before 0003."""
    checked_in: str | None = None
    """The glossary version it was last checked against (`OpenNames`); None: not since it changed."""
    answered: bool = False
    """Whether the glossary of `checked_in` resolves it for every country that sent it."""


@dataclass(frozen=True, slots=True)
class Correction:
    """An officer's proposal for a name of a delivered message: its right English form and/or code, for
    the terminologists (the delivered message never changes). One per officer, name and answer."""

    kind: str  # the Resolution's kind: place | office | country | package | goods | party
    text: str  # the name as the document wrote it
    language: str | None
    script: str | None
    sender: str  # the country that sent the document
    english: str  # "" when only a code is proposed
    code: str  # "" when only an English form is proposed
    comment: str
    key_id: str  # the officer's key
    country: str  # the officer's country
    message_id: str
    delivery_id: int
    pointer: str  # the name's WCO pointer in the message
    glossary_version: str | None  # the version the page showed the name resolved under
    proposed_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewSession:
    """An officer's session on the review pages, from sign-in to sign-out or expiry. `session_id` is the
    SHA-256 of the random ID the session cookie carries (the store never holds a usable cookie)."""

    session_id: str
    key_id: str
    country: str
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key as kept: its public ID, the SHA-256 of its secret, whose it is and when it stops working."""

    key_id: str
    secret_hash: str
    organisation: str
    country: str | None  # ISO 3166 alpha-2 for a national system or partner; None for the hub's staff
    role: Role
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DisabledEndpoint:
    """A partner's endpoint that no delivery is sent to (after a 410), why, and since when."""

    recipient: str
    reason: str
    disabled_at: datetime


class UnresolvedQueue(Protocol):
    """The store's unresolved queue as `gateway.resolve.unresolved.OpenNames` reads, claims and marks
    it: the slice of `Store` its checks need."""

    def unresolved(
        self, limit: int, offset: int = 0, open_in: str | None = None
    ) -> list[UnresolvedCount]: ...
    def claim_unresolved(
        self,
        version: str,
        checker: str,
        limit: int,
        lease_until: datetime,
        now: datetime,
        within: int | None = None,
    ) -> list[UnresolvedCount]: ...
    def mark_unresolved(self, version: str, marks: Sequence[tuple[UnresolvedCount, bool]]) -> None: ...


class Store(UnresolvedQueue, Protocol):
    """Messages, their outbox and events, keys and unresolved names; see the module docstring."""

    def accept(
        self,
        message: NewMessage,
        deliveries: Sequence[NewDelivery],
        events: Sequence[NewEvent],
        unresolved: Sequence[UnresolvedName] = (),
    ) -> Accepted: ...
    def message(self, message_id: str) -> StoredMessage | None: ...
    def message_head(self, message_id: str) -> MessageHead | None: ...
    def events(self, message_id: str) -> list[Event]: ...
    def message_events(self, message_ids: Sequence[str]) -> dict[str, list[Event]]: ...
    def deliveries(self, message_id: str) -> list[Delivery]: ...
    def delivery(self, delivery_id: int) -> Delivery | None: ...
    def pending_ids(self, message_id: str, methods: Sequence[str] = ("push", "file")) -> list[int]: ...
    def due(self, now: datetime, limit: int, methods: Sequence[str] = ("push", "file")) -> list[Delivery]: ...
    def expiring(self, now: datetime, limit: int, methods: Sequence[str] = ("pull",)) -> list[Delivery]: ...
    def claim(
        self, delivery_id: int, worker: str, lease_until: datetime, now: datetime
    ) -> Delivery | None: ...
    def finish(self, delivery_id: int, worker: str, outcome: Outcome) -> bool: ...
    def inbox(
        self, recipient: str, after: int, limit: int, now: datetime | None = None
    ) -> list[Delivery]: ...
    def acknowledge(self, recipient: str, delivery_id: int, now: datetime | None = None) -> bool: ...
    def dead_letters(
        self, recipient: str | None, after: int = 0, limit: int | None = None, reason: str | None = None
    ) -> list[Delivery]: ...
    def resend(self, delivery_id: int, now: datetime) -> bool: ...
    def hold(self, sender: str, recipient: str, reason: str, now: datetime) -> list[int]: ...
    def resume(self, sender: str, recipient: str, now: datetime) -> list[int]: ...
    def held_directions(self) -> list[tuple[str, str]]: ...
    def expire_held(self, now: datetime, limit: int) -> list[int]: ...
    def delivery_counts(self) -> dict[str, int]: ...
    def disable_endpoint(self, recipient: str, reason: str, now: datetime | None = None) -> None: ...
    def endpoint_disabled(self, recipient: str) -> str | None: ...
    def enable_endpoint(self, recipient: str, now: datetime | None = None) -> bool: ...
    def endpoint_events(self, recipient: str) -> list[Event]: ...
    def disabled_endpoints(self) -> list[DisabledEndpoint]: ...
    def record_unresolved(self, names: Sequence[UnresolvedName]) -> None: ...
    def unresolved_unchecked(self, version: str, limit: int) -> list[UnresolvedCount]: ...
    def propose_correction(self, correction: Correction) -> bool: ...
    def corrections(self, limit: int, offset: int = 0) -> list[Correction]: ...
    def message_corrections(self, message_id: str, country: str) -> list[Correction]: ...
    def open_review_session(self, session: ReviewSession) -> None: ...
    def review_session(self, session_id: str) -> ReviewSession | None: ...
    def end_review_session(self, session_id: str, now: datetime) -> bool: ...
    def sweep_review_sessions(self, now: datetime, limit: int) -> int: ...
    def trim_review_sessions(self, key_id: str, keep: int) -> int: ...
    def prune(self, before: datetime, now: datetime, limit: int | None, dry_run: bool = False) -> Pruned: ...
    def forget(self, before: datetime, limit: int | None, dry_run: bool = False) -> int: ...
    def kept(self, before: datetime, limit: int) -> list[Kept]: ...
    def kept_count(self, before: datetime) -> tuple[int, datetime | None]: ...
    def add_key(self, key: ApiKey) -> None: ...
    def key(self, key_id: str) -> ApiKey | None: ...
    def api_keys(self) -> list[ApiKey]: ...
    def update_key(self, key: ApiKey) -> None: ...
    def probe_write(self) -> None:
        """Raise what the store raises when it cannot write now (a full disk, a read-only file)."""
        ...
