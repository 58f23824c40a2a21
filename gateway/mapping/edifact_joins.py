"""Joins in EDIFACT paths: the segments or groups whose key equals a value read where the path is used.

D.96B CUSCAR lists the equipment once for the whole message (SG5: EQD with its SEL) and each goods item
names the equipment that carries it by its number (SGP). A mapping fills a consignment's equipment with::

    each: "/before(CNI)/group(EQD)[2.1=current()/SGP/1.1]"

the EQD groups of the message header whose 2.1 (container number) is one of the values that ``SGP/1.1``
reads from the consignment: ``current()`` is the node where the whole path is evaluated, as in XSLT. The
candidates (what the step selects without its join) are indexed by key once per interchange, so each
look-up is a dictionary access and a message of many consignments and containers stays linear. Targets
come out in document order, each once however many values name it.

A join keeps what the walk shows about the references and reports it when the run ends
(`SegmentRange.walk_issues`), each issue naming the segment and its position:

- a value read here that no candidate has: ``reference.unknown`` (error; a goods item names a container
  that no EQD declares);
- a candidate whose key an earlier one already has: ``reference.duplicate`` (error; two EQD with one
  container number); the first is used, so the message names each container once;
- a candidate that nothing named, or that has no key: ``reference.unused`` (warning; an EQD, with its
  seals, that no goods item names is in no part of the harmonized message).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from gateway.intake.edifact_segments import Segment, SegmentRange
from gateway.issues import Issue, error, warning
from gateway.mapping.edifact_steps import GroupStep, Match, SegmentStep, join_path

if TYPE_CHECKING:
    from gateway.mapping.edifact_paths import EdifactPath


class _Target(NamedTuple):
    """A candidate of a join: its range, its source relative to the indexed node and from the
    interchange, its first segment's tag and position, and its key."""

    start: int
    end: int
    relative: str
    source: str
    tag: str
    line: int
    key: str


class _Reference(NamedTuple):
    """A value read where the join is used: the text, its segment and its source from the interchange."""

    text: str
    segment: Segment
    source: str


@dataclass(frozen=True, slots=True, eq=False)
class JoinStep:
    """``STEP[e.c=current()/PATH]``: the candidates of `inner` whose `e.c` is a value that `key` reads
    from the node where the whole path is evaluated. Compared by identity: its state is keyed by it."""

    inner: SegmentStep | GroupStep
    element: int
    component: int
    key: EdifactPath
    selects: str
    """The path up to this step, without the join, for messages (``/before(CNI)/group(EQD)``)."""

    def apply(self, node: SegmentRange, path: str, current: SegmentRange) -> list[Match]:
        state = self._state(node, current)
        chosen: set[int] = set()
        for text, segment, relative in self.key.values(current):
            found = state.index.get(text.strip())
            if found is None:
                source = relative if relative.startswith("/") else f"{current.source}/{relative}"
                state.unknown.setdefault(segment.sourceline, _Reference(text.strip(), segment, source))
            else:
                chosen.add(found)
        state.used |= chosen
        matches = []
        for target in (state.targets[position] for position in sorted(chosen)):
            selected = SegmentRange(node.interchange, target.start, target.end, target.source)
            matches.append((selected, join_path(path, target.relative)))
        return matches

    def _state(self, node: SegmentRange, current: SegmentRange) -> _JoinState:
        states = node.interchange.path_state
        state = states.get((self, node.start, node.end))
        if not isinstance(state, _JoinState):
            state = _JoinState(self, self._targets(node, current))
            states[(self, node.start, node.end)] = state
        return state

    def _targets(self, node: SegmentRange, current: SegmentRange) -> list[_Target]:
        segments, element, component = node.interchange.segments, self.element, self.component
        targets = []
        for found, relative in self.inner.apply(node, "", current):
            first = segments[found.start]
            key = first.value(element, component).strip()
            targets.append(
                _Target(found.start, found.end, relative, found.source, first.tag, first.sourceline, key)
            )
        return targets


class _JoinState:
    """One join's index over the candidates of one node, and the references met in the walk."""

    __slots__ = ("duplicates", "index", "join", "targets", "unknown", "used")

    def __init__(self, join: JoinStep, targets: list[_Target]) -> None:
        self.join, self.targets = join, targets
        self.index: dict[str, int] = {}
        self.duplicates: list[tuple[int, int]] = []
        self.used: set[int] = set()
        self.unknown: dict[int, _Reference] = {}
        for position, target in enumerate(targets):
            if not target.key:
                continue
            first = self.index.setdefault(target.key, position)
            if first != position:
                self.duplicates.append((position, first))

    def issues(self) -> list[Issue]:
        """Unknown references, duplicate keys and candidates that nothing named."""
        join = self.join
        address, key_path = f"{join.element}.{join.component}", join.key.text
        found = [self._unknown(reference, address, key_path) for reference in self.unknown.values()]
        found += [self._duplicate(position, first, address) for position, first in self.duplicates]
        duplicated = {position for position, _ in self.duplicates}
        unused = set(range(len(self.targets))) - self.used - duplicated
        found += [self._unused(self.targets[position], address, key_path) for position in sorted(unused)]
        return found

    def _unknown(self, reference: _Reference, address: str, key_path: str) -> Issue:
        segment, tag = reference.segment, self.join.inner.tag
        message = (
            f"{segment.tag} at position {segment.sourceline} names {reference.text!r} ({key_path}), but no "
            f"{tag} of {self.join.selects} has it as {address}."
        )
        return error("reference.unknown", message, source=reference.source, line=segment.sourceline)

    def _duplicate(self, position: int, first: int, address: str) -> Issue:
        target, earlier = self.targets[position], self.targets[first]
        message = (
            f"{target.tag} at position {target.line} has {address} {target.key!r}, as the {earlier.tag} at "
            f"position {earlier.line} has: only the first is used."
        )
        return error("reference.duplicate", message, source=f"{target.source}/{address}", line=target.line)

    def _unused(self, target: _Target, address: str, key_path: str) -> Issue:
        what = f"{target.tag} at position {target.line}"
        named = (
            f"No {key_path} names the {what} ({address} {target.key!r})"
            if target.key
            else f"The {what} has no {address}, so no {key_path} can name it"
        )
        message = f"{named}: it and what is read below it are in no part of the harmonized message."
        return warning("reference.unused", message, source=target.source, line=target.line)
