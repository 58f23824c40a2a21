"""Source paths into UN/EDIFACT messages: segments by tag and qualifier, groups by trigger segment.

Without the message directory the gateway does not know the segment groups of a message; the mapping
states the ones it needs, by the segment that starts each (docs/mappings.md, "Paths by syntax"):

- ``NAD[CZ]/4.1``: component 1 of data element 4 of the NAD segments whose first element is ``CZ``
  (positions are 1-based and count the data elements after the tag: in ``NAD+CZ+++Name'`` element 1 is
  ``CZ`` and element 4 is ``Name``). ``NAD[CZ]/4`` is the same as ``NAD[CZ]/4.1``. A qualifier may name
  its element: ``MEA[AAE][2.1=G]/3.2`` (gross mass) tests element 1 for ``AAE`` and element 2 for ``G``.
- ``group(CNI)``: one node per CNI segment of the context, each holding that segment and those after it
  up to the next CNI (or the end of the context, or UNT). ``group(GID)`` inside it makes goods items.
- ``before(GID)``: the context's segments before its first GID (after its first segment), for the values
  of a consignment that must not be read from its goods items.
- ``NAD[CZ]`` as a class path is the segment itself; its values are then ``4.1``, ``2.1`` and so on. An
  address alone reads the first segment of the context (``1.1`` in a ``group(CNI)`` reads CNI).
- ``/`` at the start reads from the whole interchange wherever the context is (``/TDT[20]/8.1``); UNB
  is part of it (``/UNB/2.1``, the sender). ``.`` is the context itself.
- ``group(EQD)[CN]``: a group step takes qualifiers too, tested on its trigger segment.
- ``[2.1=current()/SGP/1.1]``: a join (`gateway.mapping.edifact_joins`): the segments or groups whose
  2.1 is one of the values that ``SGP/1.1`` reads from the node where the whole path is evaluated
  (``current()``, as in XSLT). ``/before(CNI)/group(EQD)[2.1=current()/SGP/1.1]``, evaluated in a
  consignment, is the equipment that its goods items name. One join per step, none inside another.

Steps are joined with ``/``. A segment step searches the whole range of its context, nested groups
included; ``before`` limits it. Sources are written with 1-based positions among the segments of the same
tag in the context, and the element and component read: ``CNI[2]/GID[1]/FTX[1]/4.1``; each value's line
is the position of its segment in the interchange.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from gateway.intake.edifact_segments import Segment, SegmentRange
from gateway.mapping.edifact_joins import JoinStep
from gateway.mapping.edifact_numbers import read_number
from gateway.mapping.edifact_steps import (
    BeforeStep,
    Condition,
    GroupStep,
    Match,
    SegmentStep,
    Value,
    join_path,
)

_TAG = r"[A-Z][A-Z0-9]{2}"
_HEAD = re.compile(
    rf"(?:(?P<function>group|before)\((?P<argument>{_TAG})\)|(?P<tag>{_TAG}))(?P<rest>.*)", re.S
)
_ADDRESSED = re.compile(r"(?P<element>[1-9][0-9]*)(?:\.(?P<component>[1-9][0-9]*))?=(?P<value>.*)", re.S)
_ADDRESS = re.compile(r"(?P<element>[1-9][0-9]*)(?:\.(?P<component>[1-9][0-9]*))?")
_NUMBER = re.compile(r"number\((?P<address>[^)]*)\)")
_CURRENT = "current()/"
_STEP_HELP = (
    "write TAG, TAG[qualifier], TAG[e.c=value], group(TAG) (with qualifiers too) or before(TAG), ending "
    "with an element.component address such as 4.1"
)


Step = SegmentStep | GroupStep | BeforeStep | JoinStep

_ADDRESS_ONLY, _ONE_SEGMENT_STEP, _GENERAL = object(), object(), object()
"""The shapes of path that `EdifactPath.values` reads each in its own way."""


@dataclass(frozen=True, slots=True)
class EdifactPath:
    """A compiled path: steps to segment ranges, then optionally the element and component to read."""

    text: str
    steps: tuple[Step, ...]
    address: tuple[int, int] | None = None
    absolute: bool = False
    numeric: bool = False
    """``number(E.C)``: the value is a number, its decimal mark read as the interchange's syntax says."""
    shape: object = field(default=None, init=False, compare=False, repr=False)
    """Which reader `values` uses (`_ADDRESS_ONLY`, `_ONE_SEGMENT_STEP` or `_GENERAL`), set once."""
    written: str = field(default="", init=False, compare=False, repr=False)
    """The address as sources write it (``4.1``)."""
    first_segment_address: tuple[int, int, str] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    """For a path that is an address alone and no number (``4.1``): element, component and `written`,
    so that the code generator reads the context's first segment inline (`codegen_elements`)."""
    segment_address: tuple[SegmentStep, int, int, str] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    """For one segment step and an address, no number (``FTX[AAA]/4.1``): the step, element, component
    and `written`, so that the parts of a join that read one step are read in one call."""

    def __post_init__(self) -> None:
        shape = _GENERAL
        if self.address is not None and not self.absolute:
            if not self.steps:
                shape = _ADDRESS_ONLY
            elif len(self.steps) == 1 and isinstance(self.steps[0], SegmentStep):
                shape = _ONE_SEGMENT_STEP
        object.__setattr__(self, "shape", shape)
        element, component = self.address or (0, 0)
        object.__setattr__(self, "written", f"{element}.{component}")
        if shape is _ADDRESS_ONLY and not self.numeric:
            object.__setattr__(self, "first_segment_address", (element, component, self.written))
        if shape is _ONE_SEGMENT_STEP and not self.numeric:
            step = self.steps[0]
            object.__setattr__(self, "segment_address", (step, element, component, self.written))

    def nodes(self, context: SegmentRange) -> list[Match]:
        """The ranges the steps select (a path that reads a component selects none)."""
        return [] if self.address is not None else self._walk(context)

    def values(self, context: SegmentRange) -> Iterator[Value]:
        """The component at the address, in the first segment of each selected range.

        The two usual shapes, an address alone (``4.1``) and one segment step (``NAD[CZ]/4.1``), are
        read in one function each; `walked_values` is the general reader they must agree with."""
        shape = self.shape
        if shape is _ONE_SEGMENT_STEP:
            return iter(self._segment_values(context))
        if shape is _ADDRESS_ONLY:
            segment = context.interchange.segments[context.start]
            text = segment.value(*self.address)  # type: ignore[misc]
            if text and self.numeric:
                text = self._number(text, segment, self.written, context) or ""
            return iter(((text, segment, self.written),) if text else ())
        return iter(self.walked_values(context))

    def walked_values(self, context: SegmentRange) -> list[Value]:
        """`values` read by walking the steps one by one: the reference for every shape of path."""
        if self.address is None:
            return []
        element, component = self.address
        found: list[Value] = []
        for node, path in self._walk(context):
            segment = node.interchange.segments[node.start]
            text: str | None = segment.value(element, component)
            source = join_path(path, self.written)
            if text and self.numeric:
                text = self._number(text, segment, source, context)
            if text:
                found.append((text, segment, source))
        return found

    def _segment_values(self, context: SegmentRange) -> list[Value]:
        """`values` of ``TAG[qualifiers]/E.C``: the context's segments of the tag, by the interchange's
        index, tested and read in one loop."""
        step = cast(SegmentStep, self.steps[0])
        element, component = cast(tuple[int, int], self.address)
        found: list[Value] = []
        segments = context.interchange.segments
        for position, index in step.selected(context):
            segment = segments[index]
            elements = segment.elements  # Segment.value, inlined: the loop of the usual path
            if element > len(elements):
                continue
            components = elements[element - 1]
            text: str | None = components[component - 1] if component <= len(components) else ""
            if not text:
                continue
            source = f"{step.tag}[{position}]/{self.written}"
            if self.numeric:
                text = self._number(text, segment, source, context)
            if text:
                found.append((text, segment, source))
        return found

    def _number(self, text: str, segment: Segment, source: str, context: SegmentRange) -> str | None:
        absolute = source if source.startswith("/") else f"{context.source}/{source}"
        return read_number(text, segment, absolute, context.interchange)

    def _walk(self, context: SegmentRange) -> list[Match]:
        start = context
        if self.absolute:
            start = SegmentRange(context.interchange, 0, len(context.interchange.segments))
        matches: list[Match] = [(start, "/" if self.absolute else "")]
        for step in self.steps:
            if len(matches) == 1:  # the usual case, without a list of lists
                matches = step.apply(matches[0][0], matches[0][1], context)
            else:
                matches = [found for node, path in matches for found in step.apply(node, path, context)]
        return matches


