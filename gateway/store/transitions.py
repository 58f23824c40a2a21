"""What every store version does the same way when a delivery changes state: its events and notices.

Kept apart from the storage code so that the memory and SQL versions cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from gateway.store.port import (
    ENDED_STATES,
    Delivery,
    NewDelivery,
    NewEvent,
    Outcome,
    StoredMessage,
    UnresolvedCount,
    UnresolvedName,
)
from gateway.store.shown import shown

EXAMPLES_KEPT = 5

_OUTCOME_EVENTS = {
    "delivered": ("delivery:attempted", "delivery:delivered"),
    "retrying": ("delivery:attempted", "delivery:retry-scheduled"),
    "dead": ("delivery:attempted", "delivery:dead"),
    "expired": ("delivery:expired",),
    "held": ("delivery:held",),
}
LIVE_STATES = ("pending", "retrying")
HELD_EXPIRED = (
    "delivery.held-expired: the time to live ran out while the agreement with the recipient was suspended"
)


def queued_event(delivery: Delivery) -> NewEvent:
    """The event written with each new outbox row."""
    detail = {"delivery_id": delivery.id, "method": delivery.method, "kind": delivery.kind}
    return NewEvent("delivery:queued", delivery.recipient, detail)


def enabled_event(recipient: str, reason: str) -> NewEvent:
    """The event of an operator enabling `recipient`'s endpoint again; `reason` is why it was disabled."""
    return NewEvent("endpoint:enabled", recipient, {"disabled_because": reason})


def outcome_events(delivery: Delivery, outcome: Outcome) -> list[NewEvent]:
    """The events that `Store.finish` appends for `outcome`."""
    if outcome.state == "held":
        return [held_event(delivery, outcome.error or "")]
    detail: dict[str, object] = {"delivery_id": delivery.id, "attempt": delivery.attempts + 1}
    if outcome.error:
        detail["error"] = outcome.error
    if outcome.next_attempt_at:
        detail["next_attempt_at"] = outcome.next_attempt_at.isoformat()
    return [NewEvent(name, delivery.recipient, detail) for name in _OUTCOME_EVENTS[outcome.state]]


def counts_as_attempt(outcome: Outcome) -> bool:
    """Whether `outcome` followed a real attempt (an expiry or a hold is found before trying)."""
    return outcome.state not in ("expired", "held")


def resent(delivery: Delivery, now: datetime) -> Delivery:
    """A dead `delivery` put back by an operator: due `now`, with the whole retry schedule again (its
    attempt count starts over; the `delivery:resent` event keeps the count it had)."""
    return replace(
        delivery, state="pending", attempts=0, next_attempt_at=now, lease_owner=None, lease_until=None
    )


def resent_event(delivery: Delivery) -> NewEvent:
    """The event of resending the dead `delivery`, with the attempts it had used."""
    detail = {"delivery_id": delivery.id, "attempts_before": delivery.attempts}
    return NewEvent("delivery:resent", delivery.recipient, detail)


def tells_sender(delivery: Delivery, outcome: Outcome) -> bool:
    """Whether `outcome` ends `delivery` undelivered, so that its sender must be told: a message that went
    dead or expired. A notice is never sent about a notice."""
    return outcome.state in ("dead", "expired") and delivery.kind == "message"


def non_delivery_notice(delivery: Delivery, sender: str, outcome: Outcome) -> NewDelivery:
    """The notice to the sender that `delivery` ended undelivered (dead or expired, `outcome`), as it
    stood then: a pull delivery to the sender's inbox, written in the same transaction as the outcome."""
    done = finished(delivery, outcome)
    notice = {
        "type": "non-delivery-notice",
        "message_id": delivery.message_id,
        "recipient": delivery.recipient,
        "state": outcome.state,
        "reason": shown(outcome.error),
        "attempts": done.attempts,
        "last_error": shown(outcome.error if outcome.state == "dead" else delivery.last_error),
        "failed_at": outcome.at.isoformat(),
        "status": f"/v1/messages/{delivery.message_id}",
    }
    payload = json.dumps(notice, ensure_ascii=False).encode("utf-8")
    return NewDelivery(sender, "non-delivery-notice", "pull", None, payload, outcome.at, None)


def is_due(delivery: Delivery, now: datetime, methods: tuple[str, ...]) -> bool:
    """Whether the dispatcher should claim `delivery` now."""
    leased = delivery.lease_until is not None and delivery.lease_until > now
    return (
        delivery.state in ("pending", "retrying")
        and delivery.method in methods
        and delivery.next_attempt_at <= now
        and not leased
    )


def finished(delivery: Delivery, outcome: Outcome) -> Delivery:
    """`delivery` after `outcome`, its lease released."""
    attempts = delivery.attempts + (1 if counts_as_attempt(outcome) else 0)
    return replace(
        delivery,
        state=outcome.state,
        attempts=attempts,
        last_error=outcome.error if outcome.state not in ("delivered", "held") else delivery.last_error,
        delivered_at=outcome.at if outcome.state == "delivered" else None,
        next_attempt_at=outcome.next_attempt_at or delivery.next_attempt_at,
        lease_owner=None,
        lease_until=None,
    )


