"""The review pages attacked (plans/notes-sec17.md): what a partner officer reads of a message is what
its agreement shares, warnings included; what an officer types into a proposal cannot reach the
terminologists' terminal or spreadsheet as a command. A real gateway on loopback, a SQLite store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from gateway.api.app import create_app
from gateway.api.review_session import COOKIE
from gateway.issues import warning
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.port import NewDelivery, NewEvent
from gateway.store.sql import SqlStore, make_engine
from tests.api.conftest import Gateway, ServerThread, issue_keys, running
from tests.api.test_review_corrections import propose
from tests.api.test_review_pages import _close_browsers, browser, delivery_of, gateway, officer, page, sign_in
from tests.conftest import empty_postgres

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests

KHORGOS = PROJECT_ROOT / "tests" / "golden" / "kz-eaeu-pi" / "road-manifest-khorgos" / "input.xml"
WHEAT_CODE = b"<pi:CommodityCode>1001990000</pi:CommodityCode>"
CARS_CODE = b"<pi:CommodityCode>8703239010</pi:CommodityCode>"
"""Wheat declared as passenger cars: a `goods.hs-mismatch` warning at the description, quoting the code."""
PLACE = "Қорғас (Хоргос), ҚХР"
"""A place name of KHORGOS (its correction form)."""


@pytest.fixture
def without_classification(tmp_path: Path, normalizer: Normalizer) -> Iterator[Gateway]:
    """A gateway whose KZ-CN agreement shares goods descriptions but not their HS classification."""
    folder = tmp_path / "agreements"
    shutil.copytree(Settings().agreements_dir, folder)
    kz_cn = folder / "cn-kz.yaml"
    lines = kz_cn.read_text(encoding="utf-8").splitlines(keepends=True)
    kz_cn.write_text("".join(line for line in lines if "/21A/" not in line), encoding="utf-8")
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    tokens = issue_keys(store)
    app = create_app(Settings(data_dir=tmp_path, agreements_dir=folder), store=store, normalizer=normalizer)
    with ServerThread(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield Gateway(url, store, client, tokens)
    store.close()


def test_a_warning_quotes_nothing_that_the_agreement_withholds(without_classification: Gateway) -> None:
    gateway = without_classification
    posted = gateway.post("kz-national", KHORGOS.read_bytes().replace(WHEAT_CODE, CARS_CODE))
    assert posted.status_code == 202, posted.text
    message_id = posted.json()["message_id"]
    kept = gateway.store.message(message_id)
    assert kept is not None and any("8703239010" in issue.message for issue in kept.issues)
    delivery = delivery_of(gateway, message_id, "CN")
    assert b"8703239010" not in gateway.store.deliveries(message_id)[0].payload, "the share withholds it"
    cn = officer(gateway, "cn-partner")
    shown = cn.get(f"/review/inbox/{delivery}")
    assert shown.status_code == 200 and "Бидай" in shown.text, "the description is shared"
    assert "8703239010" not in shown.text, "the declared HS code, withheld, is not quoted by a warning"
    listed = page(shown).xpath("//section[@class='warnings']//li/code[1]/text()")
    assert "goods.hs-mismatch" not in listed


def test_a_warning_about_the_classification_shows_where_the_agreement_shares_it(gateway: Gateway) -> None:
    posted = gateway.post("kz-national", KHORGOS.read_bytes().replace(WHEAT_CODE, CARS_CODE))
    delivery = delivery_of(gateway, posted.json()["message_id"], "CN")
    shown = page(officer(gateway, "cn-partner").get(f"/review/inbox/{delivery}"))
    listed = shown.xpath("//section[@class='warnings']//li/code[1]/text()")
    assert "goods.hs-mismatch" in listed, "the project's agreements share the HS code: the hint is shown"


def test_warnings_about_the_senders_routing_or_what_left_no_trace_are_not_shown(gateway: Gateway) -> None:
    posted = gateway.post("kz-national", KHORGOS.read_bytes()).json()["message_id"]
    kept, (sent,) = gateway.store.message(posted), gateway.store.deliveries(posted)
    assert kept is not None
    now = gateway.store.clock()  # type: ignore[attr-defined]
    shared = "42A/D014"  # the reference: every agreement shares it
    issues = (
        warning(
            "route.no-agreement",
            "AF is named (a consignee's country AF) but KZ has no agreement",
            pointer=shared,
        ),
        warning(
            "route.kind-not-agreed", "KG is named but the agreement kg-kz.yaml covers transit", pointer=shared
        ),
        warning("reference.unused", "No goods item names the container at position 4 ('MSKU 0000001')"),
        warning("value.bad-code", "ID: 'X' is not in the project's extract", pointer=shared),
    )
    message = replace(kept, message_id="0c5e0d55-0000-4000-8000-000000000002", reference="R-3", issues=issues)
    outbox = NewDelivery("CN", "message", "pull", None, sent.payload, now, now + timedelta(days=1))
    gateway.store.accept(message, [outbox], [NewEvent("message:received")])
    shown = page(
        officer(gateway, "cn-partner").get(f"/review/inbox/{delivery_of(gateway, message.message_id, 'CN')}")
    )
    listed = [item.text_content() for item in shown.xpath("//section[@class='warnings']//li")]
    assert listed == ["value.bad-code at 42A/D014: ID: 'X' is not in the project's extract"]


@pytest.mark.parametrize(
    "typed",
    [
        {"english": "Khorgos", "comment": "\x1b[2J\x1b[H the screen wiped"},
        {"english": "Khorgos\x1b]0;owned\x07"},
        {"english": "Khorgos", "comment": "8-bit CSI \x9b2J"},
        {"english": "Khorgos", "comment": "a NUL \x00 PostgreSQL refuses"},
        {"english": "Khorgos", "comment": "\u202egnp.exe"},
        {"english": "Khorgos", "comment": "two\nlines"},
    ],
    ids=["escape", "osc", "c1", "nul", "bidi-override", "newline"],
)
def test_a_proposal_with_a_control_character_is_refused(gateway: Gateway, typed: dict[str, str]) -> None:
    message_id = gateway.post("kz-national", KHORGOS.read_bytes()).json()["message_id"]
    cn = officer(gateway, "cn-partner")
    refused = propose(cn, delivery_of(gateway, message_id, "CN"), PLACE, **typed)
    assert refused.status_code == 422, refused.headers.get("location")
    assert "no control characters" in refused.text
    assert gateway.store.corrections(10) == [], "nothing reaches the export"


def test_a_form_with_more_fields_than_any_page_sends_is_refused_not_a_failure(gateway: Gateway) -> None:
    """`parse_qs(max_num_fields=8)` raises past 8 fields: a stranger's sign-in of nine fields was a 500
    with a traceback in the log, and so was a signed-in officer's proposal."""
    stuffed = {f"field{number}": "1" for number in range(9)}
    stranger = httpx.post(f"{gateway.url}/review/sign-in", data={"key": "x", "csrf": "y"} | stuffed)
    assert stranger.status_code == 403 and "sign in again" in stranger.text.lower(), stranger.text[:200]
    message_id = gateway.post("kz-national", KHORGOS.read_bytes()).json()["message_id"]
    cn = officer(gateway, "cn-partner")
    refused = cn.post(f"/review/inbox/{delivery_of(gateway, message_id, 'CN')}/corrections", data=stuffed)
    assert refused.status_code == 403 and "did not come from this page" in refused.text


