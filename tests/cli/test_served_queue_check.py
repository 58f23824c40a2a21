"""`gateway serve --workers 2` over one SQLite store: the two processes split the unresolved queue's
background check after a glossary change, each name checked by one of them once (their log lines add up
to the queue), and every name ends checked against the glossary in force (docs/glossary.md, "When a name
is checked")."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.glossary import Glossary
from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.port import UnresolvedName
from gateway.store.sql import SqlStore

NAMES = 300
CHECKED = re.compile(r"unresolved queue: (\d+) names checked against glossary (\w+) by (\S+)")


def _queue(data_dir: Path) -> SqlStore:
    """The store `gateway serve` will open, its queue counted under a glossary no longer in force."""
    store = SqlStore.open(f"sqlite:///{data_dir / 'gateway.sqlite3'}")
    seen = datetime.now(UTC)
    store.record_unresolved(
        [
            UnresolvedName("place", f"Жаңақала {n}", "kk", "Cyrl", "KZ", f"m-{n}", seen, "before")
            for n in range(NAMES)
        ]
    )
    return store


@pytest.mark.slow
def test_two_serving_processes_check_each_queued_name_once(tmp_path: Path) -> None:
    store = _queue(tmp_path)
    version = Glossary.load(Settings().glossary_dir).version
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from gateway.cli.main import main; main()", "serve"]
    env = os.environ | {
        "PYTHONPATH": str(PROJECT_ROOT),
        "GATEWAY_DATA_DIR": str(tmp_path),
        "GATEWAY_GLOSSARY_CHECK_SECONDS": "0.1",
        "GATEWAY_LOG_FORMAT": "text",
    }
    with subprocess.Popen(
        [*command, "--workers", "2", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and store.unresolved_unchecked(version, 1):
                time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGINT)
            _, logged = process.communicate(timeout=20)
    checks = [match.groups() for match in CHECKED.finditer(logged)]
    assert store.unresolved_unchecked(version, 1) == [], logged
    assert sum(int(count) for count, _, _ in checks) == NAMES  # each once: two checked them all before
    assert {checked_in for _, checked_in, _ in checks} == {version}
    assert len({checker for _, _, checker in checks}) == 2  # both took part
    assert all(not name.answered for name in store.unresolved(NAMES, open_in=version))
    store.close()
