"""A sibling site cannot sign an officer's browser in as someone else, as Chromium keeps cookies: the
gateway over HTTPS at review.customs.test, a hostile page over HTTPS at evil.customs.test (another
subdomain of the same domain) setting ``gateway_review`` for the whole domain to its own KG officer's
session. Before the ``__Host-`` cookies (plans/notes-sec18.md) Chromium sent both cookies and the gateway
read the planted one: the CN officer saw KG's inbox. Both servers on 127.0.0.1, the names mapped to it
inside Chromium (no DNS asked), one self-signed certificate; Chromium kept off the network
(tests/pages/chromium.py)."""

from __future__ import annotations

import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Request

from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.sql import SqlStore
from tests.api.conftest import ServerThread, issue_keys
from tests.pages.chromium import chromium_page

GATEWAY, EVIL = "review.customs.test", "evil.customs.test"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate of both names (and 127.0.0.1), and its key."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", f"/CN={GATEWAY}",
         "-addext", f"subjectAltName=DNS:{GATEWAY},DNS:{EVIL},IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class HttpsServerThread(ServerThread):
    """uvicorn serving the app over HTTPS on 127.0.0.1."""

    def __init__(self, app: FastAPI, cert: Path, key: Path) -> None:
        super().__init__(app)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off",
            ssl_certfile=str(cert), ssl_keyfile=str(key),
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@contextmanager
def evil_site(cookies: list[str], cert: Path, key: Path) -> Iterator[int]:
    """A page over HTTPS that sets `cookies` (Set-Cookie values); its port."""

    class Evil(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<h1>nothing to see</h1>"
            self.send_response(200)
            for cookie in cookies:
                self.send_header("set-cookie", cookie)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with ThreadingHTTPServer(("127.0.0.1", 0), Evil) as server:
        server.socket = context.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server.server_address[1]
        finally:
            server.shutdown()
            thread.join(5)


def session_cookie(url: str, token: str) -> str:
    """The value of a session cookie of `token`'s key, signed in as a browser would (the attacker's own)."""
    with httpx.Client(base_url=url, verify=False, timeout=30) as client:  # our own loopback certificate
        form = client.get("/review/sign-in")
        csrf = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        client.post("/review/sign-in", data={"key": token, "csrf": csrf})
        found = {cookie.name: cookie.value for cookie in client.cookies.jar}
    return found.get("__Host-gateway_review") or str(found["gateway_review"])


@pytest.mark.slow
def test_a_sibling_site_cannot_plant_its_own_officer_s_session(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    tokens = issue_keys(store)
    app = create_app(Settings(data_dir=tmp_path), store=store, normalizer=normalizer, router=agreement_router)
    offsite: list[str] = []
    try:
        with HttpsServerThread(app, cert, key) as url:
            https = url.replace("http://", "https://")
            port = https.rsplit(":", 1)[1]
            planted = session_cookie(https, tokens["kg-partner"])
            cookies = [
                f"gateway_review={planted}; Domain=customs.test; Path=/review; Secure; SameSite=Lax",
                f"__Host-gateway_review={planted}; Domain=customs.test; Path=/; Secure",  # refused: a Domain
            ]
            with evil_site(cookies, cert, key) as evil, chromium_page(offsite, (GATEWAY, EVIL)) as page:
                page.goto(f"https://{GATEWAY}:{port}/review/sign-in")
                page.fill("#key", tokens["cn-partner"])
                page.click("button[type=submit]")
                assert page.locator("h1").inner_text() == "Inbox of CN"
                page.goto(f"https://{EVIL}:{evil}/")
                asked: list[Request] = []
                page.on("request", lambda request: asked.append(request))  # noqa: PLW0108 - playwright wraps a function
                page.goto(f"https://{GATEWAY}:{port}/review/inbox")
                sent = asked[0].all_headers().get("cookie", "")
                assert f"gateway_review={planted}" in sent, "the browser sent the planted cookie along"
                assert page.locator("h1").inner_text() == "Inbox of CN", "the gateway did not read it"
    finally:
        store.close()
    assert offsite == [], "nothing but 127.0.0.1 was asked for"
