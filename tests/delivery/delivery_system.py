"""A delivery system of real parts for fault tests: a SQLite store file, a redis-server, `gateway worker`
processes, agreements with a push direction (KZ to KG) to a partner on 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from outbox import accept_documents
from redis_server import RedisServer
from webhook_partner import Partner

from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.sql import SqlStore

SECRET_VARIABLE = "KG_PUSH_SECRET"
# `gateway worker --processes N` without the command line's imports of the web service (seconds on a busy
# machine; tests/delivery/test_worker_command.py runs the command itself), and one worker process as the
# supervisor starts it.
SUPERVISOR = [sys.executable, "-c", "import sys; from gateway.delivery.worker import main; sys.exit(main(2))"]
ONE_WORKER = [sys.executable, "-m", "gateway.delivery.worker"]


def push_agreements(folder: Path, endpoint: str) -> Path:
    """The project's agreements, with Kazakhstan pushing to Kyrgyzstan every second."""
    shutil.copytree(Settings().agreements_dir, folder)
    path = folder / "kg-kz.yaml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("  - from: KZ\n", 1)
    push = f"delivery: {{method: push, endpoint: '{endpoint}', secret: {{env: {SECRET_VARIABLE}}}}}"
    tail = tail.replace("delivery: {method: pull}", push, 1)
    tail = re.sub(r"retry: \[[^\]]*\]", "retry: [" + ", ".join(["1s"] * 30) + "]", tail, count=1)
    path.write_text(head + "  - from: KZ\n" + tail, encoding="utf-8")
    return folder


def edit_direction(folder: Path, key: str, value: str | None) -> None:
    """Give the KZ to KG direction's `key` a new value, as an operator edits the file in place; with
    `value` None, remove the direction (KG to KZ stays)."""
    path = folder / "kg-kz.yaml"
    head, direction = path.read_text(encoding="utf-8").split("  - from: KZ\n", 1)
    if value is None:
        replace_file(path, head)
        return
    direction, count = re.subn(rf"(?m)^    {key}: .*$", f"    {key}: {value}", direction, count=1)
    assert count == 1, direction
    replace_file(path, head + "  - from: KZ\n" + direction)


def replace_file(path: Path, text: str) -> None:
    """Write `text` as a new file renamed over `path` (a reader never sees half of it), at a later mtime."""
    before = path.stat().st_mtime_ns
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.utime(temporary, ns=(before + 10**9, before + 10**9))
    os.replace(temporary, path)


class DeliverySystem:
    def __init__(self, folder: Path, redis: RedisServer, partner: Partner, secret: str) -> None:
        self.folder, self.redis, self.partner = folder, redis, partner
        self.database_url = f"sqlite:///{folder / 'gateway.db'}"
        self.store = SqlStore.open(self.database_url)
        agreements = push_agreements(folder / "agreements", partner.url)
        self.environment = {
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "GATEWAY_DATABASE_URL": self.database_url,
            "GATEWAY_REDIS_URL": redis.url,
            "GATEWAY_AGREEMENTS_DIR": str(agreements),
            "GATEWAY_DELIVERY_LEASE_SECONDS": "3",
            "GATEWAY_PUSH_TIMEOUT_SECONDS": "2",
            "GATEWAY_DELIVERY_SWEEP_SECONDS": "0.2",
            SECRET_VARIABLE: secret,
        }
        self.workers: list[subprocess.Popen[bytes]] = []
        self.next_number = 1

    def start_worker(self, supervised: bool = False) -> subprocess.Popen[bytes]:
        with open(self.folder / f"worker-{len(self.workers)}.log", "wb") as log:
            worker = subprocess.Popen(
                SUPERVISOR if supervised else ONE_WORKER,
                env=self.environment,
                stdout=log,
                stderr=log,
            )
        self.workers.append(worker)
        return worker

    def accept(self, count: int, time_to_live: timedelta = timedelta(minutes=10)) -> list[str]:
        """Documents from Kazakhstan to Kyrgyzstan, committed to the store as the service does."""
        first, self.next_number = self.next_number, self.next_number + count
        now = self.store.clock()
        return accept_documents(
            self.store, count, self.partner.url, now, time_to_live=time_to_live, first=first
        )

    def delivered(self, message_ids: list[str]) -> bool:
        states = [d.state for m in message_ids for d in self.store.deliveries(m) if d.kind == "message"]
        return all(state == "delivered" for state in states)

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.store.close()

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace")[-3000:] for p in sorted(self.folder.glob("worker-*.log"))
        )


def wait_until(condition: Callable[[], bool], timeout: float, explain: Callable[[], str] = str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s\n{explain()}")
        time.sleep(0.05)


def webhook_ids(message_ids: list[str]) -> set[str]:
    return {f"msg_{message_id}_KG" for message_id in message_ids}
