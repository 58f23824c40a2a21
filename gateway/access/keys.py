"""API keys: random, shown once, stored as a SHA-256 of the secret; rotated with an overlap; revoked.

A key reads ``gw_<key ID>_<secret>``. The key ID is public (it names the key in lists and logs); the
secret is 32 random bytes, so a plain SHA-256 is enough to store it (no password stretching is
needed for a secret that cannot be guessed). Comparison is in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from gateway.store.port import ApiKey, Role, Store

PREFIX = "gw"
KEY_ID = re.compile(r"[0-9a-f]{16}")
"""A key's ID: 16 hex digits (`secrets.token_hex(8)`, `create_key`)."""
ROLES: tuple[Role, ...] = ("national", "partner", "terminologist", "operator")
COUNTRY_ROLES = frozenset({"national", "partner"})


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request comes from: the organisation and country behind a valid key, and its role."""

    key_id: str
    organisation: str
    country: str | None
    role: Role


class UnknownKey(LookupError):
    """No key with that ID is kept."""


def create_key(
    store: Store, organisation: str, country: str | None, role: Role, now: datetime
) -> tuple[ApiKey, str]:
    """Keep a new key and return it with its token, which is shown once and never kept."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if (role in COUNTRY_ROLES) != (country is not None):
        raise ValueError(f"a {role} key {'needs' if role in COUNTRY_ROLES else 'takes no'} country")
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    key = ApiKey(key_id, _hash(secret), organisation, country, role, now)
    store.add_key(key)
    return key, f"{PREFIX}_{key_id}_{secret}"


def rotate_key(store: Store, key_id: str, overlap: timedelta, now: datetime) -> tuple[ApiKey, str]:
    """A new key for the same organisation and role; the old one keeps working for `overlap`."""
    old = _existing(store, key_id)
    new, token = create_key(store, old.organisation, old.country, old.role, now)
    ends = now + overlap
    store.update_key(replace(old, expires_at=min(ends, old.expires_at) if old.expires_at else ends))
    return new, token


def revoke_key(store: Store, key_id: str, now: datetime) -> ApiKey:
    """Stop a key from working, at once."""
    revoked = replace(_existing(store, key_id), revoked_at=now)
    store.update_key(revoked)
    return revoked


def authenticate(store: Store, token: str, now: datetime) -> Principal | None:
    """The principal behind `token`, or None when it is malformed, unknown, revoked or expired."""
    return identify(store, token, now)[0]


def identify(store: Store, token: str, now: datetime) -> tuple[Principal | None, str | None]:
    """The principal behind `token` (as `authenticate`), and when there is none, the ID of the key `token`
    is if its secret is right but the key no longer works (revoked, or past its rotation overlap), so
    that the log can say whose refused request it was; no ID for a malformed or unknown key or a wrong
    secret, whose ID may be anyone's. The key is read and its secret hashed once."""
    key = _matching(store, token)
    if key is None:
        return None, None
    if not is_active(key, now):
        return None, key.key_id
    return Principal(key.key_id, key.organisation, key.country, key.role), None


def is_active(key: ApiKey, now: datetime) -> bool:
    """Whether `key` works at `now`: not revoked, not past the end of its rotation overlap. A revocation
    counts whatever time it bears: the machine that revoked the key may run ahead of this one's clock."""
    revoked = key.revoked_at is not None
    expired = key.expires_at is not None and key.expires_at <= now
    return not (revoked or expired)


def _matching(store: Store, token: str) -> ApiKey | None:
    """The stored key that `token` names, when its secret matches (in constant time), whatever its state."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or KEY_ID.fullmatch(parts[1]) is None:
        return None  # an ID no key has is not looked up (a NUL in it: PostgreSQL refuses the query)
    key = store.key(parts[1])
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(parts[2])):
        return None
    return key


def _existing(store: Store, key_id: str) -> ApiKey:
    key = store.key(key_id)
    if key is None:
        raise UnknownKey(key_id)
    return key


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
