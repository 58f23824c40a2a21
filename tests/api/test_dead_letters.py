"""The dead-letter routes against a real gateway on 127.0.0.1 whose partner KG was down overnight: the list
says why each letter died and what KG answered; one call resends all of KG's still in time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from tests.api.conftest import ServerThread, issue_keys
from tests.delivery.night import Night


@pytest.fixture
def hub(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[tuple[Night, httpx.Client]]:
    night = Night(tmp_path)
    operator = issue_keys(night.store)["operator"]
    app = create_app(
        Settings(), store=night.store, normalizer=normalizer, router=agreement_router, clock=night.clock
    )
    headers = {"Authorization": f"Bearer {operator}"}
    with ServerThread(app) as url, httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        yield night, client
    night.close()


def test_the_list_gives_reason_last_attempt_status_and_retry_after(hub: tuple[Night, httpx.Client]) -> None:
    _, client = hub
    page = client.get("/v1/dead-letters", params={"recipient": "KG"}).json()
    letters = page["items"]
    assert page["next_after"] is None
    assert [(d["id"], d["attempts"], d["status"], d["retry_after"]) for d in letters] == [
        (1, 2, 503, "120"), (2, 2, 503, "120"), (3, 1, 422, None),
    ]  # fmt: skip
    assert [d["reason_code"] for d in letters] == ["push.http-503", "push.http-503", "push.refused"]
    assert [d["resendable"] for d in letters] == [True, True, False]
    assert letters[0]["last_attempt_at"] > letters[2]["last_attempt_at"]
    assert client.get("/v1/dead-letters", params={"recipient": "CN"}).json() == {
        "items": [], "next_after": None,
    }  # fmt: skip


def test_resending_a_partners_letters_delivers_those_in_time_and_reports_the_rest(
    hub: tuple[Night, httpx.Client],
) -> None:
    night, client = hub
    answer = client.post("/v1/dead-letters/resend", params={"recipient": "KG"})
    assert answer.status_code == 200
    assert answer.json() == {"recipient": "KG", "resent": [1, 2], "expired": [3]}
    night.run()
    assert sorted(night.partner.received) == ["msg_m000001_KG", "msg_m000002_KG"]
    assert [d["id"] for d in client.get("/v1/dead-letters").json()["items"]] == [3]
    assert client.post("/v1/dead-letters/3/resend").json()["code"] == "delivery.expired"


def test_a_partner_is_named_by_its_country_code(hub: tuple[Night, httpx.Client]) -> None:
    _, client = hub
    for bad in ({"recipient": "kg"}, {}):
        answer = client.post("/v1/dead-letters/resend", params=bad)
        assert answer.status_code == 400 and answer.json()["code"] == "request.malformed"


def test_the_list_comes_in_pages_after_a_cursor_and_by_reason(hub: tuple[Night, httpx.Client]) -> None:
    _, client = hub
    first = client.get("/v1/dead-letters", params={"limit": 2}).json()
    assert [d["id"] for d in first["items"]] == [1, 2] and first["next_after"] == 2
    second = client.get("/v1/dead-letters", params={"limit": 2, "after": 2}).json()
    assert [d["id"] for d in second["items"]] == [3] and second["next_after"] is None
    busy = client.get("/v1/dead-letters", params={"reason": "push.http-503", "recipient": "KG"}).json()
    assert [d["id"] for d in busy["items"]] == [1, 2]
    refused = client.get("/v1/dead-letters", params={"reason": "push.refused"}).json()
    assert [d["id"] for d in refused["items"]] == [3]
    assert client.get("/v1/dead-letters", params={"reason": "push.http"}).json()["items"] == []


def test_a_page_is_bounded_and_its_parameters_checked(hub: tuple[Night, httpx.Client]) -> None:
    _, client = hub
    for bad in ({"limit": 0}, {"limit": 501}, {"after": -1}, {"reason": "push%"}, {"reason": "PUSH.REFUSED"}):
        answer = client.get("/v1/dead-letters", params=bad)
        assert answer.status_code == 400 and answer.json()["code"] == "request.malformed", bad
    assert len(client.get("/v1/dead-letters", params={"limit": 500}).json()["items"]) == 3
