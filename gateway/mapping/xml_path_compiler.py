"""Compiling a mapping's XML source paths: each path text becomes the cheapest walker that gives what
XPath 1.0 would (`xml_paths`): plain child steps (`SimplePath`), unions of them (`UnionPath`), the few
predicate and axis forms that mappings use (`PresencePath`, `CodeTypePath`, `BranchedPath`), and lxml's
compiled XPath for anything else. A path that is not valid raises `ValueError` with the reason, which the
loader reports with the mapping's file and YAML path.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from gateway.mapping.xml_paths import (
    Branch,
    BranchedPath,
    CodeTypePath,
    PresencePath,
    SimplePath,
    UnionPath,
    XmlPath,
    XPathPath,
)

_NAME = r"(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*"
_SIMPLE = re.compile(rf"^(?:\.|(?:{_NAME})(?:/{_NAME})*(?:/@{_NAME})?|@{_NAME})$")


def _clark(name: str, namespaces: dict[str, str]) -> str:
    prefix, _, local = name.rpartition(":")
    if not prefix:
        return local
    if prefix not in namespaces:
        raise ValueError(f"namespace prefix {prefix!r} is not declared under namespaces:")
    return f"{{{namespaces[prefix]}}}{local}"


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
