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
from dataclasses import dataclass, field

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
    found: list[list[tuple[etree._Element, str]]] = [[] for _ in ROUTING_ELEMENTS]
    _walk(declaration, _routing_steps(model), model.root_class().wco_id, found)
    for (path, how), elements in zip(ROUTING_ELEMENTS, found, strict=True):
        for element, pointer in elements:
            value = (element.text or "").strip()
            yield Mention(_country(value, how), path, pointer, value)


@dataclass(slots=True)
class _Step:
    """One step of ROUTING_ELEMENTS' name paths: the element's WCO ID, whether it repeats (a position in
    pointers), the steps below it by tag, and the paths (their index) that end on it."""

    wco_id: str
    repeats: bool
    below: dict[str, _Step] = field(default_factory=dict)
    ends: list[int] = field(default_factory=list)


_STEPS: dict[int, tuple[Model, dict[str, _Step]]] = {}


def _routing_steps(model: Model) -> dict[str, _Step]:
    """ROUTING_ELEMENTS' name paths as steps by tag from the Declaration, worked out in `model` once (kept
    with the model): paths through the same elements share their steps, so each is walked once."""
    found = _STEPS.get(id(model))
    if found is None or found[0] is not model:
        top: dict[str, _Step] = {}
        for index, (path, _) in enumerate(ROUTING_ELEMENTS):
            _add(model, top, path.split("/"), index)
        found = _STEPS[id(model)] = (model, top)
    return found[1]


def _add(model: Model, top: dict[str, _Step], names: list[str], index: int) -> None:
    """Add the name path `names` below the Declaration, the `index`th of ROUTING_ELEMENTS, to `top`."""
    owner: ModelClass = model.root_class()
    level, step = top, None
    for name in names:
        child = owner.children[name]
        if isinstance(child, ModelClassUse):
            owner = model.class_of(child)
        wco_id = owner.wco_id if isinstance(child, ModelClassUse) else child.wco_id
        step = level.setdefault(f"{{{model.namespace}}}{name}", _Step(wco_id, child.repeats))
        level = step.below
    assert step is not None
    step.ends.append(index)


def _walk(
    parent: etree._Element,
    steps: dict[str, _Step],
    pointer: str,
    found: list[list[tuple[etree._Element, str]]],
) -> None:
    """Each element below `parent` on a step of `steps`, with its WCO pointer and positions, added to the
    paths that end on it, in document order (one pass over each element's children)."""
    positions: dict[str, int] = {}
    for child in parent:
        step = steps.get(child.tag)  # a comment's tag is a function: no step
        if step is None:
            continue
        if step.repeats:
            position = positions[step.wco_id] = positions.get(step.wco_id, 0) + 1
            here = f"{pointer}/{step.wco_id}[{position}]"
        else:
            here = f"{pointer}/{step.wco_id}"
        for index in step.ends:
            found[index].append((child, here))
        if step.below:
            _walk(child, step.below, here, found)


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
