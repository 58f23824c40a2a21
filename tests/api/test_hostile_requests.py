"""A hostile or careless national system over HTTP: a client that sends its headers and then nothing, a
body at the size limit and one byte over (declared or streamed), a content type that lies. Each gets a
problem with a code, never a 500, and leaves nothing in the store."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest

from gateway.access.keys import create_key
from gateway.issues import CODES
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from tests.api.conftest import Gateway, example, running

KZ = example("kz-eaeu-pi-manifest.xml")
BODY_SECONDS = 0.4


@pytest.fixture
def strict(normalizer: Normalizer, agreement_router: AgreementRouter) -> Iterator[Gateway]:
    """A gateway whose size limit is the KZ example's size and whose body timeout is short."""
    settings = Settings(max_document_bytes=len(KZ), body_timeout_seconds=BODY_SECONDS)
    yield from running(settings, MemoryStore(), normalizer, agreement_router)


def _nothing_stored(gateway: Gateway) -> bool:
    return gateway.store.delivery_counts() == {} and not gateway.store._messages  # type: ignore[attr-defined]


def _raw_post(gateway: Gateway, declared: int, sent: bytes) -> socket.socket:
    """A connection that posts `declared` bytes of body, sends `sent` of them and then nothing."""
    host, port = gateway.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=10)
    token = gateway.tokens["kz-national"]
    head = (
        f"POST /v1/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Length: {declared}\r\nContent-Type: application/xml\r\n\r\n"
    )
    connection.sendall(head.encode("ascii") + sent)
    return connection


