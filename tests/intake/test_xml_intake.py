"""Hostile and malformed bytes: each gives a coded issue, never an exception, a hang or a network access.

Every test here runs under a hang guard: `signal.alarm(5)` raises in Python code, and a faulthandler
watchdog ends the run if a hang inside libxml2 (where no Python signal handler can run) lasts 10 seconds.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gateway.intake.limits import IntakeLimits
from gateway.intake.xml import parse_xml
from gateway.normalize.pipeline import Normalization, Normalizer

PROJECT = Path(__file__).parent.parent.parent
EXAMPLE = (PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
GOLDEN = PROJECT / "tests" / "golden"
PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'
SCHEMA = etree.XMLSchema(etree.parse(str(PROJECT / "schemas" / "harmonized-1.0.xsd")))


@pytest.fixture(autouse=True)
def _hang_guard(deadline: None) -> None:
    """Every test here runs under the intake tests' deadline (tests/intake/conftest.py)."""


def _nested(depth: int) -> bytes:
    return b"<a>" * depth + b"</a>" * depth


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return PROLOG + f"<!DOCTYPE lolz [{''.join(entities)}]><lolz>&lol9;</lolz>".encode()


BILLION_LAUGHS = _billion_laughs()
QUADRATIC_BLOWUP = (
    PROLOG + b'<!DOCTYPE k [<!ENTITY a "' + b"x" * 50_000 + b'">]><k>' + b"&a;" * 50_000 + b"</k>"
)
EXTERNAL_ENTITY = PROLOG + b'<!DOCTYPE r [<!ENTITY passwd SYSTEM "file:///etc/passwd">]><r>&passwd;</r>'
EXTERNAL_DTD = PROLOG + b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd"><r/>'
TRUNCATED = EXAMPLE[: EXAMPLE.index(b"<pi:GoodsDescriptionText>") + 40]
MISMATCHED = EXAMPLE.replace(b"</pi:TripId>", b"</pi:TripID>", 1)
CP1251_AS_UTF8 = (
    (GOLDEN / "kz-eaeu-pi" / "rail-prearrival-dostyk-cp1251" / "input.xml")
    .read_bytes()
    .replace(b'encoding="windows-1251"', b'encoding="UTF-8"', 1)
)
UTF16_WITHOUT_BOM = EXAMPLE.replace(PROLOG, b"").decode("utf-8").encode("utf-16-le")

HOSTILE = [
    ("billion-laughs", BILLION_LAUGHS, "xml.forbidden"),
    ("quadratic-blowup", QUADRATIC_BLOWUP, "xml.forbidden"),
    ("external-entity-etc-passwd", EXTERNAL_ENTITY, "xml.forbidden"),
    ("external-dtd", EXTERNAL_DTD, "xml.forbidden"),
    ("truncated", TRUNCATED, "xml.malformed"),
    ("mismatched-tags", MISMATCHED, "xml.malformed"),
    ("empty", b"", "intake.empty"),
    ("whitespace-only", b" \r\n\t \n", "intake.empty"),
    ("random-binary", random.Random(2024).randbytes(4096), "format.unknown"),
    ("binary-after-an-angle-bracket", b"<" + random.Random(15924).randbytes(512), "intake.encoding"),
    ("windows-1251-declared-as-utf-8", CP1251_AS_UTF8, "intake.encoding"),
    # Read as UTF-8, as XML says: an encoding error or NUL characters, depending on how the bytes are read.
    ("utf-16-without-bom-or-declaration", UTF16_WITHOUT_BOM, ("intake.encoding", "xml.malformed")),
    ("unknown-encoding-name", EXAMPLE.replace(b'"UTF-8"', b'"KZ-1048-ASCII"', 1), "intake.encoding"),
    ("deeper-than-libxml2", _nested(257), "xml.too-deep"),
    ("far-deeper-than-libxml2", _nested(100_000), "xml.too-deep"),
]


@pytest.mark.parametrize(("data", "code"), [row[1:] for row in HOSTILE], ids=[row[0] for row in HOSTILE])
def test_hostile_or_malformed_bytes_give_one_coded_error_and_no_message(
    normalizer: Normalizer, data: bytes, code: str | tuple[str, ...]
) -> None:
    result = normalizer.normalize(data)
    assert result.message is None
    assert [issue.severity for issue in result.issues] == ["error"]
    assert result.issues[0].code in ((code,) if isinstance(code, str) else code)
    assert "root:x:0" not in str(result.issues[0])


