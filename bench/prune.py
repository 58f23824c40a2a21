"""How fast retention empties a large SQLite store, and what it does to the size of the file.

Writes --messages messages received 400 days ago to a new SQLite store file, as `Store.accept` leaves
them and as they stand once delivered: each with the Kazakh example's bytes as its original (8,763
bytes) and its harmonized message (the normalizer's output), one pull delivery to CN acknowledged
(its payload the harmonized bytes, stored once), and four events; one message in 20 still has its
delivery unread (kept), and --young in a hundred were received a day ago (kept: a store in its
steady state, where a sweep removes a small part of what is kept, is --young 90). The rows are
written in large transactions straight into the store's tables (`accept` one at a time would take
most of the run). Then it prunes everything older than 365 days,
500 messages a transaction (`gateway.service.retention.prune_older`, what `gateway store prune` and the
background sweep run), and prints messages pruned per second and the file's size before, after the
prune and after giving the space back: `VACUUM` (the default file), or `PRAGMA incremental_vacuum` on
a file created with `PRAGMA auto_vacuum=INCREMENTAL` (--auto-vacuum incremental).

    .venv/bin/python bench/prune.py
    .venv/bin/python bench/prune.py --messages 100000 --auto-vacuum incremental
    .venv/bin/python bench/prune.py --young 90
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sqlalchemy import insert

from gateway.normalize.pipeline import Normalizer
from gateway.service.retention import prune_older
from gateway.settings import Settings
from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.sql import SqlStore
from gateway.store.tables import deliveries, events, messages

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = (ROOT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
CHUNK = 5_000


def harmonized() -> bytes:
    result = Normalizer.from_settings(Settings()).normalize(ORIGINAL)
    assert result.message is not None
    return bytes(result.message.xml)


def fill(store: SqlStore, count: int, xml: bytes, now: datetime, young: int) -> None:
    """`count` messages as described above, CHUNK a transaction; `young` in a hundred received a day
    before `now` (kept), the others 400 days before."""
    delivery_id = 0
    for start in range(0, count, CHUNK):
        rows, outbox, logged = [], [], []
        for n in range(start, min(count, start + CHUNK)):
            message_id, unread = f"m{n:08d}", n % 20 == 0
            received = now - timedelta(days=1 if n % 100 < young else 400)
            delivery_id += 1
            rows.append({"message_id": message_id, "sender": "KZ", "reference": f"KZ-{n:08d}",
                         "digest": f"{n:064x}", "format": "kz-eaeu-pi", "kind": "cargo-report",
                         "original": ORIGINAL, "harmonized": xml, "issues": "[]", "status": "routed",
                         "received_at": received, "pruned_at": None})  # fmt: skip
            outbox.append({"id": delivery_id, "message_id": message_id, "recipient": "CN", "kind": "message",
                           "method": "pull", "endpoint": None, "payload": None,
                           "state": "pending" if unread else "delivered", "attempts": 0,
                           "next_attempt_at": received, "expires_at": None, "last_error": None,
                           "delivered_at": None if unread else received, "lease_owner": None,
                           "lease_until": None})  # fmt: skip
            for name, detail in _events(message_id, delivery_id, len(xml)):
                logged.append({"message_id": message_id, "name": name, "recipient": "CN", "at": received,
                               "detail": json.dumps(detail)})  # fmt: skip
        with store.engine.begin() as conn:
            conn.execute(insert(messages), rows)
            conn.execute(insert(deliveries), outbox)
            conn.execute(insert(events), logged)


def _events(message_id: str, delivery_id: int, size: int) -> list[tuple[str, dict[str, object]]]:
    received = {"format": "kz-eaeu-pi", "kind": "cargo-report", "reference": message_id,
                "digest": "b6384452" * 8, "bytes": size}  # fmt: skip
    queued = {"delivery_id": delivery_id, "method": "pull", "kind": "message"}
    return [("message:received", received), ("delivery:queued", queued),
            ("delivery:delivered", {"delivery_id": delivery_id, "method": "pull"}),
            ("delivery:delivered", {"delivery_id": delivery_id, "method": "pull"})]  # fmt: skip


def size(path: Path, store: SqlStore) -> int:
    """The file's bytes once the WAL is written back into it (and emptied)."""
    pragma(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def reclaim(store: SqlStore, mode: str) -> float:
    """Give the free pages back to the file system; the seconds it took."""
    started = time.perf_counter()
    if mode == "incremental":  # run to the end: a cursor steps a pragma that returns no rows only once
        raw = store.engine.raw_connection()
        raw.driver_connection.executescript("PRAGMA incremental_vacuum;")  # type: ignore[union-attr]
        raw.close()
    else:
        store.vacuum()
    return time.perf_counter() - started


def pragma(store: SqlStore, statement: str) -> object:
    """Run `statement` outside a transaction (a checkpoint or a vacuum cannot run inside one)."""
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(statement)
        found = cursor.fetchall()
        cursor.close()
        return found[0][0] if found else None
    finally:
        raw.close()


def new_store(path: Path, mode: str) -> SqlStore:
    if mode == "incremental":  # before the first table and before WAL mode: it cannot change after them
        with closing(sqlite3.connect(path)) as first:
            first.execute("PRAGMA auto_vacuum=INCREMENTAL")
            first.execute("CREATE TABLE header_written (n)")
            first.execute("DROP TABLE header_written")
            first.commit()
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    return SqlStore(engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--auto-vacuum", choices=("none", "incremental"), default="none")
    parser.add_argument(
        "--young", type=int, default=0, help="Messages in a hundred received a day ago, kept (the rest: 400)."
    )
    args = parser.parse_args()
    xml = harmonized()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gateway.sqlite3"
        store = new_store(path, args.auto_vacuum)
        mode = pragma(store, "PRAGMA auto_vacuum")
        started = time.perf_counter()
        fill(store, args.messages, xml, now, args.young)
        filled = time.perf_counter() - started
        before = size(path, store)
        started = time.perf_counter()
        pruned = prune_older(store, now, 365)
        seconds = time.perf_counter() - started
        after = size(path, store)
        reclaimed = reclaim(store, args.auto_vacuum)
        vacuumed = size(path, store)
        store.close()
    rate = pruned.messages / seconds
    reclaimer = "incremental_vacuum" if args.auto_vacuum == "incremental" else "VACUUM"
    print(f"auto_vacuum {args.auto_vacuum} (PRAGMA auto_vacuum = {mode}); {args.messages:,} messages "
          f"({args.young} in 100 young) written "
          f"in {filled:.1f} s; original {len(ORIGINAL):,} B, harmonized {len(xml):,} B")  # fmt: skip
    print(f"pruned {pruned.messages:,} messages ({pruned.deliveries:,} deliveries, {pruned.events:,} "
          f"events, {pruned.bytes / 1e6:,.0f} MB) in {seconds:.1f} s: {rate:,.0f} messages/s")  # fmt: skip
    print(f"file: {before / 1e6:,.0f} MB before, {after / 1e6:,.0f} MB after the prune, "
          f"{vacuumed / 1e6:,.0f} MB after {reclaimer} ({reclaimed:.1f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
