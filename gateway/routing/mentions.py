"""Which countries a harmonized message names, and where: the raw material of routing.

A country is named by the consignments' itinerary (countries of routing), their destination country,
their places of loading and unloading (the first two letters of a UN/LOCODE) and the customs offices of
departure, transit, exit, entry and destination (the first two letters of an office reference number,
as in every CAREC and NCTS office code). Each mention keeps the WCO pointer of the element, so a
recipient can be told why it received a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pycountry
from lxml import etree

from gateway.model import Model

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
    for path, how in ROUTING_ELEMENTS:
        for element, pointer in _find(declaration, model, path.split("/")):
            value = (element.text or "").strip()
            yield Mention(_country(value, how), path, pointer, value)


def _find(
    parent: etree._Element,
    model: Model,
    names: list[str],
    owner: str | None = None,
    pointer: str | None = None,
) -> Iterator[tuple[etree._Element, str]]:
    owner = owner or model.root
    pointer = pointer or model.root_class().wco_id
    child_spec = model.classes[owner].children[names[0]]
    tag = f"{{{model.namespace}}}{names[0]}"
    matches = parent.findall(tag)
    for position, child in enumerate(matches, start=1):
        target = getattr(child_spec, "target", None)
        wco_id = model.classes[target].wco_id if target else getattr(child_spec, "wco_id", "")
        here = f"{pointer}/{wco_id}" + (f"[{position}]" if child_spec.repeats else "")
        if len(names) == 1:
            yield child, here
        elif target:
            yield from _find(child, model, names[1:], target, here)


def _country(value: str, how: str) -> str | None:
    code = value if how == "country" else value[:2]
    if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None:
        return code
    return None
