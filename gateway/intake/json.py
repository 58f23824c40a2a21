"""Safe JSON intake: UTF-8 only, bounded size, nesting and value count, every value with its line.

RFC 8259 says JSON exchanged between systems is UTF-8; a byte-order mark is tolerated and dropped, any
other encoding is `intake.encoding`. Python's `json` module recurses once per nesting level, so the depth
is measured first by a scan of the brackets outside strings (regular expressions, no recursion, linear
time): a document nested deeper than `IntakeLimits.max_depth` is refused before `json` sees it. `json`
then checks the grammar (its errors give line and column); a second, iterative pass builds the tree of
`JsonNode`s that the mapping paths read, with the line of every value.

The tree keeps values as the document wrote them: a number is its literal text (``12.50`` stays
``12.50``, nothing goes through a float), ``true``/``false`` are those words, and ``null`` is an absent
value. Duplicate keys in one object are refused (`json.malformed`): RFC 8259 leaves their meaning open
and parsers disagree on which one wins, so accepting them would let two systems read different data.
Every failure is an `Issue`, never an exception.
"""

from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, cast

from gateway.intake.limits import DEFAULT_LIMITS, IntakeLimits
from gateway.intake.text import NOT_IN_XML, decode_utf8
from gateway.issues import Issue, error

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.S)  # an unterminated string runs to the end
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.S)
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_TOKEN = re.compile(
    r"[ \t\n\r,]*"  # white space, and the commas between values: the grammar is checked before
    r'(?:(?P<string>"[^"\\]*(?:\\.[^"\\]*)*")(?P<key>[ \t\n\r]*:)?'
    r"|(?P<open>[{\[])|(?P<close>[}\]])|(?P<scalar>[^ \t\n\r,:\]}]+))",
    re.S,
)
_NON_STANDARD = frozenset({"NaN", "Infinity", "-Infinity"})


class JsonNode:
    """One JSON value: an object (`dict` of key to node), an array (`list` of nodes), a scalar's text,
    or None for ``null``; with its line, and a weak reference to the document's top-level value (for
    paths from the root) so that the tree holds no reference cycle and is freed as soon as it is dropped."""

    __slots__ = ("__weakref__", "sourceline", "top", "value")

    def __init__(
        self, value: dict[str, JsonNode] | list[JsonNode] | str | None, line: int, top: JsonRef | None
    ) -> None:
        self.value, self.sourceline, self.top = value, line, top

    def __iter__(self) -> Any:
        """No XML children: the engine's child index of XML elements sees none here."""
        return iter(())

    def root(self) -> JsonNode:
        """The top-level value of the document."""
        top = self.top() if self.top is not None else None
        return top if top is not None else self


JsonRef = weakref.ref[JsonNode]


@dataclass(frozen=True, slots=True)
class ParsedJson:
    """A parsed JSON document, or the issues that stopped it."""

    root: JsonNode | None
    issues: list[Issue]


def parse_json(data: bytes, limits: IntakeLimits = DEFAULT_LIMITS) -> ParsedJson:
    """Parse `data` safely; return the root node or coded issues."""
    text, problem = _decode(data, limits)
    if problem is None and text is not None:
        problem = _depth_problem(text, limits.max_depth) or _grammar_problem(text)
    if problem is not None or text is None:
        return ParsedJson(None, [problem] if problem else [])
    builder = _TreeBuilder(text, limits.max_elements)
    root = builder.build()
    return ParsedJson(root if builder.problem is None else None, [builder.problem] if builder.problem else [])


def _decode(data: bytes, limits: IntakeLimits) -> tuple[str | None, Issue | None]:
    text, problem = decode_utf8(
        data,
        limits,
        "JSON must be UTF-8 (RFC 8259)",
        "The JSON is UTF-16 or UTF-32; JSON must be UTF-8 (RFC 8259).",
    )
    bad = NOT_IN_XML.search(text) if text is not None else None
    if bad is None or text is None:
        return text, problem
    line, column = _line_column(text, bad.start())
    message = f"The JSON holds {_describe(bad.group())} (line {line}, column {column})."
    return None, error("json.malformed", message, line=line)


