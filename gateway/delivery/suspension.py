"""Suspended agreements: their deliveries held, resumed when the agreement is in force again.

An agreement file (or one direction of it) may say `suspended: <reason>` (docs/agreements.md). While it
does, every message delivery of that direction is held in the store (`Store.hold`): neither attempted
(no retry is used up) nor shown in the partner's inbox, each with a `delivery:held` event that gives the
reason. Its time to live runs on: past it, the delivery expires and its sender gets the non-delivery
notice (`Store.expire_held`, code `delivery.held-expired`), so a message is never delivered late. When
the direction is in force again, its held deliveries are resumed (`Store.resume`, `delivery:resumed`):
push and file ones are due at once (or at a later retry time already given), pull ones are back in the
inbox under a new delivery ID. A direction that was removed while held is resumed too: the dispatcher
then ends it as `agreement.withdrawn`, and a pull delivery waits in the inbox as after any removal.

`Suspensions.settle` brings the store in line with the agreements in force: the dispatcher runs it at
each sweep (`gateway serve`'s and every `gateway worker`'s), the serving processes every
`GATEWAY_AGREEMENTS_CHECK_SECONDS` (for pull partners), and `HoldingAnnouncer` holds a new message's
deliveries right after its commit. Every step is one transaction of the store and may run in several
processes at once: a delivery is held or resumed once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gateway.agreements import Agreements, LiveAgreements, in_force
from gateway.service.announcer import Announcer
from gateway.store.port import Accepted, Store
from gateway.sweep import start_sweep

log = logging.getLogger("gateway.delivery")
EXPIRY_BATCH = 500
Direction = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Settled:
    """What one `settle` did: delivery IDs held, resumed (pull: their new IDs) and expired."""

    held: list[int] = field(default_factory=list)
    resumed: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


class Suspensions:
    """Holds and resumes the deliveries of suspended directions, as the agreements in force say."""

    def __init__(self, store: Store, agreements: Agreements | LiveAgreements) -> None:
        self.store, self.agreements = store, agreements

    def suspended(self) -> dict[Direction, str]:
        """The directions suspended in the agreements in force, with their reasons."""
        return {
            (a.sender, a.recipient): a.suspended for a in in_force(self.agreements) if a.suspended is not None
        }

    def settle(self, now: datetime) -> Settled:
        """Expire what is held past its time to live, hold what a suspension covers, resume the rest.
        With nothing suspended and nothing held, one read."""
        held_before = self.store.held_directions()
        done = Settled(expired=self.store.expire_held(now, EXPIRY_BATCH) if held_before else [])
        suspended = self.suspended()
        for (sender, recipient), reason in suspended.items():
            done.held.extend(self._hold(sender, recipient, reason, now))
        for sender, recipient in held_before:
            if (sender, recipient) not in suspended:
                resumed = self.store.resume(sender, recipient, now)
                done.resumed.extend(self._logged("resumed", sender, recipient, resumed))
        return done

    def hold_new(self, message_id: str, now: datetime) -> list[int]:
        """Hold the deliveries of a message just stored whose direction is suspended (nothing to read
        when no direction is)."""
        suspended = self.suspended()
        if not suspended:
            return []
        message = self.store.message_head(message_id)
        if message is None:
            return []
        held: list[int] = []
        for (sender, recipient), reason in suspended.items():
            if sender == message.sender:
                held += self._hold(sender, recipient, reason, now)
        return held

    def _hold(self, sender: str, recipient: str, reason: str, now: datetime) -> list[int]:
        return self._logged("held", sender, recipient, self.store.hold(sender, recipient, reason, now))

    def _logged(self, what: str, sender: str, recipient: str, ids: list[int]) -> list[int]:
        if ids:
            fields = {"sender": sender, "recipient": recipient, "delivery_ids": ids}
            log.info("delivery:%s %d from %s to %s", what, len(ids), sender, recipient, extra=fields)
        return ids


class HoldingAnnouncer:
    """After a commit: holds the new message's deliveries to suspended partners, then tells `inner`."""

    def __init__(self, inner: Announcer, suspensions: Suspensions, clock: Callable[[], datetime]) -> None:
        self.inner, self.suspensions, self.clock = inner, suspensions, clock

    def announce(self, accepted: Accepted) -> None:
        if accepted.created:
            try:
                self.suspensions.hold_new(accepted.message_id, self.clock())
            except Exception:  # an announcer must not raise: the next settle holds them
                log.exception("delivery:hold-failed")
        self.inner.announce(accepted)


def start_settling(
    suspensions: Suspensions, clock: Callable[[], datetime], every: timedelta
) -> threading.Event:
    """Settle in a background thread every `every` (a serving process without a dispatcher: its pull
    partners); set the returned event to stop it."""
    return start_sweep(
        lambda: suspensions.settle(clock()),
        every.total_seconds(),
        "suspensions",
        log,
        "delivery:settle-failed",
    )
