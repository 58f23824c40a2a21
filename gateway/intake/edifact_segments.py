"""The parts of a UN/EDIFACT interchange once read: service characters, segments, the interchange, and
the segment ranges that mapping paths walk (`gateway.mapping.edifact_paths`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from gateway.issues import Issue


@dataclass(frozen=True, slots=True)
class ServiceCharacters:
    """The separators of an interchange, from its UNA or the defaults. An empty `release` means none."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    terminator: str = "'"


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its data elements (each a tuple of components, release characters removed),
    its ordinal position in the interchange (`sourceline`) and its byte offset in the document."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    sourceline: int
    offset: int

    def value(self, element: int, component: int = 1) -> str:
        """Component `component` of data element `element`, both 1-based; empty when absent."""
        if element > len(self.elements):
            return ""
        components = self.elements[element - 1]
        return components[component - 1] if component <= len(components) else ""

    def __iter__(self) -> Any:
        """No XML children: the engine's child index of XML elements sees none here."""
        return iter(())


class PathState(Protocol):
    """What a mapping path keeps about one interchange while a run walks it (a join's index and the
    references it met), and the issues that only the whole walk shows."""

    def issues(self) -> list[Issue]:
        """The issues found in the walk so far."""
        ...


@dataclass(frozen=True, slots=True)
class Interchange:
    """A checked interchange of one message: its segments from UNB to UNZ, and an index of them by tag.

    `path_state` belongs to the mapping paths that walk it (see `gateway.mapping.edifact_joins`), keyed
    by the path step; `take_path_issues` collects their issues at the end of a run and forgets them."""

    segments: tuple[Segment, ...]
    characters: ServiceCharacters
    syntax: str
    positions: dict[str, list[int]]
    path_state: dict[Any, PathState] = field(default_factory=dict, compare=False, repr=False)

    def message_type(self) -> tuple[str, ...]:
        """The message identifier of UNH (S009): type, version, release, agency, association code."""
        elements = self.segments[self.positions["UNH"][0]].elements
        return elements[1] if len(elements) > 1 else ()

    def decimal_marks(self) -> str:
        """The characters that may mark the decimals of a number (ISO 9735, "Representation of numeric
        data element values"): from syntax version 4 a comma or a full stop, whatever UNA says; before
        it, the one that UNA names (a full stop without UNA)."""
        version = self.segments[0].value(1, 2)
        four_on = version.isascii() and version.isdigit() and int(version) >= 4  # "³": a digit int() refuses
        return ",." if four_on else self.characters.decimal

    def sender(self) -> str:
        """The interchange sender identification (UNB S002/0004)."""
        return self.segments[0].value(2)

    def root(self) -> SegmentRange:
        """The whole interchange as a node for mapping paths."""
        return SegmentRange(self, 0, len(self.segments))

    def take_path_issues(self) -> list[Issue]:
        """The issues that the paths found in a run, in document order; the paths' state is reset."""
        issues = [issue for state in self.path_state.values() for issue in state.issues()]
        self.path_state.clear()
        return sorted(issues, key=lambda issue: issue.line or 0)


class SegmentRange:
    """A node for mapping paths: segments `start` (included) to `end` (excluded) of an interchange: the
    interchange, a segment group or one segment. Its values are read from its first segment; `source`
    is its path from the interchange (``/CNI[2]/GID[1]``; empty for the interchange itself)."""

    __slots__ = ("end", "interchange", "source", "sourceline", "start")

    def __init__(self, interchange: Interchange, start: int, end: int, source: str = "") -> None:
        self.interchange, self.start, self.end, self.source = interchange, start, end, source
        self.sourceline = interchange.segments[start].sourceline

    def walk_issues(self) -> list[Issue]:
        """The issues the mapping's paths found while a run walked this interchange (taken once)."""
        return self.interchange.take_path_issues()

    def __iter__(self) -> Any:
        """No XML children: the engine's child index of XML elements sees none here."""
        return iter(())
