"""A pytest plugin that collects garbage after every test, so that a resource a test leaves open (a
socket, a database connection) is reported at that test's teardown instead of in whichever later test
the collector happens to run (where it fails as an unraisable-exception warning: warnings are errors).

    PYTHONPATH=plans/tools .venv/bin/python -m pytest -q -p no:cacheprovider -p gc_each_test tests/delivery

Session 16 found with it the Redis client a test of tests/delivery/test_outage_log.py left open.
"""

from __future__ import annotations

import gc

import pytest


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    gc.collect()
