"""The steps of an EDIFACT path (`edifact_paths`): segments by tag and qualifier, groups by the segment
that starts them, and the segments before a tag. Each step maps a node (a `SegmentRange`) and its source
path to the nodes it selects, with theirs; `current` is the node where the whole path is evaluated, which
only a join (`edifact_joins`) reads."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from gateway.intake.edifact_segments import Segment, SegmentRange

Match = tuple[SegmentRange, str]
"""A matched segment range and its source path relative to the context (``CNI[2]/GID[1]``)."""

Value = tuple[str, Segment, str]
"""A value, the segment it came from (for its position) and its relative source path."""

Condition = tuple[int, int, str]
"""A qualifier: element, component and the value it must have."""


def tagged(node: SegmentRange, tag: str) -> list[int]:
    """The indexes of the segments with `tag` in the node's range, in order."""
    positions = node.interchange.positions.get(tag, [])
    return positions[bisect_left(positions, node.start) : bisect_left(positions, node.end)]


def join_path(path: str, step: str) -> str:
    """`step` appended to a relative source path (``""`` is the context, ``"/"`` the interchange)."""
    if not path:
        return step
    return f"{path}{step}" if path.endswith("/") else f"{path}/{step}"


def fits(segment: Segment, conditions: tuple[Condition, ...]) -> bool:
    """Whether the segment's components have the conditions' values (an absent one is empty)."""
    elements = segment.elements
    for element, component, value in conditions:
        if element > len(elements):
            if value:
                return False
            continue
        components = elements[element - 1]
        if (components[component - 1] if component <= len(components) else "") != value:
            return False
    return True


@dataclass(frozen=True, slots=True)
class SegmentStep:
    """``TAG[qualifier][e.c=value]``: the segments with this tag whose components have these values."""

    tag: str
    conditions: tuple[Condition, ...] = ()

    def selected(self, node: SegmentRange) -> list[tuple[int, int]]:
        """The segments of the node's range this step selects: (position among the range's segments of
        the tag, 1-based as sources write it; index in the interchange), found through its index."""
        segments, conditions = node.interchange.segments, self.conditions
        return [
            (position, index)
            for position, index in enumerate(tagged(node, self.tag), start=1)
            if not conditions or fits(segments[index], conditions)
        ]

    def apply(self, node: SegmentRange, path: str, current: SegmentRange) -> list[Match]:
        interchange, tag, base = node.interchange, self.tag, node.source
        found = []
        for position, index in self.selected(node):
            step = f"{tag}[{position}]"
            segment = SegmentRange(interchange, index, index + 1, f"{base}/{step}")
            found.append((segment, join_path(path, step) if path else step))
        return found


@dataclass(frozen=True, slots=True)
class GroupStep:
    """``group(TAG)``: one range per TAG segment, up to the next one, the end of the context or UNT;
    with qualifiers, only the groups whose TAG segment has those values (positions count them all)."""

    tag: str
    conditions: tuple[Condition, ...] = ()

    def apply(self, node: SegmentRange, path: str, current: SegmentRange) -> list[Match]:
        triggers, segments = tagged(node, self.tag), node.interchange.segments
        closers = node.interchange.positions.get("UNT", [])
        found = []
        for position, start in enumerate(triggers, start=1):
            if self.conditions and not fits(segments[start], self.conditions):
                continue
            end = triggers[position] if position < len(triggers) else node.end
            closer = bisect_left(closers, start)
            if closer < len(closers):
                end = min(end, closers[closer])
            step = f"{self.tag}[{position}]"
            group = SegmentRange(node.interchange, start, end, f"{node.source}/{step}")
            found.append((group, join_path(path, step)))
        return found


@dataclass(frozen=True, slots=True)
class BeforeStep:
    """``before(TAG)``: the context up to its first TAG segment after its first segment."""

    tag: str

    def apply(self, node: SegmentRange, path: str, current: SegmentRange) -> list[Match]:
        positions = node.interchange.positions.get(self.tag, [])
        later = bisect_right(positions, node.start)  # in logarithmic time: no quadratic cost per group
        end = positions[later] if later < len(positions) and positions[later] < node.end else node.end
        return [(SegmentRange(node.interchange, node.start, end, node.source), path)]