def _depth_problem(text: str, max_depth: int) -> Issue | None:
    """Nesting deeper than `max_depth`, measured without recursion, in linear time."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) <= max_depth:
        return None
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        depth += _DEPTH_STEP.get(match.group(), 0)
        if depth > max_depth:
            break
    line, column = _line_column(text, match.start())
    message = f"Objects and arrays nest deeper than {max_depth} levels (line {line}, column {column})."
    return error("intake.too-large", message, line=line)


def _grammar_problem(text: str) -> Issue | None:
    try:
        json.loads(text, object_pairs_hook=_nothing, parse_int=_nothing, parse_float=_nothing)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")
        message = f"The JSON is not well-formed: {reason} (line {exc.lineno}, column {exc.colno})."
        return error("json.malformed", message, line=exc.lineno)
    except RecursionError:  # only when the caller's stack is already nearly full
        return error("intake.too-large", "Objects and arrays nest too deeply to be read.")
    return None


def _nothing(_: object) -> None:
    """Grammar check only: build no Python values."""


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _TreeBuilder:
    """Builds the node tree of a grammatically valid JSON text, iteratively, with a line per value."""

    def __init__(self, text: str, max_values: int) -> None:
        self.text, self.max_values = text, max_values
        self.keys: list[tuple[str, int]] = []  # the pending key of each open object, with its offset
        self.root: JsonNode | None = None
        self.problem: Issue | None = None

    def build(self) -> JsonNode | None:
        """The root node; `problem` is set instead when the document breaks a rule or a limit.

        This loop runs once per token, so it is written for speed: locals, no call per token."""
        text, keys, stack = self.text, self.keys, cast(list[JsonNode], [])
        count, line, counted_to, values = text.count, 1, 0, 0
        parent: JsonNode | None = None
        top: JsonRef | None = None
        for token in _TOKEN.finditer(text):
            kind = cast(str, token.lastgroup)
            if kind == "key":
                at, literal = token.start("string"), token.group("string")
                keys.append((self._string(literal, at) if "\\" in literal else literal[1:-1], at))
                continue
            if kind == "close":
                stack.pop()
                parent = stack[-1] if stack else None
                continue
            start = token.start(kind)
            line += count("\n", counted_to, start)
            counted_to = start
            node = JsonNode(self._literal(kind, token.group(kind), start), line, top)
            if top is None:
                top = node.top = weakref.ref(node)
            self._attach(node, parent)
            values += 1
            if values > self.max_values:
                self._fail("intake.too-large", f"The JSON has more than {self.max_values} values", start)
            if self.problem is not None:
                break
            if kind == "open":
                stack.append(node)
                parent = node
        return self.root

    def _literal(
        self, kind: str, literal: str, start: int
    ) -> dict[str, JsonNode] | list[JsonNode] | str | None:
        if kind == "string":
            return literal[1:-1] if "\\" not in literal else self._string(literal, start)
        if kind == "open":
            return {} if literal == "{" else []
        if literal in _NON_STANDARD:
            self._fail("json.malformed", f"{literal} is not a JSON number", start)
        return None if literal == "null" else literal

    def _attach(self, node: JsonNode, parent: JsonNode | None) -> None:
        if parent is None:
            self.root = node
        elif isinstance(parent.value, list):
            parent.value.append(node)
        else:
            members = cast(dict[str, JsonNode], parent.value)
            key, key_start = self.keys.pop()
            if key in members:
                self._duplicate(key, members[key], key_start)
            members[key] = node

    def _duplicate(self, key: str, first: JsonNode, key_start: int) -> None:
        self._fail(
            "json.malformed",
            f"The key {key!r} appears twice in one object (first on line {first.sourceline}); the "
            "gateway refuses duplicate keys, which parsers read differently",
            key_start,
        )

    def _string(self, literal: str, start: int) -> str:
        value = cast(str, json.loads(literal))
        bad = NOT_IN_XML.search(value)
        if bad is not None:
            self._fail("json.malformed", f"A string holds {_describe(bad.group())}", start)
        return value

    def _fail(self, code: str, message: str, offset: int) -> None:
        if self.problem is None:
            line, column = _line_column(self.text, offset)
            self.problem = error(code, f"{message} (line {line}, column {column}).", line=line)


def _describe(character: str) -> str:
    if "\ud800" <= character <= "\udfff":
        return f"a lone surrogate U+{ord(character):04X}, which is not a character"
    return f"the control character U+{ord(character):04X}, which XML cannot carry"