def test_every_answer_with_a_page_refuses_to_be_framed_even_by_an_old_browser(gateway: Gateway) -> None:
    """CSP's frame-ancestors (Chromium refuses the frame: checked in plans/notes-sec17.md); browsers older
    than CSP 2 read X-Frame-Options only."""
    message_id = gateway.post("kz-national", KHORGOS.read_bytes()).json()["message_id"]
    delivery = delivery_of(gateway, message_id, "CN")
    cn = officer(gateway, "cn-partner")
    stranger = httpx.Client(base_url=gateway.url, timeout=30)
    with stranger:
        answers = [stranger.get("/review/sign-in")] + [
            cn.get(path)
            for path in (
                "/review/inbox",
                f"/review/inbox/{delivery}",
                f"/review/inbox/{delivery}/raw",
                "/review/x",
            )
        ]
    for answer in answers:
        assert answer.headers["x-frame-options"] == "DENY", answer.url
        assert (
            "frame-ancestors 'none'" in answer.headers["content-security-policy"]
            or "sandbox" in answer.headers["content-security-policy"]
        )


@pytest.fixture
def on_postgres(
    tmp_path: Path, postgres_engine_url: str, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    """A gateway over a PostgreSQL store (which refuses a NUL in any text it is given)."""
    store = SqlStore(make_engine(postgres_engine_url))
    empty_postgres(store)
    yield from running(Settings(data_dir=tmp_path), store, normalizer, agreement_router)
    store.close()


@pytest.mark.parametrize("key", ["gw_\x00_secret", "gw_ЖЖЖ_secret", "gw_" + "f" * 3000 + "_secret"])
def test_a_key_id_that_no_key_can_have_is_unknown_before_the_store_is_asked(
    on_postgres: Gateway, key: str
) -> None:
    """A key's ID is 16 hex digits; the sign-in form's key is any text a stranger types, and a NUL in it
    (`%00`) reached PostgreSQL, which refused it: a 500 with a traceback, not "unknown key"."""
    answer = sign_in(browser(on_postgres), key)
    assert answer.status_code == 401, answer.text[:300]
    assert "This key is unknown, revoked or expired." in answer.text
    assert on_postgres.post("kz-national", KHORGOS.read_bytes()).status_code == 202, "the store answers"


def test_a_session_cookie_of_another_gateway_signs_no_one_in_even_under_the_same_secret(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> None:
    """Two gateways on one host share the browser's cookies (a cookie names no port); with one
    GATEWAY_REVIEW_SECRET the signature holds, and the session's row, in the other store, does not."""
    secret = SecretStr("s" * 32)
    stores = [SqlStore.open(f"sqlite:///{tmp_path / name}.sqlite3") for name in ("a", "b")]
    try:
        first, second = (
            running(
                Settings(data_dir=tmp_path / name, review_secret=secret), store, normalizer, agreement_router
            )
            for name, store in zip("ab", stores, strict=True)
        )
        a, b = next(first), next(second)
        copied = officer(a, "cn-partner").cookies[COOKIE]
        same = browser(a)
        same.cookies.set(COOKIE, copied, path="/review")
        assert same.get("/review/inbox").status_code == 200, "the copy works where it was made"
        stranger = browser(b)
        stranger.cookies.set(COOKIE, copied, path="/review")
        answer = stranger.get("/review/inbox")
        assert (answer.status_code, answer.headers["location"]) == (303, "/review/sign-in?ended=1")
        for gateway in (first, second):
            gateway.close()
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("token", ["é", "阿拉木图", "\u202e"])
def test_a_form_token_that_is_not_ascii_is_refused_not_a_failure(gateway: Gateway, token: str) -> None:
    """`hmac.compare_digest` raises TypeError for a str that is not ASCII: a sign-in form, or a signed-in
    officer's sign-out, whose csrf field was not ASCII was a 500 with a traceback in the log (fuzz18)."""
    stranger = browser(gateway)
    page(stranger.get("/review/sign-in"))  # the pre-session cookie the form's token is checked against
    refused = stranger.post("/review/sign-in", data={"key": "x", "csrf": token})
    assert refused.status_code == 403 and "sign in again" in refused.text.lower(), refused.text[:200]
    cn = officer(gateway, "cn-partner")
    kept = cn.post("/review/sign-out", data={"csrf": token})
    assert kept.status_code == 403 and "did not come from this page" in kept.text, kept.text[:200]
    assert cn.get("/review/inbox").status_code == 200, "the session goes on: the form was not its own"


def test_a_session_cookie_whose_signature_is_not_ascii_signs_no_one_in(gateway: Gateway) -> None:
    """A cookie of the session's shape whose signature part is not ASCII (a header is read as Latin-1)
    reached `hmac.compare_digest` as a str and raised: a 500 on every page (fuzz18)."""
    cookie = officer(gateway, "cn-partner").cookies[COOKIE]
    forged = cookie.rsplit(".", 1)[0] + ".é"
    headers = [(b"Cookie", f"{COOKIE}={forged}".encode())]  # as a browser sends it: UTF-8 bytes
    answer = httpx.get(f"{gateway.url}/review/inbox", headers=headers)
    assert (answer.status_code, answer.headers["location"]) == (303, "/review/sign-in")
