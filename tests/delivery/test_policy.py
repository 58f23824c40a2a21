"""The agreement behind a delivery gives its retry schedule, time to live and signing secrets."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from delivery_system import SECRET_VARIABLE, push_agreements
from outbox import accept_documents

from gateway.agreements import Agreements
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import AgreementPolicy
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.schedule import RetrySchedule
from gateway.delivery.webhooks import WebhookSecret, WebhookVerifier, signature_headers
from gateway.store.memory import MemoryStore


def test_schedule_and_rotated_secrets_come_from_the_senders_agreement(tmp_path: Path) -> None:
    agreements = Agreements.load(push_agreements(tmp_path / "agreements", "http://127.0.0.1:9/inbox"))
    old, new = str(WebhookSecret.generate()), str(WebhookSecret.generate())
    store = MemoryStore()
    accept_documents(store, 1, "http://127.0.0.1:9/inbox", datetime.now(UTC))
    policy = AgreementPolicy(store, agreements, environ={SECRET_VARIABLE: f"{old} {new}"})
    delivery = store.deliveries("m000001")[0]
    schedule = policy.schedule(delivery)
    assert schedule.delays[:2] == (timedelta(seconds=1), timedelta(seconds=1))
    assert schedule.time_to_live == timedelta(days=2)
    assert policy.signing_keys(delivery) == (old, new)
    parcel = Dispatcher(store, InProcessQueue(), {}, policy=policy)._parcel(delivery)
    headers = signature_headers(parcel.webhook_id, datetime.now(UTC), parcel.body, parcel.signing_keys)
    for key in (old, new):
        assert WebhookVerifier([key]).verify(parcel.body, headers) == "msg_m000001_KG"


def test_a_delivery_without_an_agreement_gets_the_default_schedule(tmp_path: Path) -> None:
    agreements = Agreements.load(push_agreements(tmp_path / "agreements", "http://127.0.0.1:9/inbox"))
    store = MemoryStore()
    policy = AgreementPolicy(store, agreements, environ={})
    accept_documents(store, 1, "http://127.0.0.1:9/inbox", datetime.now(UTC))
    orphan = store.deliveries("m000001")[0]
    assert policy.schedule(replace(orphan, recipient="ZZ")) == RetrySchedule()
    assert policy.signing_keys(replace(orphan, message_id="unknown")) == ()