def test_a_dtd_on_a_listening_loopback_port_is_never_fetched(
    normalizer: Normalizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    connected: list[Any] = []
    original = socket.socket.connect
    monkeypatch.setattr(
        socket.socket, "connect", lambda self, address: connected.append(address) or original(self, address)
    )
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        documents = [
            PROLOG + f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/x.dtd"><r/>'.encode(),
            f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/x.dtd"><r>&x;</r>'.encode("utf-16"),
            EXAMPLE.replace(
                b"<pi:Prelim", f'<!DOCTYPE x SYSTEM "http://127.0.0.1:{port}/">\n<pi:Prelim'.encode(), 1
            ),
        ]
        results = [normalizer.normalize(document) for document in documents]
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody knocked, not even from inside libxml2
    assert connected == []
    assert all(result.message is None and result.issues for result in results)


def test_xinclude_is_not_processed(normalizer: Normalizer) -> None:
    data = EXAMPLE.replace(
        "<pi:SubjectName>ТОО «Алтын Дән»</pi:SubjectName>".encode(),
        b'<pi:SubjectName><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"'
        b' parse="text"/></pi:SubjectName>',
        1,
    )
    result = normalizer.normalize(data)
    assert result.message is not None and b"root:" not in result.message.xml
    assert [(issue.code, issue.pointer) for issue in result.issues] == [
        ("element.missing", "42A/28A[1]/30A/R020")
    ]


def test_entities_in_a_utf16_document_are_never_expanded(normalizer: Normalizer) -> None:
    """Whether or not a DTD is seen in time, the parser expands no entity."""
    doctype = BILLION_LAUGHS.decode("ascii").split("\n", 1)[1].split("<lolz>")[0]
    text = EXAMPLE.decode("utf-8").replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    text = text.replace("<pi:Prelim", doctype + "\n<pi:Prelim", 1)
    text = text.replace("<pi:TripId>ATS-0514</pi:TripId>", "<pi:TripId>&lol9;</pi:TripId>", 1)
    result = normalizer.normalize(text.encode("utf-16"))
    assert result.message is None or b"lollol" not in result.message.xml


def test_a_dtd_in_a_utf16_document_is_refused_too(normalizer: Normalizer) -> None:
    text = EXAMPLE.decode("utf-8").replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    text = text.replace("<pi:Prelim", '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<pi:Prelim', 1)
    text = text.replace("<pi:TripId>ATS-0514</pi:TripId>", "<pi:TripId>&x;</pi:TripId>", 1)
    result = normalizer.normalize(text.encode("utf-16"))
    assert [issue.code for issue in result.issues] == ["xml.forbidden"]


def test_a_nul_byte_is_malformed_xml_not_an_encoding_error(normalizer: Normalizer) -> None:
    data = EXAMPLE.replace(b"<pi:TripId>ATS-0514", b"<pi:TripId>ATS\x00-0514", 1)
    assert [issue.code for issue in normalizer.normalize(data).issues] == ["xml.malformed"]


def _declaration(result: Normalization) -> bytes:
    assert result.ok and result.issues == [], [str(issue) for issue in result.issues]
    assert result.message is not None
    return etree.tostring(result.message.declaration())


def test_encodings_that_xml_allows_give_the_same_message(normalizer: Normalizer) -> None:
    reference = normalizer.normalize(EXAMPLE)
    with_bom = normalizer.normalize(b"\xef\xbb\xbf" + EXAMPLE)
    assert with_bom.message is not None and reference.message is not None
    assert with_bom.message.xml == reference.message.xml  # the same lines, so the same annotations
    without_prolog = EXAMPLE.replace(PROLOG, b"").decode("utf-8")  # one line less: compare the values
    assert _declaration(normalizer.normalize(without_prolog.encode("utf-8"))) == _declaration(reference)
    assert _declaration(normalizer.normalize(without_prolog.encode("utf-16"))) == _declaration(reference)


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("cn-gacc-manifest/rail-alashankou-dostyk-gb18030", "阿拉山口"),
        ("kz-eaeu-pi/rail-prearrival-dostyk-cp1251", "Достык"),
    ],
)
def test_gb18030_and_windows_1251_are_read_from_the_prolog(
    normalizer: Normalizer, case: str, text: str
) -> None:
    data = (GOLDEN / case / "input.xml").read_bytes()
    assert text.encode("utf-8") not in data  # the bytes really are in the national encoding
    result = normalizer.normalize(data)
    assert result.ok, [str(issue) for issue in result.issues]
    assert text in result.message.xml.decode("utf-8")


def _depth(root: etree._Element) -> int:
    return 1 + max((_depth(child) for child in root), default=0)


def test_the_size_limit_counts_bytes(normalizer: Normalizer) -> None:
    at_limit = _with_limits(normalizer, IntakeLimits(max_bytes=len(EXAMPLE)))
    over = _with_limits(normalizer, IntakeLimits(max_bytes=len(EXAMPLE) - 1))
    assert at_limit.normalize(EXAMPLE).ok
    issues = over.normalize(EXAMPLE).issues
    assert [issue.code for issue in issues] == ["intake.too-large"]
    assert f"{len(EXAMPLE)} bytes; the limit is {len(EXAMPLE) - 1}" in issues[0].message


