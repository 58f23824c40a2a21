"""A partner agency's push endpoint for tests: a real HTTP server on 127.0.0.1 that verifies every message
with the shipped `WebhookReceiver` and counts distinct webhook-ids and duplicates.

It can be taken down and brought back on the same port, answer a script of statuses first (503 with
Retry-After, 410, ...), and be slow.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from gateway.delivery.receiver import WebhookReceiver
from gateway.delivery.webhooks import InvalidWebhook, WebhookVerifier


class Partner:
    def __init__(self, keys: list[str], delay: float = 0.0) -> None:
        self.receiver = WebhookReceiver(WebhookVerifier(keys))
        self.delay = delay
        self.script: deque[tuple[int, dict[str, str]]] = deque()
        self.received: dict[str, bytes] = {}
        self.duplicates: Counter[str] = Counter()
        self.refusals: list[str] = []
        self.cut_short = 0  # requests whose sender died before the whole body arrived
        self.requests = 0
        self.hosts: list[str] = []  # the Host header of each request
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/customs/inbox"

    def start(self) -> Partner:
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def answer(self, request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str]] | None:
        """The status and headers to answer with, or None for a request cut short: a sender killed
        between its headers and its body leaves fewer bytes than its content-length, which an HTTP
        server treats as a broken connection, never as a message to verify."""
        length = int(request.headers.get("content-length", "0"))
        body = request.rfile.read(length)
        if len(body) < length:
            with self.lock:
                self.cut_short += 1
            return None
        with self.lock:
            self.requests += 1
            self.hosts.append(request.headers.get("host", ""))
            if self.script:
                return self.script.popleft()
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(self.delay)
        with self.lock:
            self.in_flight -= 1
        try:
            receipt = self.receiver.receive(body, dict(request.headers.items()))
        except InvalidWebhook as exc:
            with self.lock:
                self.refusals.append(exc.issue.code)
            return 401, {}
        with self.lock:
            if receipt.duplicate:
                self.duplicates[receipt.webhook_id] += 1
            else:
                self.received[receipt.webhook_id] = body
        return 204, {}


def _handler(partner: Partner) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            answer = partner.answer(self)
            if answer is None:
                self.close_connection = True
                return
            status, headers = answer
            try:
                self.send_response(status)
                for name, value in {**headers, "content-length": "0"}.items():
                    self.send_header(name, value)
                self.end_headers()
            except (OSError, ValueError):
                self.close_connection = True  # the partner was stopped while this request waited

        def handle(self) -> None:
            # the server may be taken down under an open connection: that is the point of some tests
            with contextlib.suppress(OSError, ValueError, AttributeError):
                super().handle()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
