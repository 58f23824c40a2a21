"""The one-pass split of a plain interchange (no release character in it) reads exactly what the
reference tokenizer reads, segment for segment (tag, elements, position, byte offset), on the fixtures
and on generated interchanges; anything it does not handle goes to the reference, which names the
problem as before."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.intake import edifact
from gateway.intake.edifact import EdifactError, parse_edifact
from gateway.intake.edifact_segments import Segment
from gateway.intake.limits import DEFAULT_LIMITS, IntakeLimits
from gateway.issues import Issue

PROJECT = Path(__file__).parent.parent.parent
FIXTURES = [
    *sorted((PROJECT / "tests" / "golden" / "az-cuscar").glob("*/input.edi")),
    PROJECT / "examples" / "az-cuscar.edi",
]


def both_readers(
    data: bytes, limits: IntakeLimits = DEFAULT_LIMITS
) -> tuple[list[Segment] | None, list[Segment] | Issue]:
    """What the one-pass split (None: it declined) and the reference tokenizer read from `data`."""
    start, characters, has_una = edifact._service_string_advice(data)
    syntax = edifact._syntax_identifier(data, start, characters)
    text = edifact._decode(data, start, syntax, characters, has_una)
    tokenizer = edifact._Tokenizer(text, characters, start, edifact.CHARACTER_SETS[syntax], has_una)
    plain = tokenizer._plain_segments(limits)
    tokenizer = edifact._Tokenizer(text, characters, start, edifact.CHARACTER_SETS[syntax], has_una)
    try:
        reference: list[Segment] | Issue = tokenizer._segments(limits)
    except EdifactError as stop:
        reference = stop.issue
    return plain, reference


def test_the_fixtures_are_split_in_one_pass_as_the_reference_reads_them() -> None:
    split = 0
    for fixture in FIXTURES:
        data = fixture.read_bytes()
        try:
            plain, reference = both_readers(data)
        except EdifactError:  # a fixture whose UNA or UNB is refused before any segment is read
            continue
        if plain is not None:
            split += 1
            assert plain == reference, fixture
        else:
            assert "?" in data.decode("utf-8", "replace") or isinstance(reference, Issue), fixture
    assert split >= 10  # the usual interchange takes the one-pass route


SEGMENT_TEXT = st.text(
    st.sampled_from(["A", "Z", "1", "+", ":", "ə", "Ж", "中", " ", "\r", "\n"]), max_size=12
)
TAG = st.sampled_from(["NAD", "GID", "FTX", "CNI", "Z9Z"])
ODD = st.sampled_from(["", "", "", "", "", "", "", "", "", "", "'", "\x0b", "nad+", "NA+", "+", "?", "\n\n'"])
"""Most documents are plain; some get one thing the one-pass split must hand to the reference."""


@settings(max_examples=400, deadline=None)
@given(
    segments=st.lists(st.tuples(TAG, SEGMENT_TEXT, st.sampled_from(["", "\n", "\r\n"])), max_size=8),
    header=st.sampled_from(["UNA:+.? '", "UNA:+.?*'", "UNA:+. *'", ""]),
    syntax=st.sampled_from(["UNOY", "UNOC"]),
    tail=st.sampled_from(["", "\n", "  \r\n", "", "\n", "x"]),
    most=st.sampled_from([3, 1_000, 1_000, 1_000]),
    odd=ODD,
    where=st.integers(0, 400),
)
def test_generated_interchanges_read_the_same_or_go_to_the_reference(
    segments: list[tuple[str, str, str]], header: str, syntax: str, tail: str, most: int, odd: str, where: int
) -> None:
    body = "".join(f"{tag}+{text}'{breaks}" for tag, text, breaks in segments)
    body = body[: where % (len(body) + 1)] + odd + body[where % (len(body) + 1) :]
    document = f"{header}UNB+{syntax}:4+A+B+1:1+R'\nUNH+1+CUSCAR:D:96B:UN'{body}UNT+9+1'UNZ+1+R'{tail}"
    codec = "utf-8" if syntax == "UNOY" else "iso8859-1"
    data = document.encode(codec, "replace")
    plain, reference = both_readers(data, IntakeLimits(max_elements=most))
    if plain is not None:
        assert plain == reference
        assert all(data[segment.offset :].startswith(segment.tag.encode()) for segment in plain)
    parsed = parse_edifact(data, IntakeLimits(max_elements=most))
    if isinstance(reference, Issue):
        assert parsed.issues == [reference]
