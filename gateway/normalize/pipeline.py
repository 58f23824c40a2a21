"""Normalize one national document: intake, detection, mapping and checks, returning every issue at once.

The syntax (sniffed from the first bytes, or the one of the format asked for) decides the intake: XML,
JSON, CSV or UN/EDIFACT, each parsed safely into a tree of nodes. Detection then picks the format from
what the tree shows (`gateway.normalize.detect`), and the format's compiled mapping runs over the tree.
The sources of XML values are paths from the root element (``/pi:PreliminaryInformation/...``); those
of JSON, CSV and EDIFACT values from the document root, written as the empty path: ``/consignments[2]``,
``/Тээврийн баримт №=MN-0012/row 7``, ``/CNI[2]/GID[1]/FTX[1]/4.1``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial

from lxml import etree

from gateway.codelists import CodeLists
from gateway.collector import paused_collector
from gateway.intake.csv import parse_csv
from gateway.intake.edifact import parse_edifact
from gateway.intake.json import parse_json
from gateway.intake.limits import IntakeLimits
from gateway.intake.xml import parse_xml
from gateway.issues import Issue, error, has_errors
from gateway.mapping.codegen import CompiledMapping
from gateway.mapping.engine import MappingRun, evaluate
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import ClassRule, ElementRule, Mapping, ValueRule
from gateway.mapping.transforms import BadValue, NameToCode
from gateway.model import Model, ModelElement, load_model
from gateway.normalize.detect import check_format, detect_format, sniff_syntax
from gateway.normalize.document_date import document_date
from gateway.normalize.message import DECLARATION, HarmonizedMessage, message_head
from gateway.resolve.setup import stage_from_settings
from gateway.resolve.stage import LIST_KINDS, NAME_ELEMENTS, NameResolution, ResolvedName
from gateway.settings import Settings


@dataclass(slots=True)
class Normalization:
    """The outcome of normalizing one document: the message (absent when unreadable) and all issues."""

    format: str | None
    message: HarmonizedMessage | None
    issues: list[Issue] = field(default_factory=list)
    names: list[ResolvedName] = field(default_factory=list)
    """The names and places resolved in the message (for the unresolved queue)."""

    @property
    def ok(self) -> bool:
        """True when a message was produced and no issue is an error."""
        return self.message is not None and not has_errors(self.issues)


class Normalizer:
    """Normalizes documents with the formats, code lists and limits it was built with."""

    def __init__(
        self,
        registry: FormatRegistry,
        codelists: CodeLists,
        limits: IntakeLimits,
        model: Model | None = None,
        resolution: NameResolution | None = None,
    ) -> None:
        self.registry, self.codelists, self.limits = registry, codelists, limits
        self.model = model or load_model()
        self.resolution = resolution
        self._compiled: dict[str, CompiledMapping] = {}
        self._coded: dict[str, dict[str, str]] = {}
        self._glossary_seen: dict[str, str] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Normalizer:
        """A normalizer over the folders and limits that `settings` name."""
        registry = FormatRegistry.from_folder(settings.mappings_dir, settings.codelists_dir / "crosswalks")
        limits = IntakeLimits(
            settings.max_document_bytes, settings.max_depth, settings.max_elements, settings.max_repeats
        )
        codelists, model = CodeLists(settings.codelists_dir), load_model()
        return cls(registry, codelists, limits, model, stage_from_settings(settings, codelists, model))

    def normalize(self, data: bytes, format_name: str = "auto") -> Normalization:
        """Normalize `data`; `format_name` is a known format or "auto" to detect it."""
        if too_large := self.limits.too_large(data):  # whatever its syntax, or none
            return Normalization(None, None, [too_large])
        syntax = sniff_syntax(data) if format_name == "auto" else self.registry.get(format_name).syntax
        reader = _READERS.get(syntax or "")
        if syntax is None or reader is None:
            return Normalization(None, None, [_unreadable(data, syntax)])
        read = reader(data, self.limits)
        if read.root is None:
            return Normalization(None, None, read.issues)
        if format_name == "auto":
            mapping, problem = detect_format(syntax, read.shown, self.registry)
        else:
            mapping = self.registry.get(format_name)
            problem = check_format(syntax, read.shown, mapping)
        if mapping is None or problem is not None:
            found = [problem] if problem else []
            return Normalization(format_name if mapping else None, None, read.issues + found)
        source = _root_source(read.root, mapping) if isinstance(read.root, etree._Element) else ""
        result = self.run_mapping(mapping, read.root, source)
        result.issues[:0] = read.issues
        return result

    def run_mapping(self, mapping: Mapping, root: object, source: str) -> Normalization:
        """Run `mapping` over a parsed document whose root node is `root`.

        The cyclic garbage collector stays paused until the run's parts and annotations are freed
        (see `CompiledMapping.run`), so that the collection it owes then finds little to walk."""
        coded = self._name_codes(mapping)
        if coded and self.resolution is not None:
            self._forget_stale_codes(mapping)
        resolution = self.resolution
        with resolution.one_document() if resolution else nullcontext():  # name_to_code and the stage
            with paused_collector():  # share the document's searches
                message, issues = self._write(mapping, root, source)
            names: list[ResolvedName] = []
            if resolution is not None:
                message, names, found = resolution.apply_apart(message.xml, mapping.country, coded)
                issues = _withdraw_filled(issues, names) + found
        return Normalization(mapping.format, message, issues, names)

    def _write(self, mapping: Mapping, root: object, source: str) -> tuple[HarmonizedMessage, list[Issue]]:
        kind, issues = self._kind(mapping, root, source)
        head = message_head(self.model, kind, mapping.format, mapping.country)
        on = document_date(mapping, root)
        run = MappingRun(
            self.codelists,
            mapping.languages,
            kind,
            [DECLARATION, head],
            issues=issues,
            on=on,
            max_repeats=self.limits.max_repeats,
        )
        self.compiled(mapping).run(root, source, run)
        run.parts.append("</HarmonizedMessage>")
        document = "".join(run.parts).encode("utf-8")
        return HarmonizedMessage.from_document(document, self.model), run.issues

    def warm(self) -> None:
        """Do now what the first documents would pay for: every mapping compiled, and the resolver's
        catalogs of the kinds of names messages hold built for the glossary in force (goods
        descriptions are read with the goods terms, not a catalog). A serving process calls it before it
        answers (about 0.7 s of CPU that would otherwise hold up its first documents); a glossary
        reloaded later builds its catalogs on first use, as before."""
        kinds = {kind for kind, _ in NAME_ELEMENTS.values() if kind != "goods"}
        for mapping in self.registry.mappings.values():
            self.compiled(mapping)
            kinds |= {LIST_KINDS[name] for name in self._name_codes(mapping).values()}
        for name in sorted(_code_lists_checked(self.model)):
            self.codelists.get(name)  # read now if deferred (hs): values are checked against it
        if self.resolution is not None:
            resolver = self.resolution.resolver
            glossary = resolver.glossary()
            for kind in sorted(kinds):
                resolver.catalog(kind, glossary).warm()  # with its towns: the township list if they join
            self.resolution.goods.terms(glossary)

    def compiled(self, mapping: Mapping) -> CompiledMapping:
        """The compiled form of `mapping`, built on first use."""
        compiled = self._compiled.get(mapping.format)
        if compiled is None:
            compiled = self._compiled[mapping.format] = CompiledMapping(mapping)
        return compiled

    def _name_codes(self, mapping: Mapping) -> dict[str, str]:
        """The WCO IDs of the elements that the mapping's `name_to_code` transforms fill, with their code
        lists; the first time, the transforms get the resolution stage as their coder (none when the
        stage is off, so that they pass every value unchanged)."""
        coded = self._coded.get(mapping.format)
        if coded is None:
            coded = self._coded[mapping.format] = {}
            for rule, transform in name_to_code_rules(mapping.declaration):
                if self.resolution is not None:
                    transform.coder = partial(self.resolution.code_of, transform.list_name, mapping.country)
                coded[rule.pointer_id] = transform.list_name
        return coded

    def _forget_stale_codes(self, mapping: Mapping) -> None:
        """After a glossary reload, the values that `name_to_code` coded (or could not code) under the old
        glossary are checked again: the mapping's checkers remember values across documents."""
        assert self.resolution is not None
        version = self.resolution.resolver.glossary().version
        seen = self._glossary_seen.get(mapping.format)
        self._glossary_seen[mapping.format] = version
        if seen is not None and seen != version:
            rules = frozenset(id(rule) for rule, _ in name_to_code_rules(mapping.declaration))
            self.compiled(mapping).forget(rules)

    def _kind(self, mapping: Mapping, root: object, source: str) -> tuple[str | None, list[Issue]]:
        try:
            kind = evaluate(mapping.kind, root)
        except BadValue as bad:
            message = f"The document kind cannot be read: {bad.message}."
            return None, [error("kind.unknown", message, **_place(mapping.kind, root, source))]
        if kind in self.model.kinds:
            return kind, []
        said = "The document gives no document kind" if kind is None else f"The document kind {kind!r}"
        message = f"{said}; the kinds are {', '.join(self.model.kinds)}."
        return None, [error("kind.unknown", message, **_place(mapping.kind, root, source))]


