"""One agreement file: a pair of countries and, per direction, what may be sent and how.

The file format is described in docs/agreements.md. `load_agreement_file` checks everything it can alone
(countries, levels against the readiness data, elements against the model, delivery, durations, sizes);
the folder-wide checks (a pair given twice) are in `gateway.agreements.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pycountry

from gateway.agreements import terms
from gateway.agreements.elements import ElementCatalog, SharedElements, missing_required
from gateway.agreements.readiness import Level, Readiness
from gateway.agreements.terms import DeliveryTerms
from gateway.agreements.yamlfile import Place, read_yaml
from gateway.model import Model

TOP_KEYS = frozenset({"title", "countries", "directions", "suspended"})
DIRECTION_KEYS = frozenset(
    {"from", "to", "level", "documents", "elements", "languages", "delivery", "retry", "time_to_live",
     "payload_limit"}
)  # fmt: skip
OPTIONAL_DIRECTION_KEYS = frozenset({"suspended"})


@dataclass(frozen=True, slots=True)
class Agreement:
    """What `sender` may send `recipient` under one agreement file, and how it is delivered."""

    sender: str
    recipient: str
    level: Level
    documents: frozenset[str]
    shared: SharedElements
    languages: tuple[str, ...]
    delivery: DeliveryTerms
    retry: tuple[timedelta, ...]
    time_to_live: timedelta
    payload_limit: int
    file: Path
    suspended: str | None = None
    """Why deliveries in this direction are held for now (the file's or the direction's `suspended`);
    None while they go (docs/agreements.md, "Suspending a partner")."""

    @property
    def elements(self) -> frozenset[str]:
        """The WCO data elements that may leave, as ID pointers (``42A/28A/29A/23A/137``)."""
        return self.shared.elements


@dataclass(frozen=True, slots=True)
class AgreementFile:
    """A loaded file: its pair of countries (sorted), its title and its directions."""

    file: Path
    pair: tuple[str, str]
    title: str
    directions: tuple[Agreement, ...]


def load_agreement_file(file: Path, readiness: Readiness, model: Model) -> AgreementFile:
    """Read and check one agreement file; InvalidAgreement names the file, YAML path and reason."""
    place = Place(file)
    data = place.mapping(read_yaml(file), frozenset({"countries", "directions"}), TOP_KEYS)
    pair = _pair(place / "countries", data["countries"])
    title = (place / "title").text(data.get("title", f"{pair[0]}-{pair[1]}"))
    whole_pair = terms.suspension(place / "suspended", data.get("suspended"))
    directions: list[Agreement] = []
    for index, spec in enumerate((place / "directions").sequence(data["directions"])):
        where = place / "directions" / index
        agreement = _direction(where, spec, pair, readiness, model)
        agreement = _suspended(where / "suspended", agreement, spec.get("suspended", whole_pair), whole_pair)
        if any(known.sender == agreement.sender for known in directions):
            raise where.fail(f"the direction {agreement.sender} to {agreement.recipient} is given twice")
        directions.append(agreement)
    return AgreementFile(file, pair, title, tuple(directions))


def _pair(place: Place, value: Any) -> tuple[str, str]:
    countries = place.sequence(value)
    if len(countries) != 2:
        raise place.fail("an agreement is between exactly two countries")
    for index, country in enumerate(countries):
        _country(place / index, country)
    if countries[0] == countries[1]:
        raise place.fail(f"a country has no agreement with itself ({countries[0]})")
    first, second = sorted(countries)
    return first, second


def _country(place: Place, value: Any) -> str:
    if not isinstance(value, str) or len(value) != 2 or pycountry.countries.get(alpha_2=value) is None:
        raise place.fail(f"{value!r} is not an ISO 3166 alpha-2 country code (upper case)")
    if value != value.upper():
        raise place.fail(f"{value!r}: write country codes in upper case")
    return value


def _direction(
    place: Place, value: Any, pair: tuple[str, str], readiness: Readiness, model: Model
) -> Agreement:
    spec = place.mapping(value, DIRECTION_KEYS, DIRECTION_KEYS | OPTIONAL_DIRECTION_KEYS)
    sender, recipient = _country(place / "from", spec["from"]), _country(place / "to", spec["to"])
    if tuple(sorted((sender, recipient))) != pair or sender == recipient:
        raise place.fail(f"{sender} to {recipient} is not a direction of the pair {pair[0]}-{pair[1]}")
    documents = _documents(place / "documents", spec["documents"], model)
    time_to_live = terms.duration(place / "time_to_live", spec["time_to_live"])
    return Agreement(
        sender=sender,
        recipient=recipient,
        level=_level(place / "level", spec["level"], sender, recipient, readiness),
        documents=documents,
        shared=_elements(place / "elements", spec["elements"], documents, model),
        languages=terms.languages(place / "languages", spec["languages"]),
        delivery=terms.delivery(place / "delivery", spec["delivery"], place.file.parent),
        retry=terms.retry_schedule(place / "retry", spec["retry"], time_to_live),
        time_to_live=time_to_live,
        payload_limit=terms.payload_limit(place / "payload_limit", spec["payload_limit"]),
        file=place.file,
    )


def _suspended(place: Place, agreement: Agreement, value: Any, whole_pair: str | None) -> Agreement:
    """`agreement` with the reason it is suspended for: its own, else the file's (which holds both ways)."""
    reason = terms.suspension(place, value)
    if whole_pair is not None and reason is None:
        raise place.fail("the file suspends both directions; remove one of the two `suspended` keys")
    return replace(agreement, suspended=reason) if reason is not None else agreement


def _level(place: Place, value: Any, sender: str, recipient: str, readiness: Readiness) -> Level:
    if value not in tuple(Level):
        raise place.fail(f"{value!r} is not an exchange level; levels: {', '.join(Level)}")
    level = Level(value)
    if level is Level.CIE and readiness.qualifies(sender, recipient) is not Level.CIE:
        reasons = readiness.shortfalls(sender) + readiness.shortfalls(recipient)
        raise place.fail(f"the pair qualifies for SIE only: {'; '.join(reasons)}")
    return level


def _documents(place: Place, value: Any, model: Model) -> frozenset[str]:
    kinds = [(place / index).text(kind) for index, kind in enumerate(place.sequence(value))]
    for index, kind in enumerate(kinds):
        if kind not in model.kinds:
            raise (place / index).fail(f"{kind!r} is not a document kind; kinds: {', '.join(model.kinds)}")
        if kinds.index(kind) != index:
            raise (place / index).fail(f"{kind!r} is listed twice")
    return frozenset(kinds)


def _elements(place: Place, value: Any, documents: frozenset[str], model: Model) -> SharedElements:
    pointers: list[str] = []
    catalog = ElementCatalog(model)
    for index, entry in enumerate(place.sequence(value)):
        try:
            pointer = catalog.pointer((place / index).text(entry))
        except ValueError as exc:
            raise (place / index).fail(str(exc)) from None
        if pointer in pointers:
            raise (place / index).fail(f"{pointer} is listed twice (also at [{pointers.index(pointer)}])")
        pointers.append(pointer)
    shared = SharedElements.of(model, pointers)
    missing = missing_required(model, shared, documents)
    if missing:
        raise place.fail(f"cannot be sent without required elements: {'; '.join(missing)}")
    return shared
