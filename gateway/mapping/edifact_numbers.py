"""Numbers in EDIFACT values: only the decimal mark that the interchange's syntax allows.

ISO 9735 lets the sender choose the decimal mark. Before syntax version 4 it is the one that UNA names
(a full stop without UNA); from version 4 it is a comma or a full stop, whatever UNA says. Triad
(thousands) separators are never allowed. A path ending in ``number(E.C)`` reads component E.C as a
number: a value whose decimal mark the syntax does not allow is reported with the segment and its
position and left out (`value.bad-number`): a full stop where a version 3 UNA declares the comma could
be a thousands separator, and ``41,6`` without UNA could be 416.

Every other value is passed on as written, so that its annotation keeps the original; the mapping turns
an allowed comma into a full stop with the ``decimal`` transform (``decimal_separator: ","``), which
gives the same result for every document once the mark is known to be allowed (the engine memoizes
checked values per rule, across documents). Two marks, letters and the like are left to that
transform and the element's own check, which report them with their pointer.
"""

from __future__ import annotations

from gateway.intake.edifact_segments import Interchange, Segment
from gateway.issues import Issue, error

MARKS = ",."
"""The two characters that ISO 9735 allows as a decimal mark."""


class _NumberState:
    """The numbers of one interchange written with a decimal mark its syntax does not allow."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: dict[tuple[int, str], Issue] = {}

    def issues(self) -> list[Issue]:
        return list(self.found.values())


_STATE_KEY = object()
"""The key of the numbers' state among an interchange's path states."""


def read_number(text: str, segment: Segment, source: str, interchange: Interchange) -> str | None:
    """`text` as written, or None (and an issue) when it holds a decimal mark that the syntax forbids.

    `source` is the value's path from the interchange, for the issue."""
    allowed = interchange.decimal_marks()
    forbidden = next((char for char in text if char in MARKS and char not in allowed), None)
    if forbidden is None:
        return text
    _report(interchange, segment, source, _reason(text, forbidden, interchange))
    return None


def _reason(text: str, mark: str, interchange: Interchange) -> str:
    """Why the mark is refused; UNB is at position 2 when a UNA comes before it."""
    allowed = interchange.decimal_marks()
    declared = "its UNA declares" if interchange.segments[0].sourceline == 2 else "without UNA it is"
    return (
        f"{text!r} has {mark!r} as its decimal mark, but the interchange is in syntax version "
        f"{interchange.segments[0].value(1, 2) or '?'} and {declared} {allowed!r}: a number written so "
        "could mean another value, so it is left out"
    )


def _report(interchange: Interchange, segment: Segment, source: str, reason: str) -> None:
    state = interchange.path_state.get(_STATE_KEY)
    if not isinstance(state, _NumberState):
        state = interchange.path_state[_STATE_KEY] = _NumberState()
    message = f"{segment.tag} at position {segment.sourceline}: {reason}."
    state.found.setdefault(
        (segment.sourceline, source),
        error("value.bad-number", message, source=source, line=segment.sourceline),
    )
