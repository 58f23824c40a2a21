"""`gateway worker` runs as documented with every default, and refuses what cannot work, with a clear
message."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from delivery_system import SECRET_VARIABLE, push_agreements, wait_until, webhook_ids
from outbox import accept_documents
from webhook_partner import Partner

from gateway.cli.main import main
from gateway.delivery.webhooks import WebhookSecret
from gateway.delivery.worker import process_count
from gateway.errors import ConfigurationError
from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.sql import SqlStore


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
    assert "config.invalid: 3 worker processes need GATEWAY_REDIS_URL" in result.output


@pytest.mark.parametrize(
    ("redis_url", "setting", "option", "count"),
    [
        (None, None, None, 1),  # the embedded defaults: one dispatcher on the in-process queue
        ("redis://127.0.0.1:6379/0", None, None, 2),
        ("redis://127.0.0.1:6379/0", 4, None, 4),
        ("redis://127.0.0.1:6379/0", 4, 3, 3),
        (None, 1, None, 1),
    ],
)
def test_how_many_processes_the_command_starts(
    redis_url: str | None, setting: int | None, option: int | None, count: int
) -> None:
    settings = Settings(redis_url=redis_url, worker_processes=setting)
    assert process_count(settings, option) == count


def test_processes_set_to_more_than_one_without_redis_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="2 worker processes need GATEWAY_REDIS_URL"):
        process_count(Settings(redis_url=None, worker_processes=2), None)


@pytest.mark.slow
def test_the_command_with_every_default_delivers_and_stops_on_sigterm(tmp_path: Path) -> None:
    """`gateway worker` as an operator first types it: no Redis, no process count, SQLite in the data
    folder. It sweeps the store, pushes a committed delivery to a partner on 127.0.0.1, and on SIGTERM
    stops with status 0. Only the data folder and the agreements (a push direction) are the test's."""
    secret = str(WebhookSecret.generate())
    partner = Partner([secret]).start()
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GATEWAY_")}
    environment |= {
        "PYTHONPATH": str(PROJECT_ROOT),
        "GATEWAY_DATA_DIR": str(tmp_path),
        "GATEWAY_AGREEMENTS_DIR": str(push_agreements(tmp_path / "agreements", partner.url)),
        SECRET_VARIABLE: secret,
    }
    command = [sys.executable, "-m", "gateway.cli.main", "worker"]
    worker = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True)
    try:
        message_ids = accept_documents(store, 2, partner.url, store.clock())
        wait_until(lambda: webhook_ids(message_ids) <= set(partner.received) or worker.poll() is not None, 60)
        worker.send_signal(signal.SIGTERM)
        _, logs = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        partner.stop()
    assert worker.returncode == 0, logs
    assert set(partner.received) == webhook_ids(message_ids) and not partner.refusals
    delivered = [d.state for m in message_ids for d in store.deliveries(m)]
    store.close()
    assert delivered == ["delivered", "delivered"]
    assert "worker:started" in logs and "worker:stopped" in logs and "config.invalid" not in logs


def test_a_push_timeout_longer_than_the_lease_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GATEWAY_PUSH_TIMEOUT_SECONDS", "90")
    result = CliRunner().invoke(main, ["worker", "--processes", "1"])
    assert result.exit_code == 1
    assert "GATEWAY_PUSH_TIMEOUT_SECONDS" in result.output