@dataclass(frozen=True, slots=True)
class _Read:
    """A document read by the intake of its syntax: the root node of the mapping (None when it could
    not be read), what detection looks at, and the intake's issues."""

    root: object | None
    shown: object
    issues: list[Issue]


def _read_xml(data: bytes, limits: IntakeLimits) -> _Read:
    parsed = parse_xml(data, limits)
    return _Read(parsed.root, parsed.root, parsed.issues)


def _read_json(data: bytes, limits: IntakeLimits) -> _Read:
    parsed = parse_json(data, limits)
    return _Read(parsed.root, parsed.root, parsed.issues)


def _read_csv(data: bytes, limits: IntakeLimits) -> _Read:
    parsed = parse_csv(data, limits)
    return _Read(parsed.root, parsed.header, parsed.issues)


def _read_edifact(data: bytes, limits: IntakeLimits) -> _Read:
    parsed = parse_edifact(data, limits)
    interchange = parsed.interchange
    return _Read(interchange.root() if interchange else None, interchange, parsed.issues)


_READERS: dict[str, Callable[[bytes, IntakeLimits], _Read]] = {
    "xml": _read_xml,
    "json": _read_json,
    "csv": _read_csv,
    "edifact": _read_edifact,
}


def _place(rule: ValueRule, root: object, source: str) -> dict[str, object]:
    """Where a side rule's value is (or should be) in the document: its source path and line."""
    if rule.path is None:
        return {}
    found = next(iter(rule.path.nodes(root)), None)
    if found is None:
        return {"source": f"{source}/{rule.path.text}"}
    node, path = found
    line = getattr(node, "sourceline", None)
    return {"source": f"{source}/{path}", **({"line": line} if isinstance(line, int) else {})}