def joined_addresses(
    node: SegmentRange,
    addresses: tuple[tuple[int, int, str], ...],
    separator: str,
    prefix: str,
    result: Callable[[str, Any, list[str]], tuple[str, Any, str, str]],
) -> tuple[str, Any, str, str] | None:
    """`ElementChecker.joined` for paths that are each an address alone (``4.1`` to ``4.5``), read from
    the node's first segment in one call: the joined value, the segment, the sources and the Field's
    attributes (`result` is `checker.joined_result`), or None when every part is empty."""
    segment = node.interchange.segments[node.start]
    parts: list[str] = []
    sources: list[str] = []
    for element, component, written in addresses:
        text = segment.value(element, component).strip()
        if text:
            parts.append(text)
            sources.append(f"{prefix}{written}")
    return result(separator.join(parts), segment, sources) if parts else None


def joined_in_segments(
    node: SegmentRange,
    step: SegmentStep,
    addresses: tuple[tuple[int, int, str], ...],
    separator: str,
    prefix: str,
    result: Callable[[str, Any, list[str]], tuple[str, Any, str, str]],
) -> tuple[str, Any, str, str] | None:
    """`ElementChecker.joined` for paths that are one segment step each, the same one, with an address
    (``FTX[AAA]/4.1`` to ``FTX[AAA]/4.5``): the step's segments found once, then read address by
    address as the paths would be one after the other; None when every part is empty."""
    segments = node.interchange.segments
    matched = [(position, segments[index]) for position, index in step.selected(node)]
    parts: list[str] = []
    sources: list[str] = []
    first = None
    for element, component, written in addresses:
        for position, segment in matched:
            text = segment.value(element, component).strip()
            if text:
                parts.append(text)
                sources.append(f"{prefix}{step.tag}[{position}]/{written}")
                first = first if first is not None else segment
    return result(separator.join(parts), first, sources) if parts else None


