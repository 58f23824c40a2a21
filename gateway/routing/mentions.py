"""Which countries a harmonized message names, and where: the raw material of routing.

A country is named by the consignments' itinerary (countries of routing), their destination country,
their places of loading and unloading (the first two letters of a UN/LOCODE) and the customs offices of
departure, transit, exit, entry and destination (the first two letters of an office reference number,
as in every CAREC and NCTS office code). Each mention keeps the WCO pointer of the element, so a
recipient can be told why it received a message.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pycountry
from lxml import etree

from gateway.model import Model, ModelClass, ModelClassUse

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
    root = model.root_class().wco_id
    for path, how, steps in _routing_paths(model):
        for element, pointer in _find(declaration, steps, root):
            value = (element.text or "").strip()
            yield Mention(_country(value, how), path, pointer, value)


_Step = tuple[str, str, bool]
"""One step of a name path: the element's tag, its WCO ID, whether it repeats (a position in pointers)."""
_PATHS: dict[int, tuple[Model, list[tuple[str, str, tuple[_Step, ...]]]]] = {}


def _routing_paths(model: Model) -> list[tuple[str, str, tuple[_Step, ...]]]:
    """ROUTING_ELEMENTS with each name path worked out in `model` once (kept with the model)."""
    found = _PATHS.get(id(model))
    if found is None or found[0] is not model:
        paths = [(path, how, _steps(model, path.split("/"))) for path, how in ROUTING_ELEMENTS]
        found = _PATHS[id(model)] = (model, paths)
    return found[1]


def _steps(model: Model, names: list[str]) -> tuple[_Step, ...]:
    """The steps of the name path `names` below the Declaration."""
    owner: ModelClass = model.root_class()
    steps = []
    for name in names:
        child = owner.children[name]
        if isinstance(child, ModelClassUse):
            owner = model.class_of(child)
        wco_id = owner.wco_id if isinstance(child, ModelClassUse) else child.wco_id
        steps.append((f"{{{model.namespace}}}{name}", wco_id, child.repeats))
    return tuple(steps)


def _find(
    parent: etree._Element, steps: tuple[_Step, ...], pointer: str
) -> Iterator[tuple[etree._Element, str]]:
    """The elements at the name path `steps` below `parent`, with their WCO pointers and positions."""
    tag, wco_id, repeats = steps[0]
    for position, element in enumerate(parent.iterchildren(tag), start=1):
        here = f"{pointer}/{wco_id}[{position}]" if repeats else f"{pointer}/{wco_id}"
        if len(steps) == 1:
            yield element, here
        else:
            yield from _find(element, steps[1:], here)


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


@functools.lru_cache(maxsize=4096)
def _country(value: str, how: str) -> str | None:
    """The country `value` names (the code lists of pycountry do not change while the process runs)."""
    code = value if how == "country" else value[:2]
    if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None:
        return code
    return None
