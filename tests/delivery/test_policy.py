"""The agreement behind a delivery gives its retry schedule, time to live and signing secrets."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from delivery_system import SECRET_VARIABLE, push_agreements
from outbox import accept_documents

from gateway.agreements import Agreements
from gateway.agreements.terms import SecretReference
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import AgreementPolicy, Terms, Withdrawn
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.schedule import RetrySchedule
from gateway.delivery.webhooks import WebhookSecret, WebhookVerifier, signature_headers
from gateway.errors import ConfigurationError
from gateway.store.memory import MemoryStore


def test_schedule_and_rotated_secrets_come_from_the_senders_agreement(tmp_path: Path) -> None:
    agreements = Agreements.load(push_agreements(tmp_path / "agreements", "http://127.0.0.1:9/inbox"))
    old, new = str(WebhookSecret.generate()), str(WebhookSecret.generate())
    store = MemoryStore()
    accept_documents(store, 1, "http://127.0.0.1:9/inbox", datetime.now(UTC))
    policy = AgreementPolicy(store, agreements, environ={SECRET_VARIABLE: f"{old} {new}"})
    delivery = store.deliveries("m000001")[0]
    terms = policy.terms(delivery)
    assert isinstance(terms, Terms)
    assert terms.schedule.delays[:2] == (timedelta(seconds=1), timedelta(seconds=1))
    assert terms.schedule.time_to_live == timedelta(days=2)
    assert terms.signing_keys == (old, new)
    parcel = Dispatcher(store, InProcessQueue(), {}, policy=policy)._parcel(delivery, terms)
    headers = signature_headers(parcel.webhook_id, datetime.now(UTC), parcel.body, parcel.signing_keys)
    for key in (old, new):
        assert WebhookVerifier([key]).verify(parcel.body, headers) == "msg_m000001_KG"


def test_a_delivery_without_its_message_is_sent_as_written_on_the_default_schedule(tmp_path: Path) -> None:
    agreements = Agreements.load(push_agreements(tmp_path / "agreements", "http://127.0.0.1:9/inbox"))
    store = MemoryStore()
    policy = AgreementPolicy(store, agreements, environ={})
    accept_documents(store, 1, "http://127.0.0.1:9/inbox", datetime.now(UTC))
    orphan = replace(store.deliveries("m000001")[0], message_id="unknown", endpoint="http://127.0.0.1:9/x")
    assert policy.terms(orphan) == Terms("push", "http://127.0.0.1:9/x", RetrySchedule())


def test_a_direction_without_an_agreement_is_withdrawn_with_its_code(tmp_path: Path) -> None:
    agreements = Agreements.load(push_agreements(tmp_path / "agreements", "http://127.0.0.1:9/inbox"))
    store = MemoryStore()
    accept_documents(store, 1, "http://127.0.0.1:9/inbox", datetime.now(UTC))
    policy = AgreementPolicy(store, agreements, environ={})
    terms = policy.terms(replace(store.deliveries("m000001")[0], recipient="ZZ"))
    assert isinstance(terms, Withdrawn) and terms.reason.startswith("agreement.withdrawn: ")
    assert "KZ to ZZ" in terms.reason


def test_a_secret_file_that_is_not_text_is_a_configuration_error_that_quotes_nothing(tmp_path: Path) -> None:
    """A wrong file named as the signing secret (a key in binary form, another file) makes the delivery
    a dead letter that says so (`delivery.misconfigured`), as a missing file does, not an error that stops
    the attempt; and the error names the file, never its bytes."""
    wrong = tmp_path / "secret.bin"
    wrong.write_bytes(b"\xff\xfe\x00secret-bytes\x81")
    with pytest.raises(ConfigurationError, match=r"secret\.bin") as raised:
        SecretReference(file=wrong).read({})
    assert "secret-bytes" not in str(raised.value)