def compile_edifact_path(text: str, namespaces: dict[str, str] | None = None) -> EdifactPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid EDIFACT path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    return _compile(text, text.strip(), joins=True)


def _compile(text: str, path: str, joins: bool) -> EdifactPath:
    absolute = path.startswith("/")
    parts = _split_steps(text, path.lstrip("/")) if path not in (".", "/") else []
    address, numeric = None, bool(parts) and _NUMBER.fullmatch(parts[-1]) is not None
    if numeric:
        parts[-1] = _number_address(text, parts[-1])
    if parts and _ADDRESS.fullmatch(parts[-1]):
        address = _address(parts.pop())
    steps: list[Step] = []
    for number, part in enumerate(parts):
        prefix = ("/" if absolute else "") + "/".join(parts[:number])
        steps.append(_step(text, part, prefix, joins))
    return EdifactPath(path, tuple(steps), address, absolute, numeric)


def _number_address(text: str, part: str) -> str:
    """The address inside ``number(E.C)``."""
    found = _NUMBER.fullmatch(part)
    assert found is not None
    if not _ADDRESS.fullmatch(found["address"]):
        raise ValueError(f"{text!r}: number() takes an element.component address, such as number(1.2)")
    return found["address"]


def _split_steps(text: str, path: str) -> list[str]:
    """The steps of `path`, split at each ``/`` outside brackets (a join's own path holds some)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(path):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth < 0:
            raise ValueError(f"{text!r}: a ']' closes no '['")
        if char == "/" and depth == 0:
            parts.append(path[start:index])
            start = index + 1
    if depth:
        raise ValueError(f"{text!r}: a '[' is not closed")
    return [*parts, path[start:]]


def _address(text: str) -> tuple[int, int]:
    found = _ADDRESS.fullmatch(text)
    assert found is not None
    return int(found.group("element")), int(found.group("component") or 1)


def _step(text: str, part: str, prefix: str, joins: bool) -> Step:
    head = _HEAD.fullmatch(part)
    if head is None:
        raise ValueError(f"{text!r}: {part!r} is not a step; {_STEP_HELP}")
    predicates = _predicates(text, part, head["rest"])
    if head["function"] == "before":
        if predicates:
            raise ValueError(f"{text!r}: before({head['argument']}) takes no qualifier")
        return BeforeStep(head["argument"])
    literal = tuple(_condition(text, found) for found in predicates if not _is_join(found))
    joined = [found for found in predicates if _is_join(found)]
    inner: SegmentStep | GroupStep
    if head["function"] == "group":
        inner, written = GroupStep(head["argument"], literal), f"group({head['argument']})"
    else:
        inner, written = SegmentStep(head["tag"], literal), head["tag"]
    if not joined:
        return inner
    return _join_step(text, joined, inner, join_path(prefix, written), joins)


def _predicates(text: str, part: str, rest: str) -> list[str]:
    """The bracketed predicates that follow a step's head, brackets inside them kept."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(rest):
        if depth == 0 and char != "[":
            raise ValueError(f"{text!r}: {part!r} is not a step; {_STEP_HELP}")
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "[" and depth == 1:
            start = index + 1
        elif char == "]" and depth == 0:
            found.append(rest[start:index])
    return found


