"""A deadline for a request's headers, which uvicorn does not keep (Kludex/uvicorn#157): a client that
connects and sends nothing, or trickles its headers a byte at a time, would hold its connection for ever
(uvicorn's keep-alive timeout runs only between requests and is reset by every byte). The body has its
own deadline in the documents route (`GATEWAY_BODY_TIMEOUT_SECONDS`, 408 `request.timeout`).

`HeaderDeadline` is uvicorn's httptools protocol (what its `auto` runs with `uvicorn[standard]`, a
dependency of the project) with a timer armed when the connection opens and after each answer, and
disarmed when a request's headers are complete; when it fires the connection is closed (there is no
request to answer yet). `gateway serve` runs uvicorn with it. It builds on uvicorn's protocol class,
which is not a public API: tests/api/test_hostile_connections.py holds it to its behaviour."""

from __future__ import annotations

import asyncio
from functools import cache

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gateway.settings import Settings


@cache
def _configured_seconds() -> float:
    """`GATEWAY_HEADER_TIMEOUT_SECONDS`, read once per process (each uvicorn worker reads its own)."""
    return Settings().header_timeout_seconds


class HeaderDeadline(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request headers take longer than `seconds`."""

    seconds: float | None = None
    """None: the setting's value."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)  # a request parsed already: its headers are in
        super().on_response_complete()
        if not pipelined and not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        seconds = self.seconds if self.seconds is not None else _configured_seconds()
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()
