"""The dead-letter list as an operator on call reads it, and resending a partner's dead letters at once.

A dead letter is a push or file delivery that failed for good (docs/delivery.md). For each, the list says
why (the code and text of its last error), when the dispatcher last took it up, the last HTTP status and
the last Retry-After the partner answered (read from the errors of its `delivery:attempted` events, which
`gateway.delivery.attempt.http_error` writes), and whether its time to live has passed: such a letter is
never resent, since a message is never delivered late. Used by `gateway dead-letters` and the API.

The list comes in pages ordered by delivery ID, oldest delivery first, after a cursor (`after`, the last
ID of the page before): keyset paging, so a letter resent meanwhile leaves the list without shifting the
pages, and no letter is shown twice. A delivery that dies while an operator pages (its ID may be below
the cursor: it was queued long ago) shows on the next walk from the start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from gateway.delivery.attempt import ErrorFacts, read_error
from gateway.store.port import Delivery, Event, Store

DEFAULT_PAGE = 100
MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """One dead delivery and what its attempts saw."""

    delivery: Delivery
    reason: ErrorFacts
    last_attempt_at: datetime | None
    status: int | None
    retry_after: str | None
    expired: bool

    @property
    def resendable(self) -> bool:
        """Whether a resend may still deliver it: its time to live has not passed."""
        return not self.expired


@dataclass(frozen=True, slots=True)
class DeadLetterPage:
    """A page of the list: its letters, and the `after` of the next page (None: this is the last)."""

    letters: list[DeadLetter]
    next_after: int | None


@dataclass(frozen=True, slots=True)
class Resent:
    """What resending a partner's dead letters did: the IDs put back in the queue, and those left dead
    because their time to live had passed (their sender was told when they died)."""

    resent: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


def past_time_to_live(delivery: Delivery, now: datetime) -> bool:
    """Whether `delivery`'s time to live has passed at `now`: from then on it is never sent."""
    return delivery.expires_at is not None and delivery.expires_at <= now


def dead_letter_page(
    store: Store,
    recipient: str | None,
    now: datetime,
    *,
    after: int = 0,
    limit: int = DEFAULT_PAGE,
    reason: str | None = None,
) -> DeadLetterPage:
    """One page of dead letters, by delivery ID from the oldest: those of `recipient` (or all) whose error
    has the code `reason` (or any), with an ID above `after`, at most `limit` (1 to `MAX_PAGE`)."""
    limit = min(max(limit, 1), MAX_PAGE)
    return page_of(store, store.dead_letters(recipient, after, limit + 1, reason), limit, now)


def page_of(store: Store, found: list[Delivery], limit: int, now: datetime) -> DeadLetterPage:
    """The page of the first `limit` dead letters of `found` (asked for one more than `limit`, to know
    whether another page follows), each with what its attempts saw."""
    letters = found[:limit]
    events = store.message_events([letter.message_id for letter in letters])
    described = [describe(letter, events[letter.message_id], now) for letter in letters]
    return DeadLetterPage(described, letters[-1].id if len(found) > limit else None)


def describe(delivery: Delivery, events: list[Event], now: datetime) -> DeadLetter:
    """A dead `delivery` with the facts of its attempts, from its message's `events`."""
    attempts = [
        event
        for event in events
        if event.name == "delivery:attempted" and event.detail.get("delivery_id") == delivery.id
    ]
    seen = [read_error(str(event.detail.get("error", ""))) for event in attempts]
    status = next((facts.status for facts in reversed(seen) if facts.status is not None), None)
    wait = next((facts.retry_after for facts in reversed(seen) if facts.retry_after is not None), None)
    last = attempts[-1].at if attempts else None
    reason = read_error(delivery.last_error)
    return DeadLetter(delivery, reason, last, status, wait, past_time_to_live(delivery, now))


def resend_dead_letters(store: Store, letters: list[Delivery], now: datetime) -> Resent:
    """Put every one of the dead `letters` (`store.dead_letters(recipient)`) still within its time to live
    back in the queue, due `now` with the whole retry schedule; leave the others dead and list them. One
    that is no longer dead (another operator resent it meanwhile) is left alone."""
    outcome = Resent()
    for letter in letters:
        if past_time_to_live(letter, now):
            outcome.expired.append(letter.id)
        elif store.resend(letter.id, now):
            outcome.resent.append(letter.id)
    return outcome


def resend_partner(store: Store, recipient: str, now: datetime) -> Resent:
    """Resend every dead letter of `recipient` still within its time to live (`resend_dead_letters`), a
    page at a time, so that a partner with many thousands reads no more than a page at once."""
    outcome, after = Resent(), 0
    while letters := store.dead_letters(recipient, after, MAX_PAGE):
        page = resend_dead_letters(store, letters, now)
        outcome.resent.extend(page.resent)
        outcome.expired.extend(page.expired)
        after = letters[-1].id
    return outcome


def summary(letter: DeadLetter) -> dict[str, object]:
    """A dead letter as plain fields (the command line's JSON and the API's body): the delivery's fields
    as the message status shows them, and what its attempts saw."""
    delivery = letter.delivery
    return {
        "id": delivery.id, "message_id": delivery.message_id, "recipient": delivery.recipient,
        "kind": delivery.kind, "method": delivery.method, "endpoint": delivery.endpoint,
        "state": delivery.state, "attempts": delivery.attempts, "next_attempt_at": delivery.next_attempt_at,
        "expires_at": delivery.expires_at, "last_error": delivery.last_error,
        "delivered_at": delivery.delivered_at, "reason_code": letter.reason.code,
        "last_attempt_at": letter.last_attempt_at, "status": letter.status,
        "retry_after": letter.retry_after, "resendable": letter.resendable,
    }  # fmt: skip
