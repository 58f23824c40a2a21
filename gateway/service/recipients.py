"""Who receives a message: the `Router` port that intake asks, and its plan.

The plan comes from the agreements and routing of `gateway.agreements` and `gateway.routing`
(`AgreementRouter` in `gateway.service.agreement_router`): for each agreed recipient, the payload is the
harmonized message filtered to the elements that agreement shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from gateway.normalize.message import HarmonizedMessage
from gateway.store.port import DeliveryMethod


@dataclass(frozen=True, slots=True)
class Recipient:
    """One partner that receives the message, how, and within which limits."""

    country: str
    method: DeliveryMethod
    endpoint: str | None
    payload: bytes  # the harmonized message as that partner's agreement allows it to be shared
    time_to_live: timedelta | None
    payload_limit: int | None  # the largest original document that agreement accepts, in bytes
    why: str = ""
    held: str | None = None  # why the agreement is suspended: the delivery is held, not attempted


@dataclass(frozen=True, slots=True)
class Plan:
    """The recipients of one message, and why it reaches no one else (or no one at all)."""

    recipients: list[Recipient]
    unrouted: list[str] = field(default_factory=list)


class Router(Protocol):
    """Decides the recipients of a harmonized message posted by `sender`. A plan may take the message's
    element tree for a payload (`HarmonizedMessage.take_tree`): read the tree before planning."""

    def plan(self, message: HarmonizedMessage, sender: str) -> Plan: ...

    def payload_limits(self, sender: str) -> dict[str, int]:
        """The largest document, in bytes, each partner's agreement lets `sender` send: intake refuses a
        document over all of them before reading it (empty: no agreement, nothing to refuse by)."""
        ...
