"""Delivery test set-up: a real redis-server started by the test suite on loopback, and the queue versions."""

from __future__ import annotations

import ssl
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from redis_server import REDIS_SERVER, RedisServer

from gateway.delivery.queue import InProcessQueue, RedisStreamQueue, WorkQueue

needs_redis = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server for the session; tests that stop Redis start their own."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    """The session server, emptied for this test."""
    client = redis_server.client()
    client.flushall()
    client.close()
    yield redis_server.url


@pytest.fixture(params=["in-process", "redis"])
def work_queue(request: pytest.FixtureRequest) -> Iterator[WorkQueue]:
    """Each version of the work queue, fresh, with a short reclaim time."""
    idle = timedelta(milliseconds=200)
    if request.param == "in-process":
        yield InProcessQueue(idle)
        return
    queue = RedisStreamQueue.from_url(request.getfixturevalue("redis_url"), idle)
    queue.ensure_group()
    yield queue
    queue.close()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test alone, which it may stop and start again on the same port."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def tls_partner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, list[str]]]:
    """An HTTPS partner on 127.0.0.1 with a certificate for partner.example only (made by openssl): its
    port, the certificate (for the client to trust) and the TLS server name and Host of each request."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=partner.example", "-addext", "subjectAltName=DNS:partner.example"],
        check=True, capture_output=True,
    )  # fmt: skip
    seen: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    context.sni_callback = lambda _socket, name, _context: seen.append(f"sni {name}")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", "0")))
            seen.append(f"host {self.headers.get('host')}")
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server.server_address[1], folder / "cert.pem", seen
    server.shutdown()
    server.server_close()
