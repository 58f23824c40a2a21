"""Run a compiled mapping over one source document and write the harmonized Declaration as XML text.

A mapping is compiled once into Python source, one function per class rule (see `codegen`), which
walks the source document in model order and appends XML fragments to a list: several times faster
than interpreting the rules or building an element tree (bench/normalize.py measures it). This module
holds what the generated code calls: the run state, provenance, side values (unit, currency, language)
and issue reporting; `checker` checks values, `child_index` indexes XML children.

Every value is stripped, transformed, typed and checked; a value that fails is reported with its
pointer and source location and left out, so the message always validates.

Provenance: every source node that a class instance comes from gets an annotation (pointer, source path,
line), and every value written gets a Field inside it, with its pointer and source path relative to that
annotation, its line, how it was obtained and, when a transform changed it, the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gateway.codelists import CodeLists
from gateway.issues import Issue, error
from gateway.mapping.child_index import children_of
from gateway.mapping.rules import ValueRule
from gateway.mapping.transforms import BadValue
from gateway.mapping.xml_paths import SimplePath, text_of
from gateway.normalize.xmltext import escape_attribute


class Instance:
    """The annotation of one source node that a class instance comes from: its fields and the
    annotations of the instances below it, each with pointer and source relative to its parent."""

    __slots__ = ("_full_source", "children", "fields", "line", "origin", "pointer", "source")

    def __init__(self, parent: Instance | None, pointer: str, source: str, line: int | None) -> None:
        self.pointer, self.source, self.line = pointer, source, line
        self.fields: list[str] = []
        self.children: list[Instance] = []
        # Where the parent's source comes from, as (its origin, its source) pairs up to the root: no
        # link to the parent itself, so no reference cycles; the full path is joined only when an issue
        # or a walk asks for it.
        self.origin: tuple[Any, str] | None = None if parent is None else (parent.origin, parent.source)
        self._full_source: str | None = None

    @property
    def full_source(self) -> str:
        """The source path from the document root."""
        if self._full_source is None:
            steps, origin = [self.source], self.origin
            while origin is not None and not steps[-1].startswith("/"):
                origin, source = origin
                steps.append(source)
            self._full_source = "/".join(reversed(steps))
        return self._full_source

    def write(self, parts: list[str]) -> None:
        """Append this annotation as XML to `parts`."""
        line = f' line="{self.line}"' if self.line else ""
        head = f'<Annotation pointer="{self.pointer}" source="{escape_attribute(self.source)}"{line}'
        if not self.fields and not self.children:
            parts.append(head + "/>")
            return
        parts.append(head + ">")
        parts += self.fields
        for child in self.children:
            child.write(parts)
        parts.append("</Annotation>")


@dataclass(slots=True)
class MappingRun:
    """The state of one run: the message text being written, the annotations and the issues."""

    codelists: CodeLists
    languages: tuple[str, ...]
    kind: str | None
    parts: list[str] = field(default_factory=list)
    root: Instance | None = None
    issues: list[Issue] = field(default_factory=list)
    absolute: dict[Any, str] = field(default_factory=dict)  # XPath matches outside their context
    on: date | None = None
    """The document's date: coded values are checked against the code lists in force on it."""
    max_repeats: int = 9_999
    """Most instances of one repeated class under one parent (`IntakeLimits.max_repeats`)."""

    def write_annotations(self, write: Callable[[Instance, list[str]], None] = Instance.write) -> None:
        """Append the Annotations section to the message text, each annotation written by `write`
        (`Instance.write`, or the same in C: `_fastread.write_annotation`)."""
        if self.root is not None:
            self.parts.append("<Annotations>")
            write(self.root, self.parts)
            self.parts.append("</Annotations>")


