"""Message status: the lifecycle of one message and its events, per recipient (issue 5, point 7).

The sender and the operator see every recipient; a recipient sees only its own part: its deliveries and
their events, and of the message what it is (sender, reference, format, kind, status). Not the sender's
warnings, which quote values of the whole document (elements its agreement may withhold), nor the digest
and size of the original, which describe those elements too. A country (sender or recipient) reads the
code of an error about the gateway's own set-up, not its text (`gateway.store.shown`). A message that
retention removed answers `message.pruned` (410), with when it was received and removed.

A message's issues are listed whole a page at a time by `message_issues`, to its sender and the operator
only (the status lists the first of them: `gateway.api.problem_issues`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gateway.access.keys import Principal
from gateway.access.roles import may_read_issues, may_read_status, sees_every_recipient
from gateway.issues import Issue
from gateway.service.errors import Forbidden, MessagePruned, NotFound
from gateway.store.port import Delivery, Event, MessageHead, Store
from gateway.store.shown import shown, shown_detail


@dataclass(frozen=True, slots=True)
class MessageStatus:
    """What a reader may know of one message."""

    message_id: str
    sender: str
    reference: str
    format: str | None
    kind: str | None
    status: str
    received_at: str
    issues: tuple[Issue, ...]
    deliveries: list[Delivery]
    events: list[Event]


@dataclass(frozen=True, slots=True)
class IssuePage:
    """Issues `offset` to `offset + len(issues)` of a message's `issue_count`."""

    issue_count: int
    offset: int
    issues: tuple[Issue, ...]

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts; None after the last issue."""
        end = self.offset + len(self.issues)
        return end if end < self.issue_count else None


def message_status(store: Store, principal: Principal, message_id: str) -> MessageStatus:
    """The status of `message_id` as `principal` may see it."""
    message = _kept(store, message_id)
    deliveries = store.deliveries(message_id)
    if not may_read_status(principal, message, deliveries):
        raise Forbidden.because(f"Message {message_id} was neither sent by nor addressed to this key.")
    events, issues = store.events(message_id), message.issues
    if not sees_every_recipient(principal, message):
        deliveries = [d for d in deliveries if d.recipient == principal.country]
        events = [_their_part(e) for e in events if e.recipient in (None, principal.country)]
        issues = ()
    if principal.role != "operator":  # a country: the hub's own set-up is not in its errors
        deliveries = [replace(d, last_error=shown(d.last_error)) for d in deliveries]
        events = [replace(e, detail=shown_detail(e.detail)) for e in events]
    return MessageStatus(
        message.message_id, message.sender, message.reference, message.format, message.kind,
        message.status, message.received_at.isoformat(), issues, deliveries, events,
    )  # fmt: skip


def message_issues(store: Store, principal: Principal, message_id: str, offset: int, limit: int) -> IssuePage:
    """At most `limit` of the issues of `message_id` from the `offset`th, for its sender or an operator."""
    message = _kept(store, message_id)
    if not may_read_issues(principal, message):
        raise Forbidden.because(f"The issues of message {message_id} are its sender's to read.")
    return IssuePage(len(message.issues), offset, message.issues[offset : offset + limit])


def _kept(store: Store, message_id: str) -> MessageHead:
    """The message `message_id`; refused when there is none, or when retention removed it (whoever holds
    its ID learns only that: its deliveries and issues are gone)."""
    message = store.message_head(message_id)
    if message is None:
        raise NotFound.because(f"No message {message_id}.")
    if message.pruned_at is not None:
        raise MessagePruned.of(message_id, message.received_at, message.pruned_at)
    return message


RECIPIENTS_DETAIL = frozenset({"format", "kind", "reference"})
"""What a recipient reads of an event of the whole message (`message:received`): what the status says."""


def _their_part(event: Event) -> Event:
    """An event as a recipient reads it: its own in full, one of the whole message with what it is only."""
    if event.recipient is not None:
        return event
    return replace(event, detail={k: v for k, v in event.detail.items() if k in RECIPIENTS_DETAIL})
