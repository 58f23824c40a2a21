"""docs/operations.md shows what an operator sees: log lines and `gateway keys` output. These tests make
the gateway print the same and compare, so that the examples cannot drift from the code."""

from __future__ import annotations

import json
import logging
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.service.log import JsonFormatter, TextFormatter

OPERATIONS = (Path(__file__).parent.parent / "docs" / "operations.md").read_text(encoding="utf-8")
HEADINGS = ("time", "level", "logger", "event")


def _section(title: str) -> str:
    return OPERATIONS.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[list[str]]:
    return [block.split("```", 1)[0].strip().splitlines() for block in text.split(f"```{language}\n")[1:]]


def _record(logger: str, event: str, fields: dict[str, object]) -> logging.LogRecord:
    record = logging.LogRecord(logger, logging.INFO, __file__, 1, event, None, None)
    record.__dict__.update(fields)
    return record


def test_every_json_log_line_shown_is_what_the_formatter_writes() -> None:
    lines = _blocks(_section("Logs"), "json")[0]
    assert len(lines) >= 4
    for line in lines:
        shown = json.loads(line)
        fields = {name: value for name, value in shown.items() if name not in HEADINGS}
        written = json.loads(JsonFormatter().format(_record(shown["logger"], shown["event"], fields)))
        assert list(written) == list(shown), f"fields or their order differ: {line}"
        assert {name: written[name] for name in fields} == fields


def test_every_text_log_line_shown_is_what_the_text_formatter_writes() -> None:
    for line in _blocks(_section("Logs"), "text")[0]:
        level, logger, event, *pairs = line.split()
        fields: dict[str, object] = dict(pair.split("=", 1) for pair in pairs)
        fields = {name: {"False": False}.get(str(value), value) for name, value in fields.items()}
        fields = {name: int(str(value)) if str(value).isdigit() else value for name, value in fields.items()}
        fields = {
            name: str(value).split(",") if "," in str(value) else value for name, value in fields.items()
        }
        record = _record(logger.rstrip(":"), event, fields)
        record.levelname = level.upper()
        assert TextFormatter().format(record) == line


@pytest.mark.skipif(shutil.which("jq") is None, reason="the jq command (Debian package jq)")
def test_the_jq_command_shown_counts_the_refusals_of_the_lines_shown(tmp_path: Path) -> None:
    section = _section("Logs")
    log = tmp_path / "gateway.log"
    log.write_text("\n".join(_blocks(section, "json")[0]) + "\n", encoding="utf-8")
    (command,) = _blocks(section, "sh")[0]
    printed = subprocess.run(["sh", "-c", command], cwd=tmp_path, check=True, capture_output=True, text=True)
    assert [line.strip() for line in printed.stdout.splitlines()] == _blocks(section, "text")[1]


def test_a_refused_line_shown_names_the_key_and_the_error_codes() -> None:
    """The lines shown are real: the refusal's key is the one that posted, its codes are sorted, once."""
    lines = [json.loads(line) for line in _blocks(_section("Logs"), "json")[0]]
    refused = next(line for line in lines if line["event"] == "request:refused")
    posted = next(line for line in lines if line.get("status") == 202)
    assert refused["key_id"] == posted["key_id"] and refused["issue_codes"] == sorted(
        set(refused["issue_codes"])
    )
    assert refused["issue_count"] >= len(refused["issue_codes"])


def _shape(line: str) -> str:
    """A line with its key IDs and times made general, to compare an example with a real run."""
    line = re.sub(r"\b[0-9a-f]{16}\b", "KEY_ID", line)
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\dZ", "TIME", line)


def _keys(folder: Path, *arguments: str) -> list[str]:
    result = CliRunner().invoke(main, ["keys", *arguments], env={"GATEWAY_DATA_DIR": str(folder)})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_the_keys_list_and_the_rotation_message_shown_are_what_the_commands_print(tmp_path: Path) -> None:
    made = _keys(
        tmp_path, "create", "--organisation", "Kazakhstan SRC", "--role", "national", "--country", "KZ"
    )
    assert re.fullmatch(r"key [0-9a-f]{16} for Kazakhstan SRC \(national, KZ\)", made[0]) and made[
        1
    ].startswith("gw_")
    _keys(tmp_path, "create", "--organisation", "Hub operations", "--role", "operator")
    rotated = _keys(tmp_path, "rotate", made[0].split()[1], "--overlap-hours", "48")
    printed = {_shape(line) for line in _keys(tmp_path, "list")}
    keys_section = _section("Keys")
    for line in _blocks(keys_section, "text")[0]:
        assert _shape(line) in printed, line
    shown_rotation = re.search(r"`(the old key KEY_ID works until [^`]+)`", keys_section)
    assert shown_rotation and _shape(rotated[-1]) == _shape(shown_rotation[1])
    assert "`the old key was revoked: it does not work`" in keys_section


