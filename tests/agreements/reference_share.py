"""The full filter of share() as it was before ingest3 (the reference the faster filter must equal on
every message the engine writes). Kept only for that test: it visits every node of a copy."""

from __future__ import annotations

import copy
import re

from lxml import etree

from gateway.agreements.agreement import Agreement
from gateway.agreements.elements import SharedElements
from gateway.agreements.languages import shares_form
from gateway.model import Model, ModelClass, ModelClassUse

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_POSITION = re.compile(r"\[\d+\]")
_XML_SPACE = " \t\r\n"


def reference_filter(harmonized: bytes | etree._Element, agreement: Agreement, model: Model) -> bytes:
    """The full filter: every element, annotation and Form the agreement does not let leave, removed."""
    sieve = _filter(agreement.shared, model)
    if isinstance(harmonized, bytes):
        root = etree.fromstring(harmonized, _PARSER)
    else:
        root = copy.deepcopy(harmonized)
    _clear_stray_text(root)
    for section in root:
        if section.tag == sieve.declaration_tag:
            sieve.declaration(section, model.root_class().wco_id)
        elif section.tag == sieve.annotations_tag:
            sieve.annotations(section, "", agreement.languages)
        else:  # the Header: what the message is, kept whole
            _clear_stray_text(section, deep=True)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


class _Filter:
    """The compiled filter of one element set: for each shared class, which child tags stay."""

    def __init__(self, shared: SharedElements, model: Model) -> None:
        self.shared = shared
        self.namespace = f"{{{model.namespace}}}"
        self.annotation, self.field = self.namespace + "Annotation", self.namespace + "Field"
        self.resolution = self.namespace + "Resolution"
        self.form, self.candidate = self.namespace + "Form", self.namespace + "Candidate"
        self.declaration_tag = self.namespace + model.root
        self.annotations_tag = self.namespace + "Annotations"
        self.kept: dict[str, dict[str, str | None]] = {}
        self._compile(model, model.root_class(), model.root_class().wco_id)

    def _compile(self, model: Model, owner: ModelClass, pointer: str) -> None:
        kept: dict[str, str | None] = {}  # tag -> the pointer of a class to descend into, None for a leaf
        for name, child in owner.children.items():
            if isinstance(child, ModelClassUse):
                target = model.class_of(child)
                if f"{pointer}/{target.wco_id}" in self.shared.classes:
                    kept[self.namespace + name] = f"{pointer}/{target.wco_id}"
                    self._compile(model, target, f"{pointer}/{target.wco_id}")
            elif f"{pointer}/{child.wco_id}" in self.shared.elements:
                kept[self.namespace + name] = None
        self.kept[pointer] = kept

    def declaration(self, element: etree._Element, pointer: str) -> None:
        """Remove from `element` (a class instance at `pointer`) every child not shared, then descend."""
        kept = self.kept[pointer]
        _clear_stray_text(element)
        for child in list(element):
            if child.tag not in kept:  # not shared, not in the model, or a comment
                element.remove(child)
            elif (child_pointer := kept[child.tag]) is not None:
                self.declaration(child, child_pointer)
            elif len(child):  # a data element holds text only
                child[:] = []

    def annotations(self, parent: etree._Element, pointer: str, languages: tuple[str, ...]) -> None:
        """Keep the Annotations of shared classes and the Fields of shared elements, nothing else."""
        _clear_stray_text(parent)
        for child in list(parent):
            relative = child.get("pointer") if child.tag in (self.annotation, self.field) else None
            full = f"{pointer}/{relative}" if pointer else relative
            if full is not None and "[" in full:
                full = _POSITION.sub("", full)
            if child.tag == self.annotation and full in self.shared.classes:
                self.annotations(child, full, languages)
            elif child.tag == self.resolution and not pointer:
                if not self._keeps_resolution(child):
                    parent.remove(child)
                else:
                    self._resolution_children(child, languages)
            elif not (child.tag == self.field and full in self.shared.elements):
                parent.remove(child)

    def _resolution_children(self, resolution: etree._Element, languages: tuple[str, ...]) -> None:
        """Keep a Resolution's Candidates and its Forms in the partner's languages, nothing else."""
        _clear_stray_text(resolution, deep=True)
        for child in list(resolution):
            if child.tag == self.form:
                if len(child) or not shares_form(languages, child.get("languageID"), child.get("scriptCode")):
                    resolution.remove(child)
            elif child.tag != self.candidate or len(child):
                resolution.remove(child)

    def _keeps_resolution(self, resolution: etree._Element) -> bool:
        """A Resolution (how a name was resolved, after the Annotation tree) of a shared element stays,
        unless it filled a code element that is not shared: its code is then that element's value."""
        resolved = _POSITION.sub("", resolution.get("pointer", ""))
        filled = resolution.get("filled")
        if filled is not None and f"{resolved.rpartition('/')[0]}/{filled}" not in self.shared.elements:
            return False
        return resolved in self.shared.elements


def _clear_stray_text(element: etree._Element, deep: bool = False) -> None:
    """Clear text that is not whitespace in `element` when it holds elements: its own text and the tails
    of its children (and, when `deep`, the same in every element below)."""
    for child in element:
        if child.tail is not None and child.tail.strip(_XML_SPACE):
            child.tail = None
        if deep and len(child):
            _clear_stray_text(child, deep)
    if len(element) and element.text is not None and element.text.strip(_XML_SPACE):
        element.text = None


_FILTERS: dict[tuple[SharedElements, int], tuple[Model, _Filter]] = {}


def _filter(shared: SharedElements, model: Model) -> _Filter:
    """The filter of `shared`, compiled on first use (the model is kept with it, so its id stays its own)."""
    key = (shared, id(model))
    if key not in _FILTERS:
        if len(_FILTERS) >= 256:
            _FILTERS.clear()
        _FILTERS[key] = (model, _Filter(shared, model))
    return _FILTERS[key][1]
