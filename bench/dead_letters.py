"""How long the dead-letter list takes for a partner that was down all night.

Writes --letters dead push deliveries (each after two failed attempts with a 503 and Retry-After) to a
SQLite store file, then times, median of --repeats: the store's plain list (`store.dead_letters`), the
operator's first page of the list with what the attempts saw
(`gateway.delivery.dead_letters.dead_letter_page`, the API's default of 100), every page of 500 read
after a cursor (one `message_events` query per page), and the same facts read with one `events` query
per message (how it would be without `message_events`).

    .venv/bin/python bench/dead_letters.py
    .venv/bin/python bench/dead_letters.py --letters 20000 --repeats 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gateway.delivery.dead_letters import DEFAULT_PAGE, MAX_PAGE, DeadLetter, dead_letter_page, describe
from gateway.store.port import Outcome
from gateway.store.sql import SqlStore
from tests.delivery.outbox import accept_documents

BUSY = "push.http-503: HTTP 503 [Retry-After 120] Service Unavailable"


def night(store: SqlStore, letters: int) -> None:
    now = datetime.now(UTC)
    accept_documents(store, letters, "http://127.0.0.1:9/inbox", now)
    for delivery_id in range(1, letters + 1):
        store.claim(delivery_id, "w", now + timedelta(minutes=1), now)
        store.finish(delivery_id, "w", Outcome.retry(now, now, BUSY))
        store.claim(delivery_id, "w", now + timedelta(minutes=1), now)
        store.finish(delivery_id, "w", Outcome.dead(now, f"{BUSY} (the retry schedule is used up)"))


def per_message(store: SqlStore) -> int:
    now = datetime.now(UTC)
    letters = store.dead_letters("KG")
    return len([describe(letter, store.events(letter.message_id), now) for letter in letters])


def first_page(store: SqlStore) -> list[DeadLetter]:
    return dead_letter_page(store, "KG", datetime.now(UTC)).letters


def walk(store: SqlStore) -> int:
    """Read the whole list page by page, as an operator's script would."""
    seen, after = 0, 0
    while True:
        page = dead_letter_page(store, "KG", datetime.now(UTC), after=after, limit=MAX_PAGE)
        seen += len(page.letters)
        if page.next_after is None:
            return seen
        after = page.next_after


def median_ms(run: Callable[[], object], repeats: int, before: Callable[[], object] = lambda: None) -> float:
    """The median milliseconds of `run()` over `repeats` runs, each after an untimed `before()`."""
    times = []
    for _ in range(repeats):
        before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = SqlStore.open(f"sqlite:///{folder}/gateway.sqlite3")
        night(store, arguments.letters)
        plain = median_ms(lambda: len(store.dead_letters("KG")), arguments.repeats)
        page = median_ms(lambda: len(first_page(store)), arguments.repeats)
        listed = median_ms(lambda: walk(store), arguments.repeats)
        naive = median_ms(lambda: per_message(store), arguments.repeats)
        store.close()
    print(f"{arguments.letters} dead letters of one partner, SQLite, median of {arguments.repeats}:")
    print(f"  store.dead_letters, all rows at once:               {plain:8.1f} ms")
    print(f"  one page of {DEFAULT_PAGE} with what its attempts saw:      {page:8.1f} ms")
    print(f"  every page of {MAX_PAGE} after a cursor (bulk events):    {listed:8.1f} ms")
    print(f"  the same with one events query per message:         {naive:8.1f} ms")


if __name__ == "__main__":
    main()