def test_the_backup_command_shown_copies_the_store_with_its_keys_and_prints_what_is_shown(
    tmp_path: Path,
) -> None:
    section = _section("Backing up")
    shown = _blocks(section, "sh")[0]
    assert shown == ["gateway store backup /backups/gateway-2026-11-25.sqlite3"]
    store, backup = tmp_path / "var", tmp_path / "backups" / "gateway.sqlite3"
    made = _keys(store, "create", "--organisation", "Kazakhstan SRC", "--role", "national", "--country", "KZ")
    backup.parent.mkdir()
    words = [*shlex.split(shown[0])[1:-1], str(backup)]
    env = {"GATEWAY_DATA_DIR": str(store), "GATEWAY_RETENTION_DAYS": "1826"}
    result = CliRunner().invoke(main, words, env=env)
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in _keys(backup.parent, "list")] == [made[0].split()[1]]
    printed = _blocks(section, "text")[0]

    def general(line: str) -> str:
        line = re.sub(r"\S*gateway[-.0-9]*sqlite3", "FILE", line)
        return re.sub(r"\d+", "N", line)

    assert [general(line) for line in result.output.splitlines()] == [general(line) for line in printed]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command (Debian package sqlite3)")
def test_the_sqlite3_command_named_copies_the_store_too(tmp_path: Path) -> None:
    named = re.search(r"`(sqlite3 var/gateway.sqlite3 \"\.backup\s+/backups/gateway.sqlite3\")`", OPERATIONS)
    assert named is not None
    store, backup = tmp_path / "var", tmp_path / "backup" / "gateway.sqlite3"
    made = _keys(store, "create", "--organisation", "Kazakhstan SRC", "--role", "national", "--country", "KZ")
    backup.parent.mkdir()
    command = re.sub(r"\s+", " ", named.group(1))
    words = shlex.split(command.replace("var/", f"{store}/").replace("/backups/", f"{backup.parent}/"))
    subprocess.run(words, check=True, capture_output=True)
    assert [line.split()[0] for line in _keys(backup.parent, "list")] == [made[0].split()[1]]


def test_the_crontab_shown_backs_up_and_rotates_when_run_as_cron_runs_it(tmp_path: Path) -> None:
    """Each job of the crontab in "Backing up", run as cron runs it: `sh -c` with only the crontab's
    variables and cron's PATH, `\\%` turned into `%`; the installed paths stand for this machine's."""
    (crontab,) = _blocks(_section("Backing up"), "crontab")
    settings = dict(line.split("=", 1) for line in crontab if re.fullmatch(r"[A-Z_]+=\S+", line))
    jobs = [
        line.split(None, 5)[5] for line in crontab if line not in {f"{k}={v}" for k, v in settings.items()}
    ]
    assert len(jobs) == 2 and set(settings) == {"GATEWAY_DATA_DIR", "GATEWAY_RETENTION_DAYS"}
    store, backups = tmp_path / "var", tmp_path / "backups"
    made = _keys(store, "create", "--organisation", "Kazakhstan SRC", "--role", "national", "--country", "KZ")
    backups.mkdir()
    old = backups / "gateway-2021-11-24.sqlite3"
    old.write_bytes(b"a backup past the retention")
    os.utime(old, (time.time() - 1900 * 86400,) * 2)
    program = f"env PYTHONPATH={Path(__file__).parent.parent} {sys.executable} -m gateway.cli.main"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **settings, "GATEWAY_DATA_DIR": str(store)}
    printed = []
    for job in jobs:
        command = job.replace("\\%", "%").replace("/srv/gateway/.venv/bin/gateway", program)
        command = command.replace("/backups", str(backups))
        ran = subprocess.run(["/bin/sh", "-c", command], check=False, env=env, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
        printed.append(ran.stdout)
    (written,) = backups.iterdir()
    assert re.fullmatch(r"gateway-\d{4}-\d\d-\d\d\.sqlite3", written.name), "dated, and the old one deleted"
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(written, restored / "gateway.sqlite3")
    assert [line.split()[0] for line in _keys(restored, "list")] == [made[0].split()[1]]
    assert "after 1826 days (GATEWAY_RETENTION_DAYS)" in printed[0] and printed[1] == ""
