"""What `gateway keys` tells the operator who rotates a key: when the old one stops, and what a list shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main
from tests.cli.commands import keys


def _kazakh_key(folder: Path) -> str:
    created = keys(
        folder, "create", "--organisation", "Kazakhstan SRC", "--role", "national", "--country", "KZ"
    )
    return created.split()[1]


def test_a_rotation_says_when_the_old_key_stops(tmp_path: Path) -> None:
    key_id = _kazakh_key(tmp_path)
    before = datetime.now(UTC)
    last = keys(tmp_path, "rotate", key_id, "--overlap-hours", "2").splitlines()[-1]
    assert last.startswith(f"the old key {key_id} works until ") and last.endswith("Z, then stops")
    until = datetime.strptime(last.split("until ")[1][:16], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert timedelta(hours=2) - timedelta(minutes=1) <= until - before <= timedelta(hours=2, minutes=1)
    assert f"active until {until:%Y-%m-%d %H:%M}Z" in keys(tmp_path, "list"), "the list says the same time"


def test_rotating_a_revoked_key_does_not_say_it_works(tmp_path: Path) -> None:
    key_id = _kazakh_key(tmp_path)
    keys(tmp_path, "revoke", key_id)
    assert keys(tmp_path, "rotate", key_id).splitlines()[-1] == "the old key was revoked: it does not work"


def test_the_list_s_columns_are_those_its_help_names(tmp_path: Path) -> None:
    key_id = _kazakh_key(tmp_path)
    help_text = " ".join(CliRunner().invoke(main, ["keys", "list", "--help"]).output.split())
    assert "ID, country, role, state, organisation" in help_text
    assert f"{key_id}\tKZ\tnational\tactive\tKazakhstan SRC" in keys(tmp_path, "list").splitlines()
