"""Run a compiled mapping over one source document and write the harmonized Declaration as XML text.

A mapping is compiled once into Python source, one function per class rule (see `codegen`), which
walks the source document in model order and appends XML fragments to a list: several times faster
than interpreting the rules or building an element tree (bench/normalize.py measures it). This module
holds what the generated code calls: the run state, value checking with memoization, provenance and
issue reporting.

Every value is stripped, transformed, typed and checked; a value that fails is reported with its
pointer and source location and left out, so the message always validates. Checked results are
memoized per rule and value, since manifests repeat codes, dates and names.

Provenance: every source node that a class instance comes from gets an annotation (pointer, source path,
line), and every value written gets a Field inside it, with its pointer and source path relative to that
annotation, its line, how it was obtained and, when a transform changed it, the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gateway.codelists import CodeLists
from gateway.issues import Issue, error, warning
from gateway.mapping.rules import ElementRule, ValueRule
from gateway.mapping.transforms import BadValue
from gateway.mapping.xml_paths import SimplePath
from gateway.names.script import detect_script
from gateway.normalize.language import LANGUAGE_TAG, guess_language
from gateway.normalize.values import code_notice, depends_on_date, typed_value
from gateway.normalize.xmltext import attributes, escape_attribute, escape_text

MEMO_LIMIT = 8192
"""Most distinct values remembered per rule; beyond it values are still checked, just not remembered."""


class Instance:
    """The annotation of one source node that a class instance comes from: its fields and the
    annotations of the instances below it, each with pointer and source relative to its parent."""

    __slots__ = ("children", "fields", "full_source", "line", "pointer", "source")

    def __init__(self, parent: Instance | None, pointer: str, source: str, line: int | None) -> None:
        self.pointer, self.source, self.line = pointer, source, line
        self.fields: list[str] = []
        self.children: list[Instance] = []
        # The source path from the document root; no link to the parent, so no reference cycles.
        self.full_source: str = (
            source if parent is None or source.startswith("/") else f"{parent.full_source}/{source}"
        )

    def write(self, parts: list[str]) -> None:
        """Append this annotation as XML to `parts`."""
        line = f' line="{self.line}"' if self.line else ""
        parts.append(f'<Annotation pointer="{self.pointer}" source="{escape_attribute(self.source)}"{line}')
        if not self.fields and not self.children:
            parts.append("/>")
            return
        parts.append(">")
        parts.extend(self.fields)
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
    on: date | None = None
    """The document's date: coded values are checked against the code lists in force on it."""

    def write_annotations(self) -> None:
        """Append the Annotations section to the message text."""
        if self.root is not None:
            self.parts.append("<Annotations>")
            self.root.write(self.parts)
            self.parts.append("</Annotations>")


def line_of(node: Any) -> int | None:
    """The source line of a node, when its syntax has lines."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else None


def child_index(node: Any) -> dict[str, list[Any]]:
    """The children of an XML element by tag, in document order."""
    index: dict[str, list[Any]] = {}
    for child in node:
        index.setdefault(child.tag, []).append(child)
    return index


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


def side_value(rule: ValueRule | None, node: Any, index: dict[str, list[Any]]) -> str | None:
    """A side rule's value at `node`, reading `step/@attribute` paths through the child index.

    A transform that fails gives the raw value, so that the element's own check reports it."""
    if rule is None:
        return None
    path = rule.path
    if path is None:
        value: str | None = rule.constant
    elif isinstance(path, SimplePath) and len(path.steps) == 1 and path.attribute is not None:
        children = index.get(path.steps[0][0])
        value = children[0].get(path.attribute) if children else None
    else:
        value = _first_value(path, node)
    if value is None:
        return None
    value = value.strip()
    try:
        for transform in rule.transforms:
            value = transform(value)
    except BadValue:
        return value
    return value


Checked = tuple[str, str, BadValue | None]
"""A checked value: its XML fragment, the end of its Field entry, and a warning to report, if any."""


