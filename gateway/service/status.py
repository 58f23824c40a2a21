"""Message status: the lifecycle of one message and its events, per recipient (issue 5, point 7).

The sender and the operator see every recipient; a recipient sees only its own part: its deliveries and
their events, and of the message what it is (sender, reference, format, kind, status). Not the sender's
warnings, which quote values of the whole document (elements its agreement may withhold), nor the digest
and size of the original, which describe those elements too. A country (sender or recipient) reads the
code of an error about the gateway's own set-up, not its text (`gateway.store.shown`). A message that
retention removed answers `message.pruned` (410), with when it was received and removed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gateway.access.keys import Principal
from gateway.access.roles import may_read_status, sees_every_recipient
from gateway.issues import Issue
from gateway.service.errors import Forbidden, MessagePruned, NotFound
from gateway.store.port import Delivery, Event, Store
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


def message_status(store: Store, principal: Principal, message_id: str) -> MessageStatus:
    """The status of `message_id` as `principal` may see it."""
    message = store.message(message_id)
    if message is None:
        raise NotFound.because(f"No message {message_id}.")
    if message.pruned_at is not None:  # its deliveries are gone: whoever holds its ID learns only that
        raise MessagePruned.of(message_id, message.received_at, message.pruned_at)
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


RECIPIENTS_DETAIL = frozenset({"format", "kind", "reference"})
"""What a recipient reads of an event of the whole message (`message:received`): what the status says."""


def _their_part(event: Event) -> Event:
    """An event as a recipient reads it: its own in full, one of the whole message with what it is only."""
    if event.recipient is not None:
        return event
    return replace(event, detail={k: v for k, v in event.detail.items() if k in RECIPIENTS_DETAIL})
