"""A night at the hub for dead-letter tests: partner KG on 127.0.0.1 was down; two letters died of 503s
with Retry-After 120, one of a 422, and that one's time to live has passed since. SQLite store file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import FixedPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.schedule import RetrySchedule
from gateway.delivery.webhooks import WebhookSecret
from gateway.store.sql import SqlStore
from tests.delivery.outbox import MovableClock, accept_documents
from tests.delivery.webhook_partner import Partner

KEY = str(WebhookSecret.generate())
BUSY = (503, {"retry-after": "120"})


class Night:
    """The store, the partner and a dispatcher after the night; `close` when done."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.partner, self.clock = folder, Partner([KEY]).start(), MovableClock()
        self.store = SqlStore.open(f"sqlite:///{folder / 'gateway.sqlite3'}", self.clock)
        schedule = RetrySchedule((timedelta(seconds=1),), timedelta(hours=1))
        self.push = PushDeliverer(timeout=timedelta(seconds=2), clock=self.clock)
        self.dispatcher = Dispatcher(
            self.store, InProcessQueue(), {"push": self.push}, self.clock,
            policy=FixedPolicy(schedule, {"KG": (KEY,)}),
        )  # fmt: skip
        url = self.partner.url
        accept_documents(self.store, 2, url, self.clock(), time_to_live=timedelta(hours=1))
        accept_documents(self.store, 1, url, self.clock(), time_to_live=timedelta(minutes=1), first=3)
        self.partner.script.extend([BUSY, BUSY, (422, {})])
        self.run()
        self.partner.script.extend([BUSY, BUSY])
        self.clock.advance(timedelta(seconds=121))
        self.run()

    def run(self) -> None:
        self.dispatcher.sweep()
        while self.dispatcher.run_once():
            pass

    def close(self) -> None:
        self.partner.stop()
        self.push.close()
        self.store.close()

    def dead_letters(self, *arguments: str) -> tuple[str, str]:
        """What `gateway dead-letters ARGUMENTS` prints on the night's store: standard output and error."""
        environment = {"GATEWAY_DATA_DIR": str(self.folder)}
        result = CliRunner().invoke(main, ["dead-letters", *arguments], env=environment)
        assert result.exit_code == 0, result.output
        return result.stdout, result.stderr


def on_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Night]:
    """The night, its clock the command's (`night = pytest.fixture(on_call)` in a test module)."""
    night = Night(tmp_path)
    monkeypatch.setattr("gateway.cli.dead_letters.utc_now", night.clock)
    yield night
    night.close()
