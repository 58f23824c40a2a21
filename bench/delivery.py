"""Push delivery throughput and latency, from commit to the partner's receiver, on loopback.

The benchmark commits --messages documents (each with a harmonized message of about --size bytes) to a
SQLite store, as the service does, with one push delivery each to a partner's receiver on 127.0.0.1 that
verifies every signature with the shipped `WebhookReceiver`. Delivery runs either in this process (one
dispatcher on the in-process queue, as `gateway serve` runs it: --workers 0) or in --workers processes of
`gateway worker` sharing the work through a redis-server started here. It prints messages delivered per
second (first commit to last arrival), the 50th and 99th percentile time from commit to arrival, and the
duplicates the receiver dropped.

    .venv/bin/python bench/delivery.py                   # in-process, then 2 worker processes
    .venv/bin/python bench/delivery.py --workers 2 --messages 2000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.delivery.dispatcher import Dispatcher  # noqa: E402
from gateway.delivery.policy import FixedPolicy  # noqa: E402
from gateway.delivery.push import PushDeliverer  # noqa: E402
from gateway.delivery.queue import InProcessQueue  # noqa: E402
from gateway.delivery.receiver import WebhookReceiver  # noqa: E402
from gateway.delivery.webhooks import WebhookSecret, WebhookVerifier  # noqa: E402
from gateway.store.port import NewDelivery, NewEvent, NewMessage  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402

SECRET = str(WebhookSecret.generate())


class Receiver:
    """The partner: verifies, drops repeats, and notes when each webhook-id first arrived."""

    def __init__(self) -> None:
        self.receiver = WebhookReceiver(WebhookVerifier([SECRET]))
        self.arrived: dict[str, float] = {}
        self.duplicates = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/inbox"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        partner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                receipt = partner.receiver.receive(body, dict(self.headers.items()))
                if receipt.duplicate:
                    partner.duplicates += 1
                else:
                    partner.arrived[receipt.webhook_id] = time.monotonic()
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def payload(number: int, size: int) -> bytes:
    items = "".join(
        f"<GoodsItem><Seq>{i}</Seq><Description>Хлопок-сырец 棉花 {number}</Description></GoodsItem>"
        for i in range(max(1, size // 90))
    )
    return (
        f'<Declaration xmlns="urn:carec-gateway:harmonized:1"><ID>{number}</ID>{items}</Declaration>'.encode()
    )


def commit(store: SqlStore, count: int, endpoint: str, size: int) -> dict[str, float]:
    """Commit `count` messages with one push delivery each; the commit time of each webhook-id."""
    committed = {}
    for number in range(count):
        now, body = datetime.now(UTC), payload(number, size)
        message = NewMessage(
            f"b{number:07d}",
            "KZ",
            f"REF-{number}",
            hashlib.sha256(body).hexdigest(),
            "kz-eaeu-pi",
            "pre-arrival",
            body,
            body,
            (),
            "routed",
            now,
        )
        delivery = NewDelivery("KG", "message", "push", endpoint, body, now, now + timedelta(hours=1))
        store.accept(message, [delivery], [NewEvent("message:received")])
        committed[f"msg_b{number:07d}_KG"] = time.monotonic()
    return committed


@contextmanager
def in_process(store: SqlStore) -> Iterator[None]:
    policy = FixedPolicy(keys={"KG": (SECRET,)})
    dispatcher = Dispatcher(
        store,
        InProcessQueue(),
        {"push": PushDeliverer()},
        policy=policy,
        sweep_every=timedelta(milliseconds=100),
        concurrency=8,
    )
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            dispatcher.run_once(wait=timedelta(milliseconds=100), stop=stop.is_set)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()
    dispatcher.close()


@contextmanager
def worker_processes(count: int, database_url: str, folder: Path, endpoint: str) -> Iterator[None]:
    port = free_port()
    redis = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    agreements = push_agreements(folder / "agreements", endpoint)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "GATEWAY_AGREEMENTS_DIR": str(agreements),
        "GATEWAY_DELIVERY_SWEEP_SECONDS": "0.1",
        "GATEWAY_LOG_FORMAT": "text",
        "KG_PUSH_SECRET": SECRET,
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "gateway.delivery.worker"], env=env, stderr=subprocess.DEVNULL
        )
        for _ in range(count)
    ]
    time.sleep(6)  # let the workers import and connect before the clock starts
    yield
    for process in [*workers, redis]:
        process.terminate()
        process.wait()


def push_agreements(folder: Path, endpoint: str) -> Path:
    shutil.copytree(ROOT / "agreements", folder)
    path = folder / "kg-kz.yaml"
    head, tail = path.read_text(encoding="utf-8").split("  - from: KZ\n", 1)
    push = f"delivery: {{method: push, endpoint: '{endpoint}', secret: {{env: KG_PUSH_SECRET}}}}"
    path.write_text(
        head + "  - from: KZ\n" + tail.replace("delivery: {method: pull}", push, 1), encoding="utf-8"
    )
    return folder


def free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(workers: int, messages: int, size: int) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        database_url = f"sqlite:///{folder / 'gateway.db'}"
        store, receiver = SqlStore.open(database_url), Receiver()
        runner = (
            in_process(store)
            if workers == 0
            else worker_processes(workers, database_url, folder, receiver.url)
        )
        with runner:
            committed = commit(store, messages, receiver.url, size)
            deadline = time.monotonic() + 600
            while len(receiver.arrived) < messages and time.monotonic() < deadline:
                time.sleep(0.05)
        report(workers, committed, receiver)
        store.close()


def report(workers: int, committed: dict[str, float], receiver: Receiver) -> None:
    latencies = sorted(receiver.arrived[key] - committed[key] for key in committed if key in receiver.arrived)
    span = max(receiver.arrived.values()) - min(committed.values())
    where = "in-process dispatcher" if workers == 0 else f"{workers} worker processes + Redis Streams"
    print(
        f"{where}: {len(latencies)}/{len(committed)} delivered, {len(latencies) / span:.0f} messages/s, "
        f"commit to arrival p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms, {receiver.duplicates} duplicates dropped"
    )


def percentile(values: list[float], rank: int) -> float:
    return values[min(len(values) - 1, round(rank / 100 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, action="append", help="0: in-process (default: 0 and 2)")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--size", type=int, default=20_000, help="bytes of each harmonized message")
    args = parser.parse_args()
    for workers in args.workers or [0, 2]:
        run(workers, args.messages, args.size)


if __name__ == "__main__":
    main()
