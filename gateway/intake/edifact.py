"""Safe UN/EDIFACT intake (ISO 9735): service string advice, release character, character set, counts.

An interchange may open with the service string advice ``UNA:+.? '`` that names its six service
characters (component and element separators, decimal mark, release character, repetition separator,
segment terminator); without it the defaults ``: + . ? (space) '`` hold. The syntax identifier in UNB
(``UNB+UNOC:3+...``) decides how the bytes are decoded: UNOA and UNOB are ASCII, UNOC ISO 8859-1, UNOD
ISO 8859-2, UNOE ISO 8859-5 (Cyrillic), UNOF ISO 8859-7, UNOW and UNOY UTF-8 (ISO 10646). The release
character makes the next character plain text (``?'`` ``?+`` ``?:`` ``??``). A segment terminator may
be followed by line breaks, which are not part of the next segment.

The envelope is checked by `edifact_envelope`: UNB first and UNZ last, each message between UNH and UNT,
the counts and references of UNT and UNZ. A document is one message: an interchange holding several is
refused with an issue that says so, so that each message gets its own acknowledgement. The segments
read are the types of `edifact_segments`. Every problem is `edifact.malformed` (or `intake.*`) naming the
segment, its position in the interchange (UNA, when present, is position 1; with one segment per line the
position is the line number) and its byte offset. No exception escapes and every step is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.collector import paused_collector
from gateway.intake.edifact_envelope import check_structure
from gateway.intake.edifact_segments import Interchange, Segment, SegmentRange, ServiceCharacters
from gateway.intake.limits import DEFAULT_LIMITS, IntakeLimits
from gateway.issues import Issue, error

__all__ = [
    "CHARACTER_SETS",
    "DEFAULT_CHARACTERS",
    "Interchange",
    "ParsedEdifact",
    "Segment",
    "SegmentRange",
    "ServiceCharacters",
    "escape",
    "parse_edifact",
]

CHARACTER_SETS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "iso8859-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
}
"""The codec of each UNB syntax identifier the gateway reads."""

DEFAULT_CHARACTERS = ServiceCharacters()
"""The service characters of an interchange without UNA: ``: + . ? (space) '``."""

_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")
_NOT_IN_XML = frozenset(map(chr, [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]))
"""Characters that XML 1.0 cannot carry; syntax level B uses some of them as separators, which is fine."""


@dataclass(frozen=True, slots=True)
class ParsedEdifact:
    """A parsed interchange, or the issues that stopped it."""

    interchange: Interchange | None
    issues: list[Issue]


class EdifactError(Exception):
    """Internal: stops intake at the first unreadable point; always turned into an issue here."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def parse_edifact(data: bytes, limits: IntakeLimits = DEFAULT_LIMITS) -> ParsedEdifact:
    """Parse `data` safely; return the interchange of one message or coded issues."""
    try:
        return _parse(data, limits)
    except EdifactError as stop:
        return ParsedEdifact(None, [stop.issue])


def _parse(data: bytes, limits: IntakeLimits) -> ParsedEdifact:
    if not data.strip():
        raise EdifactError(error("intake.empty", "The document is empty."))
    if too_large := limits.too_large(data):
        raise EdifactError(too_large)
    start, characters, has_una = _service_string_advice(data)
    syntax = _syntax_identifier(data, start, characters)
    text = _decode(data, start, syntax, characters, has_una)
    segments = _Tokenizer(text, characters, start, CHARACTER_SETS[syntax], has_una).segments(limits)
    problems = check_structure(segments)
    if problems:
        return ParsedEdifact(None, problems)
    positions: dict[str, list[int]] = {}
    for index, segment in enumerate(segments):
        positions.setdefault(segment.tag, []).append(index)
    return ParsedEdifact(Interchange(tuple(segments), characters, syntax, positions), [])


def _service_string_advice(data: bytes) -> tuple[int, ServiceCharacters, bool]:
    """Where the segments start, the service characters, and whether there was a UNA."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    start += len(data[start:]) - len(data[start:].lstrip())
    if data[start : start + 3] != b"UNA":
        return start, DEFAULT_CHARACTERS, False
    advice = data[start + 3 : start + 9].decode("latin-1")
    if len(advice) < 6:
        raise EdifactError(error("edifact.malformed", "The UNA service string advice is cut short.", line=1))
    component, element, decimal, release, repetition, terminator = tuple(advice)
    separators = [component, element, terminator] + ([release] if release != " " else [])
    if len(set(separators)) < len(separators) or any(char.isalnum() for char in separators):
        message = f"The UNA service characters {advice!r} are not distinct non-alphanumeric characters."
        raise EdifactError(error("edifact.malformed", message, line=1))
    release = "" if release == " " else release
    return start + 9, ServiceCharacters(component, element, decimal, release, repetition, terminator), True