def _is_join(predicate: str) -> bool:
    addressed = _ADDRESSED.fullmatch(predicate)
    return _CURRENT.rstrip("/") in (addressed["value"] if addressed else predicate)


def _condition(text: str, predicate: str) -> Condition:
    addressed = _ADDRESSED.fullmatch(predicate)
    if addressed is None:
        if not predicate:
            raise ValueError(f"{text!r}: an empty qualifier []")
        return 1, 1, predicate
    return int(addressed["element"]), int(addressed["component"] or 1), addressed["value"]


def _join_step(
    text: str, joined: list[str], inner: SegmentStep | GroupStep, selects: str, joins: bool
) -> JoinStep:
    if not joins:
        raise ValueError(f"{text!r}: the path of a join cannot hold another join")
    if len(joined) > 1:
        raise ValueError(f"{text!r}: a step takes one join; {len(joined)} are given")
    addressed = _ADDRESSED.fullmatch(joined[0])
    value = addressed["value"] if addressed else ""
    if addressed is None or not value.startswith(_CURRENT):
        raise ValueError(
            f"{text!r}: [{joined[0]}] is not a join; write [e.c=current()/PATH], such as "
            "[2.1=current()/SGP/1.1]: the element of this step, then the path of the values to match"
        )
    key = value.removeprefix(_CURRENT)
    if not key.strip() or key.startswith("/"):
        raise ValueError(f"{text!r}: current()/ is followed by a relative path, such as SGP/1.1")
    key_path = _compile(text, key, joins=False)
    if key_path.address is None:
        raise ValueError(
            f"{text!r}: the path of a join reads values: end {key!r} with an address such as 1.1"
        )
    element, component = int(addressed["element"]), int(addressed["component"] or 1)
    return JoinStep(inner, element, component, key_path, selects)
