"""The pull inbox of a country: its pending deliveries by cursor, and acknowledgements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from gateway.access.keys import Principal
from gateway.access.roles import may_read_inbox
from gateway.service.errors import Forbidden, NotFound
from gateway.store.port import Delivery, Store

MAX_PAGE = 500


class Inbox:
    """Reads and acknowledges the pull deliveries addressed to a country."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store, self.clock = store, clock

    def read(self, principal: Principal, country: str, after: int, limit: int) -> list[Delivery]:
        """Up to `limit` unacknowledged deliveries with an ID above `after`, oldest first; expired ones
        are never shown (a message is never delivered late)."""
        _check(principal, country)
        return self.store.inbox(country, after, min(limit, MAX_PAGE), now=self.clock())

    def get(self, principal: Principal, country: str, delivery_id: int) -> Delivery:
        """One delivery of the country's inbox, waiting or already acknowledged; never one past its time
        to live that was not acknowledged in time."""
        _check(principal, country)
        delivery = self.store.delivery(delivery_id)
        if delivery is None or delivery.recipient != country or delivery.method != "pull":
            raise NotFound.because(f"No delivery {delivery_id} in the inbox of {country}.")
        if delivery.state == "held":
            raise NotFound.because(
                f"Delivery {delivery_id} is held while the agreement is suspended; it comes back in the "
                "inbox under a new ID when the agreement is resumed."
            )
        late = delivery.expires_at is not None and delivery.expires_at <= self.clock()
        if delivery.state not in ("pending", "retrying", "delivered") or (
            late and delivery.state != "delivered"
        ):
            raise NotFound.because(f"Delivery {delivery_id} expired before it was read.")
        return delivery

    def acknowledge(self, principal: Principal, country: str, delivery_id: int) -> None:
        """Mark one delivery as received; acknowledging twice is not an error. Not one past its time to
        live (the expiry sweep finishes it and tells the sender): it would then be read late."""
        _check(principal, country)
        if self.store.acknowledge(country, delivery_id, self.clock()):
            return
        delivery = self.store.delivery(delivery_id)
        if delivery is None or delivery.recipient != country or delivery.method != "pull":
            raise NotFound.because(f"No delivery {delivery_id} in the inbox of {country}.")
        if delivery.state in ("pending", "retrying"):  # past its time to live, not yet swept
            raise NotFound.because(f"Delivery {delivery_id} expired before it was acknowledged.")
        if delivery.state != "delivered":
            raise NotFound.because(f"Delivery {delivery_id} is {delivery.state}, no longer in the inbox.")


def _check(principal: Principal, country: str) -> None:
    if not may_read_inbox(principal, country):
        raise Forbidden.because(f"This key may not read the inbox of {country}.")