def _syntax_identifier(data: bytes, start: int, characters: ServiceCharacters) -> str:
    head = data[start : start + 64].lstrip(b"\r\n")
    element = re.escape(characters.element.encode("latin-1"))
    found = re.match(rb"UNB" + element + rb"([A-Z]{4})", head)
    if found is None:
        seen = head[:12].decode("latin-1", "replace")
        message = f"An interchange starts with UNB+ and a syntax identifier such as UNOC; this one: {seen!r}."
        raise EdifactError(error("edifact.malformed", message, line=1))
    syntax = found.group(1).decode("ascii")
    if syntax not in CHARACTER_SETS:
        known = ", ".join(CHARACTER_SETS)
        message = f"The syntax identifier {syntax} is not one the gateway reads ({known})."
        raise EdifactError(error("intake.encoding", message, line=1))
    return syntax


def _decode(data: bytes, start: int, syntax: str, characters: ServiceCharacters, has_una: bool) -> str:
    codec, body = CHARACTER_SETS[syntax], data[start:]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        near = body.count(characters.terminator.encode("latin-1"), 0, exc.start) + 1 + has_una
        message = f"The bytes are not {syntax} ({codec}) at byte {start + exc.start}, near position {near}."
        raise EdifactError(error("intake.encoding", message, line=near)) from None
    if codec != "utf-8" and not body.isascii() and _is_utf8(body):
        message = f"UNB declares {syntax} ({codec}), but the text is UTF-8: UNB must say UNOY."
        raise EdifactError(error("intake.encoding", message, line=1 + has_una))
    return text


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Tokenizer:
    """Splits decoded text into segments, elements and components, honouring the release character."""

    def __init__(
        self, text: str, characters: ServiceCharacters, base: int, codec: str, has_una: bool
    ) -> None:
        self.text, self.characters, self.base, self.has_una = text, characters, base, has_una
        self.single_byte = codec != "utf-8"
        separators = {characters.component, characters.element, characters.terminator, characters.repetition}
        self.forbidden = _character_class(_NOT_IN_XML - separators)
        self.forbidden_in_values = _character_class(_NOT_IN_XML)
        self.counted_chars, self.counted_bytes = 0, base

    def segments(self, limits: IntakeLimits) -> list[Segment]:
        """Every segment; `EdifactError` at the first that cannot be read.

        The cyclic garbage collector is paused meanwhile (as the mapping run pauses it): the segments
        are tuples of tuples of strings, none in a cycle, and a collection every few hundred of them
        would walk all the earlier ones again (~40 % of the intake's time for a 2 MB interchange)."""
        with paused_collector():
            plain = self._plain_segments(limits)
            return plain if plain is not None else self._segments(limits)

    def _plain_segments(self, limits: IntakeLimits) -> list[Segment] | None:
        """The usual interchange in one pass: no release character anywhere, no control character, not
        more segments than the limit, every tag well formed, only white space after the last terminator. None
        when any of that fails: `_segments`, the reference, then reads it and names the problem."""
        text, characters = self.text, self.characters
        terminator, element, component = characters.terminator, characters.element, characters.component
        if characters.release and characters.release in text:
            return None
        if text.count(terminator) > limits.max_elements or self.forbidden.search(text) is not None:
            return None
        pieces = text.split(terminator)
        if pieces.pop().strip():
            return None
        utf8, step = not self.single_byte, len(terminator.encode("utf-8")) if not self.single_byte else 1
        segments: list[Segment] = []
        tags: set[str] = set()
        offset, position = self.base, 1 + self.has_una
        for piece in pieces:
            raw = piece.lstrip("\r\n")
            elements = raw.split(element)
            tag = elements[0].split(component, 1)[0]
            if tag not in tags:
                if not _TAG.fullmatch(tag):
                    return None
                tags.add(tag)
            rest = tuple([tuple(data.split(component)) for data in elements[1:]])
            segments.append(Segment(tag, rest, position, offset + len(piece) - len(raw)))
            offset += (len(piece) if not utf8 or piece.isascii() else len(piece.encode("utf-8"))) + step
            position += 1
        return segments

    def _segments(self, limits: IntakeLimits) -> list[Segment]:
        """`segments` one at a time, honouring the release character: the reference reader."""
        text, terminator, release = self.text, self.characters.terminator, self.characters.release
        segments: list[Segment] = []
        start = search = 0
        while (end := text.find(terminator, search)) >= 0:
            if release and _escaped(text, start, end, release):
                search = end + 1
                continue
            if len(segments) >= limits.max_elements:
                message = f"The interchange has more than {limits.max_elements} segments."
                raise EdifactError(error("intake.too-large", message, line=len(segments) + self.has_una))
            segments.append(self._segment(start, end, len(segments) + 1 + self.has_una))
            start = search = end + 1
        if text[start:].strip():
            self._fail(
                start, len(segments) + 1 + self.has_una, "is not terminated: the interchange is cut short"
            )
        return segments

    def _segment(self, start: int, end: int, position: int) -> Segment:
        while start < end and self.text[start] in "\r\n":
            start += 1
        raw, characters = self.text[start:end], self.characters
        if characters.release and characters.release in raw:
            elements = [
                tuple(
                    _unescape(part, characters.release)
                    for part in _split(element, characters.component, characters.release)
                )
                for element in _split(raw, characters.element, characters.release)
            ]
        else:  # the usual segment: nothing released, plain splits
            elements = [
                tuple(element.split(characters.component)) for element in raw.split(characters.element)
            ]
        bad = self.forbidden.search(raw)
        if bad is None and characters.release and characters.release in raw:  # a released separator
            bad = self.forbidden_in_values.search("".join("".join(element) for element in elements))
        if bad is not None:
            self._fail(start, position, f"holds the control character U+{ord(bad.group()):04X}")
        tag = elements[0][0]
        if not _TAG.fullmatch(tag):
            self._fail(start, position, f"has no segment tag (it starts {raw[:12]!r})")
        return Segment(tag, tuple(elements[1:]), position, self._byte_offset(start))

    def _byte_offset(self, start: int) -> int:
        if self.single_byte:
            return self.base + start
        self.counted_bytes += len(self.text[self.counted_chars : start].encode("utf-8"))
        self.counted_chars = start
        return self.counted_bytes

    def _fail(self, start: int, position: int, what: str) -> None:
        while self.text[start : start + 1] in ("\r", "\n"):
            start += 1
        offset, seen = self._byte_offset(start), self.text[start : start + 12]
        message = f"The segment at position {position} (byte {offset}, {seen!r}...) {what}."
        raise EdifactError(error("edifact.malformed", message, line=position))


