"""A client that connects and sends nothing, or trickles its headers, has its connection closed after
the header deadline (`gateway.api.slow_clients.HeaderDeadline`, what `gateway serve` runs); a client
that sends its request in time is answered as usual, on the same connection after its deadline passed."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI

from gateway.api.slow_clients import HeaderDeadline
from tests.api.conftest import free_port

SECONDS = 0.3


class ShortDeadline(HeaderDeadline):
    seconds = SECONDS


@pytest.fixture(scope="module")
def address() -> Iterator[tuple[str, int]]:
    """A tiny app served with the header deadline on loopback."""
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    @app.get("/slow")
    def slow() -> dict[str, str]:
        time.sleep(SECONDS * 2)
        return {"slow": "yes"}

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=ShortDeadline)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(10)


def _closed_after(connection: socket.socket) -> float:
    """Seconds until the server closes `connection` (it sends nothing)."""
    started = time.monotonic()
    assert connection.recv(1024) == b""
    return time.monotonic() - started


def test_a_client_that_sends_nothing_is_disconnected(address: tuple[str, int]) -> None:
    with socket.create_connection(address, timeout=10) as connection:
        assert _closed_after(connection) < 10


def test_a_client_that_trickles_its_headers_is_disconnected(address: tuple[str, int]) -> None:
    with socket.create_connection(address, timeout=10) as connection:
        started = time.monotonic()
        with pytest.raises(OSError):  # the server closes while the client still sends
            for byte in b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000:
                connection.sendall(bytes([byte]))
                time.sleep(SECONDS / 5)
                if time.monotonic() - started > 10:
                    break
        assert time.monotonic() - started < 10


def test_a_prompt_client_is_answered_and_may_wait_between_requests_only_so_long(
    address: tuple[str, int],
) -> None:
    request = b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(address, timeout=10) as connection:
        time.sleep(SECONDS / 3)
        connection.sendall(request)
        assert connection.recv(4096).startswith(b"HTTP/1.1 200")
        time.sleep(SECONDS * 2)  # longer than the deadline, after the request: the answer was not cut
        assert _closed_after(connection) < 10  # and the idle connection is closed afterwards


def test_a_pipelined_request_slower_than_the_deadline_is_answered(address: tuple[str, int]) -> None:
    """Its headers came with the first request's: no deadline runs while it is served."""
    requests = b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(requests)
        answers = b""
        while answers.count(b"HTTP/1.1 200") < 2:
            received = connection.recv(4096)
            assert received, f"closed after {answers!r}"
            answers += received
        assert b'{"slow":"yes"}' in answers
