"""Push delivery against a real HTTP partner on 127.0.0.1: what each answer of the partner means."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from webhook_partner import Partner

from gateway.delivery.attempt import Delivered, Gone, Late, Parcel, Refused, Retry
from gateway.delivery.push import PushDeliverer
from gateway.delivery.webhooks import WebhookSecret, signature_headers

KEY = str(WebhookSecret.generate())
BODY = "<Declaration><Consignee>ТОО «Алатау»</Consignee></Declaration>".encode()


@pytest.fixture
def partner() -> Iterator[Partner]:
    partner = Partner([KEY]).start()
    yield partner
    partner.stop()


@pytest.fixture
def push() -> Iterator[PushDeliverer]:
    deliverer = PushDeliverer(timeout=timedelta(seconds=2))
    yield deliverer
    deliverer.close()


def _parcel(endpoint: str, webhook_id: str = "msg_1_KG", left: timedelta = timedelta(hours=1)) -> Parcel:
    deadline = datetime.now(UTC) + left
    return Parcel(webhook_id, endpoint, BODY, "application/xml", deadline, (KEY,))


def test_a_signed_post_answered_2xx_is_delivered_and_verified_by_the_partner(
    partner: Partner, push: PushDeliverer
) -> None:
    assert isinstance(push.deliver(_parcel(partner.url)), Delivered)
    assert partner.received == {"msg_1_KG": BODY}


def test_a_retry_carries_the_same_webhook_id_and_the_partner_drops_the_repeat(
    partner: Partner, push: PushDeliverer
) -> None:
    for _ in range(3):
        assert isinstance(push.deliver(_parcel(partner.url)), Delivered)
    assert list(partner.received) == ["msg_1_KG"]
    assert partner.duplicates["msg_1_KG"] == 2


@pytest.mark.parametrize(
    ("status", "headers", "outcome", "wait"),
    [
        (503, {"retry-after": "120"}, Retry, timedelta(seconds=120)),
        (429, {"retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"}, Retry, None),
        (500, {}, Retry, None),
        (408, {}, Retry, None),
        (410, {}, Gone, None),
        (400, {}, Refused, None),
        (301, {"location": "http://127.0.0.1:1/elsewhere"}, Refused, None),
    ],
)
def test_what_each_answer_of_the_partner_means(
    partner: Partner,
    push: PushDeliverer,
    status: int,
    headers: dict[str, str],
    outcome: type,
    wait: timedelta | None,
) -> None:
    partner.script.append((status, headers))
    result = push.deliver(_parcel(partner.url))
    assert isinstance(result, outcome)
    if wait is not None:
        assert isinstance(result, Retry) and result.retry_after == wait
    if status == 429:
        assert isinstance(result, Retry) and result.retry_after and result.retry_after > timedelta(days=365)
    assert not partner.received


def test_an_endpoint_that_is_down_is_retried(push: PushDeliverer) -> None:
    partner = Partner([KEY]).start()
    url = partner.url
    partner.stop()
    result = push.deliver(_parcel(url))
    assert isinstance(result, Retry) and result.error.startswith("push.unreachable")


def test_a_partner_slower_than_the_timeout_is_retried(push: PushDeliverer) -> None:
    partner = Partner([KEY], delay=0.8).start()
    try:
        result = PushDeliverer(timeout=timedelta(seconds=0.2)).deliver(_parcel(partner.url))
    finally:
        partner.stop()
    assert isinstance(result, Retry) and result.error.startswith("push.timeout")


def test_the_request_timeout_is_cut_to_the_time_to_live(push: PushDeliverer) -> None:
    partner = Partner([KEY], delay=0.8).start()
    try:
        result = push.deliver(_parcel(partner.url, left=timedelta(seconds=0.2)))
    finally:
        partner.stop()
    assert isinstance(result, Retry) and "within 0." in result.error


def test_nothing_is_sent_once_the_time_to_live_has_run_out(partner: Partner, push: PushDeliverer) -> None:
    assert isinstance(push.deliver(_parcel(partner.url, left=timedelta(0))), Late)
    assert partner.requests == 0


def test_a_malformed_endpoint_is_refused(push: PushDeliverer) -> None:
    result = push.deliver(_parcel("ftp://127.0.0.1/inbox"))
    assert isinstance(result, Refused) and result.error.startswith("push.bad-endpoint")


def test_a_sender_dying_between_headers_and_body_is_a_broken_request_not_a_bad_signature(
    partner: Partner,
) -> None:
    # the test partner behind the fault tests: a worker killed mid-send must not look like a forged push
    headers = signature_headers("msg_cut_KG", datetime.now(UTC), BODY, (KEY,))
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"POST /customs/inbox HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: {len(BODY)}\r\n{head}\r\n"
    with socket.create_connection(("127.0.0.1", partner.port), timeout=5) as sock:
        sock.sendall(request.encode("ascii") + BODY[:10])
        sock.shutdown(socket.SHUT_WR)
        assert sock.recv(1024) == b"", "no answer to half a request"
    assert partner.refusals == [] and partner.received == {}
    assert partner.cut_short == 1


def _answering_once(status_line: bytes) -> tuple[str, threading.Thread]:
    """A partner on 127.0.0.1 that answers one request with `status_line` (its reason phrase as it
    chose: HTTP allows tabs and bytes 0x80-0xFF there) and no body; its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer() -> None:
        with listener, listener.accept()[0] as connection:
            connection.settimeout(5)
            received = b""
            while b"\r\n\r\n" not in received or not received.endswith(BODY):
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
            connection.sendall(status_line + b"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/inbox", thread


@pytest.mark.parametrize("status", [b"422", b"503"])
def test_the_partner_s_reason_phrase_cannot_command_the_operator_s_terminal(
    push: PushDeliverer, status: bytes
) -> None:
    """The reason phrase becomes the delivery's `last_error`, printed by `gateway dead-letters list` (tab
    separated) on an operator's terminal: a tab there forges a column, and DEL reaches the terminal (httpx
    reads the phrase as ASCII and drops bytes 0x80-0xFF, the 8-bit CSI 0x9B among them)."""
    url, partner = _answering_once(b"HTTP/1.1 " + status + b" No\x9b2J\x7f\tforged\tcolumns")
    result = push.deliver(_parcel(url))
    partner.join(5)
    assert isinstance(result, (Refused, Retry))
    assert result.error.startswith(
        f"push.{'refused' if status == b'422' else 'http-503'}: HTTP {status.decode()}"
    )
    assert not any(char in result.error for char in "\x9b\x7f\t"), repr(result.error)
    assert result.error.endswith("No2J??forged?columns")
