"""The review pages' cookies over HTTPS are ``__Host-`` cookies, and a plain cookie a sibling site planted
is not read in their place (docs/review.md, "Cookies"); a key keeps at most
GATEWAY_REVIEW_SESSIONS_PER_KEY sessions. A real gateway on loopback, a SQLite store; HTTPS as the gateway
sees it behind a TLS terminator on the same machine (`X-Forwarded-Proto: https` from 127.0.0.1), or as
GATEWAY_REVIEW_SECURE_COOKIES says for a terminator elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from gateway.api.review_session import COOKIE, row_id
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.sql import SqlStore
from gateway.store.tables import review_sessions
from tests.api.conftest import Gateway, running
from tests.api.test_review_pages import _close_browsers, browser, gateway, officer, page

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests
HTTPS = {"X-Forwarded-Proto": "https"}
HOST_COOKIE = "__Host-" + COOKIE


class HttpsBrowser:
    """A browser reaching the gateway through a TLS terminator: it keeps the cookies the gateway sets
    and sends them back itself (httpx would not send a Secure cookie over the loopback's plain HTTP)."""

    def __init__(self, client: httpx.Client, headers: dict[str, str]) -> None:
        self.client, self.headers, self.jar = client, headers, SimpleCookie()
        self.set: list[str] = []

    def request(self, method: str, path: str, **extra: object) -> httpx.Response:
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in self.jar.items())
        headers = {**self.headers, **({"Cookie": cookie} if cookie else {})}
        self.client.cookies.clear()
        answer = self.client.request(method, path, headers=headers, **extra)  # type: ignore[arg-type]
        for line in answer.headers.get_list("set-cookie"):
            self.set.append(line)
            got = SimpleCookie(line)
            for name, morsel in got.items():
                if morsel["max-age"] == "0" or morsel.value in ("", '""'):
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.value
        return answer

    def sign_in(self, key: str) -> httpx.Response:
        form = page(self.request("GET", "/review/sign-in"))
        token = str(form.xpath("//form[@class='sign-in']/input[@name='csrf']/@value")[0])
        return self.request("POST", "/review/sign-in", data={"key": key, "csrf": token})


def attributes(line: str) -> tuple[str, set[str]]:
    """A Set-Cookie line's name and its attributes, lower case (``path=/``, ``secure``, ...)."""
    first, *rest = (part.strip() for part in line.split(";"))
    return first.split("=", 1)[0], {part.lower() for part in rest}


