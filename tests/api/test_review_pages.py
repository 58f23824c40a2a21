"""The partner officers' review pages (docs/review.md): sign-in by role, the inbox, one message with its
names' resolutions, another country's delivery, revoked keys, acknowledgement with its CSRF token, and
escaping. In process with the app on loopback and a real SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from lxml import html

from gateway.access.keys import revoke_key
from gateway.api.review_session import COOKIE
from gateway.issues import warning
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.service.expiry import expire_pull_deliveries
from gateway.settings import Settings
from gateway.store.port import NewDelivery, NewEvent
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, example, running

KZ = example("kz-eaeu-pi-manifest.xml")
CN = example("cn-gacc-manifest.xml")
KHORGOS = "Қорғас (Хоргос), ҚХР"


@pytest.fixture
def gateway(tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter) -> Iterator[Gateway]:
    """A gateway over a SQLite store in `tmp_path` (its review secret made there too)."""
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    yield from running(Settings(data_dir=tmp_path), store, normalizer, agreement_router)
    store.close()


_OPEN: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_browsers() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def browser(gateway: Gateway) -> httpx.Client:
    """A client with cookies of its own, closed after the test."""
    _OPEN.append(httpx.Client(base_url=gateway.url, timeout=30))
    return _OPEN[-1]


def officer(gateway: Gateway, key: str) -> httpx.Client:
    """A browser signed in with `key`."""
    client = browser(gateway)
    answer = sign_in(client, gateway.tokens[key])
    assert answer.status_code == 303 and answer.headers["location"] == "/review/inbox", answer.text
    return client


def sign_in(client: httpx.Client, key: str) -> httpx.Response:
    """The sign-in form opened, filled in with `key` and sent, as a browser does."""
    form = page(client.get("/review/sign-in"))
    token = str(form.xpath("//form[@class='sign-in']/input[@name='csrf']/@value")[0])
    return client.post("/review/sign-in", data={"key": key, "csrf": token})


def page(answer: httpx.Response) -> html.HtmlElement:
    assert answer.headers["content-type"].startswith("text/html"), answer.text
    return html.fromstring(answer.text)


def inbox_ids(client: httpx.Client) -> list[int]:
    """The deliveries the inbox page lists."""
    found = page(client.get("/review/inbox"))
    return [int(link.text_content()) for link in found.xpath("//table[@class='inbox']//td[1]/a")]


def csrf(client: httpx.Client, path: str) -> str:
    return str(page(client.get(path)).xpath("//form[@class='acknowledge']/input[@name='csrf']/@value")[0])


def delivery_of(gateway: Gateway, message_id: str, recipient: str) -> int:
    return next(d.id for d in gateway.store.deliveries(message_id) if d.recipient == recipient)


@pytest.mark.parametrize("key", ["cn-partner", "cn-national"])
def test_a_country_s_partner_agency_and_national_system_sign_in(gateway: Gateway, key: str) -> None:
    client = browser(gateway)
    answer = sign_in(client, gateway.tokens[key])
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/review" in cookie
    secret = gateway.tokens[key].split("_", 2)[2]
    assert secret not in cookie, "the session names the key; it never holds it"
    shown = page(client.get("/review/inbox"))
    assert shown.findtext(".//h1") == "Inbox of CN"


@pytest.mark.parametrize(
    ("key", "status", "said"),
    [
        ("terminologist", 403, "A terminologist key does not sign in here"),
        ("operator", 403, "An operator key does not sign in here"),
        (None, 401, "This key is unknown, revoked or expired."),
    ],
)
def test_other_keys_are_refused_with_a_message(
    gateway: Gateway, key: str | None, status: int, said: str
) -> None:
    client = browser(gateway)
    token = gateway.tokens[key] if key else gateway.tokens["cn-partner"][:-3] + "xyz"
    answer = sign_in(client, token)
    assert answer.status_code == status and COOKIE not in answer.cookies, "no session"
    assert said in page(answer).xpath("string(//p[@class='refused'])")
    assert client.get("/review/inbox").headers["location"] == "/review/sign-in"


def test_a_key_posted_from_elsewhere_does_not_sign_in(gateway: Gateway) -> None:
    client, key = browser(gateway), gateway.tokens["cn-partner"]
    for form in ({"key": key}, {"key": key, "csrf": "0" * 64}):
        refused = client.post("/review/sign-in", data=form)
        assert refused.status_code == 403 and COOKIE not in refused.cookies, "no session"
        assert "out of date or not this gateway's" in page(refused).xpath("string(//p[@class='refused'])")
    other = browser(gateway)
    other.get("/review/sign-in")
    token = str(page(client.get("/review/sign-in")).xpath("//input[@name='csrf']/@value")[0])
    assert other.post("/review/sign-in", data={"key": key, "csrf": token}).status_code == 403, "another's"
    assert client.post("/review/sign-in", data={"key": key, "csrf": token}).status_code == 303


def test_without_a_session_every_page_leads_to_sign_in(gateway: Gateway) -> None:
    client = browser(gateway)
    for path in ("/review/inbox", "/review/inbox/1", "/review/inbox/1/raw", "/review/no-such-page"):
        answer = client.get(path)
        assert (answer.status_code, answer.headers["location"]) == (303, "/review/sign-in"), path
    client.cookies.set(COOKIE, "v2.0123456789abcdef.forged", domain="127.0.0.1")
    assert client.get("/review/inbox").headers["location"] == "/review/sign-in"
    assert client.post("/review/inbox/1/acknowledgement").status_code == 303


def test_the_inbox_lists_exactly_the_country_s_messages(gateway: Gateway) -> None:
    to_cn = gateway.post("kz-national", KZ).json()
    again = gateway.post("kz-national", KZ.replace(b"3f6c1e2a", b"3f6c1e2b")).json()
    from_cn = gateway.post("cn-national", CN).json()
    assert to_cn["recipients"] == ["CN"] and "CN" not in from_cn["recipients"], from_cn
    api = gateway.get("cn-partner", "/v1/inbox/CN").json()["items"]
    cn = officer(gateway, "cn-partner")
    assert (
        inbox_ids(cn)
        == [item["delivery_id"] for item in api]
        == [
            delivery_of(gateway, to_cn["message_id"], "CN"),
            delivery_of(gateway, again["message_id"], "CN"),
        ]
    )
    row = page(cn.get("/review/inbox")).xpath("//table[@class='inbox']/tbody/tr")[0]
    cells = [cell.text_content().strip() for cell in row.xpath("td")]
    assert cells[1:4] == ["KZ", "cargo-report", "3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10"]
    assert cells[6] != "0", "the party names are transliterated: guesses, counted"
    assert inbox_ids(officer(gateway, "kg-partner")) == []
    kz = officer(gateway, "kz-partner")
    assert inbox_ids(kz) == [delivery_of(gateway, from_cn["message_id"], recipient) for recipient in ["KZ"]]


def test_a_message_shows_each_name_with_its_resolution_and_marks_guesses(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    cn = officer(gateway, "cn-partner")
    shown = page(cn.get(f"/review/inbox/{delivery_of(gateway, message_id, 'CN')}"))
    (khorgos,) = shown.xpath(f"//tr[td/span[@class='original'] = '{KHORGOS}']")
    resolution = khorgos.xpath(".//div[contains(@class, 'resolution')]")[0]
    assert "is-exact" in resolution.get("class")
    assert resolution.xpath("string(.//dd[@class='english'])") == "Khorgos"
    assert resolution.xpath("string(.//dd[@class='code'])") == "CNHRS"
    assert resolution.xpath("string(.//span[@class='exact'])") == "code-list · score 1"
    assert "kk, Cyrl" in resolution.text_content() and "ҚХР names the country CN" in resolution.text_content()
    (party,) = shown.xpath("//tr[td/span[@class='original'] = 'ТОО «Алтын Дән»']")
    assert party.get("class") == "guessed"
    assert party.xpath("string(.//span[@class='guess'])") == "guess · legal-form · score 0"
    assert "Altyn Dan LLP" in party.text_content()
    (town,) = shown.xpath("//tr[td/span[@class='original'] = 'Каскелен']")
    assert "guess · transliteration · score 0" in town.text_content()
    assert "Candidates (not substituted)" in town.text_content(), "runner-ups under the threshold, listed"
    assert shown.xpath("//section[@id='42A/28A[2]/31B[1]/44B[2]']"), "the second container's second seal"
    assert not shown.xpath("//th[starts-with(normalize-space(), 'InvoiceAmount')]"), "withheld from CN"
    assert "060440015349" not in cn.get(f"/review/inbox/{delivery_of(gateway, message_id, 'CN')}").text


def test_another_country_s_delivery_is_a_404_page(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    delivery = delivery_of(gateway, message_id, "CN")
    kg = officer(gateway, "kg-partner")
    assert kg.post(f"/review/inbox/{delivery}").status_code == 404, "a form posted to no form's address"
    for path in (f"/review/inbox/{delivery}", f"/review/inbox/{delivery}/raw", "/review/inbox/x"):
        answer = kg.get(path)
        assert answer.status_code == 404 and "Алтын" not in answer.text, path
        assert page(answer).findtext(".//h1") == "Not found"
    token = str(page(kg.get("/review/inbox")).xpath("//input[@name='csrf']/@value")[0])
    refused = kg.post(f"/review/inbox/{delivery}/acknowledgement", data={"csrf": token})
    assert refused.status_code == 404
    assert inbox_ids(officer(gateway, "cn-partner")) == [delivery], "still waiting in China's inbox"


def test_a_revoked_key_ends_its_sessions_at_once(gateway: Gateway) -> None:
    cn = officer(gateway, "cn-partner")
    assert cn.get("/review/inbox").status_code == 200
    key_id = gateway.tokens["cn-partner"].split("_")[1]
    revoke_key(gateway.store, key_id, gateway.store.clock())  # type: ignore[attr-defined]
    answer = cn.get("/review/inbox")
    assert (answer.status_code, answer.headers["location"]) == (303, "/review/sign-in?ended=1")


def test_acknowledging_needs_the_session_s_csrf_token(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    delivery = delivery_of(gateway, message_id, "CN")
    cn, other = officer(gateway, "cn-partner"), officer(gateway, "cn-national")
    path = f"/review/inbox/{delivery}/acknowledgement"
    for form in ({}, {"csrf": "0" * 64}, {"csrf": csrf(other, f"/review/inbox/{delivery}")}):
        refused = cn.post(path, data=form)
        assert refused.status_code == 403 and "did not come from this page" in refused.text
    assert inbox_ids(cn) == [delivery]
    done = cn.post(path, data={"csrf": csrf(cn, f"/review/inbox/{delivery}")})
    assert (done.status_code, done.headers["location"]) == (303, f"/review/inbox?acknowledged={delivery}")
    assert inbox_ids(cn) == []
    assert f"Delivery {delivery} acknowledged" in cn.get(done.headers["location"]).text
    assert gateway.get("cn-partner", "/v1/inbox/CN").json()["items"] == []
    assert [d.state for d in gateway.store.deliveries(message_id)] == ["delivered"]


def test_names_are_shown_as_text_never_as_markup(gateway: Gateway) -> None:
    hostile = KZ.replace("ТОО «Алтын Дән»".encode(), b"&lt;script&gt;alert(1)&lt;/script&gt;")
    message_id = gateway.post("kz-national", hostile).json()["message_id"]
    cn = officer(gateway, "cn-partner")
    answer = cn.get(f"/review/inbox/{delivery_of(gateway, message_id, 'CN')}")
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert page(answer).xpath("//span[@class='original'][. = '<script>alert(1)</script>']")
    assert not page(answer).xpath("//script")
    assert "script-src" not in answer.headers["content-security-policy"], "default-src 'none' forbids it"


def test_a_non_delivery_notice_is_shown_as_such(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    expire_pull_deliveries(gateway.store, gateway.store.clock() + timedelta(days=30))  # type: ignore[attr-defined]
    kz = officer(gateway, "kz-national")
    (row,) = page(kz.get("/review/inbox")).xpath("//table[@class='inbox']/tbody/tr")
    assert row.get("class") == "notice" and "Non-delivery notice" in row.text_content()
    assert "your message to CN ended expired" in row.text_content()
    notice = page(kz.get(f"/review/inbox/{row.xpath('string(td[1])')}"))
    assert notice.findtext(".//h1").startswith("Non-delivery notice")
    assert message_id in notice.text_content()


def test_warnings_about_what_the_partner_received_are_listed_and_others_left_out(gateway: Gateway) -> None:
    posted = gateway.post("kz-national", KZ).json()["message_id"]
    kept, (sent,) = gateway.store.message(posted), gateway.store.deliveries(posted)
    assert kept is not None
    now = gateway.store.clock()  # type: ignore[attr-defined]
    issues = (
        warning("value.bad-code", "UnloadingLocation: a place of the extract", pointer="42A/28A[2]/38B/X018"),
        warning("value.bad-currency", "InvoiceAmount: 'KZT' is withheld from CN", pointer="42A/109"),
        warning("names.not-searched", "the document as a whole"),
    )
    message = replace(kept, message_id="0c5e0d55-0000-4000-8000-000000000001", reference="R-2", issues=issues)
    outbox = NewDelivery("CN", "message", "pull", None, sent.payload, now, now + timedelta(days=1))
    gateway.store.accept(message, [outbox], [NewEvent("message:received")])
    cn = officer(gateway, "cn-partner")
    (row,) = [r for r in page(cn.get("/review/inbox")).xpath("//tbody/tr") if "R-2" in r.text_content()]
    assert row.xpath("string(td[8])").strip() == "2"
    shown = page(cn.get(f"/review/inbox/{delivery_of(gateway, message.message_id, 'CN')}"))
    listed = [item.text_content() for item in shown.xpath("//section[@class='warnings']//li")]
    assert listed == [
        "value.bad-code at 42A/28A[2]/38B/X018: UnloadingLocation: a place of the extract",
        "names.not-searched: the document as a whole",
    ]
