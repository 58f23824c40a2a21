"""Intake tests share one hang guard: no input may keep the gateway busy."""

from __future__ import annotations

import faulthandler
import signal
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail a test after 5 seconds. `signal.alarm` raises in Python code; a hang inside a C parser, where
    no Python signal handler can run, is ended by faulthandler's watchdog after 10 seconds."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError("intake kept the gateway busy for more than 5 seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    faulthandler.dump_traceback_later(10, exit=True)
    signal.alarm(5)
    yield
    signal.alarm(0)
    faulthandler.cancel_dump_traceback_later()
    signal.signal(signal.SIGALRM, previous)
