"""The `Router` of the running service: `gateway.routing.route` under the agreements, each recipient's
payload filtered by `gateway.agreements.share` (a field an agreement does not list never leaves)."""

from __future__ import annotations

from lxml import etree

from gateway import routing
from gateway.agreements import Agreements, share
from gateway.model import Model
from gateway.normalize.message import HarmonizedMessage
from gateway.routing import route
from gateway.service.recipients import Plan, Recipient
from gateway.store.port import DeliveryMethod


class AgreementRouter:
    """Plans deliveries from the agreements loaded from the agreements folder."""

    def __init__(self, agreements: Agreements) -> None:
        self.agreements = agreements

    def plan(self, message: HarmonizedMessage, sender: str) -> Plan:
        """The recipients of `message` from `sender`; the routing's warnings explain the rest."""
        tree = message.tree()  # parsed once, for routing and every recipient's share
        routed = route(tree, sender, self.agreements, model=message.model)
        recipients = [_recipient(tree, message.model, recipient) for recipient in routed.recipients]
        return Plan(recipients, [issue.message for issue in routed.issues])


def _recipient(harmonized: etree._Element, model: Model, r: routing.Recipient) -> Recipient:
    terms = r.agreement
    return Recipient(
        r.country, _method(terms.delivery.method), terms.delivery.endpoint, share(harmonized, terms, model),
        terms.time_to_live, terms.payload_limit, r.why,
    )  # fmt: skip


def _method(name: str) -> DeliveryMethod:
    if name == "push":
        return "push"
    if name == "file":
        return "file"
    return "pull"