def test_a_configured_depth_below_libxml2s_is_enforced_by_the_parser() -> None:
    depth = _depth(etree.fromstring(EXAMPLE))
    assert parse_xml(EXAMPLE, IntakeLimits(max_depth=depth)).issues == []
    issues = parse_xml(EXAMPLE, IntakeLimits(max_depth=depth - 1)).issues
    assert [issue.code for issue in issues] == ["xml.too-deep"]
    assert f"deeper than {depth - 1} levels" in issues[0].message


def test_libxml2s_own_depth_of_256_is_accepted(normalizer: Normalizer) -> None:
    assert [issue.code for issue in normalizer.normalize(_nested(256)).issues] == ["format.unknown"]


def test_the_element_count_limit_is_enforced_by_the_parser() -> None:
    count = sum(1 for _ in etree.fromstring(EXAMPLE).iter("*"))
    assert parse_xml(EXAMPLE, IntakeLimits(max_elements=count)).issues == []
    issues = parse_xml(EXAMPLE, IntakeLimits(max_elements=count - 1)).issues
    assert [issue.code for issue in issues] == ["xml.too-many-elements"]
    assert f"{count} elements; the limit is {count - 1}" in issues[0].message
    last = list(etree.fromstring(EXAMPLE).iter("*"))[-1]
    assert issues[0].line == last.sourceline  # the first element over the limit


def test_a_document_deeper_than_the_configured_depth_is_refused_at_the_first_element_too_deep() -> None:
    depth = _depth(etree.fromstring(EXAMPLE))
    [issue] = parse_xml(EXAMPLE, IntakeLimits(max_depth=depth - 1)).issues
    first = next(node for node in etree.fromstring(EXAMPLE).iter("*") if _level(node) == depth)
    assert (issue.code, issue.line) == ("xml.too-deep", first.sourceline)


def _level(node: etree._Element) -> int:
    return sum(1 for _ in node.iterancestors()) + 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030", "windows-1251", "utf-7"])
def test_the_element_count_limit_is_exact_whatever_the_encoding(encoding: str) -> None:
    text = f'<?xml version="1.0" encoding="{encoding}"?><a><!-- <x> --><b/><b>&lt;<![CDATA[<]]></b></a>'
    data = text.encode(encoding)
    for limit in range(1, len(data) // 4 + 2):
        codes = [issue.code for issue in parse_xml(data, IntakeLimits(max_elements=limit)).issues]
        assert codes == ([] if limit >= 3 else ["xml.too-many-elements"]), limit


def test_elements_whose_tags_the_encoding_hides_from_a_byte_count_are_counted() -> None:
    hidden = b"+ADw-b/+AD4-" * 5  # UTF-7 for <b/>: five elements without a "<" byte
    data = b'<?xml version="1.0" encoding="utf-7"?><a>' + hidden + b"</a>"
    codes = [issue.code for issue in parse_xml(data, IntakeLimits(max_elements=5)).issues]
    assert codes == ["xml.too-many-elements"]


def test_a_document_deeper_than_the_configured_depth_is_refused(normalizer: Normalizer) -> None:
    depth = _depth(etree.fromstring(EXAMPLE))
    result = _with_limits(normalizer, IntakeLimits(max_depth=depth - 1)).normalize(EXAMPLE)
    assert result.message is None
    assert [issue.code for issue in result.issues] == ["xml.too-deep"]


def test_a_document_with_more_elements_than_the_limit_is_refused(normalizer: Normalizer) -> None:
    count = sum(1 for _ in etree.fromstring(EXAMPLE).iter("*"))
    result = _with_limits(normalizer, IntakeLimits(max_elements=count - 1)).normalize(EXAMPLE)
    assert result.message is None
    assert [issue.code for issue in result.issues] == ["xml.too-many-elements"]


def _with_limits(normalizer: Normalizer, limits: IntakeLimits) -> Normalizer:
    return Normalizer(normalizer.registry, normalizer.codelists, limits, normalizer.model)


def _spliced(cut: tuple[int, int, bytes]) -> bytes:
    start, length, insert = cut
    return EXAMPLE[:start] + insert + EXAMPLE[start + length :]


ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.integers(0, len(EXAMPLE)).map(lambda end: EXAMPLE[:end]),
    st.tuples(st.integers(0, len(EXAMPLE)), st.integers(0, 40), st.binary(max_size=12)).map(_spliced),
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_BYTES)
def test_any_bytes_give_a_valid_message_or_an_error_never_an_exception(
    normalizer: Normalizer, data: bytes
) -> None:
    result = normalizer.normalize(data)
    if result.message is None:
        assert any(issue.severity == "error" for issue in result.issues)
    else:
        assert SCHEMA.validate(etree.fromstring(result.message.to_xml())), SCHEMA.error_log
