"""Source paths into XML documents: a fast path for simple child steps, compiled XPath for the rest.

A simple path (``pi:Header/pi:Number``, ``@lang``, ``pi:Item/@unit``, ``.``) is walked with lxml's C-level
child iteration, which is several times faster than XPath for the short relative paths that mappings are
made of (the compiled mapping reads most of them from child indexes instead: `child_index`). A union of
plain child steps in no namespace (``Marks1 | Marks2``) is walked the same way, in document order. Anything
else is compiled once by lxml as XPath 1.0 with the mapping's namespace prefixes; the few predicate and
axis forms that mappings use are walked without it (`PresencePath`, `CodeTypePath`, `BranchedPath`). All
report the source path of what they matched, with 1-based positions, for annotations and issues.
`xml_path_compiler.compile_xml_path` picks the walker for a path's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

Match = tuple[etree._Element, str]
"""A matched element and its source path relative to the context, with positions (``a:B[2]/a:C[1]``)."""

Value = tuple[str, etree._Element, str]
"""A value, the element it came from (for its line), and its relative source path."""


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


Absolutes = dict[Any, Any]
"""What one run remembers of its document: absolute source paths by element (see `XPathPath.nodes`),
and the matches of a `BranchedPath` branch that climbs, by (branch, the node it climbed to)."""


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
    # A plain slice of the children: lxml's tag-filtered iterator costs more (6.8 against 4.7 us on tj).
    for child in element[:]:  # type: ignore[index]  # lxml-stubs lack the slice overload
        tag = child.tag
        step = tree.get(tag)
        if step is None:
            continue
        position = positions[tag] = positions.get(tag, 0) + 1
        child_path = f"{path}{tag}[{position}]"
        ends, below = step
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
        position, tag = 0, self.tag
        for child in context[:]:  # type: ignore[index]  # a slice costs less than `iterchildren(tag)`
            if child.tag != tag:
                continue
            position += 1
            value = text_of(child)
            if len(value) == self.length and value.startswith(self.start):
                yield value, child, f"{tag}[{position}]"


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
            matched = _walk_branch(context, branch, absolute)
            if matched is None or (matched and elements):  # past the root, or an order to settle
                return self.xpath.nodes(context, absolute)
            elements = matched or elements
        return [(element, _relative_path(context, element, absolute)) for element in elements]

    def values(self, context: etree._Element, absolute: Absolutes | None = None) -> Iterator[Value]:
        for element, path in self.nodes(context, absolute):
            yield text_of(element), element, path


def _walk_branch(
    context: etree._Element, branch: Branch, memo: Absolutes | None
) -> list[etree._Element] | None:
    """The elements `branch` matches from `context`, in document order; None when it climbs past the
    root element (to the document node, which only XPath has). What a climbing branch matches below
    the node it climbed to is remembered in `memo` (tj's vehicle registration, read from the document's
    header for each of 2,000 seals, cost 6 us a seal)."""
    required, climbs, steps, texts = branch
    if required is not None and context.tag != required:
        return []
    node: etree._Element | None = context
    for _ in range(climbs):
        node = node.getparent() if node is not None else None
    if node is None:
        return None
    if not climbs or memo is None:
        return _walk_steps(node, steps, texts)
    key = (id(branch), node)
    found: list[etree._Element] | None = memo.get(key)
    if found is None:
        found = memo[key] = _walk_steps(node, steps, texts)
    return found


def _walk_steps(
    node: etree._Element, steps: tuple[tuple[str, bool], ...], texts: frozenset[str] | None
) -> list[etree._Element]:
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
