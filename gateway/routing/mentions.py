"""Which countries a harmonized message names, and where: the raw material of routing.

A country is named by the consignments' itinerary (countries of routing), their destination country,
their places of loading and unloading (the first two letters of a UN/LOCODE) and the customs offices of
departure, transit, exit, entry and destination (the first two letters of an office reference number,
as in every CAREC and NCTS office code). Each mention keeps the WCO pointer of the element, so a
recipient can be told why it received a message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import pycountry
from lxml import etree

from gateway.model import Model, ModelClass, ModelClassUse, ModelElement

ROUTING_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("Consignment/Itinerary/RoutingCountryCode", "country"),
    ("Consignment/LoadingLocation/ID", "prefix"),
    ("Consignment/UnloadingLocation/ID", "prefix"),
    ("Consignment/DestinationCountryCode", "country"),
    ("DepartureOffice/ID", "prefix"),
    ("TransitOffice/ID", "prefix"),
    ("ExitOffice/ID", "prefix"),
    ("EntryOffice/ID", "prefix"),
    ("DestinationOffice/ID", "prefix"),
)
"""The elements that name a country, by model name path under the Declaration, and how: the value is a
country code, or starts with one."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One element of the message that names a country (`country` is None when the code names none)."""

    country: str | None
    element: str
    pointer: str
    value: str

    def __str__(self) -> str:
        return f"{self.element} {self.value} ({self.pointer})"


def mentions(declaration: etree._Element, model: Model) -> Iterator[Mention]:
    """Every mention of a country in the Declaration, in the order of ROUTING_ELEMENTS then the document."""
    root = model.root_class()
    for path, how in ROUTING_ELEMENTS:
        for element, pointer in _find(declaration, model, root, root.wco_id, path.split("/")):
            value = (element.text or "").strip()
            yield Mention(_country(value, how), path, pointer, value)


def _find(
    parent: etree._Element, model: Model, owner: ModelClass, pointer: str, names: list[str]
) -> Iterator[tuple[etree._Element, str]]:
    """The elements at the name path `names` below `parent`, with their WCO pointers and positions."""
    child = owner.children[names[0]]
    target = model.class_of(child) if isinstance(child, ModelClassUse) else None
    wco_id = target.wco_id if target else cast(ModelElement, child).wco_id
    for position, element in enumerate(parent.iterchildren(f"{{{model.namespace}}}{names[0]}"), start=1):
        here = f"{pointer}/{wco_id}" + (f"[{position}]" if child.repeats else "")
        if target is None:
            yield element, here
        else:
            yield from _find(element, model, target, here, names[1:])


def describe(reasons: Sequence[Mention]) -> str:
    """The mentions for people, one per element: the first, and how many more (a manifest of a thousand
    consignments names its countries a thousand times)."""
    first: dict[str, Mention] = {}
    counts: Counter[str] = Counter()
    for reason in reasons:
        first.setdefault(reason.element, reason)
        counts[reason.element] += 1
    return "; ".join(
        str(mention) + (f" and {counts[element] - 1} more" if counts[element] > 1 else "")
        for element, mention in first.items()
    )


def _country(value: str, how: str) -> str | None:
    code = value if how == "country" else value[:2]
    if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None:
        return code
    return None
