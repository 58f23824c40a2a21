"""What suspending a partner costs: the settle every dispatcher sweep runs, and holding and resuming.

Writes --deliveries push deliveries from KZ to KG and as many pull deliveries from KZ to CN to a SQLite
store file, then times (median of --repeats, milliseconds): a settle with nothing suspended or held (what
every sweep pays, one read), holding all of KZ to KG (one transaction), resuming them (push: in place),
and holding and resuming all of KZ to CN (pull: each resumed under a new ID).

    .venv/bin/python bench/suspension.py
    .venv/bin/python bench/suspension.py --deliveries 10000 --repeats 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dead_letters import median_ms  # bench/, the script's folder

from gateway.agreements import Agreements  # after the path set-up above
from gateway.delivery.suspension import Suspensions
from gateway.store.port import NewDelivery, NewEvent, NewMessage
from gateway.store.sql import SqlStore

NOW = datetime.now(UTC)


def fill(store: SqlStore, count: int) -> None:
    for number in range(count):
        message = NewMessage(
            f"m{number:06d}", "KZ", f"KZ-{number:06d}", f"{number:064d}", "kz-eaeu-pi", "pre-arrival",
            b"<original/>", b"<Declaration/>", (), "routed", NOW,
        )  # fmt: skip
        outbox = [
            NewDelivery("KG", "message", "push", "http://127.0.0.1:9/in", b"<D/>", NOW, None),
            NewDelivery("CN", "message", "pull", None, b"<D/>", NOW, None),
        ]
        store.accept(message, outbox, [NewEvent("message:received")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = SqlStore.open(f"sqlite:///{folder}/gateway.sqlite3")
        fill(store, arguments.deliveries)
        nothing = Suspensions(store, Agreements([], None))  # type: ignore[arg-type]  # no file, no readiness
        idle = median_ms(lambda: nothing.settle(NOW), arguments.repeats * 4)
        repeats, held = arguments.repeats, lambda r: lambda: store.hold("KZ", r, "bench", NOW)
        hold_push = median_ms(held("KG"), repeats, before=lambda: store.resume("KZ", "KG", NOW))
        resume_push = median_ms(lambda: store.resume("KZ", "KG", NOW), repeats, before=held("KG"))
        hold_pull = median_ms(held("CN"), repeats, before=lambda: store.resume("KZ", "CN", NOW))
        resume_pull = median_ms(lambda: store.resume("KZ", "CN", NOW), repeats, before=held("CN"))
        store.close()
    count = arguments.deliveries
    print(f"SQLite, {count} push deliveries KZ to KG and {count} pull KZ to CN, median of {repeats}:")
    print(f"  settle with nothing suspended or held (every sweep): {idle:8.2f} ms")
    print(f"  hold {count} push deliveries:                        {hold_push:8.1f} ms")
    print(f"  resume them (in place):                              {resume_push:8.1f} ms")
    print(f"  hold {count} pull deliveries:                        {hold_pull:8.1f} ms")
    print(f"  resume them (each under a new ID):                   {resume_pull:8.1f} ms")


if __name__ == "__main__":
    main()