@pytest.fixture
def secure_gateway(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    """A gateway told that every request reached it over HTTPS (a terminator on another machine)."""
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    settings = Settings(data_dir=tmp_path, review_secure_cookies=True, review_sessions_per_key=3)
    yield from running(settings, store, normalizer, agreement_router)
    store.close()


@pytest.mark.parametrize("how", ["forwarded-proto", "setting"])
def test_over_https_every_cookie_is_a_host_cookie(
    gateway: Gateway, secure_gateway: Gateway, how: str
) -> None:
    served, headers = (gateway, HTTPS) if how == "forwarded-proto" else (secure_gateway, {})
    officer_at_the_post = HttpsBrowser(browser(served), headers)
    answer = officer_at_the_post.sign_in(served.tokens["cn-partner"])
    assert (answer.status_code, answer.headers["location"]) == (303, "/review/inbox")
    officer_at_the_post.request("GET", "/review/inbox?lang=ru")
    named = dict(attributes(line) for line in officer_at_the_post.set)
    assert set(named) == {"__Host-gateway_review_sign_in", HOST_COOKIE, "__Host-gateway_review_language"}
    for name, flags in named.items():
        assert {"secure", "path=/", "httponly", "samesite=strict"} <= flags, name
        assert not any(flag.startswith("domain") for flag in flags), name
    inbox = officer_at_the_post.request("GET", "/review/inbox")
    assert inbox.status_code == 200 and "CN" in page(inbox).xpath("string(//h1)")
    assert page(inbox).get("lang") == "ru", "the language cookie is read under its own name"


def test_a_plain_session_cookie_planted_beside_the_host_cookie_is_not_read(gateway: Gateway) -> None:
    attacker = officer(gateway, "kg-partner")  # the attacker's own valid session, a KG officer's
    planted = attacker.cookies[COOKIE]
    officer_at_the_post = HttpsBrowser(browser(gateway), HTTPS)
    officer_at_the_post.sign_in(gateway.tokens["cn-partner"])
    officer_at_the_post.jar[COOKIE] = planted  # set by a page of a sibling site (Path=/review: sent first)
    inbox = officer_at_the_post.request("GET", "/review/inbox")
    assert inbox.status_code == 200
    assert "CN" in page(inbox).xpath("string(//h1)") and "KG" not in page(inbox).xpath("string(//h1)")
    del officer_at_the_post.jar[HOST_COOKIE]  # the officer's own session gone: the planted one alone
    alone = officer_at_the_post.request("GET", "/review/inbox")
    assert (alone.status_code, alone.headers["location"]) == (303, "/review/sign-in")


def test_over_plain_http_the_names_and_paths_stay_as_they_were(gateway: Gateway) -> None:
    client = officer(gateway, "cn-partner")
    assert client.cookies[COOKIE], "the plain name over http://127.0.0.1 (the demo)"
    switched = client.get("/review/inbox?lang=zh-Hans").headers.get_list("set-cookie")
    (name, flags), *_ = (attributes(line) for line in switched)
    assert name == "gateway_review_language" and "path=/review" in flags and "secure" not in flags


def test_a_host_cookie_is_not_read_over_plain_http(secure_gateway: Gateway, gateway: Gateway) -> None:
    signed_in = HttpsBrowser(browser(gateway), HTTPS)
    signed_in.sign_in(gateway.tokens["cn-partner"])
    plain = browser(gateway)
    plain.cookies.set(HOST_COOKIE, signed_in.jar[HOST_COOKIE].value, domain="127.0.0.1", path="/")
    answer = plain.get("/review/inbox")
    assert (answer.status_code, answer.headers["location"]) == (303, "/review/sign-in")


def test_a_sign_in_beyond_the_key_s_sessions_ends_the_oldest(secure_gateway: Gateway) -> None:
    gateway = secure_gateway  # at most 3 sessions a key
    browsers = [HttpsBrowser(browser(gateway), {}) for _ in range(5)]
    for each in browsers:
        assert each.sign_in(gateway.tokens["cn-partner"]).status_code == 303
    shown = [each.request("GET", "/review/inbox") for each in browsers]
    assert [(answer.status_code, answer.headers.get("location")) for answer in shown] == [
        (303, "/review/sign-in?ended=1"), (303, "/review/sign-in?ended=1"), (200, None), (200, None),
        (200, None),
    ]  # fmt: skip
    told = browsers[0].request("GET", "/review/sign-in?ended=1")
    assert told.status_code == 200 and "more desks than the gateway keeps sessions for" in told.text
    other = HttpsBrowser(browser(gateway), {})
    other.sign_in(gateway.tokens["cn-national"])
    assert browsers[2].request("GET", "/review/inbox").status_code == 200, "another key's sign-in ends none"
    store = gateway.store
    assert isinstance(store, SqlStore)
    key_id = gateway.tokens["cn-partner"].split("_")[1]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(func.count()).select_from(review_sessions).where(review_sessions.c.key_id == key_id)
        ).scalar_one()
    assert rows == 3, "the key keeps 3 rows, not one a sign-in"
    session = browsers[0].jar.get(HOST_COOKIE)
    assert session is None, "the oldest was sent to the sign-in page, its cookie dropped"
    assert store.review_session(row_id(browsers[4].jar[HOST_COOKIE].value.split(".")[1])) is not None
