"""The `Router` of the running service: `gateway.routing.route` under the agreements, each recipient's
payload filtered by `gateway.agreements.share` (a field an agreement does not list never leaves)."""

from __future__ import annotations

from gateway import routing
from gateway.agreements import Agreement, Agreements, share
from gateway.agreements.elements import SharedElements
from gateway.agreements.live import LiveAgreements, in_force
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import Mapping
from gateway.normalize.message import HarmonizedMessage
from gateway.routing import route
from gateway.service.recipients import Plan, Recipient
from gateway.store.port import DeliveryMethod


class AgreementRouter:
    """Plans deliveries from the agreements of the agreements folder: a fixed set, or `LiveAgreements`
    that follow the folder (each document is routed and shared under the set in force when it arrives).
    With the `formats` the messages come from, `share()` takes its fast path when an agreement lists
    everything a format writes."""

    def __init__(
        self, agreements: Agreements | LiveAgreements, formats: FormatRegistry | None = None
    ) -> None:
        self.given = agreements
        self.live = agreements if isinstance(agreements, LiveAgreements) else None
        self.formats = formats

    @property
    def agreements(self) -> Agreements:
        """The agreements in force now."""
        return in_force(self.given)

    def plan(self, message: HarmonizedMessage, sender: str) -> Plan:
        """The recipients of `message` from `sender`; the routing's warnings explain the rest."""
        agreements = self.agreements  # one set for the whole document, even if a reload happens meanwhile
        tree = message.head_tree()  # parsed once, for routing and every recipient's share
        routed = route(tree, sender, agreements, model=message.model)
        payloads = _payloads(message, self._mapping(message), [r.agreement for r in routed.recipients])
        recipients = [_recipient(r, payload) for r, payload in zip(routed.recipients, payloads, strict=True)]
        return Plan(recipients, [issue.message for issue in routed.issues])

    def payload_limits(self, sender: str) -> dict[str, int]:
        """Each partner's payload limit for documents of `sender`, under the agreements in force now."""
        return {a.recipient: a.payload_limit for a in self.agreements if a.sender == sender}

    def _mapping(self, message: HarmonizedMessage) -> Mapping | None:
        source = message.head_tree().findtext(f"{message.tag('Header')}/{message.tag('SourceFormat')}")
        if self.formats is None or source is None:
            return None
        return self.formats.mappings.get(source)


def _payloads(
    message: HarmonizedMessage, mapping: Mapping | None, agreements: list[Agreement]
) -> list[bytes]:
    """Each agreement's share of `message`, cut once per element set and languages (all a share depends
    on): recipients whose agreements let the same elements and names leave get the same bytes. The last
    cut filters the message's own tree: nothing reads it after the plan."""
    terms: dict[tuple[SharedElements, tuple[str, ...]], Agreement] = {}
    for agreement in agreements:
        terms.setdefault((agreement.shared, agreement.languages), agreement)
    last = len(terms) - 1
    cuts = {
        key: share(message, agreement, message.model, mapping, consume=index == last)
        for index, (key, agreement) in enumerate(terms.items())
    }
    return [cuts[agreement.shared, agreement.languages] for agreement in agreements]


def _recipient(r: routing.Recipient, payload: bytes) -> Recipient:
    terms = r.agreement
    return Recipient(
        r.country, _method(terms.delivery.method), terms.delivery.endpoint,
        payload, terms.time_to_live, terms.payload_limit, r.why, terms.suspended,
    )  # fmt: skip


def _method(name: str) -> DeliveryMethod:
    if name == "push":
        return "push"
    if name == "file":
        return "file"
    return "pull"
