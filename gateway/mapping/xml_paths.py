"""Source paths into XML documents: a fast path for simple child steps, compiled XPath for the rest.

A simple path (``pi:Header/pi:Number``, ``@lang``, ``pi:Item/@unit``, ``.``) is walked with lxml's C-level
child iteration, which is several times faster than XPath for the short relative paths that mappings are
made of (the compiled mapping reads most of them from child indexes instead: `child_index`). A union of
plain child steps in no namespace (``Marks1 | Marks2``) is walked the same way, in document order. Anything
else is compiled once by lxml as XPath 1.0 with the mapping's namespace prefixes. All report the source
path of what they matched, with 1-based positions, for annotations and issues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

_NAME = r"(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*"
_SIMPLE = re.compile(rf"^(?:\.|(?:{_NAME})(?:/{_NAME})*(?:/@{_NAME})?|@{_NAME})$")

Match = tuple[etree._Element, str]
"""A matched element and its source path relative to the context, with positions (``a:B[2]/a:C[1]``)."""

Value = tuple[str, etree._Element, str]
"""A value, the element it came from (for its line), and its relative source path."""


def _clark(name: str, namespaces: dict[str, str]) -> str:
    prefix, _, local = name.rpartition(":")
    if not prefix:
        return local
    if prefix not in namespaces:
        raise ValueError(f"namespace prefix {prefix!r} is not declared under namespaces:")
    return f"{{{namespaces[prefix]}}}{local}"


def text_of(element: etree._Element) -> str:
    if len(element):
        return "".join(str(text) for text in element.itertext())
    return element.text or ""


@dataclass(frozen=True, slots=True)
class SimplePath:
    """A path of child steps, optionally ending in an attribute, walked without XPath."""

    text: str
    steps: tuple[tuple[str, str], ...]  # (Clark tag, step as written)
    attribute: str | None

    def nodes(self, context: etree._Element) -> list[Match]:
        matches: list[Match] = [(context, "")]
        for tag, written in self.steps:
            matches = [
                (child, f"{path}/{written}[{position}]" if path else f"{written}[{position}]")
                for element, path in matches
                for position, child in enumerate(element.iterchildren(tag), start=1)
            ]
        return matches

    def values(self, context: etree._Element) -> Iterator[Value]:
        if self.attribute is None:
            for element, path in self.nodes(context):
                yield text_of(element), element, path
            return
        for element, path in self.nodes(context):
            value = element.get(self.attribute)
            if value is not None:
                yield value, element, f"{path}/@{self.text.rpartition('@')[2]}".lstrip("/")


Absolutes = dict[etree._Element, str]
"""Absolute source paths already computed during one run, by element (see `XPathPath.nodes`)."""


@dataclass(frozen=True, slots=True)
class XPathPath:
    """Any other XPath 1.0 expression, compiled once.

    A match outside the context node gets its absolute path, which libxml2 computes by counting the
    siblings of every ancestor; `absolute` (one dictionary per run) remembers them, since such paths
    usually point at the same header element from every goods item."""

    text: str
    compiled: etree.XPath

    def nodes(self, context: etree._Element, absolute: Absolutes | None = None) -> list[Match]:
        result = self.compiled(context)
        if not isinstance(result, list):
            return []
        elements = [item for item in result if isinstance(item, etree._Element)]
        return [(element, _relative_path(context, element, absolute)) for element in elements]

    def values(self, context: etree._Element, absolute: Absolutes | None = None) -> Iterator[Value]:
        result = self.compiled(context)
        items = result if isinstance(result, list) else [result]
        for item in items:
            if isinstance(item, etree._Element):
                yield text_of(item), item, _relative_path(context, item, absolute)
            elif isinstance(item, str | bytes | float | int | bool) and not isinstance(item, bool):
                owner = getattr(item, "getparent", lambda: None)() or context
                text = item.decode() if isinstance(item, bytes) else _format_number(item)
                yield text, owner, self.text


@dataclass(frozen=True, slots=True)
class UnionPath:
    """A union of plain child-step paths in no namespace (``Marks1 | Marks2``, ``ctn | Goods/Seals``),
    walked without XPath: the steps form a tree, walked once in document order with lxml's tag filter,
    so that the matches come out in document order and each once, as XPath gives them."""

    text: str
    tree: dict[str, tuple[bool, dict[str, Any]]]  # tag -> (a branch ends here, the steps below)

    def nodes(self, context: etree._Element) -> list[Match]:
        matches: list[Match] = []
        _walk_union(context, self.tree, "", matches)
        return matches

    def values(self, context: etree._Element) -> Iterator[Value]:
        for element, path in self.nodes(context):
            yield text_of(element), element, path


def _walk_union(
    element: etree._Element, tree: dict[str, tuple[bool, dict[str, Any]]], path: str, matches: list[Match]
) -> None:
    positions: dict[str, int] = {}
    for child in element.iterchildren(*tree):
        tag = child.tag
        position = positions[tag] = positions.get(tag, 0) + 1
        child_path = f"{path}{tag}[{position}]"
        ends, below = tree[tag]
        if ends:
            matches.append((child, child_path))
        if below:
            _walk_union(child, below, child_path + "/", matches)


def _format_number(item: object) -> str:
    if isinstance(item, float) and item.is_integer():
        return str(int(item))
    return str(item)


def _relative_path(context: etree._Element, element: etree._Element, absolute: Absolutes | None) -> str:
    """`element`'s path from `context` as prefixed steps with positions, or absolute when it is not
    below `context`."""
    steps = []
    node: etree._Element | None = None if element is context else element
    while node is not None and node is not context:
        steps.append(node)
        node = node.getparent()
    if node is None:
        return _absolute_path(element, absolute)
    return "/".join(_step(step) for step in reversed(steps))


def _absolute_path(element: etree._Element, absolute: Absolutes | None) -> str:
    if absolute is None:
        return element.getroottree().getpath(element)  # libxml2 computes it, in C
    path = absolute.get(element)
    if path is None:
        path = absolute[element] = element.getroottree().getpath(element)
    return path


def _step(element: etree._Element) -> str:
    tag = element.tag
    position = 1 + sum(1 for _ in element.itersiblings(tag, preceding=True))
    if tag[0] != "{":  # no namespace: the step is the name
        return f"{tag}[{position}]"
    name = etree.QName(element)
    prefix = next((key for key, uri in (element.nsmap or {}).items() if uri == name.namespace and key), None)
    written = f"{prefix}:{name.localname}" if prefix else name.localname
    return f"{written}[{position}]"


@dataclass(frozen=True, slots=True)
class PresencePath:
    """``number(boolean(a/b))`` over plain child steps in no namespace: 1 when the steps lead to an
    element, else 0, read without XPath; the value comes from the context node, as XPath's does."""

    text: str
    steps: str  # as ElementPath: "a/b"

    def nodes(self, context: etree._Element, absolute: Absolutes | None = None) -> list[Match]:
        return []  # a number selects no node

    def values(self, context: etree._Element, absolute: Absolutes | None = None) -> Iterator[Value]:
        yield ("0" if context.find(self.steps) is None else "1"), context, self.text


