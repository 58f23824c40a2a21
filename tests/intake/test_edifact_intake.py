"""UN/EDIFACT intake: UNA and default separators, the release character, UNB character sets, segment
terminators followed by line breaks, UNH/UNT and UNZ counts and references, one message per interchange;
broken input gives coded issues that name the segment and its position, never an exception or a hang.
The interchanges are small STAND-INs of an Azerbaijani CUSCAR written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.intake.edifact import ParsedEdifact, ServiceCharacters, escape, parse_edifact
from gateway.intake.limits import IntakeLimits

CUSCAR = """UNA:+.? '
UNB+UNOY:4+AZSENDER:ZZZ+AZDGK:ZZZ+20240611:0715+REF001'
UNH+1+CUSCAR:D:96B:UN'
BGM+785+XB2406+9'
NAD+CA+1700038881::ZZZ++Azərbaycan Xəzər Dəniz Gəmiçiliyi'
CNI+1'
NAD+CZ+++Ələkbərov?'s ?+ Oğulları?: MMC ??1'
GID+1+240:BG'
FTX+AAA+++Пшеница мягкая'
UNT+8+1'
UNZ+1+REF001'
"""


def only_issue(parsed: ParsedEdifact) -> dict[str, Any]:
    assert parsed.interchange is None
    (issue,) = parsed.issues
    return issue.to_dict()


def test_segments_elements_components_positions_and_byte_offsets() -> None:
    data = CUSCAR.encode("utf-8")
    parsed = parse_edifact(data)
    assert parsed.issues == [] and parsed.interchange is not None
    segments = parsed.interchange.segments
    assert [segment.tag for segment in segments] == [
        "UNB",
        "UNH",
        "BGM",
        "NAD",
        "CNI",
        "NAD",
        "GID",
        "FTX",
        "UNT",
        "UNZ",
    ]
    assert [segment.sourceline for segment in segments] == list(range(2, 12))  # UNA is position 1: the lines
    for segment in segments:
        assert data[segment.offset : segment.offset + 3] == segment.tag.encode()
    assert segments[3].elements == (
        ("CA",),
        ("1700038881", "", "ZZZ"),
        ("",),
        ("Azərbaycan Xəzər Dəniz Gəmiçiliyi",),
    )
    assert segments[3].value(2, 3) == "ZZZ" and segments[3].value(9) == "" and segments[3].value(2, 9) == ""
    assert parsed.interchange.message_type() == ("CUSCAR", "D", "96B", "UN")
    assert parsed.interchange.sender() == "AZSENDER" and parsed.interchange.syntax == "UNOY"


def test_released_service_characters_are_text() -> None:
    parsed = parse_edifact(CUSCAR.encode())
    assert parsed.interchange is not None
    assert parsed.interchange.segments[5].value(4) == "Ələkbərov's + Oğulları: MMC ?1"


def test_without_una_the_default_separators_hold_and_positions_start_at_unb() -> None:
    text = CUSCAR.split("\n", 1)[1].replace("\n", "")  # no UNA, one line
    parsed = parse_edifact(text.encode())
    assert parsed.issues == [] and parsed.interchange is not None
    assert parsed.interchange.segments[0].sourceline == 1 and parsed.interchange.segments[0].offset == 0
    assert parsed.interchange.characters == ServiceCharacters()


def test_custom_separators_from_una() -> None:
    custom = ServiceCharacters(
        component="|", element="#", decimal=",", release="!", repetition="*", terminator="~"
    )
    body = (
        CUSCAR.split("\n", 1)[1].replace("?'", "'").replace("?+", "+").replace("?:", ":").replace("??", "?")
    )
    lines = []
    for line in body.splitlines():
        tag, _, rest = line.rstrip("'").partition("+")
        elements = [
            ":".join(escape(part, custom) for part in element.split(":")) for element in rest.split("+")
        ]
        lines.append(tag + "#" + "#".join(element.replace(":", "|") for element in elements) + "~")
    parsed = parse_edifact(("UNA|#,! ~\r\n" + "\r\n".join(lines)).encode())
    assert parsed.issues == [] and parsed.interchange is not None
    assert parsed.interchange.segments[3].value(2, 3) == "ZZZ"


def test_a_terminator_may_be_followed_by_crlf() -> None:
    parsed = parse_edifact(CUSCAR.replace("\n", "\r\n").encode())
    assert parsed.issues == [] and parsed.interchange is not None
    assert parsed.interchange.segments[1].elements[0] == ("1",)


@pytest.mark.parametrize(
    ("syntax", "text", "codec"),
    [
        ("UNOC", "Böyük Kəsik".replace("ə", "e"), "iso8859-1"),  # ö is the byte F6
        ("UNOE", "Пшеница мягкая", "iso8859-5"),
        ("UNOY", "Ələt, Пшеница", "utf-8"),
        ("UNOW", "Ələt", "utf-8"),
        ("UNOA", "BOYUK KESIK", "ascii"),
        ("UNOB", "Boyuk Kesik", "ascii"),
    ],
)
def test_the_syntax_identifier_decides_the_decoding(syntax: str, text: str, codec: str) -> None:
    document = CUSCAR.replace("UNOY:4", f"{syntax}:3").replace("Пшеница мягкая", text)
    document = document.replace("Azərbaycan Xəzər Dəniz Gəmiçiliyi", "CARRIER").replace("Ələkbərov", "A")
    document = document.replace("Oğulları", "O")
    parsed = parse_edifact(document.encode(codec))
    assert parsed.issues == [] and parsed.interchange is not None
    assert parsed.interchange.segments[7].value(4) == text


@pytest.mark.parametrize(
    ("syntax", "data", "said"),
    [
        ("UNOC", "Ələt".encode(), "UNB must say UNOY"),  # UTF-8 bytes behind UNOC
        ("UNOA", "Bakı".encode(), "not UNOA (ascii) at byte"),
        ("UNOY", "Bakı".encode("iso8859-9"), "not UNOY (utf-8) at byte"),
        ("UNOX", b"Baki", "syntax identifier UNOX is not one"),
    ],
)
def test_bytes_that_are_not_the_declared_character_set_are_refused(
    syntax: str, data: bytes, said: str
) -> None:
    document = CUSCAR.replace("UNOY:4", f"{syntax}:3").split("FTX")
    parsed = parse_edifact(
        document[0].encode("ascii", "replace") + b"FTX+AAA+++" + data + b"'\nUNT+8+1'\nUNZ+1+REF001'"
    )
    issue = only_issue(parsed)
    assert issue["code"] == "intake.encoding" and said in issue["message"]


@pytest.mark.parametrize(
    ("change", "said", "tag"),
    [
        (("UNT+8+1", "UNT+7+1"), "UNT at position 10 (byte {}) counts 7 segments, but the message", "UNT"),
        (
            ("UNT+8+1", "UNT+8+2"),
            "UNT at position 10 (byte {}) has message reference '2', but UNH has '1'",
            "UNT",
        ),
        (("UNZ+1+REF001", "UNZ+2+REF001"), "UNZ at position 11 (byte {}) counts 2 messages", "UNZ"),
        (("UNZ+1+REF001", "UNZ+1+REF002"), "UNZ at position 11 (byte {}) has interchange reference", "UNZ"),
        (("UNZ+1+REF001'\n", ""), "UNT at position 10 (byte {}) is the last segment, not UNZ", "UNT"),
        (("UNT+8+1'\n", ""), "UNH at position 3 (byte {}) opens a message that no UNT closes", "UNH"),
        (
            ("CNI+1'", "UNB+UNOY:4+X+Y+1:1+R'"),
            "UNB at position 6 (byte {}) opens a second interchange",
            "UNB+UNOY:4+X",
        ),
        (("UNH+1+CUSCAR:D:96B:UN'", "BGM+785'"), "BGM at position 3 (byte {}) is outside any message", "BGM"),
    ],
)
def test_envelope_errors_name_the_segment_its_position_and_byte(
    change: tuple[str, str], said: str, tag: str
) -> None:
    data = CUSCAR.replace(*change).encode()
    parsed = parse_edifact(data)
    assert parsed.interchange is None and parsed.issues
    assert all(issue.code == "edifact.malformed" for issue in parsed.issues)
    expected = said.format(data.index(b"\n" + tag.encode()) + 1)
    matching = [issue for issue in parsed.issues if expected in issue.message]
    assert matching, [issue.message for issue in parsed.issues]
    assert matching[0].line == int(expected.split(" at position ")[1].split(" ")[0])


def test_an_interchange_of_several_messages_is_refused_with_the_reason() -> None:
    second = "UNH+2+CUSCAR:D:96B:UN'\nBGM+785+XB2407+9'\nUNT+3+2'\n"
    issue = only_issue(parse_edifact(CUSCAR.replace("UNZ+1", second + "UNZ+2").encode()))
    assert issue["code"] == "edifact.malformed" and issue["line"] == 11
    assert "holds 2 messages (UNH at positions 3, 11)" in issue["message"]
    assert "one message per document" in issue["message"]


@pytest.mark.parametrize(
    ("data", "code", "said"),
    [
        (b"", "intake.empty", "empty"),
        (b"  \r\n", "intake.empty", "empty"),
        (b"hello, world\n", "edifact.malformed", "starts with UNB+"),
        (b"UNA:+", "edifact.malformed", "cut short"),
        (b"UNA::.? 'UNB+UNOC:3'", "edifact.malformed", "not distinct"),
        (b"UNB+UNOC:3+A+B+1:1+R'UNZ+0+R'", "edifact.malformed", "no message"),
        (b"UNB+UNOC:3+A+B+1:1+R'UNH+1+X'12+A'UNT+3+1'UNZ+1+R'", "edifact.malformed", "has no segment tag"),
        (b"UNB+UNOC:3+A+B+1:1+R'UNH+1+X'FTX+\x01'UNT+3+1'UNZ+1+R'", "edifact.malformed", "U+0001"),
        (b"UNB+UNOC:3+A+B+1:1+R'UNH+1+X'FTX+?\x1d'UNT+3+1'UNZ+1+R'", "edifact.malformed", "U+001D"),
    ],
)
def test_empty_garbage_and_broken_service_segments_are_refused(data: bytes, code: str, said: str) -> None:
    issues = parse_edifact(data).issues
    assert issues and issues[0].code == code and said in issues[0].message


def test_every_truncation_gives_coded_issues(deadline: None) -> None:
    data = CUSCAR.encode()
    for length in range(len(data) - 1):
        parsed = parse_edifact(data[:length])
        assert parsed.interchange is None and parsed.issues, length
        assert {issue.code for issue in parsed.issues} <= {
            "intake.empty",
            "edifact.malformed",
            "intake.encoding",
        }


def test_the_segment_count_and_the_size_are_limited() -> None:
    assert (
        only_issue(parse_edifact(CUSCAR.encode(), IntakeLimits(max_elements=5)))["code"] == "intake.too-large"
    )
    assert (
        only_issue(parse_edifact(CUSCAR.encode(), IntakeLimits(max_bytes=100)))["code"] == "intake.too-large"
    )


@pytest.mark.parametrize(
    "body",
    [
        "?" * 200_000,  # a run of release characters with no terminator
        "?'" * 200_000,  # endless released terminators
        "FTX+" + "??" * 100_000 + "'",
        ("FTX+" + "a:" * 50_000 + "'") * 4,
    ],
    ids=["release-run", "released-terminators", "released-releases", "many-components"],
)
def test_hostile_segments_end_quickly(body: str, deadline: None) -> None:
    head = "UNB+UNOC:3+A+B+1:1+R'UNH+1+CUSCAR:D:96B:UN'"
    parse_edifact((head + body + "UNT+3+1'UNZ+1+R'").encode())


SERVICE_CHARACTERS = st.sampled_from(
    [
        ServiceCharacters(),
        ServiceCharacters(repetition="*"),
        ServiceCharacters(
            component="|", element="#", decimal=",", release="!", repetition="*", terminator="~"
        ),
        ServiceCharacters(component="\x1f", element="\x1d", release="?", terminator="\x1c"),
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), characters=SERVICE_CHARACTERS)
def test_escaping_then_tokenizing_round_trips_any_text(
    texts: list[str], characters: ServiceCharacters
) -> None:
    c = characters
    advice = f"UNA{c.component}{c.element}{c.decimal}{c.release}{c.repetition}{c.terminator}"
    components = c.component.join(escape(text, c) for text in texts)
    segments = [
        f"UNB{c.element}UNOY{c.component}4{c.element}A{c.element}B{c.element}1{c.component}1{c.element}R",
        f"UNH{c.element}1{c.element}CUSCAR{c.component}D{c.component}96B{c.component}UN",
        f"FTX{c.element}AAA{c.element}{c.element}{c.element}{components}",
        f"UNT{c.element}3{c.element}1",
        f"UNZ{c.element}1{c.element}R",
    ]
    parsed = parse_edifact((advice + "".join(segment + c.terminator for segment in segments)).encode())
    assert parsed.issues == [] and parsed.interchange is not None
    assert parsed.interchange.segments[2].elements[3] == tuple(texts)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200) | st.text(alphabet="UNABHTZ+:?' \n1", max_size=80).map(str.encode))
def test_any_bytes_give_an_interchange_or_coded_issues(data: bytes) -> None:
    parsed = parse_edifact(data)
    assert (parsed.interchange is None) == bool(parsed.issues)
