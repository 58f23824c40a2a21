"""What the agreement behind a delivery says about sending it: the retry schedule and the signing keys.

A delivery row names its message and recipient; the agreement is the sender's with that recipient.
`FixedPolicy` gives every delivery the same answers (tests, demos); `AgreementPolicy` reads them from the
agreements, looking the sender up in the store once per message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from gateway.delivery.schedule import RetrySchedule
from gateway.store.port import Delivery


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
