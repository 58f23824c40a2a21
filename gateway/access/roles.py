"""What each role may do. Every decision is a function of the principal and the thing asked for.

| role | may |
|---|---|
| national | post as its own country; its messages' status and issues, its part of messages to it; its inbox |
| partner | read its own inbox and acknowledge; read the status of messages addressed to it (its part) |
| terminologist | read the unresolved names |
| operator | read any message's status and issues, the dead letters, resend; read the unresolved names |
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.access.keys import Principal
from gateway.store.port import Delivery, MessageHead


def may_post_as(principal: Principal, sender: str) -> bool:
    """A national system posts only documents of its own country."""
    return principal.role == "national" and principal.country == sender


def may_read_inbox(principal: Principal, country: str) -> bool:
    """A country's inbox is read (and acknowledged) by that country's national system or partner agency."""
    return principal.role in ("national", "partner") and principal.country == country


def may_read_status(principal: Principal, message: MessageHead, deliveries: Sequence[Delivery]) -> bool:
    """The sender, the operator, and a recipient of the message (for its own part) may read its status."""
    if principal.role == "operator":
        return True
    if principal.role == "national" and principal.country == message.sender:
        return True
    return principal.role in ("national", "partner") and any(
        d.recipient == principal.country and d.kind == "message" for d in deliveries
    )


def sees_every_recipient(principal: Principal, message: MessageHead) -> bool:
    """Whether the status shows every recipient's deliveries (sender, operator) or only the reader's own."""
    return principal.role == "operator" or principal.country == message.sender


def may_read_issues(principal: Principal, message: MessageHead) -> bool:
    """A message's issues (its document's warnings) are its sender's and the operator's: they quote values
    of the whole document, which a recipient's agreement may withhold."""
    return principal.role == "operator" or (
        principal.role == "national" and principal.country == message.sender
    )


def may_operate(principal: Principal) -> bool:
    """Dead letters, resending and enabling endpoints are the operator's."""
    return principal.role == "operator"


def may_read_unresolved(principal: Principal) -> bool:
    """The unresolved names are the terminologists' work list (and the operator's)."""
    return principal.role in ("terminologist", "operator")
