"""What the agreement behind a delivery says about sending it: the retry schedule and the signing keys.

A delivery row names its message and recipient; the agreement is the sender's with that recipient.
`FixedPolicy` gives every delivery the same answers (tests, demos); `AgreementPolicy` reads them from the
agreements, looking the sender up in the store once per message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from gateway.agreements import Agreement, Agreements
from gateway.delivery.schedule import RetrySchedule
from gateway.store.port import Delivery, Store


class DeliveryPolicy(Protocol):
    def schedule(self, delivery: Delivery) -> RetrySchedule: ...
    def signing_keys(self, delivery: Delivery) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class FixedPolicy:
    """One schedule for every delivery; signing keys per recipient country."""

    retry: RetrySchedule = field(default_factory=RetrySchedule)
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def schedule(self, delivery: Delivery) -> RetrySchedule:
        return self.retry

    def signing_keys(self, delivery: Delivery) -> tuple[str, ...]:
        return self.keys.get(delivery.recipient, ())


class AgreementPolicy:
    """The schedule and signing keys of the agreement between a delivery's sender and its recipient.

    A push secret may hold several ``whsec_`` secrets separated by spaces: the message is then signed
    with each, which lets a partner rotate its secret without a gap."""

    def __init__(
        self,
        store: Store,
        agreements: Agreements,
        environ: Mapping[str, str] = os.environ,
        default: RetrySchedule | None = None,
    ) -> None:
        self.store, self.agreements, self.environ = store, agreements, environ
        self.default = default if default is not None else RetrySchedule()
        self._senders: dict[str, str] = {}

    def schedule(self, delivery: Delivery) -> RetrySchedule:
        agreement = self._agreement(delivery)
        if agreement is None:
            return self.default
        return RetrySchedule(agreement.retry, agreement.time_to_live)

    def signing_keys(self, delivery: Delivery) -> tuple[str, ...]:
        agreement = self._agreement(delivery)
        if agreement is None or agreement.delivery.secret is None:
            return ()
        return tuple(agreement.delivery.secret.read(self.environ).split())

    def _agreement(self, delivery: Delivery) -> Agreement | None:
        sender = self._senders.get(delivery.message_id)
        if sender is None:
            message = self.store.message(delivery.message_id)
            if message is None:
                return None
            sender = self._senders.setdefault(delivery.message_id, message.sender)
            if len(self._senders) > 10_000:
                self._senders.clear()
        return self.agreements.between(sender, delivery.recipient)
