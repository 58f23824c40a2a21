"""Keys: shown once, kept hashed; a rotated key works for the overlap only; revocation is at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.access.keys import UnknownKey, authenticate, create_key, revoke_key, rotate_key
from gateway.store.memory import MemoryStore

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_a_key_is_shown_once_and_kept_hashed() -> None:
    store = MemoryStore()
    key, token = create_key(store, "Kazakhstan State Revenue Committee", "KZ", "national", T0)
    secret = token.split("_", 2)[2]
    assert token.startswith(f"gw_{key.key_id}_") and len(secret) >= 40
    kept = store.key(key.key_id)
    assert kept is not None and secret not in kept.secret_hash and len(kept.secret_hash) == 64
    who = authenticate(store, token, T0)
    assert who is not None and (who.country, who.role) == ("KZ", "national")
    assert authenticate(store, token[:-1] + ("A" if token[-1] != "A" else "B"), T0) is None
    assert authenticate(store, "gw_nothing", T0) is None and authenticate(store, "", T0) is None
    assert create_key(store, "KZ", "KZ", "national", T0)[1] != token, "keys are random"


def test_rotation_keeps_the_old_key_for_the_overlap_only() -> None:
    store = MemoryStore()
    old, old_token = create_key(store, "GACC", "CN", "partner", T0)
    new, new_token = rotate_key(store, old.key_id, 24 * HOUR, T0 + HOUR)
    assert (new.organisation, new.country, new.role) == ("GACC", "CN", "partner")
    assert authenticate(store, old_token, T0 + 24 * HOUR) is not None
    assert authenticate(store, old_token, T0 + 25 * HOUR) is None
    assert authenticate(store, new_token, T0 + 1000 * HOUR) is not None


def test_revocation_is_at_once() -> None:
    store = MemoryStore()
    key, token = create_key(store, "Hub operations", None, "operator", T0)
    revoke_key(store, key.key_id, T0 + HOUR)
    assert authenticate(store, token, T0 + HOUR) is None
    with pytest.raises(UnknownKey):
        revoke_key(store, "nope", T0)


def test_a_revoked_key_stops_even_on_a_server_whose_clock_is_behind_the_revoking_one() -> None:
    """`gateway keys revoke` may run on another machine than the server, its clock seconds ahead: the key
    stops at once all the same (a revocation is never scheduled for later)."""
    store = MemoryStore()
    key, token = create_key(store, "Kazakhstan State Revenue Committee", "KZ", "national", T0)
    revoke_key(store, key.key_id, T0 + HOUR)
    assert authenticate(store, token, T0 + HOUR - timedelta(seconds=30)) is None


@pytest.mark.parametrize(
    ("country", "role"), [(None, "national"), (None, "partner"), ("KZ", "operator"), ("KZ", "admin")]
)
def test_a_key_needs_a_country_exactly_when_its_role_is_a_country_s(country: str | None, role: str) -> None:
    with pytest.raises(ValueError):
        create_key(MemoryStore(), "X", country, role, T0)  # type: ignore[arg-type]