@dataclass(frozen=True, slots=True)
class CodeTypePath:
    """``a[starts-with(., 'N') and string-length(.) = 4]`` (NCTS's "N" document types): the children
    ``a`` in no namespace whose text has a prefix and a length, read without XPath."""

    text: str
    tag: str
    start: str
    length: int

    def nodes(self, context: etree._Element, absolute: Absolutes | None = None) -> list[Match]:
        return [(element, relative) for _, element, relative in self.values(context)]

    def values(self, context: etree._Element, absolute: Absolutes | None = None) -> Iterator[Value]:
        for position, child in enumerate(context.iterchildren(self.tag), 1):
            value = text_of(child)
            if len(value) == self.length and value.startswith(self.start):
                yield value, child, f"{self.tag}[{position}]"


Branch = tuple[str | None, int, tuple[tuple[str, bool], ...], frozenset[str] | None]
"""A branch of a `BranchedPath`: the Clark tag it requires of the context (``self::X``) or None, how many
parents it climbs (``..``), its child steps (Clark tag, whether only the first: ``[1]``), then the
strings its last step's text must be one of (``[. = 'a' or . = 'b']``) or None."""


@dataclass(frozen=True, slots=True)
class BranchedPath:
    """A union whose branches are child steps, each after an optional ``self::X/`` test and ``..`` steps,
    with ``[1]`` allowed on a step and a test of the text on the last (``[. = 'a' or . = 'b']``), names
    prefixed or not (``ctn | self::Seals/../../Header[1]/Name``, ``../pi:Route/pi:CountryCode``,
    ``pi:KindCode[. = 'ЭМ']``), walked without XPath. When more than one branch matches, the whole
    expression runs as XPath (`xpath`), which puts the matches in document order."""

    text: str
    branches: tuple[Branch, ...]
    xpath: XPathPath

    def nodes(self, context: etree._Element, absolute: Absolutes | None = None) -> list[Match]:
        elements: list[etree._Element] = []
        for branch in self.branches:
            matched = _walk_branch(context, branch)
            if matched is None or (matched and elements):  # past the root, or an order to settle
                return self.xpath.nodes(context, absolute)
            elements = matched or elements
        return [(element, _relative_path(context, element, absolute)) for element in elements]

    def values(self, context: etree._Element, absolute: Absolutes | None = None) -> Iterator[Value]:
        for element, path in self.nodes(context, absolute):
            yield text_of(element), element, path


