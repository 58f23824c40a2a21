"""Message status: the lifecycle of one message and its events, per recipient (issue 5, point 7).

The sender and the operator see every recipient; a recipient sees only its own part.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.access.keys import Principal
from gateway.access.roles import may_read_status, sees_every_recipient
from gateway.issues import Issue
from gateway.service.errors import Forbidden, NotFound
from gateway.store.port import Delivery, Event, Store


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
    deliveries = store.deliveries(message_id)
    if not may_read_status(principal, message, deliveries):
        raise Forbidden.because(f"Message {message_id} was neither sent by nor addressed to this key.")
    events = store.events(message_id)
    if not sees_every_recipient(principal, message):
        deliveries = [d for d in deliveries if d.recipient == principal.country]
        events = [e for e in events if e.recipient in (None, principal.country)]
    return MessageStatus(
        message.message_id, message.sender, message.reference, message.format, message.kind,
        message.status, message.received_at.isoformat(), message.issues, deliveries, events,
    )  # fmt: skip
