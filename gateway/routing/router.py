"""Routing: who receives a harmonized message, and why, under the sender's agreements.

`route` reads the countries the message names (`gateway.routing.mentions`), drops the sender itself,
and keeps each named country that the sender has an agreement with for this document kind. Every other
named country gets a warning issue saying why it receives nothing; when no partner is left, the message
is unrouted (`route.no-recipient`) and the caller keeps and reports it. A CIE agreement falls back to SIE
when either country's CIE link is unavailable (the caller says which countries are).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from lxml import etree

from gateway.agreements import Agreement, Agreements, Level
from gateway.issues import Issue, warning
from gateway.model import Model, load_model
from gateway.routing.mentions import Mention, describe, mentions

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True, slots=True)
class Recipient:
    """A partner that receives the message: its agreement, the level used and the mentions behind it."""

    country: str
    agreement: Agreement
    level: Level
    reasons: tuple[Mention, ...]
    fallback: str | None = None

    @property
    def why(self) -> str:
        """The elements that named this country, for people."""
        return describe(self.reasons)


@dataclass(frozen=True, slots=True)
class Routing:
    """The recipients of a message and the issues explaining every named country that receives nothing."""

    recipients: tuple[Recipient, ...]
    issues: tuple[Issue, ...]

    @property
    def unrouted(self) -> bool:
        """Whether no partner receives the message (the caller keeps and reports it)."""
        return not self.recipients


def route(
    message: bytes | etree._Element,
    sender: str,
    agreements: Agreements,
    unavailable: Collection[str] = (),
    model: Model | None = None,
) -> Routing:
    """The recipients of `message` sent by `sender`; `unavailable` lists countries whose CIE link is down."""
    model = model or load_model()
    root = etree.fromstring(message, _PARSER) if isinstance(message, bytes) else message
    kind = root.findtext(f"{{{model.namespace}}}Header/{{{model.namespace}}}DocumentKind")
    declaration = root.find(f"{{{model.namespace}}}{model.root}")
    named = [] if declaration is None else list(mentions(declaration, model))
    recipients, issues = [], _unknown(named)
    for country, reasons in _by_country(named, sender).items():
        agreement = agreements.between(sender, country)
        refusal = _refusal(agreement, sender, country, kind, reasons)
        if refusal is not None:
            issues.append(refusal)
        elif agreement is not None:
            recipients.append(_recipient(agreement, reasons, unavailable))
    if not recipients:
        issues.append(_no_recipient(sender, named))
    return Routing(tuple(recipients), tuple(issues))


def _by_country(named: list[Mention], sender: str) -> dict[str, tuple[Mention, ...]]:
    countries: dict[str, list[Mention]] = {}
    for mention in named:
        if mention.country is not None and mention.country != sender:
            countries.setdefault(mention.country, []).append(mention)
    return {country: tuple(reasons) for country, reasons in countries.items()}


def _refusal(
    agreement: Agreement | None, sender: str, country: str, kind: str | None, reasons: tuple[Mention, ...]
) -> Issue | None:
    if agreement is None:
        text = f"{country} is named ({describe(reasons)}) but {sender} has no agreement to send to {country}."
        return warning("route.no-agreement", text, pointer=reasons[0].pointer)
    if kind not in agreement.documents:
        agreed, named = ", ".join(sorted(agreement.documents)), describe(reasons)
        text = (
            f"{country} is named ({named}) but the agreement {agreement.file.name} covers {agreed}, "
            f"not {kind or 'a document of unknown kind'}."
        )
        return warning("route.kind-not-agreed", text, pointer=reasons[0].pointer)
    return None


def _recipient(agreement: Agreement, reasons: tuple[Mention, ...], unavailable: Collection[str]) -> Recipient:
    down = sorted({agreement.sender, agreement.recipient} & set(unavailable))
    if agreement.level is Level.CIE and down:
        fallback = f"CIE falls back to SIE: {', '.join(down)} unavailable"
        return Recipient(agreement.recipient, agreement, Level.SIE, reasons, fallback)
    return Recipient(agreement.recipient, agreement, agreement.level, reasons)


def _unknown(named: list[Mention]) -> list[Issue]:
    """One warning per code that names no country, at its first place, however often it is repeated."""
    unknown: dict[tuple[str, str], list[Mention]] = {}
    for mention in named:
        if mention.country is None:
            unknown.setdefault((mention.element, mention.value), []).append(mention)
    return [
        warning(
            "route.unknown-country",
            f"{element} {value!r} does not start with an ISO 3166 country code"
            + (f" ({len(places)} places)." if len(places) > 1 else "."),
            pointer=places[0].pointer,
        )
        for (element, value), places in unknown.items()
    ]


def _no_recipient(sender: str, named: list[Mention]) -> Issue:
    others = sorted({m.country for m in named if m.country is not None and m.country != sender})
    if others:
        text = f"No partner receives this message: {sender} may send it to none of {', '.join(others)}."
    else:
        text = f"No partner receives this message: it names no country other than {sender}."
    return warning("route.no-recipient", text)
