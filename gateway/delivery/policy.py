"""What the agreement behind a delivery says about its next attempt: method, endpoint, retry schedule and
signing keys, or that the agreement no longer covers it.

A delivery row names its message and recipient; the agreement is the sender's with that recipient.
`FixedPolicy` gives every delivery the same answers (tests, demos); `AgreementPolicy` reads them from the
agreements, looking the sender up in the store once per message. Given `LiveAgreements`, it reads the
set in force at each attempt, so an operator's edit applies to the next attempt without a restart: a
rotated secret signs it, a changed endpoint or method receives it, a changed retry list sets the wait
after it. A direction removed from the agreements (or moved to `pull`, which the dispatcher cannot do)
ends the delivery as a dead letter (`agreement.withdrawn`, `agreement.method-changed`). A suspended
direction (`suspended:` in its file) holds the delivery unsent (`Suspended`), no attempt counted. The
time to live is not read again: it was fixed when the document was accepted (`Delivery.expires_at`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from gateway.agreements import Agreement, Agreements, LiveAgreements, in_force
from gateway.agreements.terms import IPNetwork
from gateway.delivery.schedule import RetrySchedule
from gateway.store.port import Delivery, Store


@dataclass(frozen=True, slots=True)
class Terms:
    """What one attempt follows, all read from one set of agreements."""

    method: str
    endpoint: str | None
    schedule: RetrySchedule
    signing_keys: tuple[str, ...] = ()
    private_networks: tuple[IPNetwork, ...] = ()


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """The agreement no longer covers the delivery; `reason` starts with its code."""

    reason: str


@dataclass(frozen=True, slots=True)
class Suspended:
    """The agreement is suspended: hold the delivery, unsent, until it is in force again."""

    reason: str


class DeliveryPolicy(Protocol):
    def terms(self, delivery: Delivery) -> Terms | Withdrawn | Suspended:
        """The terms of the next attempt; ConfigurationError when they cannot be read (a secret)."""
        ...


@dataclass(frozen=True)
class FixedPolicy:
    """One schedule for every delivery, its own method and endpoint; signing keys per recipient country."""

    retry: RetrySchedule = field(default_factory=RetrySchedule)
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def terms(self, delivery: Delivery) -> Terms:
        keys = self.keys.get(delivery.recipient, ())
        return Terms(delivery.method, delivery.endpoint, self.retry, keys)


class AgreementPolicy:
    """The terms of the agreement between a delivery's sender and its recipient, as in force now.

    A push secret may hold several ``whsec_`` secrets separated by spaces: the message is then signed
    with each, which lets a partner rotate its secret without a gap."""

    def __init__(
        self,
        store: Store,
        agreements: Agreements | LiveAgreements,
        environ: Mapping[str, str] = os.environ,
        default: RetrySchedule | None = None,
    ) -> None:
        self.store, self.agreements, self.environ = store, agreements, environ
        self.default = default if default is not None else RetrySchedule()
        self._senders: dict[str, str] = {}

    def terms(self, delivery: Delivery) -> Terms | Withdrawn | Suspended:
        sender = self._sender(delivery)
        if sender is None:  # a delivery without its message: nothing to look up, send as written
            return Terms(delivery.method, delivery.endpoint, self.default)
        agreement = in_force(self.agreements).between(sender, delivery.recipient)
        if agreement is None:
            return Withdrawn(
                f"agreement.withdrawn: no agreement from {sender} to {delivery.recipient} is in force any "
                "more; nothing more is sent"
            )
        if agreement.suspended is not None:
            return Suspended(agreement.suspended)
        if agreement.delivery.method == "pull":
            return Withdrawn(
                f"agreement.method-changed: {sender} to {delivery.recipient} is now delivered by pull, "
                f"not {delivery.method}; the dispatcher cannot deliver it"
            )
        return self._terms(agreement)

    def _terms(self, agreement: Agreement) -> Terms:
        terms = agreement.delivery
        keys = tuple(terms.secret.read(self.environ).split()) if terms.secret is not None else ()
        schedule = RetrySchedule(agreement.retry, agreement.time_to_live)
        return Terms(terms.method, terms.endpoint, schedule, keys, terms.private_networks)

    def _sender(self, delivery: Delivery) -> str | None:
        sender = self._senders.get(delivery.message_id)
        if sender is None:
            message = self.store.message_head(delivery.message_id)
            if message is None:
                return None
            if len(self._senders) >= 10_000:
                self._senders.clear()
            sender = self._senders.setdefault(delivery.message_id, message.sender)
        return sender
