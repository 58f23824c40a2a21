"""`gateway store prune` on a SQLite store file, as an operator runs it: a dry run counts, a run empties
the messages whose deliveries ended and keeps the one still unread, `--vacuum` shrinks the file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.store.database import sqlite_url
from gateway.store.port import NewEvent
from gateway.store.sql import SqlStore
from tests.store.test_retention import acknowledge_all, keep, message, outbox

LONG_AGO = datetime.now(UTC) - timedelta(days=400)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store file of 30 messages received 400 days ago: 29 delivered, one unread."""
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    monkeypatch.delenv("GATEWAY_RETENTION_DAYS", raising=False)
    store = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    for n in range(30):
        message_id = keep(store, n, "CN", at=LONG_AGO)
        if n:
            acknowledge_all(store, message_id)
    store.close()
    return tmp_path


def prune(*args: str) -> str:
    result = CliRunner().invoke(main, ["store", "prune", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_dry_run_counts_then_a_run_prunes_and_vacuum_shrinks(data_dir: Path) -> None:
    assert prune("--older-than", "365", "--dry-run").startswith("would prune 29 messages, 29 deliveries")
    assert prune("--older-than", "500").startswith("pruned 0 messages")
    before = (data_dir / "gateway.sqlite3").stat().st_size
    assert prune("--older-than", "365", "--vacuum").startswith("pruned 29 messages, 29 deliveries")
    assert (data_dir / "gateway.sqlite3").stat().st_size <= before
    store = SqlStore.open(sqlite_url(data_dir / "gateway.sqlite3"))
    statuses = [store.message(f"m-{n}").status for n in range(30)]  # type: ignore[union-attr]
    store.close()
    assert statuses == ["routed"] + ["pruned"] * 29


def test_the_days_come_from_the_setting_or_the_option(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = CliRunner().invoke(main, ["store", "prune"])
    assert refused.exit_code == 2 and "GATEWAY_RETENTION_DAYS" in refused.output
    monkeypatch.setenv("GATEWAY_RETENTION_DAYS", "365")
    assert prune("--dry-run").startswith("would prune 29 messages")


def test_identities_older_than_the_second_period_are_forgotten(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prune("--older-than", "365")
    counted = prune("--older-than", "365", "--forget-older-than", "399", "--dry-run").splitlines()
    assert counted == ["would prune 0 messages, 0 deliveries, 0 events, 0 bytes (older than 365 days)",
                       "would forget 29 pruned messages (older than 399 days)"]  # fmt: skip
    monkeypatch.setenv("GATEWAY_RETENTION_DAYS", "365")
    monkeypatch.setenv("GATEWAY_IDENTITY_RETENTION_DAYS", "401")
    assert prune().splitlines()[1] == "forgot 0 pruned messages (older than 401 days)"
    assert (
        prune("--forget-older-than", "399").splitlines()[1]
        == "forgot 29 pruned messages (older than 399 days)"
    )
    store = SqlStore.open(sqlite_url(data_dir / "gateway.sqlite3"))
    left = [store.message(f"m-{n}") for n in range(30)]
    store.close()
    assert left[0] is not None and left[0].status == "routed" and left[1:] == [None] * 29
    refused = CliRunner().invoke(main, ["store", "prune", "--forget-older-than", "300"])
    assert refused.exit_code == 2 and "must be longer than 365 days" in refused.output


def test_what_retention_cannot_take_is_listed_with_what_keeps_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(main, ["store", "kept", "--older-than", "365"])
    assert result.exit_code == 0, result.output
    day = f"{LONG_AGO:%Y-%m-%d}"
    head, line = result.output.splitlines()
    assert head == f"1 messages older than 365 days kept by a delivery; the oldest received {day}"
    assert line.startswith(f"{day} m-0 KZ KZ-2026-0000: CN message pull pending #")
    monkeypatch.setenv("GATEWAY_RETENTION_DAYS", "500")
    younger = CliRunner().invoke(main, ["store", "kept"])
    assert younger.output == "no message older than 500 days is kept by a delivery\n"
    monkeypatch.delenv("GATEWAY_RETENTION_DAYS")
    refused = CliRunner().invoke(main, ["store", "kept"])
    assert refused.exit_code == 2 and "GATEWAY_RETENTION_DAYS" in refused.output


def test_a_reference_is_printed_as_text_that_the_terminal_does_not_obey(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference is the sender's own text (WCO D014), and XML lets it carry DEL and the 8-bit CSI
    (U+009B, which starts an escape sequence on a terminal that reads 8-bit controls)."""
    store = SqlStore.open(sqlite_url(data_dir / "gateway.sqlite3"))
    hostile = replace(message(99, LONG_AGO), reference="KZ-1\u009b2J\u007f\u202e")
    store.accept(hostile, outbox("CN"), [NewEvent("message:received")])
    store.close()
    result = CliRunner().invoke(main, ["store", "kept", "--older-than", "365"])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if " m-99 " in line]
    assert " KZ-1\\x9b2J\\x7f\\u202e: CN message pull pending #" in line
    assert not any(char in result.output for char in "\u009b\u007f\u202e")


@pytest.mark.parametrize("command", [["kept"], ["prune", "--dry-run"]])
@pytest.mark.parametrize("days", ["1e9", "800000", "inf"])
def test_days_before_any_date_are_refused_as_bad_input_not_a_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], days: str
) -> None:
    by_option = CliRunner().invoke(main, ["store", *command, "--older-than", days])
    assert by_option.exit_code == 2 and "--older-than" in by_option.output, by_option.output
    assert not isinstance(by_option.exception, OverflowError)
    forget = CliRunner().invoke(main, ["store", "prune", "--older-than", "30", "--forget-older-than", days])
    assert forget.exit_code == 2 and "--forget-older-than" in forget.output, forget.output
    monkeypatch.setenv("GATEWAY_RETENTION_DAYS", days)
    by_setting = CliRunner().invoke(main, ["store", *command])
    assert by_setting.exit_code != 0 and not isinstance(by_setting.exception, OverflowError)
    assert "retention_days" in by_setting.output.lower(), by_setting.output


def test_what_retention_cannot_take_is_listed_as_json_one_message_a_line(data_dir: Path) -> None:
    """`--json` for a script (as `gateway resolve -` prints): one object a message, letters as the
    documents wrote them, what a terminal would obey escaped in the JSON itself and decoded back whole."""
    store = SqlStore.open(sqlite_url(data_dir / "gateway.sqlite3"))
    named = replace(message(98, LONG_AGO - timedelta(days=1)), reference="КЗ-Алматы-1")
    hostile = replace(message(99, LONG_AGO), reference="KZ-1\u009b2J\u007f\u202e")
    for each in (named, hostile):
        store.accept(each, outbox("CN"), [NewEvent("message:received")])
    store.close()
    result = CliRunner().invoke(main, ["store", "kept", "--older-than", "365", "--json"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    found = [json.loads(line) for line in lines]
    assert [(f["message_id"], f["reference"]) for f in found] == [
        ("m-98", "КЗ-Алматы-1"),
        ("m-0", "KZ-2026-0000"),
        ("m-99", "KZ-1\u009b2J\u007f\u202e"),
    ]
    assert "КЗ-Алматы-1" in lines[0]
    assert not any(char in result.output for char in "\u009b\u007f\u202e")
    first = found[1]
    assert first["sender"] == "KZ" and datetime.fromisoformat(first["received_at"]) == LONG_AGO
    ((waiting),) = first["waiting"]
    assert {k: waiting[k] for k in ("recipient", "kind", "method", "state")} == {
        "recipient": "CN", "kind": "message", "method": "pull", "state": "pending"}  # fmt: skip
    assert isinstance(waiting["id"], int)
    limited = CliRunner().invoke(main, ["store", "kept", "--older-than", "365", "--json", "--limit", "1"])
    assert [json.loads(line)["message_id"] for line in limited.output.splitlines()] == ["m-98"]
