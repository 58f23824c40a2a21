"""`gateway keys create|rotate|revoke|list`: the API keys of national systems, partners and staff."""

from __future__ import annotations

from datetime import timedelta

import click

from gateway.access.keys import ROLES, UnknownKey, create_key, is_active, revoke_key, rotate_key
from gateway.settings import Settings
from gateway.store.memory import utc_now
from gateway.store.port import ApiKey, Role
from gateway.store.sql import SqlStore, open_store


@click.group()
def keys() -> None:
    """Create, rotate, revoke and list API keys (kept in the store of GATEWAY_DATABASE_URL)."""


@keys.command()
@click.option("--organisation", required=True, help="Who the key is for, e.g. 'Kazakhstan SRC'.")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the key may do.")
@click.option("--country", help="ISO 3166 alpha-2 code: required for national and partner keys.")
def create(organisation: str, role: Role, country: str | None) -> None:
    """Create a key and print it once: it is kept only as a hash."""
    try:
        key, token = create_key(_store(), organisation, country.upper() if country else None, role, utc_now())
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    _print_token(key, token)


@keys.command()
@click.argument("key_id")
@click.option("--overlap-hours", type=float, help="How long the old key keeps working (default: settings).")
def rotate(key_id: str, overlap_hours: float | None) -> None:
    """Replace KEY_ID by a new key; the old one works for the overlap, then stops."""
    hours = overlap_hours if overlap_hours is not None else Settings().key_rotation_overlap_hours
    store = _store()
    try:
        key, token = rotate_key(store, key_id, timedelta(hours=hours), utc_now())
    except UnknownKey:
        raise click.ClickException(f"no key {key_id}") from None
    _print_token(key, token)
    click.echo(_old_key_state(store.key(key_id)))


def _old_key_state(old: ApiKey | None) -> str:
    """What the rotated key does now: it works until its overlap ends (or was revoked before)."""
    if old is None or old.revoked_at or old.expires_at is None:
        return "the old key was revoked: it does not work"
    return f"the old key {old.key_id} works until {old.expires_at:%Y-%m-%d %H:%M}Z, then stops"


@keys.command()
@click.argument("key_id")
def revoke(key_id: str) -> None:
    """Stop KEY_ID from working, at once."""
    try:
        revoke_key(_store(), key_id, utc_now())
    except UnknownKey:
        raise click.ClickException(f"no key {key_id}") from None
    click.echo(f"revoked {key_id}")


@keys.command(name="list")
def list_keys() -> None:
    """List the keys (never their secrets), one a line: ID, country, role, state, organisation."""
    now = utc_now()
    for key in _store().api_keys():
        state = "active" if is_active(key, now) else "revoked" if key.revoked_at else "expired"
        until = f" until {key.expires_at:%Y-%m-%d %H:%M}Z" if key.expires_at and state == "active" else ""
        click.echo(f"{key.key_id}\t{key.country or '-'}\t{key.role}\t{state}{until}\t{key.organisation}")


def _store() -> SqlStore:
    return open_store(Settings())


def _print_token(key: ApiKey, token: str) -> None:
    click.echo(
        f"key {key.key_id} for {key.organisation} ({key.role}{', ' + key.country if key.country else ''})"
    )
    click.echo(token)
    click.echo("keep it now: it is not shown again", err=True)
