"""A setting the gateway cannot read is told as one coded line naming its variable, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main


@pytest.mark.parametrize(
    ("command", "environment", "said"),
    [
        (
            ["keys", "list"],
            {"GATEWAY_LOG_FORMAT": "xml"},
            "GATEWAY_LOG_FORMAT: Input should be 'json' or 'text'",
        ),
        (["check"], {"GATEWAY_MAX_DEPTH": "deep"}, "GATEWAY_MAX_DEPTH: Input should be a valid integer"),
        (
            ["dead-letters", "list"],
            {"GATEWAY_RESOLVE_NAMES": "perhaps"},
            "GATEWAY_RESOLVE_NAMES: Input should",
        ),
        (
            ["store", "prune", "--dry-run"],
            {"GATEWAY_RETENTION_DAYS": "90", "GATEWAY_IDENTITY_RETENTION_DAYS": "30"},
            "GATEWAY_IDENTITY_RETENTION_DAYS: Value error, must be longer than GATEWAY_RETENTION_DAYS, which "
            "is 90 days",
        ),
        (
            ["store", "prune", "--dry-run"],
            {"GATEWAY_IDENTITY_RETENTION_DAYS": "30"},
            "GATEWAY_IDENTITY_RETENTION_DAYS: Value error, must be longer than GATEWAY_RETENTION_DAYS, which "
            "is unset",
        ),
        (
            ["keys", "list"],
            {"GATEWAY_POSTGRES_STATEMENT_TIMEOUT_SECONDS": "0"},
            "GATEWAY_POSTGRES_STATEMENT_TIMEOUT_SECONDS: Input should be greater than 0",
        ),
        (
            ["keys", "list"],
            {"GATEWAY_POSTGRES_LOCK_TIMEOUT_SECONDS": "-5"},
            "GATEWAY_POSTGRES_LOCK_TIMEOUT_SECONDS: Input should be greater than 0",
        ),
        (
            ["keys", "list"],
            {"GATEWAY_POSTGRES_CONNECT_TIMEOUT_SECONDS": "2.5"},
            "GATEWAY_POSTGRES_CONNECT_TIMEOUT_SECONDS: Input should be a valid integer",
        ),
    ],
)
def test_a_bad_setting_is_one_coded_line(command: list[str], environment: dict[str, str], said: str) -> None:
    result = CliRunner().invoke(main, command, env=environment)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: config.invalid: {said}")
    assert "docs/settings.md" in result.output and "Traceback" not in result.output


def test_two_bad_settings_are_both_named() -> None:
    environment = {"GATEWAY_LOG_FORMAT": "xml", "GATEWAY_WORKER_PROCESSES": "many"}
    result = CliRunner().invoke(main, ["keys", "list"], env=environment)
    assert "GATEWAY_LOG_FORMAT:" in result.output and "GATEWAY_WORKER_PROCESSES:" in result.output


def test_other_failures_are_left_as_they_were(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["keys", "revoke", "no-such-key"], env={"GATEWAY_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1 and result.output == "Error: no key no-such-key\n"
