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

Steps are joined with ``/``. A segment step searches the whole range of its context, nested groups
included; ``before`` limits it. Sources are written with 1-based positions among the segments of the same
tag in the context, and the element and component read: ``CNI[2]/GID[1]/FTX[1]/4.1``; each value's line
is the position of its segment in the interchange.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from gateway.intake.edifact import Segment, SegmentRange

Match = tuple[SegmentRange, str]
"""A matched segment range and its source path relative to the context (``CNI[2]/GID[1]``)."""

Value = tuple[str, Segment, str]
"""A value, the segment it came from (for its position) and its relative source path."""

_SEGMENT_STEP = re.compile(r"(?P<tag>[A-Z][A-Z0-9]{2})(?P<predicates>(?:\[[^\]]*\])*)")
_FUNCTION_STEP = re.compile(r"(?P<function>group|before)\((?P<tag>[A-Z][A-Z0-9]{2})\)")
_PREDICATE = re.compile(r"\[([^\]]*)\]")
_ADDRESSED = re.compile(r"(?P<element>[1-9][0-9]*)(?:\.(?P<component>[1-9][0-9]*))?=(?P<value>.*)", re.S)
_ADDRESS = re.compile(r"(?P<element>[1-9][0-9]*)(?:\.(?P<component>[1-9][0-9]*))?")


def _tagged(node: SegmentRange, tag: str) -> list[int]:
    """The indexes of the segments with `tag` in the node's range, in order."""
    positions = node.interchange.positions.get(tag, [])
    return positions[bisect_left(positions, node.start) : bisect_left(positions, node.end)]


def _join(path: str, step: str) -> str:
    """`step` appended to a relative source path (``""`` is the context, ``"/"`` the interchange)."""
    if not path:
        return step
    return f"{path}{step}" if path.endswith("/") else f"{path}/{step}"


@dataclass(frozen=True, slots=True)
class SegmentStep:
    """``TAG[qualifier][e.c=value]``: the segments with this tag whose components have these values."""

    tag: str
    conditions: tuple[tuple[int, int, str], ...] = ()

    def matching(self, node: SegmentRange) -> Iterator[tuple[int, int, Segment]]:
        """(position among the node's segments of this tag, index, segment) of each segment that fits."""
        segments, conditions = node.interchange.segments, self.conditions
        for position, index in enumerate(_tagged(node, self.tag), start=1):
            segment = segments[index]
            if not conditions or all(
                segment.value(element, part) == value for element, part, value in conditions
            ):
                yield position, index, segment

    def apply(self, node: SegmentRange, path: str) -> list[Match]:
        interchange, tag = node.interchange, self.tag
        return [
            (SegmentRange(interchange, index, index + 1), _join(path, f"{tag}[{position}]"))
            for position, index, _ in self.matching(node)
        ]


@dataclass(frozen=True, slots=True)
class GroupStep:
    """``group(TAG)``: one range per TAG segment, up to the next one, the end of the context or UNT."""

    tag: str

    def apply(self, node: SegmentRange, path: str) -> list[Match]:
        triggers = _tagged(node, self.tag)
        closers = node.interchange.positions.get("UNT", [])
        found = []
        for position, start in enumerate(triggers, start=1):
            end = triggers[position] if position < len(triggers) else node.end
            closer = bisect_left(closers, start)
            if closer < len(closers):
                end = min(end, closers[closer])
            found.append((SegmentRange(node.interchange, start, end), _join(path, f"{self.tag}[{position}]")))
        return found


@dataclass(frozen=True, slots=True)
class BeforeStep:
    """``before(TAG)``: the context up to its first TAG segment after its first segment."""

    tag: str

    def apply(self, node: SegmentRange, path: str) -> list[Match]:
        positions = node.interchange.positions.get(self.tag, [])
        later = bisect_right(positions, node.start)  # in logarithmic time: no quadratic cost per group
        end = positions[later] if later < len(positions) and positions[later] < node.end else node.end
        return [(SegmentRange(node.interchange, node.start, end), path)]


Step = SegmentStep | GroupStep | BeforeStep


@dataclass(frozen=True, slots=True)
class EdifactPath:
    """A compiled path: steps to segment ranges, then optionally the element and component to read."""

    text: str
    steps: tuple[Step, ...]
    address: tuple[int, int] | None = None
    absolute: bool = False

    def nodes(self, context: SegmentRange) -> list[Match]:
        """The ranges the steps select (a path that reads a component selects none)."""
        return [] if self.address is not None else self._walk(context)

    def values(self, context: SegmentRange) -> Iterator[Value]:
        """The component at the address, in the first segment of each selected range."""
        if self.address is None:
            return
        element, component = self.address
        written = f"{element}.{component}"
        if len(self.steps) == 1 and isinstance(self.steps[0], SegmentStep) and not self.absolute:
            yield from self._segment_values(self.steps[0], context, written)  # the usual path, made short
            return
        for node, path in self._walk(context):
            segment = node.interchange.segments[node.start]
            text = segment.value(element, component)
            if text:
                yield text, segment, _join(path, written)

    def _segment_values(self, step: SegmentStep, context: SegmentRange, written: str) -> Iterator[Value]:
        element, component = cast(tuple[int, int], self.address)
        for position, _, segment in step.matching(context):
            text = segment.value(element, component)
            if text:
                yield text, segment, f"{step.tag}[{position}]/{written}"

    def _walk(self, context: SegmentRange) -> list[Match]:
        interchange = context.interchange
        if self.absolute:
            context = SegmentRange(interchange, 0, len(interchange.segments))
        matches: list[Match] = [(context, "/" if self.absolute else "")]
        for step in self.steps:
            matches = [found for node, path in matches for found in step.apply(node, path)]
        return matches


def compile_edifact_path(text: str, namespaces: dict[str, str] | None = None) -> EdifactPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid EDIFACT path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    path = text.strip()
    absolute = path.startswith("/")
    parts = path.lstrip("/").split("/") if path not in (".", "/") else []
    address = None
    if parts and _ADDRESS.fullmatch(parts[-1]):
        address = _address(parts.pop())
    return EdifactPath(text, tuple(_step(text, part) for part in parts), address, absolute)


def _address(text: str) -> tuple[int, int]:
    found = _ADDRESS.fullmatch(text)
    assert found is not None
    return int(found.group("element")), int(found.group("component") or 1)


def _step(text: str, part: str) -> Step:
    function = _FUNCTION_STEP.fullmatch(part)
    if function is not None:
        return GroupStep(function["tag"]) if function["function"] == "group" else BeforeStep(function["tag"])
    segment = _SEGMENT_STEP.fullmatch(part)
    if segment is None:
        raise ValueError(
            f"{text!r}: {part!r} is not a step; write TAG, TAG[qualifier], TAG[e.c=value], group(TAG) or "
            "before(TAG), ending with an element.component address such as 4.1"
        )
    return SegmentStep(
        segment["tag"], tuple(_condition(text, found) for found in _PREDICATE.findall(segment["predicates"]))
    )


def _condition(text: str, predicate: str) -> tuple[int, int, str]:
    addressed = _ADDRESSED.fullmatch(predicate)
    if addressed is None:
        if not predicate:
            raise ValueError(f"{text!r}: an empty qualifier []")
        return 1, 1, predicate
    return int(addressed["element"]), int(addressed["component"] or 1), addressed["value"]
