"""`gateway store prune`: retention by hand on the machine that runs the gateway (the store of
GATEWAY_DATABASE_URL): the messages older than a number of days whose every delivery has ended are
emptied, 500 a transaction, and the rows of pruned messages older than the identity period deleted
(docs/operations.md, Retention); `gateway store kept` lists what retention cannot take; `gateway store
backup` copies a SQLite store while the gateway runs (docs/operations.md, Backing up)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import click

from gateway.cli.terminal import for_terminal, json_line
from gateway.delivery.clock import utc_now
from gateway.service.retention import count_forgettable, count_older, cutoff, forget_older, prune_older
from gateway.settings import MOST_RETENTION_DAYS, Settings
from gateway.store.backup import BackupRefused, back_up, sqlite_path
from gateway.store.port import Kept, Pruned
from gateway.store.sql import open_store, store_url

_OLDER_THAN = click.option(
    "--older-than",
    "days",
    type=click.FloatRange(min=0, min_open=True, max=MOST_RETENTION_DAYS),
    help="Days since a message was received; unset: GATEWAY_RETENTION_DAYS.",
)


@click.group(name="store")
def store_group() -> None:
    """Look after the store: retention, and what it cannot take."""


@store_group.command(name="prune")
@_OLDER_THAN
@click.option(
    "--forget-older-than",
    "identity_days",
    type=click.FloatRange(min=0, min_open=True, max=MOST_RETENTION_DAYS),
    help="Days after which a pruned message's identity goes too (longer than --older-than); unset: "
    "GATEWAY_IDENTITY_RETENTION_DAYS, and when that is unset identities are kept.",
)
@click.option("--dry-run", is_flag=True, help="Count what would go; change nothing.")
@click.option(
    "--vacuum",
    is_flag=True,
    help="Then give the space back: SQLite rewrites its file (VACUUM; writers wait), PostgreSQL vacuums.",
)
def prune(days: float | None, identity_days: float | None, dry_run: bool, vacuum: bool) -> None:
    """Empty the messages received more than DAYS days ago whose every delivery has ended (delivered,
    dead or expired, the sender's notice read): their original, harmonized form, deliveries and events
    go, in one transaction per 500 messages; what identifies each stays, so that the same document
    posted again is still known, until the identity period (longer) deletes it too: the document is
    then received as new. A message with a delivery on its way is kept however old."""
    settings = Settings()
    days = days if days is not None else settings.retention_days
    if days is None:
        raise click.UsageError("give --older-than DAYS or set GATEWAY_RETENTION_DAYS")
    identity_days = identity_days if identity_days is not None else settings.identity_retention_days
    if identity_days is not None and identity_days <= days:
        raise click.UsageError(
            f"the identity period ({identity_days:g} days) must be longer than {days:g} days"
        )
    store = open_store(settings)
    try:
        now = utc_now()
        if dry_run:
            click.echo(f"would prune {_counts(count_older(store, now, days))} (older than {days:g} days)")
            if identity_days is not None:
                found = count_forgettable(store, now, identity_days)
                click.echo(f"would forget {found} pruned messages (older than {identity_days:g} days)")
            return
        click.echo(f"pruned {_counts(prune_older(store, now, days))} (older than {days:g} days)")
        if identity_days is not None:
            gone = forget_older(store, now, identity_days)
            click.echo(f"forgot {gone} pruned messages (older than {identity_days:g} days)")
        if vacuum:
            store.vacuum()
            click.echo("vacuumed")
    finally:
        store.close()


def _counts(pruned: Pruned) -> str:
    return (
        f"{pruned.messages} messages, {pruned.deliveries} deliveries, {pruned.events} events, "
        f"{pruned.bytes} bytes"
    )


@store_group.command(name="kept")
@_OLDER_THAN
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Messages listed.")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object a message, one a line; no heading line."
)
def kept(days: float | None, limit: int, as_json: bool) -> None:
    """List the messages received more than DAYS days ago that retention cannot empty, oldest first, each
    with the deliveries that keep it (a pull its partner never acknowledged, a notice its sender never
    read, a push retrying, a delivery held under a suspended agreement): a partner that stopped reading
    shows here long before the disk fills."""
    settings = Settings()
    days = days if days is not None else settings.retention_days
    if days is None:
        raise click.UsageError("give --older-than DAYS or set GATEWAY_RETENTION_DAYS")
    store = open_store(settings)
    try:
        before = cutoff(utc_now(), days)
        if as_json:
            for found in store.kept(before, limit):
                click.echo(json_line(_kept_json(found)))
            return
        count, oldest = store.kept_count(before)
        if oldest is None:
            click.echo(f"no message older than {days:g} days is kept by a delivery")
            return
        click.echo(
            f"{count} messages older than {days:g} days kept by a delivery; "
            f"the oldest received {oldest:%Y-%m-%d}"
        )
        for found in store.kept(before, limit):
            waiting = ", ".join(f"{d.recipient} {d.kind} {d.method} {d.state} #{d.id}" for d in found.waiting)
            line = (
                f"{found.received_at:%Y-%m-%d} {found.message_id} {found.sender} {found.reference}: {waiting}"
            )
            click.echo(for_terminal(line))  # the reference is the sender's text
    finally:
        store.close()


def _kept_json(found: Kept) -> dict[str, Any]:
    waiting = [
        {"id": d.id, "recipient": d.recipient, "kind": d.kind, "method": d.method, "state": d.state}
        for d in found.waiting
    ]
    return {
        "message_id": found.message_id,
        "sender": found.sender,
        "reference": found.reference,
        "received_at": found.received_at.isoformat(),
        "waiting": waiting,
    }


@store_group.command(name="backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup(destination: Path) -> None:
    """Copy the SQLite store to DESTINATION while the gateway runs: one consistent state of it (SQLite's
    online backup), written under a temporary name, checked, synced, then renamed to DESTINATION (which
    a previous backup of that name stays until then). PostgreSQL: use pg_dump."""
    settings = Settings()
    try:
        written = back_up(sqlite_path(store_url(settings)), destination)
    except BackupRefused as refused:
        raise click.ClickException(refused.reason) from None
    except (OSError, sqlite3.Error) as failure:  # a full disk, a folder it may not write: nothing renamed
        raise click.ClickException(f"no backup written: {type(failure).__name__}: {failure}") from None
    click.echo(
        f"wrote {written.path}: {written.bytes} bytes, {written.pages} pages, {written.messages} messages "
        f"(the store as it was at {utc_now():%Y-%m-%dT%H:%M:%SZ})"
    )
    click.echo(_retention_reminder(settings))
    for swept in written.swept:
        click.echo(f"deleted {swept}: left by a backup that was killed")


def _retention_reminder(settings: Settings) -> str:
    days = settings.retention_days
    if days is None:
        return "retention: GATEWAY_RETENTION_DAYS is unset: the store keeps every message; this backup too"
    return (
        f"retention: the store empties messages after {days:g} days (GATEWAY_RETENTION_DAYS) and this backup "
        f"keeps them: delete it within {days:g} days (docs/operations.md, Backing up)"
    )
