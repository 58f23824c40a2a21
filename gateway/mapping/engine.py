"""Run a compiled mapping over one source document and build the harmonized Declaration.

The engine walks the mapping's rules in model order, so the output follows the published schema. Every
value is stripped, transformed, typed and checked; a value that fails is reported with its pointer and
source location and left out, so the message always validates. Every value written gets an annotation
with its provenance. Classes that a document kind requires and that are missing are reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from gateway.codelists import CodeLists
from gateway.issues import Issue, error, warning
from gateway.mapping.rules import ClassRule, ElementRule, Mapping, ValueRule
from gateway.mapping.transforms import BadValue
from gateway.names.script import detect_script
from gateway.normalize.language import guess_language
from gateway.normalize.values import typed_value


@dataclass(slots=True)
class Place:
    """Where the engine is: a source node, its source path, and the pointer of the output element."""

    node: Any
    source: str
    pointer: str
    position: int = 1


@dataclass(slots=True)
class MappingRun:
    """The state of one mapping run over one document."""

    mapping: Mapping
    codelists: CodeLists
    kind: str | None
    annotations: etree._Element
    issues: list[Issue] = field(default_factory=list)

    def run(self, root: Any, source: str, parent: etree._Element) -> None:
        """Fill the Declaration under `parent` from the document rooted at `root`."""
        rule = self.mapping.declaration
        place = Place(root, source, rule.pointer_id)
        nodes = [(root, source)] if rule.path is None else self._select(rule.path, place)
        for node, node_source in nodes[:1]:
            self._fill_class(rule, Place(node, node_source, rule.pointer_id), parent, keep_empty=True)
        if not nodes:
            self._missing(rule.name, rule.pointer_id, place)

    def _select(self, path: Any, place: Place) -> list[tuple[Any, str]]:
        return [(node, f"{place.source}/{relative}") for node, relative in path.nodes(place.node)]

    def _fill_class(
        self, rule: ClassRule, place: Place, parent: etree._Element, keep_empty: bool = False
    ) -> bool:
        output = etree.SubElement(parent, rule.tag)
        produced: set[str] = set()
        for child in rule.children:
            name = child.model.name if isinstance(child, ElementRule) else child.name
            made = (
                self._fill_element(child, place, output)
                if isinstance(child, ElementRule)
                else self._fill_child_class(child, place, output)
            )
            if made:
                produced.add(name)
        if not produced and not keep_empty:
            parent.remove(output)
            return False
        self._check_required(rule, place, produced)
        return True

    def _fill_child_class(self, rule: ClassRule, place: Place, parent: etree._Element) -> bool:
        if rule.each is not None:
            nodes = self._select(rule.each, place)
        elif rule.path is not None:
            nodes = self._select(rule.path, place)[:1]
        else:
            nodes = [(place.node, place.source)]
        made = False
        for position, (node, source) in enumerate(nodes, start=1):
            pointer = f"{place.pointer}/{rule.pointer_id}" + (f"[{position}]" if rule.repeats else "")
            made |= self._fill_class(rule, Place(node, source, pointer, position), parent)
        return made

    def _check_required(self, rule: ClassRule, place: Place, produced: set[str]) -> None:
        if self.kind is None:
            return
        for required in rule.required:
            if self.kind in required.kinds and required.name not in produced:
                self._missing(required.name, f"{place.pointer}/{required.wco_id}", place)

    def _missing(self, name: str, pointer: str, place: Place) -> None:
        self.issues.append(
            error(
                "element.missing",
                f"{name} is required in a {self.kind} document but is missing.",
                pointer=pointer,
                source=place.source,
                line=_line(place.node),
            )
        )

    def _fill_element(self, rule: ElementRule, place: Place, parent: etree._Element) -> bool:
        pointer = f"{place.pointer}/{rule.pointer_id}"
        made = 0
        for raw, node, source, method in self._raw_values(rule, place):
            written = self._write(
                rule,
                place,
                parent,
                raw,
                method,
                _Where(f"{pointer}[{made + 1}]" if rule.model.repeats else pointer, source, node),
            )
            made += written
        if not made and rule.default is not None:
            made = self._write(rule, place, parent, rule.default, "default", _Where(pointer, None, None))
        return made > 0

    def _raw_values(self, rule: ElementRule, place: Place) -> Iterable[tuple[str, Any, str | None, str]]:
        if rule.constant is not None:
            yield rule.constant, None, None, "constant"
        elif rule.position:
            yield str(place.position), None, None, "position"
        elif rule.paths:
            yield from self._joined(rule, place)
        elif rule.path is not None:
            yield from self._from_path(rule, place)

    def _from_path(self, rule: ElementRule, place: Place) -> Iterable[tuple[str, Any, str | None, str]]:
        found = 0
        for value, node, relative in rule.path.values(place.node):  # type: ignore[union-attr]
            text = value.strip()
            if not text:
                continue
            found += 1
            if found > 1 and not rule.model.repeats:
                self.issues.append(
                    warning(
                        "element.repeated",
                        f"{rule.model.name} was found more than once; the first is used.",
                        pointer=f"{place.pointer}/{rule.pointer_id}",
                        source=f"{place.source}/{relative}",
                        line=_line(node),
                    )
                )
                return
            yield text, node, f"{place.source}/{relative}", "mapped"

    def _joined(self, rule: ElementRule, place: Place) -> Iterable[tuple[str, Any, str | None, str]]:
        parts, first = [], None
        for path in rule.paths:
            for value, node, relative in path.values(place.node):
                if value.strip():
                    parts.append(value.strip())
                    first = first or (node, f"{place.source}/{relative}")
        if parts and first:
            yield rule.join.join(parts), first[0], first[1], "mapped"

    def _write(
        self, rule: ElementRule, place: Place, parent: etree._Element, raw: str, method: str, where: _Where
    ) -> int:
        try:
            value = raw
            for transform in rule.transforms:
                value = transform(value)
            text, attributes = self._typed(rule, place, value)
        except BadValue as bad:
            self.issues.append(
                error(
                    bad.code,
                    f"{rule.model.name}: {bad.message}.",
                    pointer=where.pointer,
                    source=where.source,
                    line=_line(where.node or place.node),
                )
            )
            return 0
        element = etree.SubElement(parent, rule.tag, attributes)
        element.text = text
        self._annotate(where, method, raw if raw != text else None)
        return 1

    def _typed(self, rule: ElementRule, place: Place, value: str) -> tuple[str, dict[str, str]]:
        if not value:
            raise BadValue("value.bad-format", "the value is empty after its transforms")
        unit = self._side_value(rule.unit, place)
        currency = self._side_value(rule.currency, place)
        text, attributes = typed_value(rule.model, value, self.codelists, unit, currency)
        if rule.model.type == "text":
            script = detect_script(text)
            language = self._side_value(rule.language, place) or guess_language(
                text, script, self.mapping.languages
            )
            attributes = {"languageID": language, "scriptCode": script}
        return text, attributes

    def _side_value(self, rule: ValueRule | None, place: Place) -> str | None:
        return None if rule is None else evaluate(rule, place.node)

    def _annotate(self, where: _Where, method: str, original: str | None) -> None:
        annotation = etree.SubElement(
            self.annotations, self.annotation_tag, pointer=where.pointer, method=method
        )
        if where.source:
            annotation.set("source", where.source)
        line = _line(where.node)
        if line:
            annotation.set("line", str(line))
        if original is not None:
            annotation.set("original", original)

    @property
    def annotation_tag(self) -> str:
        return self.annotations.tag[:-1]  # "...}Annotations" -> "...}Annotation"


@dataclass(frozen=True, slots=True)
class _Where:
    pointer: str
    source: str | None
    node: Any


def evaluate(rule: ValueRule, node: Any) -> str | None:
    """The value of a side rule (kind, language, unit, currency) at `node`; may raise `BadValue`."""
    value = rule.constant
    if rule.path is not None:
        value = next((text.strip() for text, _, _ in rule.path.values(node) if text.strip()), None)
    if value is None:
        return None
    for transform in rule.transforms:
        value = transform(value)
    return value


def _line(node: Any) -> int | None:
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else None
