"""The envelope of a UN/EDIFACT interchange (ISO 9735): UNB first and UNZ last, each message between UNH
and UNT, UNT's segment count and message reference, UNZ's count of messages (or functional groups) and
interchange reference, and one message per document.

Every problem is `edifact.malformed` naming the segment, its position in the interchange and its byte
offset; all of them are found in one walk over the segments.
"""

from __future__ import annotations

from gateway.intake.edifact_segments import Segment
from gateway.issues import Issue, error


def check_structure(segments: list[Segment]) -> list[Issue]:
    """Issues with the service segments of an interchange: order, counts, references, one message."""
    if not segments:
        return [error("edifact.malformed", "The interchange holds no segment.")]
    return _StructureCheck(segments).issues()


class _StructureCheck:
    """One walk over the segments, checking the envelope (UNB, UNG, UNH, UNT, UNE, UNZ)."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.problems: list[Issue] = []
        self.open_message: int | None = None
        self.messages: list[Segment] = []
        self.groups = 0
        self.stray_reported = False

    def issues(self) -> list[Issue]:
        """Every problem found, in document order, then the count of messages."""
        handlers = {
            "UNB": self._unb,
            "UNH": self._unh,
            "UNT": self._unt,
            "UNZ": self._unz,
            "UNG": self._ung,
            "UNE": _ignore,
        }
        for index, segment in enumerate(self.segments[1:], start=1):
            handlers.get(segment.tag, self._data)(index, segment)
        last = self.segments[-1]
        if last.tag != "UNZ":
            self._report(last, "is the last segment, not UNZ: the interchange is cut short")
        if self.open_message is not None:
            self._report(self.segments[self.open_message], "opens a message that no UNT closes")
        return self.problems + self._message_count()

    def _unh(self, index: int, segment: Segment) -> None:
        if self.open_message is not None:
            opened = self.segments[self.open_message].sourceline
            self._report(segment, f"opens a message before UNT closed the one opened at position {opened}")
        self.open_message = index
        self.messages.append(segment)
        missing = [
            name
            for name, (element, component) in _UNH_REQUIRED.items()
            if not segment.value(element, component)
        ]
        if missing:
            them = "it" if len(missing) == 1 else "them"
            self._report(segment, f"has no {', '.join(missing)}: ISO 9735 requires {them}")

    def _unt(self, index: int, segment: Segment) -> None:
        if self.open_message is None:
            self._report(segment, "closes no message: no UNH opened one")
            return
        header, count = self.segments[self.open_message], index - self.open_message + 1
        if segment.value(1) != str(count):
            self._report(
                segment,
                f"counts {segment.value(1) or 'no'} segments, but the message from UNH at position "
                f"{header.sourceline} to this UNT has {count}",
            )
        if segment.value(2) != header.value(1):
            self._report(
                segment, f"has message reference {segment.value(2)!r}, but UNH has {header.value(1)!r}"
            )
        self.open_message = None

    def _unz(self, index: int, segment: Segment) -> None:
        if index != len(self.segments) - 1:
            self._report(segment, "is not the last segment of the interchange")
        expected = self.groups or len(self.messages)
        what = "functional groups" if self.groups else "messages"
        if segment.value(1) != str(expected):
            self._report(segment, f"counts {segment.value(1) or 'no'} {what}; the interchange has {expected}")
        if segment.value(2) != self.segments[0].value(5):
            reference = self.segments[0].value(5)
            self._report(
                segment, f"has interchange reference {segment.value(2)!r}, but UNB has {reference!r}"
            )

    def _unb(self, index: int, segment: Segment) -> None:
        self._report(segment, "opens a second interchange inside the first")

    def _ung(self, index: int, segment: Segment) -> None:
        self.groups += 1

    def _data(self, index: int, segment: Segment) -> None:
        if self.open_message is None and not self.stray_reported:
            self.stray_reported = True
            self._report(segment, "is outside any message (UNH ... UNT)")

    def _message_count(self) -> list[Issue]:
        if not self.messages:
            first = self.segments[0].sourceline if self.segments else None  # where the interchange opens
            return [error("edifact.malformed", "The interchange holds no message (UNH ... UNT).", line=first)]
        if len(self.messages) == 1:
            return []
        where = ", ".join(str(segment.sourceline) for segment in self.messages)
        message = (
            f"The interchange holds {len(self.messages)} messages (UNH at positions {where}); the gateway "
            "takes one message per document, so that each gets its own acknowledgement: send each "
            "message in an interchange of its own."
        )
        return [error("edifact.malformed", message, line=self.messages[1].sourceline)]

    def _report(self, segment: Segment, what: str) -> None:
        message = f"{segment.tag} at position {segment.sourceline} (byte {segment.offset}) {what}."
        self.problems.append(error("edifact.malformed", message, line=segment.sourceline))


_UNH_REQUIRED = {
    "message reference (0062)": (1, 1),
    "message type (S009/0065)": (2, 1),
    "version (S009/0052)": (2, 2),
    "release (S009/0054)": (2, 3),
    "controlling agency (S009/0051)": (2, 4),
}
"""The data elements of UNH that ISO 9735 makes mandatory, with their element and component."""


def _ignore(index: int, segment: Segment) -> None:
    """A segment with nothing to check."""
