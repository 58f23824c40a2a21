"""Standard Webhooks (https://www.standardwebhooks.com): signing on the gateway's side, verifying on the
partner's side.

A pushed message carries three headers:

* ``webhook-id``: the same for every attempt at one delivery, so a receiver can drop a repeat;
* ``webhook-timestamp``: the attempt's time in whole seconds since the epoch;
* ``webhook-signature``: ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``, one per signing secret,
  separated by spaces (two while a secret is being rotated).

A secret is ``whsec_`` followed by base64 of its key bytes. `WebhookVerifier` and `WebhookReceiver` are the
receiver side that a partner's integrator can run as is (docs/delivery.md has a complete receiver).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from gateway.delivery.clock import Clock, utc_now
from gateway.errors import ConfigurationError, GatewayError
from gateway.issues import Issue, error

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE = timedelta(minutes=5)
ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER = "webhook-id", "webhook-timestamp", "webhook-signature"


class InvalidWebhook(GatewayError):
    """A pushed message that does not verify; `issue` says why, with a code from gateway.issues."""

    code = "webhook.invalid"

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(str(issue))


@dataclass(frozen=True, slots=True)
class WebhookSecret:
    """One signing key, written ``whsec_<base64>``."""

    key: bytes

    @classmethod
    def parse(cls, text: str) -> WebhookSecret:
        """Read a ``whsec_`` secret; a wrong one is a configuration error."""
        encoded = text.removeprefix(SECRET_PREFIX)
        try:
            key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except (binascii.Error, ValueError):
            raise ConfigurationError(f"a webhook secret must be {SECRET_PREFIX}<base64>") from None
        if len(key) < 24:
            raise ConfigurationError("a webhook secret must hold at least 24 random bytes")
        return cls(key)

    @classmethod
    def generate(cls) -> WebhookSecret:
        """A new random 32-byte secret."""
        return cls(secrets.token_bytes(32))

    def __str__(self) -> str:
        return SECRET_PREFIX + base64.b64encode(self.key).decode("ascii")

    def __repr__(self) -> str:
        return "WebhookSecret(<hidden>)"

    def signature(self, webhook_id: str, timestamp: int, body: bytes) -> bytes:
        """The raw HMAC-SHA256 over ``id.timestamp.body``."""
        signed = b"%s.%d.%s" % (webhook_id.encode("utf-8"), timestamp, body)
        return hmac.new(self.key, signed, hashlib.sha256).digest()

    def sign(self, webhook_id: str, timestamp: int, body: bytes) -> str:
        """The signature as it appears in the header: ``v1,<base64>``."""
        encoded = base64.b64encode(self.signature(webhook_id, timestamp, body)).decode("ascii")
        return f"{SIGNATURE_VERSION},{encoded}"


def as_secrets(values: Sequence[str | WebhookSecret]) -> tuple[WebhookSecret, ...]:
    """Secrets given as text or objects, parsed; at least one is needed."""
    parsed = tuple(
        value if isinstance(value, WebhookSecret) else WebhookSecret.parse(value) for value in values
    )
    if not parsed:
        raise ConfigurationError("at least one webhook secret is needed")
    return parsed


def signature_headers(
    webhook_id: str, timestamp: datetime, body: bytes, keys: Sequence[str | WebhookSecret]
) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt, signed with every key (rotation)."""
    seconds = int(timestamp.timestamp())
    signatures = " ".join(key.sign(webhook_id, seconds, body) for key in as_secrets(keys))
    return {ID_HEADER: webhook_id, TIMESTAMP_HEADER: str(seconds), SIGNATURE_HEADER: signatures}


class WebhookVerifier:
    """Checks a pushed message's headers: all present, a timestamp inside the tolerance window (which stops
    replays of old messages), and a signature that matches one of the receiver's secrets (several are
    accepted while a secret is rotated), compared in constant time."""

    def __init__(
        self,
        keys: Sequence[str | WebhookSecret],
        tolerance: timedelta = DEFAULT_TOLERANCE,
        clock: Clock = utc_now,
    ) -> None:
        self.keys = as_secrets(keys)
        self.tolerance = tolerance
        self.clock = clock

    def verify(self, body: bytes, headers: Mapping[str, str]) -> str:
        """The message's webhook-id when the headers verify; raises `InvalidWebhook` otherwise."""
        lowered = {name.lower(): value for name, value in headers.items()}
        webhook_id, stamp, signatures = (
            _header(lowered, name) for name in (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)
        )
        timestamp = self._timestamp(stamp)
        offered = _signatures(signatures)
        for key in self.keys:
            expected = key.signature(webhook_id, timestamp, body)
            if any(hmac.compare_digest(expected, candidate) for candidate in offered):
                return webhook_id
        raise _invalid(
            "webhook.bad-signature", "no v1 signature matches a secret of this receiver", SIGNATURE_HEADER
        )

    def _timestamp(self, value: str) -> int:
        if not value.isascii() or not value.isdigit() or len(value) > 12:
            raise _invalid("webhook.bad-timestamp", f"{value!r} is not whole seconds", TIMESTAMP_HEADER)
        seconds = int(value)
        drift = abs(self.clock().timestamp() - seconds)
        if drift > self.tolerance.total_seconds():
            raise _invalid(
                "webhook.stale",
                f"the timestamp is {drift:.0f} s away from this receiver's clock "
                f"(tolerance {self.tolerance.total_seconds():.0f} s)",
                TIMESTAMP_HEADER,
            )
        return seconds


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name, "").strip()
    if not value:
        raise _invalid("webhook.missing-header", f"the {name} header is missing or empty", name)
    return value


def _signatures(header: str) -> list[bytes]:
    """The v1 signatures of the header, decoded; other versions and malformed entries are skipped."""
    found = []
    for entry in header.split():
        version, _, encoded = entry.partition(",")
        if version != SIGNATURE_VERSION:
            continue
        try:
            found.append(base64.b64decode(encoded, validate=True))
        except (binascii.Error, ValueError):
            continue
    return found


def _invalid(code: str, message: str, header: str) -> InvalidWebhook:
    return InvalidWebhook(error(code, message, source=f"header {header}"))
