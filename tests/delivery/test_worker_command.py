"""`gateway worker` refuses what cannot work, with a clear message."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main


@pytest.fixture(autouse=True)
def _gateway_logger_restored() -> Iterator[None]:
    """The command configures the gateway's logging; other tests expect it as it was."""
    logger = logging.getLogger("gateway")
    saved = (logger.handlers[:], logger.propagate, logger.level)
    yield
    logger.handlers[:], logger.propagate, logger.level = saved[0], saved[1], saved[2]


def test_several_worker_processes_need_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GATEWAY_REDIS_URL", raising=False)
    result = CliRunner().invoke(main, ["worker", "--processes", "3"])
    assert result.exit_code == 1
    assert "config.invalid" in result.output and "GATEWAY_REDIS_URL" in result.output


def test_a_push_timeout_longer_than_the_lease_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GATEWAY_PUSH_TIMEOUT_SECONDS", "90")
    result = CliRunner().invoke(main, ["worker", "--processes", "1"])
    assert result.exit_code == 1
    assert "GATEWAY_PUSH_TIMEOUT_SECONDS" in result.output