def _character_class(characters: frozenset[str] | set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(char) for char in sorted(characters)) + "]")


def _escaped(text: str, start: int, index: int, release: str) -> bool:
    """Whether the character at `index` follows an odd run of release characters (no further back
    than `start`, where the current segment, element or component began)."""
    run = index
    while run > start and text[run - 1] == release:
        run -= 1
    return (index - run) % 2 == 1


def _split(text: str, separator: str, release: str) -> list[str]:
    """`text` split at each separator that is not released; release characters are kept."""
    if not release or release not in text:
        return text.split(separator)
    parts: list[str] = []
    start = search = 0
    while (index := text.find(separator, search)) >= 0:
        if _escaped(text, start, index, release):
            search = index + 1
            continue
        parts.append(text[start:index])
        start = search = index + 1
    parts.append(text[start:])
    return parts


def _unescape(text: str, release: str) -> str:
    if not release or release not in text:
        return text
    return re.sub(re.escape(release) + "(.)", r"\1", text, flags=re.S)


def escape(text: str, characters: ServiceCharacters = DEFAULT_CHARACTERS) -> str:
    """`text` with the release character before every service character, as a component value."""
    release = characters.release
    special = {characters.component, characters.element, characters.terminator, release}
    if characters.repetition != " ":
        special.add(characters.repetition)
    return "".join(release + char if char in special else char for char in text)