def _root_source(root: etree._Element, mapping: Mapping) -> str:
    name = etree.QName(root)
    prefixes = {uri: prefix for prefix, uri in mapping.namespaces.items()}
    prefix = prefixes.get(name.namespace or "")
    return f"/{prefix}:{name.localname}" if prefix else f"/{name.localname}"


def name_to_code_rules(rule: ClassRule) -> Iterator[tuple[ElementRule, NameToCode]]:
    """The element rules below `rule` that apply `name_to_code`, with that transform."""
    for child in rule.children:
        if isinstance(child, ClassRule):
            yield from name_to_code_rules(child)
            continue
        for transform in child.transforms:
            if isinstance(transform, NameToCode):
                yield child, transform


def _code_lists_checked(model: Model) -> set[str]:
    """The code lists that the model's coded elements are checked against."""
    return {
        child.codelist
        for model_class in model.classes.values()
        for child in model_class.children.values()
        if isinstance(child, ModelElement) and child.codelist
    }


def _withdraw_filled(issues: list[Issue], names: list[ResolvedName]) -> list[Issue]:
    """`issues` without the `element.missing` of each code the resolution stage filled (an office's ID)."""
    filled = {name.filled_pointer for name in names if name.filled is not None}
    if not filled:
        return issues
    return [issue for issue in issues if issue.code != "element.missing" or issue.pointer not in filled]


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _start_of(data: bytes) -> str:
    """The document's first 24 characters as text (UTF-8, a byte that is not shown as U+FFFD), for a
    sender to recognise what was posted: Python's bytes (b'\\xd0\\x97...') told nobody anything."""
    return data[:96].decode("utf-8", errors="replace")[:24]


def _unreadable(data: bytes, syntax: str | None) -> Issue:
    if not data.strip():
        return error("intake.empty", "The document is empty.")
    if syntax is None:
        control = _CONTROL.search(data, 0, 4096)
        if control is not None:  # what kept a text format from being seen: say where it is
            line = data.count(b"\n", 0, control.start()) + 1
            message = (
                f"The document is not XML, JSON, CSV or UN/EDIFACT: byte {control.start()} (line {line}) is "
                f"the control character U+{control.group()[0]:04X}, which none of them holds."
            )
            return error("format.unknown", message, line=line)
        return error(
            "format.unknown",
            f"The document is not XML, JSON, CSV or UN/EDIFACT (it starts with {_start_of(data)!r}).",
        )
    return error("format.unknown", f"No known format reads {syntax} documents yet.")
