"""The review pages refuse to be framed, as Chromium reads their headers: a page elsewhere on the same
site that frames the inbox of a signed-in officer (clickjacking: a button of the gateway under a lure)
shows nothing of it. A gateway and the lure's server on 127.0.0.1 in this process, Chromium kept off the
network (tests/pages/chromium.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Request

from tests.api.conftest import Gateway
from tests.api.test_review_pages import KZ, _close_browsers, gateway
from tests.pages.chromium import chromium_page

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests


@contextmanager
def lure(page: bytes) -> Iterator[str]:
    """A server on 127.0.0.1 (another port: the gateway's site, another origin) answering `page`; its URL."""

    class Lure(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *_: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Lure) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join(5)


@pytest.mark.slow
def test_a_page_elsewhere_framing_the_inbox_shows_nothing_of_it(gateway: Gateway) -> None:
    gateway.post("kz-national", KZ)
    offsite: list[str] = []
    inbox = f"{gateway.url}/review/inbox"
    with (
        chromium_page(offsite) as page,
        lure(f'<h1>lure</h1><iframe src="{inbox}"></iframe>'.encode()) as url,
    ):
        page.goto(f"{gateway.url}/review/sign-in")
        page.fill("#key", gateway.tokens["cn-partner"])
        page.click("button[type=submit]")
        assert page.locator("h1").inner_text() == "Inbox of CN", "signed in: the cookie is in the browser"
        asked: list[Request] = []
        page.on("request", lambda request: asked.append(request))  # noqa: PLW0108 - playwright wraps a function, not a builtin method
        page.goto(url)
        page.wait_for_timeout(1000)
        (framing,) = [request for request in asked if request.url == inbox]
        assert "gateway_review=" in framing.all_headers().get("cookie", ""), "asked with the session"
        (framed,) = [frame for frame in page.frames if frame != page.main_frame]
        assert "Inbox of CN" not in framed.content(), "the browser refused to show it"
    assert offsite == [], "nothing but 127.0.0.1 was asked for"
