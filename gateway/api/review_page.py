"""A delivered payload as an officer reads it: the harmonized message's parts, each name with its Resolution.

Only the payload is read (the partner's share of the message, as the agreement cut it), never the stored
message: what the agreement withheld is not there to show. The Declaration is walked along the canonical
model (`gateway.model`), so that every element has its WCO pointer (``42A/28A[2]/38B/X018``) and its
label, and a Resolution of the Annotations is shown beside the name it resolves. No FastAPI here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from gateway.model import Model
from gateway.model.schema import ModelClass, ModelClassUse
from gateway.resolve.result import GUESSES

EXACT = frozenset({"code-list", "glossary"})
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True, slots=True)
class Named:
    """One entry of a Resolution's list: a Form (a name in a language) or a Candidate (a runner-up)."""

    attributes: dict[str, str]
    text: str = ""


@dataclass(frozen=True, slots=True)
class ResolutionView:
    """A Resolution as written in the payload: its attributes, Forms and Candidates."""

    attributes: dict[str, str]
    forms: tuple[Named, ...]
    candidates: tuple[Named, ...]

    @property
    def method(self) -> str:
        return self.attributes.get("method", "")

    @property
    def score(self) -> str:
        return self.attributes.get("score", "")

    @property
    def is_guess(self) -> bool:
        """A guess: a fuzzy match, a transliteration (a party name's too), or candidates without a code."""
        if self.method in GUESSES:
            return True
        return self.method not in EXACT and self.method != "glossary-terms" and "code" not in self.attributes


@dataclass(frozen=True, slots=True)
class Value:
    """A leaf of the message: its label and WCO pointer, its text and attributes, its Resolution."""

    label: str
    doc: str
    pointer: str
    text: str
    attributes: dict[str, str]
    resolution: ResolutionView | None = None


@dataclass
class Part:
    """A class instance of the message (the Declaration, a Consignment, a Seal): its values and parts."""

    label: str
    doc: str
    pointer: str
    values: list[Value] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    name: str = ""
    """The model's class name as the payload's element names it (``Consignment``, ``ConsignmentItem``)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A message payload read for the page."""

    header: dict[str, str]
    declaration: Part | None
    resolutions: dict[str, ResolutionView]
    pointers: frozenset[str]
    """Every pointer present in the payload (classes and values): what the agreement shared."""

    @property
    def guesses(self) -> int:
        return sum(1 for found in self.resolutions.values() if found.is_guess)


def read_message(payload: bytes, model: Model) -> Reading:
    """The payload, a harmonized message, read along `model`."""
    root = etree.fromstring(payload, _PARSER)
    namespace = f"{{{model.namespace}}}"
    header = root.find(f"{namespace}Header")
    heading = (
        {etree.QName(child).localname: child.text or "" for child in header} if header is not None else {}
    )
    resolutions = _resolutions(root.find(f"{namespace}Annotations"), namespace)
    element = root.find(f"{namespace}{model.root}")
    if element is None:
        return Reading(heading, None, resolutions, frozenset())
    root_class = model.root_class()
    walk = _Walk(model, namespace, resolutions)
    declaration = walk.part(element, root_class, model.root, root_class.wco_id)
    return Reading(heading, declaration, resolutions, frozenset(walk.pointers))


def guesses_in(payload: bytes, model: Model) -> int:
    """How many names of a message payload are guesses: its Resolutions read, the Declaration not walked
    (for the inbox's rows: a 5.2 MB manifest of 2,000 goods items costs ~0.1 s so, ~0.3 s read whole;
    bench/review_page.py)."""
    root = etree.fromstring(payload, _PARSER)
    found = _resolutions(root.find(f"{{{model.namespace}}}Annotations"), f"{{{model.namespace}}}")
    return sum(1 for resolution in found.values() if resolution.is_guess)


def read_notice(payload: bytes) -> dict[str, Any]:
    """A non-delivery notice (JSON), as its fields."""
    found = json.loads(payload)
    return found if isinstance(found, dict) else {"notice": found}


class _Walk:
    def __init__(self, model: Model, namespace: str, resolutions: dict[str, ResolutionView]) -> None:
        self.model, self.namespace, self.resolutions = model, namespace, resolutions
        self.pointers: set[str] = set()

    def part(self, element: etree._Element, model_class: ModelClass, label: str, pointer: str) -> Part:
        self.pointers.add(pointer)
        part = Part(label, model_class.doc, pointer, name=etree.QName(element).localname)
        counts: dict[str, int] = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            spec = model_class.children.get(name)
            if isinstance(spec, ModelClassUse):
                counts[name] = number = counts.get(name, 0) + 1
                below = self.model.class_of(spec)
                segment = f"{below.wco_id}[{number}]" if spec.repeats else below.wco_id
                shown = f"{name} {number}" if spec.repeats else name
                part.parts.append(self.part(child, below, shown, f"{pointer}/{segment}"))
            else:
                part.values.append(self._value(child, name, spec.doc if spec else "", pointer, spec))
        return part

    def _value(self, child: etree._Element, name: str, doc: str, pointer: str, spec: object) -> Value:
        wco_id = getattr(spec, "wco_id", name)
        here = f"{pointer}/{wco_id}"
        self.pointers.add(here)
        attributes = {str(key): str(value) for key, value in child.attrib.items()}
        return Value(name, doc, here, child.text or "", attributes, self.resolutions.get(here))


def _resolutions(annotations: etree._Element | None, namespace: str) -> dict[str, ResolutionView]:
    found: dict[str, ResolutionView] = {}
    if annotations is None:
        return found
    for resolution in annotations.iterchildren(f"{namespace}Resolution"):
        attributes = {str(key): str(value) for key, value in resolution.attrib.items()}
        forms = tuple(_named(form) for form in resolution.iterchildren(f"{namespace}Form"))
        candidates = tuple(_named(one) for one in resolution.iterchildren(f"{namespace}Candidate"))
        found[attributes.get("pointer", "")] = ResolutionView(attributes, forms, candidates)
    return found


def _named(element: etree._Element) -> Named:
    return Named({str(key): str(value) for key, value in element.attrib.items()}, element.text or "")