def _walk_branch(context: etree._Element, branch: Branch) -> list[etree._Element] | None:
    """The elements `branch` matches from `context`, in document order; None when it climbs past the
    root element (to the document node, which only XPath has)."""
    required, climbs, steps, texts = branch
    if required is not None and context.tag != required:
        return []
    node: etree._Element | None = context
    for _ in range(climbs):
        node = node.getparent() if node is not None else None
    if node is None:
        return None
    elements = [node]
    for tag, first in steps:
        if first:
            elements = [found for element in elements if (found := _first_child(element, tag)) is not None]
        else:
            elements = [child for element in elements for child in element.iterchildren(tag)]
    if texts is not None:  # XPath's string value of an element is `text_of`'s: comments left out
        return [element for element in elements if text_of(element) in texts]
    return elements


def _first_child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child called `tag`, looking no further (lxml's tag-filtered iterators and `find` look
    one match ahead, which scans every later sibling: 12 us beside 2,000 bills of lading)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


XmlPath = SimplePath | UnionPath | PresencePath | CodeTypePath | BranchedPath | XPathPath


def compile_xml_path(text: str, namespaces: dict[str, str]) -> XmlPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    if _SIMPLE.match(text):
        return _simple(text, namespaces)
    branches = [branch.strip() for branch in text.split("|")]
    if len(branches) > 1 and all(_UNPREFIXED_STEPS.match(branch) for branch in branches):
        return _union(text, branches)
    _check_prefixes(text, namespaces)
    try:
        compiled = etree.XPath(text, namespaces=namespaces)
        compiled(_PROBE)  # lxml resolves prefixes and functions only when an XPath runs
    except etree.XPathError as exc:
        raise ValueError(f"{text!r} is not a valid XPath 1.0 expression: {exc}") from None
    return _without_xpath(text, branches, namespaces) or XPathPath(text, compiled)


_PRESENCE = re.compile(r"^number\(boolean\(([A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*)\)\)$")
_CODE_TYPE = re.compile(
    r"^([A-Za-z_][\w.-]*)\[starts-with\(\., '([^']*)'\) and string-length\(\.\) = (\d{1,4})\]$"
)
_LITERAL = r"(?:'[^']*'|\"[^\"]*\")"
_TEXT_TEST = rf"\[\s*\.\s*=\s*{_LITERAL}(?:\s+or\s+\.\s*=\s*{_LITERAL})*\s*\]"
_BRANCH = re.compile(
    rf"^(?:self::({_NAME})/)?((?:\.\./)*)({_NAME}(?:\[1\])?(?:/{_NAME}(?:\[1\])?)*)({_TEXT_TEST})?$"
)


def _without_xpath(
    text: str, branches: list[str], namespaces: dict[str, str]
) -> PresencePath | CodeTypePath | BranchedPath | None:
    """The forms that XPath would read more slowly than Python: `PresencePath`, `CodeTypePath`,
    `BranchedPath`."""
    presence = _PRESENCE.match(text.strip())
    if presence:
        return PresencePath(text, presence.group(1))
    code_type = _CODE_TYPE.match(text.strip())
    if code_type:
        tag, start, length = code_type.groups()
        return CodeTypePath(text, tag, start, int(length))
    matches = [_BRANCH.match(branch) for branch in branches]
    if not all(matches):
        return None
    parsed = tuple(_branch(match, namespaces) for match in matches if match)
    return BranchedPath(text, parsed, XPathPath(text, etree.XPath(text, namespaces=namespaces)))


def _branch(match: re.Match[str], namespaces: dict[str, str]) -> Branch:
    required, climbs, steps, test = match.groups()
    child_steps = tuple(
        (_clark(step.removesuffix("[1]"), namespaces), step.endswith("[1]")) for step in steps.split("/")
    )
    texts = frozenset(literal[1:-1] for literal in re.findall(_LITERAL, test)) if test else None
    tag = _clark(required, namespaces) if required else None
    return tag, climbs.count(".."), child_steps, texts


_PROBE = etree.Element("probe")
_UNPREFIXED_STEPS = re.compile(r"^[A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*$")


def _union(text: str, branches: list[str]) -> UnionPath:
    tree: dict[str, tuple[bool, dict[str, Any]]] = {}
    for branch in branches:
        level, steps = tree, branch.split("/")
        for number, step in enumerate(steps, 1):
            ends, below = level.get(step, (False, {}))
            level[step] = (ends or number == len(steps), below)
            level = below
    return UnionPath(text, tree)


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_PREFIX = re.compile(r"(?<![\w.-])([A-Za-z_][\w.-]*):(?=[A-Za-z_*])")


def _check_prefixes(text: str, namespaces: dict[str, str]) -> None:
    for match in _PREFIX.finditer(_QUOTED.sub("''", text)):
        if match.group(1) not in namespaces:
            raise ValueError(f"namespace prefix {match.group(1)!r} is not declared under namespaces:")


def _simple(text: str, namespaces: dict[str, str]) -> SimplePath:
    if text == ".":
        return SimplePath(text, (), None)
    element_part, _, attribute = text.partition("@")
    written = [step for step in element_part.split("/") if step]
    steps = tuple((_clark(step, namespaces), step) for step in written)
    return SimplePath(text, steps, _clark(attribute, namespaces) if attribute else None)