def _answer(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def test_a_client_that_sends_its_headers_and_then_nothing_is_answered_408_and_closed(
    strict: Gateway,
) -> None:
    started = time.monotonic()
    with _raw_post(strict, len(KZ), KZ[:100]) as connection:
        answer = _answer(connection)  # returns only when the server closes the connection
    waited = time.monotonic() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"application/problem+json" in head and b'"code":"request.timeout"' in body
    assert waited < 10, "the server let a silent client hold its connection"
    assert _nothing_stored(strict)


def test_a_client_that_trickles_its_body_is_cut_off_at_the_timeout(strict: Gateway) -> None:
    with _raw_post(strict, len(KZ), b"") as connection:
        connection.settimeout(0.05)
        started, answer = time.monotonic(), b""
        for byte in KZ:
            try:
                connection.sendall(bytes([byte]))
                answer += connection.recv(65536)
            except TimeoutError:
                continue
            except OSError:  # closed by the server while sending: what it said is read below
                break
            if answer or time.monotonic() - started > 10:
                break
        connection.settimeout(10)
        answer += _answer(connection)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert _nothing_stored(strict)


def _streamed(body: bytes) -> Iterator[bytes]:
    """`body` in chunks, sent without a Content-Length (chunked transfer encoding)."""
    for start in range(0, len(body), 4096):
        yield body[start : start + 4096]


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_body_at_the_size_limit_is_read_and_one_byte_over_is_413(strict: Gateway, declared: bool) -> None:
    headers = strict.headers("kz-national")
    over = KZ.replace(b"</pi:PreliminaryInformation>", b" </pi:PreliminaryInformation>")
    assert len(over) == len(KZ) + 1
    answer = strict.client.post(
        "/v1/documents", content=over if declared else _streamed(over), headers=headers
    )
    assert answer.status_code == 413 and answer.json()["code"] == "intake.too-large", answer.text
    assert _nothing_stored(strict)
    at_limit = strict.client.post("/v1/documents", content=KZ if declared else _streamed(KZ), headers=headers)
    assert at_limit.status_code == 202, at_limit.text


@pytest.mark.parametrize("content_type", ["application/json", "text/csv", "application/edifact", "image/png"])
def test_a_content_type_that_lies_changes_nothing(gateway: Gateway, content_type: str) -> None:
    """The format is read from the bytes (docs/api.md): a document labelled as another format is received
    as what it is, and garbage labelled XML is refused with a code."""
    headers = gateway.headers("kz-national") | {"Content-Type": content_type}
    answer = gateway.client.post("/v1/documents", content=KZ, headers=headers)
    assert answer.status_code == 202, answer.text
    headers["Content-Type"] = "application/xml"
    refused = gateway.client.post("/v1/documents", content=b"\x89PNG\r\n\x1a\n" + bytes(64), headers=headers)
    assert refused.status_code == 422 and refused.json()["issues"][0]["code"] == "format.unknown"


UZ = example("uz-customs-json.json")
MN = example("mn-customs-csv.csv")
AZ = example("az-cuscar.edi")
MASS = re.compile(rb'"gross_mass_kg": [0-9.]+')
WRONG_CHILDREN = re.sub(rb"<pi:PICargoInfo>.*</pi:PICargoInfo>", b"<x/>", KZ, flags=re.S)
HOSTILE = [
    ("kz", "xml-entity-expansion", b'<!DOCTYPE l [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><l>&b;</l>',
     "xml.forbidden"),
    ("kz", "xml-external-entity", b'<!DOCTYPE l [<!ENTITY e SYSTEM "file:///etc/passwd">]><l>&e;</l>',
     "xml.forbidden"),
    ("kz", "xml-bad-utf8-mid-document", KZ[:2000] + b"\xff\xfe" + KZ[2000:], "intake.encoding"),
    ("kz", "xml-right-root-wrong-children", WRONG_CHILDREN, "element.missing"),
    ("uz", "json-mass-exponent-in-billions", MASS.sub(b'"gross_mass_kg": 21e9992104', UZ, count=1),
     "value.too-many-digits"),
    ("uz", "json-deep", b"[" * 100_000 + b"]" * 100_000, "intake.too-large"),
    ("uz", "json-duplicate-key", UZ.replace(b"{", b'{"document_kind": "TRANSIT",', 1), "json.malformed"),
    ("uz", "json-route-of-10000-countries",
     UZ.replace(b'"route": ["KZ", "UZ"]', b'"route": [' + b'"KZ", ' * 9_999 + b'"UZ"]'), "element.too-many"),
    ("mn", "csv-300000-columns-one-named-twice",
     MN.splitlines()[0] + b"".join(b",c%d" % n for n in range(300_000)) + b",c7\n", "csv.malformed"),
    ("mn", "csv-quote-never-closed", MN + b'"never closed,x\n', "csv.malformed"),
    ("mn", "csv-ragged-row", MN + b"a,b\n", "csv.malformed"),
    ("az", "edifact-unt-count-wrong", re.sub(rb"UNT\+\d+", b"UNT+999", AZ), "edifact.malformed"),
    ("az", "edifact-no-unz", AZ[: AZ.rfind(b"UNZ")], "edifact.malformed"),
]  # fmt: skip


@pytest.fixture
def nations(
    normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[tuple[Gateway, dict[str, str]]]:
    """A gateway with a national key for each country whose format a hostile document is in."""
    store = MemoryStore()
    tokens = {
        country: create_key(store, f"{country} customs", country.upper(), "national", store.clock())[1]
        for country in ("kz", "uz", "mn", "az")
    }
    for gateway in running(Settings(), store, normalizer, agreement_router):
        yield gateway, tokens


@pytest.mark.parametrize(
    ("country", "data", "code"),
    [(c, d, code) for c, _, d, code in HOSTILE],
    ids=[case[1] for case in HOSTILE],
)
def test_a_hostile_document_is_a_coded_problem_with_its_place_and_nothing_is_stored(
    nations: tuple[Gateway, dict[str, str]], country: str, data: bytes, code: str
) -> None:
    gateway, tokens = nations
    headers = {"Authorization": f"Bearer {tokens[country]}"}
    answer = gateway.client.post("/v1/documents", content=data, headers=headers)
    assert answer.status_code in (413, 422), answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    issues = answer.json()["issues"]
    found = [issue for issue in issues if issue["code"] == code]
    assert found and all(issue["code"] in CODES for issue in issues), issues
    assert any({"line", "source", "pointer"} & set(issue) for issue in found), found
    assert _nothing_stored(gateway)


def _forged_post(gateway: Gateway, head: str) -> socket.socket:
    """A connection that posts with a made-up key of the right shape, sends `head`'s headers and 1 KB
    (a first chunk of 1 KB when chunked)."""
    host, port = gateway.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=5)
    forged = "gw_0123456789abcdef_" + "x" * 43
    request = f"POST /v1/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {forged}\r\n{head}\r\n"
    connection.sendall(request.encode() + (b"400\r\n" if "chunked" in head else b"") + b"<" * 1024)
    return connection


@pytest.mark.parametrize(
    "head",
    ["Content-Length: 15000000\r\n", "Transfer-Encoding: chunked\r\n"],
    ids=["large declared", "chunked"],
)
def test_a_large_or_unsized_body_with_a_key_that_does_not_work_is_refused_before_it_is_read(
    gateway: Gateway, head: str
) -> None:
    """Without it anyone could make the gateway hold 20 MB a connection (GATEWAY_MAX_DOCUMENT_BYTES) for
    a minute (GATEWAY_BODY_TIMEOUT_SECONDS) with any string as a key: the key of a body that is over
    `documents.EARLY_KEY_CHECK_BYTES`, or of unknown size, is checked before the body is read."""
    with _forged_post(gateway, head) as connection:
        answer = connection.recv(65536)  # within the socket's 5 s, long before the body timeout
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert b'"code":"request.unauthenticated"' in answer
    assert _nothing_stored(gateway)


@pytest.fixture
def one_at_a_time(normalizer: Normalizer, agreement_router: AgreementRouter) -> Iterator[Gateway]:
    """A gateway that receives one document of a key at a time."""
    yield from running(Settings(max_concurrent_posts_per_key=1), MemoryStore(), normalizer, agreement_router)


def test_a_key_holds_no_more_large_bodies_at_once_than_it_may_post(one_at_a_time: Gateway) -> None:
    """A working key's place (GATEWAY_MAX_CONCURRENT_POSTS_PER_KEY) is taken before a large body is read:
    a second large body of the key is refused at once (429), not read into memory beside the first."""
    token = one_at_a_time.tokens["kz-national"]
    host, port = one_at_a_time.url.removeprefix("http://").split(":")
    head = (
        f"POST /v1/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        "Content-Length: 15000000\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=5) as first:
        first.sendall(head + b"<" * 1024)
        time.sleep(0.3)  # its key checked, its place taken, its body being read
        with socket.create_connection((host, int(port)), timeout=5) as second:
            second.sendall(head + b"<" * 1024)
            answer = second.recv(65536)
    assert answer.startswith(b"HTTP/1.1 429"), answer[:200]
    assert b'"code":"request.too-many"' in answer and b"retry-after" in answer.lower()
    assert _nothing_stored(one_at_a_time)