def line_of(node: Any) -> int | None:
    """The source line of a node, when its syntax has lines."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else None


def join_source(prefix: str, relative: str) -> str:
    """`relative` below the node that `prefix` leads to; an absolute path stays as it is."""
    return relative if relative.startswith("/") else (prefix + relative).rstrip("/")


def source_of(instance: Instance, relative: str) -> str:
    """The full source path of something at `relative` below an annotated instance (or absolute)."""
    if relative.startswith("/"):
        return relative
    base = instance.full_source
    return f"{base}/{relative}" if relative else base


def evaluate(rule: ValueRule, node: Any) -> str | None:
    """The value of a side rule (kind, language, unit, currency) at `node`; may raise `BadValue`."""
    value = rule.constant if rule.path is None else _first_value(rule.path, node)
    if value is None:
        return None
    for transform in rule.transforms:
        value = transform(value)
    return value


def _first_value(path: Any, node: Any) -> str | None:
    return next((text.strip() for text, _, _ in path.values(node) if text.strip()), None)


def is_constant_side(rule: ValueRule | None) -> bool:
    """Whether a side rule (unit, currency, language) has the same value everywhere."""
    return rule is None or rule.path is None


def side_value(rule: ValueRule | None, node: Any, index: dict[str, Any] | None) -> str | None:
    """A side rule's value at `node`, reading `step/@attribute` paths through the child index.

    A transform that fails gives the raw value, so that the element's own check reports it."""
    if rule is None:
        return None
    path = rule.path
    if path is None:
        value: str | None = rule.constant
    elif index is not None and isinstance(path, SimplePath) and len(path.steps) == 1 and path.attribute:
        children = children_of(index, path.steps[0][0])
        value = children[0].get(path.attribute) if children else None
    else:
        value = _first_value(path, node)
    return None if value is None else _side_transformed(rule, value.strip())


def side_child(rule: ValueRule, index: dict[str, Any], tag: str) -> str | None:
    """`side_value` of a rule whose path is plain child steps, read from the child index of the node
    its last step starts from (the first non-blank text of the children with `tag`)."""
    for element in children_of(index, tag):
        text = text_of(element).strip()
        if text:
            return _side_transformed(rule, text)
    return None


def side_of(rule: ValueRule, element: Any) -> str | None:
    """`side_value` of a rule that reads an attribute of the one element whose value it goes with."""
    value = element.get(rule.path.attribute)  # type: ignore[union-attr]  # checked by the code generator
    return None if value is None else _side_transformed(rule, value.strip())


def _side_transformed(rule: ValueRule, value: str) -> str:
    try:
        for transform in rule.transforms:
            value = transform(value)
    except BadValue:
        return value
    return value


def too_many(run: MappingRun, name: str, pointer: str, instance: Instance, relative: str, node: Any) -> None:
    """Record a repeated class found more often under one parent than `run.max_repeats` (the walk of its
    instances stops there: 990,000 countries of an itinerary, six bytes each, took 23 s to write)."""
    run.issues.append(
        error(
            "element.too-many",
            f"{name} is repeated more than {run.max_repeats} times under one parent (the limit); the "
            "document is refused from this one on.",
            pointer=pointer,
            source=source_of(instance, relative),
            line=line_of(node),
        )
    )


def missing(
    run: MappingRun,
    name: str,
    pointer: str,
    instance: Instance,
    prefix: str,
    node: Any,
    reads: str | None = None,
) -> None:
    """Record an element that the document kind requires and that is absent; `reads` is where in the
    sender's document the mapping reads it (its path, column or segment), so that the sender knows what
    to add: the pointer names the WCO element, which the sender's format does not. None: the mapping
    reads it from nowhere, which only its authors can change."""
    where = (
        f": the mapping reads it from '{reads}'" if reads else ": this format's mapping has no rule for it"
    )
    run.issues.append(
        error(
            "element.missing",
            f"{name} is required in a {run.kind} document but is missing{where}.",
            pointer=pointer,
            source=source_of(instance, prefix.rstrip("/")),
            line=line_of(node),
        )
    )
