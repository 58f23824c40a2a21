"""`gateway dead-letters list|resend`: the operator's view of deliveries that failed for good, on the
machine that runs the gateway (the store of GATEWAY_DATABASE_URL; the API gives the same to an operator
key: docs/operations.md)."""

from __future__ import annotations

import json
from datetime import datetime

import click

from gateway.delivery.clock import utc_now
from gateway.delivery.dead_letters import (
    DEFAULT_PAGE,
    MAX_PAGE,
    DeadLetter,
    dead_letter_page,
    resend_dead_letters,
    resend_partner,
    summary,
)
from gateway.settings import Settings
from gateway.store.port import Delivery
from gateway.store.sql import SqlStore, open_store

COLUMNS = (
    "id",
    "recipient",
    "message",
    "attempts",
    "last attempt",
    "status",
    "retry-after",
    "expires",
    "reason",
)


@click.group(name="dead-letters")
def dead_letters_group() -> None:
    """List dead letters with why they died; resend all of one partner's."""


@dead_letters_group.command(name="list")
@click.option("--recipient", help="Only this partner (ISO 3166 alpha-2).")
@click.option("--reason", help="Only letters whose last error has this code (push.http-503, ...).")
@click.option(
    "--after",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Letters with a delivery ID above this (the next page's start, printed at the end).",
)
@click.option(
    "--limit",
    default=DEFAULT_PAGE,
    show_default=True,
    type=click.IntRange(1, MAX_PAGE),
    help="At most this many letters.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_dead_letters(
    recipient: str | None, reason: str | None, after: int, limit: int, as_json: bool
) -> None:
    """A page of dead letters, oldest delivery first: reason, last attempt, last HTTP status and
    Retry-After seen. Where another page follows, its command is printed on standard error."""
    recipient = recipient.upper() if recipient else None
    store = _store()
    try:
        page = dead_letter_page(store, recipient, utc_now(), after=after, limit=limit, reason=reason)
    finally:
        store.close()
    if as_json:
        for letter in page.letters:
            click.echo(json.dumps(summary(letter), default=_iso, ensure_ascii=False))
    else:
        click.echo("\t".join(COLUMNS))
        for letter in page.letters:
            click.echo("\t".join(_row(letter)))
    if not page.letters:
        click.echo("no dead letters" + (f" for {recipient}" if recipient else ""), err=True)
    if page.next_after is not None:
        click.echo(f"more: add --after {page.next_after} for the next page", err=True)


@dead_letters_group.command(name="resend")
@click.argument("delivery_ids", nargs=-1, type=click.IntRange(min=1))
@click.option("--recipient", help="Resend every dead letter of this partner (ISO 3166 alpha-2).")
def resend(delivery_ids: tuple[int, ...], recipient: str | None) -> None:
    """Put the dead letters DELIVERY_IDS, or every dead letter of RECIPIENT, back in the queue, due now,
    with the whole retry schedule; one past its time to live stays dead (a message is never delivered
    late) and is listed."""
    if bool(delivery_ids) == bool(recipient):
        raise click.UsageError("give either delivery IDs or --recipient")
    store = _store()
    try:
        if recipient:
            outcome = resend_partner(store, recipient.upper(), utc_now())
        else:
            outcome = resend_dead_letters(store, _dead(store, delivery_ids), utc_now())
    finally:
        store.close()
    whose = f" of {recipient.upper()}" if recipient else ""
    letters = "dead letter" if len(outcome.resent) == 1 else "dead letters"
    click.echo(f"resent {len(outcome.resent)} {letters}{whose}: {_ids(outcome.resent)}")
    if outcome.expired:
        click.echo(f"not resent, past their time to live (their sender was told): {_ids(outcome.expired)}")
    missing = sorted(set(delivery_ids) - set(outcome.resent) - set(outcome.expired))
    if missing:
        raise click.ClickException(f"not dead letters: {_ids(missing)}")


def _dead(store: SqlStore, delivery_ids: tuple[int, ...]) -> list[Delivery]:
    found = (store.delivery(delivery_id) for delivery_id in dict.fromkeys(delivery_ids))
    return [delivery for delivery in found if delivery is not None and delivery.state == "dead"]


def _row(letter: DeadLetter) -> list[str]:
    delivery = letter.delivery
    expires = _when(delivery.expires_at) + (" (passed)" if letter.expired else "")
    return [
        str(delivery.id), delivery.recipient, delivery.message_id, str(delivery.attempts),
        _when(letter.last_attempt_at), str(letter.status or "-"), letter.retry_after or "-", expires,
        delivery.last_error or "-",
    ]  # fmt: skip


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}Z" if moment is not None else "-"


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) or "none"


def _store() -> SqlStore:
    return open_store(Settings())
