"""Identity retention seen from the API: with GATEWAY_IDENTITY_RETENTION_DAYS set, the serving process
deletes the row a pruned message left once it is old enough, and the same document posted again is
then received as new and delivered; before that it is refused (410 `message.pruned`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from tests.api.conftest import Gateway
from tests.api.test_retention_answers import KZ, T0, Clock, delivered, pruned, swept


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def identities_two_years(
    clock: Clock, normalizer: Normalizer, agreement_router: AgreementRouter, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Gateway]:
    """A served gateway that keeps messages 365 days and what identifies them 730, sweeping often."""
    settings = Settings(retention_days=365, identity_retention_days=730)
    yield from swept(settings, clock, normalizer, agreement_router, monkeypatch)


def forgotten(gateway: Gateway, message_id: str) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if gateway.store.message(message_id) is None:
            return True
        time.sleep(0.02)
    return False


def test_past_the_identity_period_the_same_document_is_received_as_new(
    identities_two_years: Gateway, clock: Clock
) -> None:
    gateway = identities_two_years
    message_id = delivered(gateway, clock)
    clock.now = T0 + timedelta(days=366)
    assert pruned(gateway, message_id)
    assert gateway.post("kz-national", KZ).status_code == 410  # its identity still kept
    clock.now = T0 + timedelta(days=731)
    assert forgotten(gateway, message_id)
    assert gateway.get("kz-national", f"/v1/messages/{message_id}").status_code == 404
    again = gateway.post("kz-national", KZ)
    assert again.status_code == 202 and again.json()["message_id"] != message_id, again.text
    inbox = gateway.get("cn-partner", "/v1/inbox/CN").json()["items"]
    assert [item["message_id"] for item in inbox] == [again.json()["message_id"]]
    assert "gateway_identities_forgotten_total 1.0" in gateway.get(None, "/metrics").text
