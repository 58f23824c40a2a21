"""How fast identity retention deletes the rows of pruned messages, and what the metric of what
retention cannot take costs, on a large SQLite store (or PostgreSQL with --url).

Writes --rows rows of pruned messages (as `Store.prune` leaves them: no original, status `pruned`):
half received 4,000 days ago (past an identity period of 3,652 days), half 1,000 days ago (young
identities, kept); and --kept messages received 2,000 days ago whose pull delivery to CN was never
acknowledged (what retention cannot take). Then it times `Store.forget` batch by batch
(`forget_older`'s batches of 500, what the sweep and `gateway store prune` run), the dry run's count,
a batch that finds nothing left, and `kept_count` (the two gauges) and `kept` (`gateway store kept`).
--no-partial-index drops the index of migration 0009 first, to see what it saves.

    PYTHONPATH=. .venv/bin/python bench/identities.py --rows 400000 --kept 10000
    PYTHONPATH=. .venv/bin/python bench/identities.py --rows 400000 --kept 10000 --no-partial-index
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sqlalchemy import insert, text

from gateway.service.retention import BATCH, cutoff
from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.sql import SqlStore
from gateway.store.tables import deliveries, messages

CHUNK = 20_000
IDENTITY_DAYS, RETENTION_DAYS = 3652, 1826
INDEX = "CREATE INDEX ix_messages_pruned_received ON messages (received_at) WHERE pruned_at IS NOT NULL"


def fill(store: SqlStore, rows: int, kept: int, now: datetime) -> None:
    """The pruned rows and the kept messages described above, CHUNK a transaction."""
    for start in range(0, rows, CHUNK):
        chunk = []
        for n in range(start, min(rows, start + CHUNK)):
            received = now - timedelta(days=4000 if n % 2 == 0 else 1000, seconds=n)
            pruned = received + timedelta(days=RETENTION_DAYS)
            chunk.append({"message_id": f"p{n:09d}", "sender": "KZ", "reference": f"KZ-{n:09d}",
                          "digest": f"{n:064x}", "format": "kz-eaeu-pi", "kind": "cargo-report",
                          "original": b"", "harmonized": None, "issues": "[]", "status": "pruned",
                          "received_at": received, "pruned_at": pruned})  # fmt: skip
        with store.engine.begin() as conn:
            conn.execute(insert(messages), chunk)
    received = now - timedelta(days=2000)
    with store.engine.begin() as conn:
        for start in range(0, kept, CHUNK):
            ids = range(start, min(kept, start + CHUNK))
            conn.execute(insert(messages), [
                {"message_id": f"k{n:09d}", "sender": "KZ", "reference": f"KZ-K{n:09d}",
                 "digest": f"{n:064x}", "format": "kz-eaeu-pi", "kind": "cargo-report",
                 "original": b"<x/>", "harmonized": b"<y/>", "issues": "[]", "status": "routed",
                 "received_at": received, "pruned_at": None} for n in ids
            ])  # fmt: skip
            conn.execute(insert(deliveries), [
                {"message_id": f"k{n:09d}", "recipient": "CN", "kind": "message", "method": "pull",
                 "endpoint": None, "payload": None, "state": "pending", "attempts": 0,
                 "next_attempt_at": received, "expires_at": None, "last_error": None, "delivered_at": None,
                 "lease_owner": None, "lease_until": None} for n in ids
            ])  # fmt: skip


def timed(work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    found = work()
    return found, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--kept", type=int, default=10_000)
    parser.add_argument("--url", help="a PostgreSQL URL (its messages and deliveries are emptied first)")
    parser.add_argument("--no-partial-index", action="store_true")
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.url or sqlite_url(Path(folder) / "gateway.sqlite3"))
        migrate(engine)
        store = SqlStore(engine)
        if args.url:
            with engine.begin() as conn:
                conn.execute(text("TRUNCATE events, deliveries, messages RESTART IDENTITY CASCADE"))
        with engine.begin() as conn:  # a PostgreSQL database is reused: the index as asked
            conn.execute(text("DROP INDEX IF EXISTS ix_messages_pruned_received"))
            if not args.no_partial_index:
                conn.execute(text(INDEX))
        _, filled = timed(lambda: fill(store, args.rows, args.kept, now))
        if args.url:  # the statistics autovacuum would gather in a running store
            with engine.begin() as conn:
                conn.execute(text("ANALYZE messages, deliveries"))
        print(f"{engine.dialect.name}: {args.rows:,} pruned rows and {args.kept:,} kept messages written in "
              f"{filled:.1f} s{'; no partial index' if args.no_partial_index else ''}")  # fmt: skip
        before = cutoff(now, IDENTITY_DAYS)
        counted, seconds = timed(lambda: store.forget(before, None, dry_run=True))
        print(f"dry run: {counted:,} rows to forget, counted in {seconds * 1000:.0f} ms")
        batches, total, gone = [], 0.0, 0
        while True:
            batch, seconds = timed(lambda: store.forget(before, BATCH))
            batches.append(seconds)
            gone, total = gone + batch, total + seconds
            if batch < BATCH:
                break
        slowest = max(batches[:-1] or batches)
        print(f"forgot {gone:,} rows in {total:.1f} s ({gone / total:,.0f} rows/s), {len(batches)} batches, "
              f"slowest full batch {slowest * 1000:.0f} ms; "
              f"the last (nothing left) {batches[-1] * 1000:.1f} ms")  # fmt: skip
        kept_at = cutoff(now, RETENTION_DAYS)
        (count, oldest), seconds = timed(lambda: store.kept_count(kept_at))
        age = (now - oldest).days if oldest else 0
        print(f"kept_count: {count:,} kept, the oldest {age} days, {seconds * 1000:.0f} ms")
        _, seconds = timed(lambda: store.kept(kept_at, 50))
        print(f"kept (50 listed of {count:,}): {seconds * 1000:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