class ElementChecker:
    """Checks and memoizes the values of one element rule; reports what fails."""

    __slots__ = ("_default", "close", "constant_sides", "memo", "name", "open_name", "pointer_id", "rule")

    def __init__(self, rule: ElementRule) -> None:
        self.rule, self.name, self.pointer_id = rule, rule.model.name, rule.pointer_id
        self.open_name, self.close = f"<{self.name}", f"</{self.name}>"
        self.memo: dict[Any, Checked | BadValue] = {}
        self._default: Checked | BadValue | None = None
        self.constant_sides = tuple(
            side_value(side, None, {}) if is_constant_side(side) else None
            for side in (rule.unit, rule.currency, rule.language)
        )

    def remember(self, key: Any, run: MappingRun) -> Checked | BadValue:
        """The checked result for `key` (the raw value, or it with its unit, currency and language):
        the XML fragment and the end of its Field entry (with the original when a transform changed it),
        or the `BadValue` it raised."""
        if isinstance(key, tuple):
            raw, unit, currency, language = key
        else:
            raw, (unit, currency, language) = key, self.constant_sides
        try:
            fragment, text, notice = self._compute(run, raw, unit, currency, language)
            tail = "/>" if text == raw else f' original="{escape_attribute(raw)}"/>'
            result: Checked | BadValue = (fragment, tail, notice)
            dated = self.rule.model.codelist is not None and depends_on_date(
                self.rule.model, text, run.codelists
            )
        except BadValue as bad:
            result, dated = bad, bad.code == "value.code-not-in-force"
        if len(self.memo) < MEMO_LIMIT and not dated:  # a dated code's check differs between documents
            self.memo[key] = result
        return result

    def default_result(self, run: MappingRun) -> Checked | BadValue:
        """The checked `default:` value. A default is written in canonical form, so no transform applies."""
        if self._default is not None:
            return self._default
        unit, currency, language = self.constant_sides
        default = str(self.rule.default)
        try:
            fragment, _, notice = self._typed(run, default, unit, currency, language)
            result: Checked | BadValue = (fragment, "/>", notice)
        except BadValue as bad:
            result = bad
        if self.rule.model.codelist is None or not depends_on_date(self.rule.model, default, run.codelists):
            self._default = result
        return result

    def _compute(
        self, run: MappingRun, raw: str, unit: str | None, currency: str | None, language: str | None
    ) -> tuple[str, str, BadValue | None]:
        value = raw
        for transform in self.rule.transforms:
            value = transform(value)
        if not value:
            raise BadValue("value.bad-format", "the value is empty after its transforms")
        return self._typed(run, value, unit, currency, language)

    def _typed(
        self, run: MappingRun, value: str, unit: str | None, currency: str | None, language: str | None
    ) -> tuple[str, str, BadValue | None]:
        text, extra = typed_value(self.rule.model, value, run.codelists, unit, currency, run.on)
        notice = code_notice(self.rule.model, text, run.codelists) if self.rule.model.type == "code" else None
        if self.rule.model.type == "text":
            script = detect_script(text)
            extra = {
                "languageID": language or guess_language(text, script, run.languages),
                "scriptCode": script,
            }
        return f"{self.open_name}{attributes(extra)}>{escape_text(text)}{self.close}", text, notice

    def report(
        self, run: MappingRun, bad: BadValue, pointer: str, source: str, node: Any, suffix: str = ""
    ) -> None:
        """Record a value that failed its transforms or checks (or, for a warning, that is kept)."""
        report = warning if bad.severity == "warning" else error
        run.issues.append(
            report(
                bad.code,
                f"{self.name}: {bad.message}.",
                pointer=f"{pointer}/{self.pointer_id}{suffix}",
                source=source,
                line=line_of(node),
            )
        )

    def repeated(self, run: MappingRun, pointer: str, source: str, node: Any) -> None:
        """Record a second value for an element that does not repeat."""
        run.issues.append(
            warning(
                "element.repeated",
                f"{self.name} was found more than once; the first is used.",
                pointer=f"{pointer}/{self.pointer_id}",
                source=source,
                line=line_of(node),
            )
        )

    def language(
        self, run: MappingRun, value: str | None, pointer: str, source: str, node: Any
    ) -> str | None:
        """A language read from the document, or None (and a warning) when it is not a BCP 47 tag."""
        if value is None or LANGUAGE_TAG.fullmatch(value):
            return value
        run.issues.append(
            warning(
                "value.bad-language",
                f"{self.name}: {value!r} is not a BCP 47 language tag; the guess is used.",
                pointer=f"{pointer}/{self.pointer_id}",
                source=source,
                line=line_of(node),
            )
        )
        return None

    def joined(self, node: Any, prefix: str = "") -> tuple[str, Any, str] | None:
        """For a `paths` + `join` rule: the joined value, the first node, and the relative paths of
        every part (each behind `prefix`) joined with " + "."""
        parts, sources, first = [], [], None
        for path in self.rule.paths:
            for value, child, relative in path.values(node):
                if value.strip():
                    parts.append(value.strip())
                    sources.append(join_source(prefix, relative))
                    first = first if first is not None else child
        return (self.rule.join.join(parts), first, " + ".join(sources)) if parts else None


def missing(run: MappingRun, name: str, pointer: str, instance: Instance, prefix: str, node: Any) -> None:
    """Record an element that the document kind requires and that is absent."""
    run.issues.append(
        error(
            "element.missing",
            f"{name} is required in a {run.kind} document but is missing.",
            pointer=pointer,
            source=source_of(instance, prefix.rstrip("/")),
            line=line_of(node),
        )
    )
