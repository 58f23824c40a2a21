"""Commit-to-arrival latency of a push delivery at a low rate, with and without the announcement.

Messages are committed one at a time (one every --gap seconds, so that no backlog builds up) to a
SQLite store, each with one push delivery to a receiver on 127.0.0.1, and delivered by one in-process
dispatcher as `gateway serve` runs it, with the default sweep period (GATEWAY_DELIVERY_SWEEP_SECONDS,
1 s). Without the announcement a new delivery waits for the next sweep; with it (QueueAnnouncer, what
intake calls after the commit) the dispatcher takes it at once. Prints p50 and p99 for both, measured
in one run.

    .venv/bin/python bench/announce.py
    .venv/bin/python bench/announce.py --messages 200 --gap 0.02
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from delivery import SECRET, Receiver, payload, percentile

from gateway.delivery.announce import QueueAnnouncer
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import FixedPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.settings import Settings
from gateway.store.port import Accepted, NewDelivery, NewEvent, NewMessage
from gateway.store.sql import SqlStore


def latencies(announce: bool, messages: int, gap: float) -> list[float]:
    """Commit-to-arrival seconds of each message, committed `gap` apart."""
    with tempfile.TemporaryDirectory() as folder:
        store, receiver, queue = (
            SqlStore.open(f"sqlite:///{Path(folder) / 'g.db'}"),
            Receiver(),
            InProcessQueue(),
        )
        sweep = timedelta(seconds=Settings().delivery_sweep_seconds)
        policy = FixedPolicy(keys={"KG": (SECRET,)})
        dispatcher = Dispatcher(store, queue, {"push": PushDeliverer()}, policy=policy, sweep_every=sweep)
        announcer, stop = QueueAnnouncer(store, queue), threading.Event()
        thread = threading.Thread(target=lambda: _loop(dispatcher, stop), daemon=True)
        thread.start()
        committed: dict[str, float] = {}
        for number in range(messages):
            committed |= _commit_one(store, receiver.url, number)
            if announce:
                announcer.announce(Accepted(f"b{number:07d}", created=True))
            time.sleep(gap)
        deadline = time.monotonic() + 60
        while len(receiver.arrived) < messages and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        thread.join()
        store.close()
        return sorted(receiver.arrived[key] - committed[key] for key in committed if key in receiver.arrived)


def _commit_one(store: SqlStore, endpoint: str, number: int) -> dict[str, float]:
    """Commit message `number` with one push delivery, as intake does; its webhook-id and commit time."""
    body, now = payload(number, 2_000), datetime.now(UTC)
    message = NewMessage(
        f"b{number:07d}", "KZ", f"REF-{number}", hashlib.sha256(body).hexdigest(), "kz-eaeu-pi",
        "pre-arrival", body, body, (), "routed", now,
    )  # fmt: skip
    delivery = NewDelivery("KG", "message", "push", endpoint, body, now, now + timedelta(hours=1))
    store.accept(message, [delivery], [NewEvent("message:received")])
    return {f"msg_b{number:07d}_KG": time.monotonic()}


def _loop(dispatcher: Dispatcher, stop: threading.Event) -> None:
    while not stop.is_set():
        dispatcher.run_once(wait=timedelta(milliseconds=200), stop=stop.is_set)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--gap", type=float, default=0.05, help="seconds between two commits")
    options = parser.parse_args()
    for announce in (False, True):
        found = latencies(announce, options.messages, options.gap)
        label = "announced after commit" if announce else "found by the sweep only"
        print(
            f"{label}: {len(found)}/{options.messages} delivered, commit to arrival "
            f"p50 {percentile(found, 50) * 1000:.0f} ms, p99 {percentile(found, 99) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
