"""The compiled filter of one element set (`share`'s decisions): for each shared class, which child tags
stay; as documents come, whether an annotation pointer below a shared class names a shared class or
element, whether a Resolution stays and which of its Forms. Compiled once per element set and model
(`element_filter`); `share` walks a message with it, and `cut_text` takes its decisions on bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from gateway.agreements.cut import MappingCut
from gateway.agreements.elements import SharedElements
from gateway.agreements.languages import shares_form
from gateway.model import Model, ModelClass, ModelClassUse
from gateway.resolve.annotation import ResolvedName, resolution_xml
from gateway.resolve.forms import Form

_POSITION = re.compile(r"\[\d+\]")
_XML_SPACE = " \t\r\n"
HEADER_ELEMENTS = ("DocumentKind", "SourceFormat", "SourceCountry", "ModelVersion")
"""The Header's elements (`gateway.normalize.message.message_head`, the XSD's HeaderType)."""

_UNDECIDED = ""  # not a decision: a kept pointer is listed, and no listed pointer is empty
_DECISIONS = 65536
"""How many pointer decisions a compiled filter keeps (positions make them grow with the documents)."""
_TEXTS = 8192
"""How many names' Resolution texts (and forms) a compiled filter keeps, by the name's identity: a text is
found again only while the resolution stage hands back the same name, which it does for the 8192 it keeps
(`stage.KEPT_NAMES`); kept up to _DECISIONS, a filter held 65,536 old names of documents long gone."""


class ElementFilter:
    """The compiled filter of one element set: for each shared class, which child tags stay; and, as
    documents come, whether an annotation pointer below a shared class names a shared class or element."""

    def __init__(self, shared: SharedElements, model: Model) -> None:
        self.shared = shared
        self.namespace = f"{{{model.namespace}}}"
        self.annotation, self.field = self.namespace + "Annotation", self.namespace + "Field"
        self.resolution = self.namespace + "Resolution"
        self.form, self.candidate = self.namespace + "Form", self.namespace + "Candidate"
        self.declaration_tag = self.namespace + model.root
        self.annotations_tag = self.namespace + "Annotations"
        self.header_tag = self.namespace + "Header"
        self.header_kept = frozenset(self.namespace + name for name in HEADER_ELEMENTS)
        self.kept: dict[str, dict[str, str | None]] = {}
        self._compile(model, model.root_class(), model.root_class().wco_id)
        self._resolutions: dict[tuple[str, str | None], bool] = {}
        self._annotation_decisions: dict[tuple[str, str, str | None], str | None] = {}
        self._kept_forms: dict[tuple[int, tuple[str, ...]], tuple[tuple[Form, ...], tuple[Form, ...]]] = {}
        self._written: dict[tuple[int, tuple[str, ...]], tuple[ResolvedName, str]] = {}
        self._version = ""
        """The glossary version of the names in `_written`: a name of another (a reload) empties it."""

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

    def header(self, header: etree._Element) -> None:
        """Keep the Header's known elements, each with its text only."""
        clear_stray_text(header)
        for child in list(header):
            if child.tag not in self.header_kept:
                header.remove(child)
            elif len(child):
                child[:] = []

    def declaration(self, element: etree._Element, pointer: str) -> None:
        """Remove from `element` (a class instance at `pointer`) every child not shared, then descend."""
        kept = self.kept[pointer]
        if element.text is not None:
            _clear_stray(element)
        removed = []
        for child in element:
            if child.tail is not None:
                _clear_stray(child)
            if child.tag not in kept:  # not shared, not in the model, or a comment
                removed.append(child)
            elif (child_pointer := kept[child.tag]) is not None:
                self.declaration(child, child_pointer)
            elif len(child):  # a data element holds text only
                child[:] = []
        for child in removed:
            element.remove(child)

    def annotations(
        self,
        parent: etree._Element,
        pointer: str,
        languages: tuple[str, ...],
        cut: MappingCut | None = None,
    ) -> None:
        """Keep the Annotations of shared classes and the Fields of shared elements, nothing else; under
        a `cut`, an Annotation of a class with nothing withheld below stays whole (`cut_below`)."""
        if parent.text is not None:
            _clear_stray(parent)
        removed = []
        decided = self._annotation_decisions.get
        for child in parent:
            if child.tail is not None:
                _clear_stray(child)
            tag = child.tag
            if tag in (self.field, self.annotation):
                key = (pointer, tag, child.get("pointer"))
                full = decided(key, _UNDECIDED)
                if full is _UNDECIDED:
                    full = self._decide_annotation(key)
                if full is None:
                    removed.append(child)
                elif tag == self.annotation:
                    if cut is None:
                        self.annotations(child, full, languages)
                    elif full in cut.dirty:
                        self.cut_below(child, full, cut)
                elif len(child) or child.text is not None:  # a Field is written empty
                    child[:], child.text = [], None
                continue
            if tag == self.resolution and not pointer and self._keeps_resolution(child):
                self._resolution_children(child, languages)
                continue
            removed.append(child)
        for child in removed:
            parent.remove(child)

    def cut_below(self, annotation: etree._Element, pointer: str, cut: MappingCut) -> None:
        """`annotations` below an Annotation of the engine's own message under a `cut`: its children are
        Fields and Annotations, written empty with nothing between them, so only their pointers are read,
        and an Annotation of a class with nothing withheld beneath it stays whole."""
        decided = self._annotation_decisions.get
        removed = []
        for child in annotation:
            key = (pointer, child.tag, child.get("pointer"))
            full = decided(key, _UNDECIDED)
            if full is _UNDECIDED:
                full = self._decide_annotation(key)
            if full is None:
                removed.append(child)
            elif full in cut.dirty and key[1] == self.annotation:
                self.cut_below(child, full, cut)
        for child in removed:
            annotation.remove(child)

    def _decide_annotation(self, key: tuple[str, str, str | None]) -> str | None:
        """The full pointer of an Annotation of a shared class or a Field of a shared element at
        `key` (parent pointer, tag, relative pointer); None when it is removed (kept for the next)."""
        pointer, tag, relative = key
        full: str | None = _full(pointer, relative)
        listed = self.shared.classes if tag == self.annotation else self.shared.elements
        if full not in listed or tag not in (self.annotation, self.field):
            full = None
        if len(self._annotation_decisions) >= _DECISIONS:
            self._annotation_decisions.clear()
        self._annotation_decisions[key] = full
        return full

    def _resolution_children(self, resolution: etree._Element, languages: tuple[str, ...]) -> None:
        """Keep a Resolution's Candidates and its Forms in the partner's languages, nothing else (an
        element inside either is removed with it)."""
        if resolution.text is not None:
            _clear_stray(resolution)
        removed = []
        for child in resolution:
            if child.tail is not None:
                _clear_stray(child)
            if child.tag == self.form:
                if len(child) or not shares_form(languages, child.get("languageID"), child.get("scriptCode")):
                    removed.append(child)
            elif child.tag != self.candidate or len(child):
                removed.append(child)
        for child in removed:
            resolution.remove(child)

    def resolutions(self, names: Iterable[ResolvedName], languages: tuple[str, ...]) -> str:
        """The Resolutions of `names` that stay, as XML text, each with its Forms in `languages` (what
        `annotations` keeps of the same Resolutions written in the tree)."""
        return "".join([self._resolution(name, languages) for name in names])

    def _resolution(self, name: ResolvedName, languages: tuple[str, ...]) -> str:
        """The Resolution of `name` as it leaves to a partner reading `languages` ("" when it does not
        leave), kept by the name's identity (the stage hands back the same `ResolvedName` for a name
        that recurs at the same pointer; each entry holds it, so its identity cannot be another's)."""
        if name.resolution.glossary_version != self._version:  # the old version's names never come again
            self._written.clear()
            self._version = name.resolution.glossary_version
        key = (id(name), languages)
        found = self._written.get(key)
        if found is not None and found[0] is name:
            return found[1]
        kept = self._keeps(name.pointer, name.filled)
        text = resolution_xml(name, self._forms(name.forms, languages)) if kept else ""
        if len(self._written) >= _TEXTS:
            self._written.clear()
        self._written[key] = (name, text)
        return text

    def _forms(self, forms: tuple[Form, ...], languages: tuple[str, ...]) -> tuple[Form, ...]:
        """The `forms` in `languages`: the same tuple for the same forms (kept by their identity, with
        them, as `resolution_rest` keeps its texts), so the Resolution's text is found by identity too."""
        key = (id(forms), languages)
        found = self._kept_forms.get(key)
        if found is not None and found[0] is forms:
            return found[1]
        if len(self._kept_forms) >= _TEXTS:
            self._kept_forms.clear()
        kept = tuple(form for form in forms if shares_form(languages, form.language, form.script or None))
        self._kept_forms[key] = (forms, kept)
        return kept

    def _keeps_resolution(self, resolution: etree._Element) -> bool:
        """A Resolution (how a name was resolved, after the Annotation tree) of a shared element stays,
        unless it filled a code element that is not shared: its code is then that element's value."""
        return self._keeps(resolution.get("pointer", ""), resolution.get("filled"))

    def _keeps(self, pointer: str, filled: str | None) -> bool:
        key = (pointer, filled)
        kept = self._resolutions.get(key)
        if kept is None:
            if len(self._resolutions) >= _DECISIONS:
                self._resolutions.clear()
            kept = self._resolutions[key] = self._decide_resolution(*key)
        return kept

    def _decide_resolution(self, pointer: str, filled: str | None) -> bool:
        resolved = _POSITION.sub("", pointer)
        if filled is not None and f"{resolved.rpartition('/')[0]}/{filled}" not in self.shared.elements:
            return False
        return resolved in self.shared.elements


