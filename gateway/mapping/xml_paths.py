"""Source paths into XML documents: a fast path for simple child steps, compiled XPath for the rest.

A simple path (``pi:Header/pi:Number``, ``@lang``, ``pi:Item/@unit``, ``.``) is walked with lxml's C-level
child iteration, which is several times faster than XPath for the short relative paths that mappings are
made of. Anything else is compiled once by lxml as XPath 1.0 with the mapping's namespace prefixes. Both
report the source path of what they matched, with 1-based positions, for annotations and issues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class XPathPath:
    """Any other XPath 1.0 expression, compiled once."""

    text: str
    compiled: etree.XPath

    def nodes(self, context: etree._Element) -> list[Match]:
        result = self.compiled(context)
        if not isinstance(result, list):
            return []
        elements = [item for item in result if isinstance(item, etree._Element)]
        return [(element, _relative_path(context, element)) for element in elements]

    def values(self, context: etree._Element) -> Iterator[Value]:
        result = self.compiled(context)
        items = result if isinstance(result, list) else [result]
        for item in items:
            if isinstance(item, etree._Element):
                yield text_of(item), item, _relative_path(context, item)
            elif isinstance(item, str | bytes | float | int | bool) and not isinstance(item, bool):
                owner = getattr(item, "getparent", lambda: None)() or context
                text = item.decode() if isinstance(item, bytes) else _format_number(item)
                yield text, owner, self.text


def _format_number(item: object) -> str:
    if isinstance(item, float) and item.is_integer():
        return str(int(item))
    return str(item)


def _relative_path(context: etree._Element, element: etree._Element) -> str:
    """`element`'s path from `context` as prefixed steps with positions, or absolute when it is not
    below `context`."""
    if not _is_below(element, context):
        return element.getroottree().getpath(element)  # libxml2 computes it, in C
    steps = []
    node: etree._Element | None = element
    while node is not None and node is not context:
        steps.append(_step(node))
        node = node.getparent()
    return "/".join(reversed(steps))


def _is_below(element: etree._Element, context: etree._Element) -> bool:
    return any(ancestor is context for ancestor in element.iterancestors())


def _step(element: etree._Element) -> str:
    name = etree.QName(element)
    prefix = next((key for key, uri in (element.nsmap or {}).items() if uri == name.namespace and key), None)
    written = f"{prefix}:{name.localname}" if prefix else name.localname
    position = 1 + sum(1 for _ in element.itersiblings(element.tag, preceding=True))
    return f"{written}[{position}]"


XmlPath = SimplePath | XPathPath


def compile_xml_path(text: str, namespaces: dict[str, str]) -> XmlPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    if _SIMPLE.match(text):
        return _simple(text, namespaces)
    _check_prefixes(text, namespaces)
    try:
        compiled = etree.XPath(text, namespaces=namespaces)
        compiled(_PROBE)  # lxml resolves prefixes and functions only when an XPath runs
    except etree.XPathError as exc:
        raise ValueError(f"{text!r} is not a valid XPath 1.0 expression: {exc}") from None
    return XPathPath(text, compiled)


_PROBE = etree.Element("probe")
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
