"""Source paths into JSON documents: dotted keys, arrays iterated, 1-based positions in what they report.

The language, for mappings whose `syntax` is `json` (docs/mappings.md, "Paths by syntax"):

- ``consignor.name``: keys separated by dots, from the context node. A key of letters, digits, ``_`` and
  ``-`` (any script) is written bare; any other key is quoted: ``"yuk jo'natuvchi".nomi`` (inside the
  quotes, ``\\"`` is a quote and ``\\\\`` a backslash).
- A key whose value is an array selects every element of it, in order: ``each: consignments`` repeats a
  class once per consignment, ``each: marks`` an element once per mark. ``items[2]`` selects the second
  element only (positions are 1-based, like XPath's); a value that is not an array is its own ``[1]``.
- ``.`` is the context node itself; ``$`` the document's top-level value, and ``$.header.number`` a path
  from it wherever the context is.
- ``null`` is an absent value; numbers are read as written (``12.50``), ``true``/``false`` as those words.
  JSON has no attributes: ``@`` is refused.

What a path reports as the source of a node is written the same way, with 1-based positions:
``consignments[2]``, ``items[5].description``; from ``$`` it starts with ``/`` (the document root).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gateway.intake.json import JsonNode

_BARE = re.compile(r"[\w-]+")
_STEP = re.compile(r'(?:(?P<bare>[\w-]+)|"(?P<quoted>(?:[^"\\]|\\.)*)")(?:\[(?P<index>[1-9][0-9]*)\])?')
_UNESCAPE = re.compile(r"\\(.)")

Match = tuple[JsonNode, str]
"""A matched node and its source path relative to the context (``consignments[2].items[5]``)."""

Value = tuple[str, JsonNode, str]
"""A value's text, its node (for its line) and its relative source path."""


@dataclass(frozen=True, slots=True)
class JsonStep:
    """One key, and the 1-based position of the element to take when its value is an array."""

    key: str
    index: int | None = None

    def apply(self, node: JsonNode, path: str) -> list[Match]:
        """The nodes this step reaches from `node`, whose source path is `path`."""
        members = node.value
        child = members.get(self.key) if isinstance(members, dict) else None
        if child is None:
            return []
        written = f"{path}.{_written(self.key)}" if path else _written(self.key)
        if not isinstance(child.value, list):
            return [(child, written)] if self.index in (None, 1) else []
        elements = list(enumerate(child.value, start=1))
        if self.index is not None:
            elements = elements[self.index - 1 : self.index]
        return [(element, f"{written}[{position}]") for position, element in elements]


@dataclass(frozen=True, slots=True)
class JsonPath:
    """A compiled JSON path: steps from the context node, or from the top-level value (`absolute`)."""

    text: str
    steps: tuple[JsonStep, ...]
    absolute: bool = False

    def nodes(self, context: JsonNode) -> list[Match]:
        """The nodes the path selects, each with its source path; ``null`` values are absent."""
        matches: list[Match] = [(context.root() if self.absolute else context, "")]
        for step in self.steps:
            matches = [found for node, path in matches for found in step.apply(node, path)]
        if self.absolute:
            return [(node, f"/{path}") for node, path in matches if node.value is not None]
        return [(node, path) for node, path in matches if node.value is not None]

    def values(self, context: JsonNode) -> Iterator[Value]:
        """The scalar values the path selects (objects and arrays have no value of their own)."""
        for node, path in self.nodes(context):
            if isinstance(node.value, str):
                yield node.value, node, path


def _written(key: str) -> str:
    if _BARE.fullmatch(key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def compile_json_path(text: str, namespaces: dict[str, str] | None = None) -> JsonPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid JSON path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    path = text.strip()
    if path in (".", "$"):
        return JsonPath(text, (), absolute=path == "$")
    if path.startswith("@"):
        raise ValueError(f"{text!r}: JSON has no attributes; write the key, e.g. {path[1:]!r}")
    absolute = path.startswith("$.")
    return JsonPath(text, _steps(text, path[2:] if absolute else path), absolute)


def _steps(text: str, path: str) -> tuple[JsonStep, ...]:
    steps, position = [], 0
    while True:
        step = _STEP.match(path, position)
        if step is None:
            raise ValueError(f"{text!r} is not a JSON path: expected a key at {path[position:]!r}{_HINT}")
        key = step.group("bare") or _UNESCAPE.sub(r"\1", step.group("quoted") or "")
        index = step.group("index")
        steps.append(JsonStep(key, int(index) if index else None))
        position = step.end()
        if position == len(path):
            return tuple(steps)
        if path[position] != ".":
            raise ValueError(f"{text!r} is not a JSON path: expected '.' at {path[position:]!r}{_HINT}")
        position += 1


_HINT = "; keys with other characters than letters, digits, '_' and '-' are quoted: \"my key\".name"
