"""Standard Webhooks signing and verification, checked against the `standardwebhooks` reference package in
both directions, and the receiver's refusals with their issue codes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import standardwebhooks
from hypothesis import given
from hypothesis import strategies as st

from gateway.delivery.receiver import SqliteSeenWebhooks, WebhookReceiver
from gateway.delivery.webhooks import (
    InvalidWebhook,
    WebhookSecret,
    WebhookVerifier,
    signature_headers,
)
from gateway.errors import ConfigurationError

# The secret of the Standard Webhooks specification's own example.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = (
    '<Declaration xmlns="urn:carec-gateway:harmonized:1"><Name>Алматы 阿拉木图</Name></Declaration>'.encode()
)
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def _clock(moment: datetime = NOW) -> datetime:
    return moment


def test_the_reference_package_verifies_what_the_gateway_signs() -> None:
    headers = signature_headers("msg_42_KG", datetime.now(UTC), BODY, [SPEC_SECRET])
    standardwebhooks.Webhook(SPEC_SECRET).verify(BODY, headers, json_parse=False)


def test_the_gateway_verifies_what_the_reference_package_signs() -> None:
    reference = standardwebhooks.Webhook(SPEC_SECRET)
    signature = reference.sign("msg_42_KG", NOW, BODY.decode())
    headers = {
        "Webhook-Id": "msg_42_KG",
        "Webhook-Timestamp": str(int(NOW.timestamp())),
        "Webhook-Signature": signature,
    }
    assert WebhookVerifier([SPEC_SECRET], clock=_clock).verify(BODY, headers) == "msg_42_KG"


def test_a_signature_matches_the_specification_example() -> None:
    # From the Standard Webhooks specification: id msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330.
    body = b'{"test": 2432232314}'
    headers = signature_headers(
        "msg_p5jXN8AQM9LWM0D4loKWxJek", datetime.fromtimestamp(1614265330, UTC), body, [SPEC_SECRET]
    )
    assert headers["webhook-signature"] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_a_rotated_secret_signs_twice_and_either_receiver_accepts() -> None:
    old, new = WebhookSecret.generate(), WebhookSecret.generate()
    headers = signature_headers("msg_1", NOW, BODY, [old, new])
    assert len(headers["webhook-signature"].split()) == 2
    for receiver_keys in ([old], [new], [str(new), str(old)]):
        assert WebhookVerifier(receiver_keys, clock=_clock).verify(BODY, headers) == "msg_1"
    for key in (old, new):
        standardwebhooks.Webhook(str(key)).verify(
            BODY, signature_headers("msg_1", datetime.now(UTC), BODY, [old, new]), json_parse=False
        )


def _refusal(headers: dict[str, str], body: bytes = BODY, moment: datetime = NOW) -> str:
    with pytest.raises(InvalidWebhook) as caught:
        WebhookVerifier([SPEC_SECRET], clock=lambda: moment).verify(body, headers)
    return caught.value.issue.code


def test_refusals_carry_an_issue_code_and_name_the_header() -> None:
    good = signature_headers("msg_1", NOW, BODY, [SPEC_SECRET])
    other_key = signature_headers("msg_1", NOW, BODY, [WebhookSecret.generate()])
    assert _refusal(good, body=BODY + b" ") == "webhook.bad-signature"
    assert _refusal({**good, "webhook-id": "msg_2"}) == "webhook.bad-signature"
    assert _refusal(other_key) == "webhook.bad-signature"
    assert _refusal({**good, "webhook-signature": "v2,abc v1,not base64!"}) == "webhook.bad-signature"
    assert _refusal({**good, "webhook-timestamp": "1.5e9"}) == "webhook.bad-timestamp"
    assert _refusal({k: v for k, v in good.items() if k != "webhook-id"}) == "webhook.missing-header"
    with pytest.raises(InvalidWebhook) as caught:
        WebhookVerifier([SPEC_SECRET], clock=_clock).verify(BODY, {**good, "webhook-timestamp": "x"})
    assert caught.value.issue.source == "header webhook-timestamp"


def test_a_message_outside_the_tolerance_window_is_refused_as_a_replay() -> None:
    headers = signature_headers("msg_1", NOW, BODY, [SPEC_SECRET])
    assert _refusal(headers, moment=NOW + timedelta(minutes=6)) == "webhook.stale"
    assert _refusal(headers, moment=NOW - timedelta(minutes=6)) == "webhook.stale"
    assert WebhookVerifier([SPEC_SECRET], clock=lambda: NOW + timedelta(minutes=4)).verify(BODY, headers)


def test_the_receiver_accepts_a_webhook_id_once_across_restarts() -> None:
    connection = sqlite3.connect(":memory:")
    verifier = WebhookVerifier([SPEC_SECRET], clock=_clock)
    first, retry = (
        signature_headers("msg_9", NOW + timedelta(seconds=s), BODY, [SPEC_SECRET]) for s in (0, 30)
    )
    assert not WebhookReceiver(verifier, SqliteSeenWebhooks(connection)).receive(BODY, first).duplicate
    restarted = WebhookReceiver(verifier, SqliteSeenWebhooks(connection))
    assert restarted.receive(BODY, retry).duplicate
    assert not restarted.receive(BODY, signature_headers("msg_10", NOW, BODY, [SPEC_SECRET])).duplicate


@pytest.mark.parametrize("text", ["", "whsec_", "whsec_not*base64", "whsec_c2hvcnQ="])
def test_a_bad_secret_is_a_configuration_error(text: str) -> None:
    with pytest.raises(ConfigurationError):
        WebhookVerifier([text])


@given(
    st.dictionaries(
        st.sampled_from(["webhook-id", "webhook-timestamp", "webhook-signature", "Webhook-Signature"]),
        st.text(max_size=80),
    ),
    st.binary(max_size=64),
)
def test_any_headers_verify_or_are_refused_with_a_code(headers: dict[str, str], body: bytes) -> None:
    try:
        WebhookVerifier([SPEC_SECRET], clock=_clock).verify(body, headers)
    except InvalidWebhook as refusal:
        assert refusal.issue.code.startswith("webhook.")
    else:
        raise AssertionError("a random signature verified")
