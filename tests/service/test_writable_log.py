"""The log lines of a store that cannot write, then can again, as an operator filters them at night."""

from __future__ import annotations

import json
import logging

import pytest

from gateway.service.log import JsonFormatter
from gateway.service.writable import StoreWrites
from gateway.store.memory import MemoryStore

FULL = "OperationalError: database or disk is full"


def test_the_writable_line_has_no_reason_of_a_failure_and_says_what_it_recovered_from(
    caplog: pytest.LogCaptureFixture,
) -> None:
    writes = StoreWrites(MemoryStore())
    with caplog.at_level(logging.INFO, logger="gateway.store"):
        writes.failed(FULL)
        writes.failed(FULL)  # one line until a write works again
        assert writes.check() is None  # the probe writes: space is back
    lines = {r.getMessage(): json.loads(JsonFormatter().format(r)) for r in caplog.records}  # as logged
    assert [r.getMessage() for r in caplog.records] == ["store:unwritable", "store:writable"]
    assert lines["store:unwritable"]["reason"] == FULL
    # a filter on reason="...disk is full" finds the failure, not the recovery too
    assert "reason" not in lines["store:writable"]
    assert lines["store:writable"]["after"] == FULL