def counted(previous: UnresolvedCount | None, name: UnresolvedName) -> UnresolvedCount:
    """The count of a name after one more sighting; a few message IDs are kept as examples, and every
    sending country. A new name counts as checked (open) against the glossary version it was a guess
    under, and so does a name sent by a new country: whatever an older check said for the others, this
    sighting shows it open under that version (its check undone when the version is unknown)."""
    if previous is None:
        ids: tuple[str, ...] = (name.message_id,) if name.message_id else ()
        return UnresolvedCount(
            name.kind, name.text, name.language, name.script, 1, ids, name.seen_at, name.seen_at,
            with_country((), name.country), name.glossary_version,
        )  # fmt: skip
    countries = with_country(previous.countries, name.country)
    grown = countries != previous.countries
    return replace(
        previous,
        count=previous.count + 1,
        message_ids=with_example(previous.message_ids, name.message_id),
        first_seen=min(previous.first_seen, name.seen_at),
        last_seen=max(previous.last_seen, name.seen_at),
        countries=countries,
        checked_in=name.glossary_version if grown else previous.checked_in,
        answered=False if grown else previous.answered,
    )


def with_example(examples: tuple[str, ...], message_id: str | None) -> tuple[str, ...]:
    """`examples` with `message_id` added when it is new and fewer than EXAMPLES_KEPT are kept."""
    if message_id and message_id not in examples and len(examples) < EXAMPLES_KEPT:
        return (*examples, message_id)
    return examples


def answered_in(name: UnresolvedCount, version: str | None) -> bool:
    """Whether the glossary `version` was found to resolve `name` for every country that sent it."""
    return version is not None and name.checked_in == version and name.answered


def queue_order(name: UnresolvedCount) -> tuple[int, str, str, str]:
    """The unresolved queue's order: most frequent first, then kind, text and language."""
    return (-name.count, name.kind, name.text, name.language or "")


def with_country(countries: tuple[str, ...], country: str | None) -> tuple[str, ...]:
    """`countries` with `country` added when it is new, sorted (a name's senders: a few of the
    CAREC countries, all kept)."""
    if country and country not in countries:
        return tuple(sorted((*countries, country)))
    return countries


def is_expiring(delivery: Delivery, now: datetime, methods: tuple[str, ...]) -> bool:
    """Whether `delivery` is still waiting (pending or retrying) past its time to live."""
    return (
        delivery.state in ("pending", "retrying")
        and delivery.method in methods
        and delivery.expires_at is not None
        and delivery.expires_at <= now
    )


def reason_prefix(reason: str) -> str:
    """How an error whose code is `reason` starts (``push.http-503`` -> ``push.http-503:``)."""
    return f"{reason}:"


def is_dead_letter(delivery: Delivery, recipient: str | None, after: int, reason: str | None) -> bool:
    """Whether `delivery` is on the page of dead letters after ID `after`, of `recipient` (or any) and
    with the error code `reason` (or any)."""
    return (
        delivery.state == "dead"
        and delivery.id > after
        and recipient in (None, delivery.recipient)
        and (reason is None or (delivery.last_error or "").startswith(reason_prefix(reason)))
    )


def held_event(delivery: Delivery, reason: str) -> NewEvent:
    """The event of holding `delivery`: its direction's agreement is suspended, for `reason`."""
    return NewEvent("delivery:held", delivery.recipient, {"delivery_id": delivery.id, "reason": reason})


def held(delivery: Delivery) -> Delivery:
    """`delivery` held: neither attempted nor in an inbox; its attempts, retry time and expiry kept."""
    return replace(delivery, state="held", lease_owner=None, lease_until=None)


def is_holdable(delivery: Delivery, recipient: str, now: datetime) -> bool:
    """Whether a hold of the direction to `recipient` takes `delivery` (its sender is checked apart): a
    message waiting for its turn, not one a dispatcher is attempting now (its lease is held)."""
    leased = delivery.lease_until is not None and delivery.lease_until > now
    return (
        delivery.kind == "message"
        and delivery.recipient == recipient
        and delivery.state in LIVE_STATES
        and not leased
    )


def resumed_values(attempts: int, next_attempt_at: datetime, now: datetime) -> dict[str, object]:
    """The columns of a push or file delivery resumed at `now`: due at once, or at the retry time it was
    given if that is later (a partner's Retry-After is still honoured); its attempts count on."""
    state = "retrying" if attempts else "pending"
    return {"state": state, "next_attempt_at": max(next_attempt_at, now), "lease_owner": None,
            "lease_until": None}  # fmt: skip


def resumed_event(recipient: str, delivery_id: int, previous_id: int | None = None) -> NewEvent:
    """The event of resuming a held delivery; a pull delivery goes back under a new ID (`delivery_id`,
    after `previous_id`), so that a partner reading its inbox after a cursor does not pass it by."""
    detail: dict[str, object] = {"delivery_id": delivery_id}
    if previous_id is not None:
        detail["previous_id"] = previous_id
    return NewEvent("delivery:resumed", recipient, detail)


def emptied(message: StoredMessage, now: datetime) -> StoredMessage:
    """`message` as retention leaves it (`Store.prune`): what identifies it, without its contents."""
    return replace(message, original=b"", harmonized=None, issues=(), status="pruned", pruned_at=now)


def is_prunable(message: StoredMessage, outbox: Sequence[Delivery], before: datetime) -> bool:
    """Whether retention may empty `message`: received before `before`, not emptied yet, and every one of
    its deliveries (`outbox`, its non-delivery notices among them) ended."""
    return (
        message.pruned_at is None
        and message.received_at < before
        and all(d.state in ENDED_STATES for d in outbox)
    )