def _clear_stray(element: etree._Element) -> None:
    """Clear `element`'s text when it holds elements, and its tail, when they are not whitespace (the
    caller saw one of them not None: the engine writes neither)."""
    if element.tail is not None and element.tail.strip(_XML_SPACE):
        element.tail = None
    if len(element) and element.text is not None and element.text.strip(_XML_SPACE):
        element.text = None


def clear_stray_text(element: etree._Element, deep: bool = False) -> None:
    """Clear text that is not whitespace in `element` when it holds elements: its own text and the tails
    of its children (and, when `deep`, the same in every element below)."""
    for child in element:
        if child.tail is not None and child.tail.strip(_XML_SPACE):
            child.tail = None
        if deep and len(child):
            clear_stray_text(child, deep)
    if len(element) and element.text is not None and element.text.strip(_XML_SPACE):
        element.text = None


def _full(pointer: str, relative: str | None) -> str:
    """The full pointer, without positions, of an annotation at `relative` below `pointer`."""
    if relative is None:
        return ""
    return _POSITION.sub("", f"{pointer}/{relative}" if pointer else relative)


_FILTERS: dict[tuple[SharedElements, int], tuple[Model, ElementFilter]] = {}


def element_filter(shared: SharedElements, model: Model) -> ElementFilter:
    """The filter of `shared`, compiled on first use (the model is kept with it, so its id stays its own)."""
    key = (shared, id(model))
    if key not in _FILTERS:
        if len(_FILTERS) >= 256:
            _FILTERS.clear()
        _FILTERS[key] = (model, ElementFilter(shared, model))
    return _FILTERS[key][1]
