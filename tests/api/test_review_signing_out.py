"""The review pages' sessions are rows in the store (docs/review.md, "The session and its security"):
signing out ends the session for whoever holds its cookie, a revoked key's session is refused, an
expired session is refused and swept by a later sign-in, and signing in makes a new session."""

from __future__ import annotations

import httpx
from sqlalchemy import update

from gateway.access.keys import revoke_key
from gateway.api.review_session import COOKIE, SIGN_IN_COOKIE, row_id
from gateway.store.sql import SqlStore
from gateway.store.tables import review_sessions
from tests.api.conftest import Gateway
from tests.api.test_review_pages import _close_browsers, browser, gateway, officer, page

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests
TO_SIGN_IN = (303, "/review/sign-in")
ENDED = (303, "/review/sign-in?ended=1")
"""Where a well-signed cookie of a session that ended is sent: the sign-in page saying so."""


def copied(gateway: Gateway, client: httpx.Client) -> httpx.Client:
    """Another browser holding a copy of `client`'s session cookie (a shared terminal, a stolen cookie)."""
    thief = browser(gateway)
    thief.cookies.set(COOKIE, client.cookies[COOKIE], domain="127.0.0.1", path="/review")
    return thief


def refused(client: httpx.Client) -> bool:
    answer = client.get("/review/inbox")
    return (answer.status_code, answer.headers.get("location")) == ENDED


def session_id(client: httpx.Client) -> str:
    """The session ID the browser's cookie carries (``v2.<ID>.<signature>``)."""
    return client.cookies[COOKIE].split(".")[1]


def test_signing_out_refuses_a_cookie_copied_before(gateway: Gateway) -> None:
    officer_at_the_post = officer(gateway, "cn-partner")
    thief, row = copied(gateway, officer_at_the_post), row_id(session_id(officer_at_the_post))
    assert thief.get("/review/inbox").status_code == 200, "a copy works while the session lasts"
    form = page(officer_at_the_post.get("/review/inbox"))
    token = str(form.xpath("//form[@action='/review/sign-out']/input[@name='csrf']/@value")[0])
    out = officer_at_the_post.post("/review/sign-out", data={"csrf": token})
    assert (out.status_code, out.headers["location"]) == TO_SIGN_IN
    assert refused(thief), "the copied cookie is refused at once"
    assert thief.post("/review/sign-out", data={"csrf": token}).headers["location"] == "/review/sign-in"
    stored = gateway.store.review_session(row)
    assert stored is not None and stored.ended_at is not None


def test_a_sign_out_without_the_session_s_token_ends_nothing(gateway: Gateway) -> None:
    client = officer(gateway, "cn-partner")
    assert client.post("/review/sign-out", data={"csrf": "0" * 64}).status_code == 403
    assert client.get("/review/inbox").status_code == 200


def test_a_revoked_key_s_session_is_refused(gateway: Gateway) -> None:
    client = officer(gateway, "cn-partner")
    thief = copied(gateway, client)
    key_id = gateway.tokens["cn-partner"].split("_")[1]
    revoke_key(gateway.store, key_id, gateway.store.clock())  # type: ignore[attr-defined]
    assert refused(client) and refused(thief)


def test_an_expired_session_is_refused_and_swept_by_a_later_sign_in(gateway: Gateway) -> None:
    client = officer(gateway, "cn-partner")
    row = row_id(session_id(client))
    store = gateway.store
    assert isinstance(store, SqlStore)
    stored = store.review_session(row)
    assert stored is not None
    with store.engine.begin() as conn:  # the session's eight hours have passed
        conn.execute(update(review_sessions).values(expires_at=stored.created_at))
    assert refused(client)
    assert store.review_session(row) is not None, "kept until a sign-in sweeps it"
    officer(gateway, "cn-national")
    assert store.review_session(row) is None, "swept"


def test_signing_in_makes_a_new_session_and_ends_the_one_the_browser_had(gateway: Gateway) -> None:
    client = officer(gateway, "cn-partner")
    before = session_id(client)
    thief = copied(gateway, client)
    form = browser(gateway)  # the sign-in form as another tab opened it before
    token = str(page(form.get("/review/sign-in")).xpath("//input[@name='csrf']/@value")[0])
    client.cookies.set(
        SIGN_IN_COOKIE, form.cookies[SIGN_IN_COOKIE], domain="127.0.0.1", path="/review/sign-in"
    )
    answer = client.post("/review/sign-in", data={"key": gateway.tokens["cn-national"], "csrf": token})
    assert answer.status_code == 303
    assert session_id(client) != before, "a new ID: a planted cookie never becomes the session"
    assert client.get("/review/inbox").status_code == 200
    assert refused(thief), "the session it replaced is ended"
