"""The operator's and terminologist's views: dead letters, resending, endpoints, unresolved names and
the officers' proposed corrections of names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from gateway.access.keys import Principal
from gateway.access.roles import may_operate, may_read_unresolved
from gateway.delivery.dead_letters import Resent, past_time_to_live, resend_partner
from gateway.resolve.corrections import ProposedNames, still_open
from gateway.resolve.unresolved import OpenNames
from gateway.service.errors import DeliveryExpired, Forbidden, NotFound
from gateway.store.port import Correction, Delivery, DisabledEndpoint, Store, UnresolvedCount


class Operations:
    """What operators (and terminologists, for the unresolved names) may do."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime], open_names: OpenNames | None = None
    ) -> None:
        self.store, self.clock = store, clock
        self.open_names = open_names
        """Leaves out the queue's names the glossary in force resolves (None: the store's queue as is)."""
        self.proposed_names = ProposedNames()
        """The proposed names' readings under the glossary in force, kept across reads of the list."""

    def dead_letters(
        self,
        principal: Principal,
        recipient: str | None,
        after: int = 0,
        limit: int | None = None,
        reason: str | None = None,
    ) -> list[Delivery]:
        """Deliveries that failed for good, for one recipient or all, by ID after `after`, at most `limit`,
        with the error code `reason` or any."""
        _operator(principal)
        return self.store.dead_letters(recipient, after, limit, reason)

    def resend_partner(self, principal: Principal, recipient: str) -> Resent:
        """Resend every dead letter of `recipient` still within its time to live; list those past it."""
        _operator(principal)
        return resend_partner(self.store, recipient, self.clock())

    def resend(self, principal: Principal, delivery_id: int) -> Delivery:
        """Put a dead delivery back in the queue, due now; not once its time to live has passed (it would
        only expire: a message is never delivered late)."""
        _operator(principal)
        now, dead = self.clock(), self.store.delivery(delivery_id)
        if dead is not None and dead.state == "dead" and past_time_to_live(dead, now):
            assert dead.expires_at is not None
            raise DeliveryExpired.because(
                f"Delivery {delivery_id} expired at {dead.expires_at.isoformat()}; it stays dead.",
                pointer="path/delivery_id",
            )
        if not self.store.resend(delivery_id, now):
            raise NotFound.because(f"No dead delivery {delivery_id}.")
        delivery = self.store.delivery(delivery_id)
        assert delivery is not None
        return delivery

    def disabled_endpoints(self, principal: Principal) -> list[DisabledEndpoint]:
        """The partners' endpoints that nothing is sent to, since a 410."""
        _operator(principal)
        return self.store.disabled_endpoints()

    def enable_endpoint(self, principal: Principal, recipient: str) -> None:
        """Send to `recipient`'s endpoint again after it was disabled (a 410); its dead letters stay dead
        until resent."""
        _operator(principal)
        if not self.store.enable_endpoint(recipient, self.clock()):
            raise NotFound.because(f"The endpoint of {recipient} is not disabled.")

    def unresolved(self, principal: Principal, limit: int) -> list[tuple[UnresolvedCount, bool, bool]]:
        """The names resolution could not settle and the glossary in force still does not, most frequent
        first, each with whether it was checked against the glossary in force and whether the background
        check checks it against each version (`OpenNames`: else only a read that lists it does)."""
        if not may_read_unresolved(principal):
            raise Forbidden.because("Only terminologists and operators read the unresolved names.")
        if (open_names := self.open_names) is None:
            return [(name, False, False) for name in self.store.unresolved(limit)]
        version, names = open_names.version(), open_names.of(self.store, limit)
        return [
            (name, name.checked_in == version, open_names.in_background(position))
            for position, name in enumerate(names)
        ]

    def corrections(self, principal: Principal, limit: int, offset: int = 0) -> list[tuple[Correction, bool]]:
        """The officers' proposed corrections of names, newest first, each with whether the glossary in
        force follows it already (the name resolves, not as a guess, to the English form and code
        proposed: `gateway.resolve.corrections.still_open`; False when no glossary is in force)."""
        if not may_read_unresolved(principal):
            raise Forbidden.because("Only terminologists and operators read the proposed corrections.")
        found = self.store.corrections(limit, offset)
        if self.open_names is None:
            return [(proposal, False) for proposal in found]
        open_ones = {id(proposal) for proposal in still_open(found, self.open_names, self.proposed_names)}
        return [(proposal, id(proposal) not in open_ones) for proposal in found]


def _operator(principal: Principal) -> None:
    if not may_operate(principal):
        raise Forbidden.because("Only operators see dead letters, resend them and enable endpoints.")
