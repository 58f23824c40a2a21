"""Group commit on the SQL store: concurrent accepts share a commit, and each caller still gets only its
own outcome, after the commit that made its document durable (SQLite and PostgreSQL; see conftest)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from gateway.store import counting
from gateway.store.port import NewEvent, ReferenceConflict, UnresolvedName
from gateway.store.sql import SqlStore
from tests.store.conftest import fresh_sql_store
from tests.store.test_store import MINUTE, T0, new_message, outbox


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """A fresh, empty SQL store on each database."""
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


class Commits:
    """Counts the commits of the store's accepts (the group commit's transactions on the driver, not read
    transactions such as the look-up of the first message after a repeat or a conflict); the first one
    can be held until released, so that writes pile up, and the commit numbered `failing` fails."""

    def __init__(self, store: SqlStore, hold_first: bool = False, failing: int = 0) -> None:
        self.count, self.failing = 0, failing
        self.first_started, self.release = threading.Event(), threading.Event()
        if not hold_first:
            self.release.set()
        transaction = store._accepts._transaction

        @contextmanager
        def counted() -> Iterator[Any]:
            with transaction() as conn:
                yield conn
                self._commit()  # when the batch is written, just before its commit

        store._accepts._transaction = counted

    def _commit(self) -> None:
        self.count += 1
        if self.count == 1:
            self.first_started.set()
            self.release.wait(10)
        if self.count == self.failing:
            raise RuntimeError("the disk is full")


def accept(store: SqlStore, n: int, reference: str | None = None, digest: str = "d1") -> str:
    message = new_message(f"m-{n}", reference or f"KZ-{n}", digest)
    received = [NewEvent("message:received", None, {})]
    return store.accept(message, outbox("CN", "KG"), received, guessed(f"m-{n}", n)).message_id


def guessed(message_id: str, n: int) -> list[UnresolvedName]:
    """The names every document of these tests leaves unresolved, seen `n` minutes after T0."""
    seen = T0 + n * MINUTE
    return [
        UnresolvedName("place", "Хоргос", "ru", "Cyrl", "KZ", message_id, seen),
        UnresolvedName("party", "ЖШС «Алтын»", "kk", "Cyrl", "KZ", message_id, seen),
    ]


class UnresolvedStatements:
    """Counts the statements the store sends about unresolved-name rows (an executemany is one): the
    upserts and the updates of examples, which go to the driver (counting.py)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for statement, method in ((counting._UPSERT, "run"), (counting._UPDATE_EXAMPLES, "many")):
            monkeypatch.setattr(statement, method, self._counted(getattr(statement, method)))

    def _counted(self, send: Callable[..., Any]) -> Callable[..., Any]:
        def counted(conn: Any, rows: Sequence[Any]) -> Any:
            self.count += 1 if rows else 0
            return send(conn, rows)

        return counted


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(32) as threads:
        yield threads


def while_first_commit_held(
    store: SqlStore, pool: ThreadPoolExecutor, commits: Commits, calls: Sequence[Callable[[], str]]
) -> list[Future[str]]:
    """Start one accept, and `calls` while its commit is held; then let everything go."""
    first = pool.submit(accept, store, 0)
    assert commits.first_started.wait(10)
    later = [pool.submit(call) for call in calls]
    time.sleep(0.3)  # the later accepts are all waiting for the held commit by now
    commits.release.set()
    return [first, *later]


def test_concurrent_accepts_share_commits_and_are_all_kept(
    sql_store: SqlStore, pool: ThreadPoolExecutor
) -> None:
    commits = Commits(sql_store, hold_first=True)
    calls = [partial(accept, sql_store, n) for n in range(1, 25)]
    futures = while_first_commit_held(sql_store, pool, commits, calls)
    assert sorted(f.result() for f in futures) == sorted(f"m-{n}" for n in range(25))
    assert commits.count == 2  # the held one, then one for the 24 that waited for it (reads come after)
    for n in range(25):
        names = [e.name for e in sql_store.events(f"m-{n}")]
        assert names == ["message:received", "delivery:queued", "delivery:queued"]
        assert sorted(d.recipient for d in sql_store.deliveries(f"m-{n}")) == ["CN", "KG"]


def test_a_conflict_in_a_batch_is_its_caller_s_alone(sql_store: SqlStore, pool: ThreadPoolExecutor) -> None:
    commits = Commits(sql_store, hold_first=True)
    calls = [
        lambda: accept(sql_store, 1, reference="KZ-0", digest="other"),  # conflicts with m-0
        lambda: accept(sql_store, 2),
        lambda: accept(sql_store, 3, reference="KZ-2"),  # the same document as m-2, in the same batch
    ]
    first, conflict, second, repeat = while_first_commit_held(sql_store, pool, commits, calls)
    with pytest.raises(ReferenceConflict):
        conflict.result()
    assert (first.result(), second.result(), repeat.result()) == ("m-0", "m-2", "m-2")
    assert commits.count == 2  # the held one, then one for the three that waited for it
    assert sql_store.message("m-1") is None and sql_store.message("m-3") is None
    assert len(sql_store.deliveries("m-2")) == 2


def test_a_failed_commit_fails_every_accept_of_its_batch_and_keeps_none(
    sql_store: SqlStore, pool: ThreadPoolExecutor
) -> None:
    commits = Commits(sql_store, hold_first=True, failing=2)
    calls = [partial(accept, sql_store, n) for n in range(1, 4)]
    first, *batch = while_first_commit_held(sql_store, pool, commits, calls)
    assert first.result() == "m-0"
    for future in batch:
        with pytest.raises(RuntimeError, match="disk is full"):
            future.result()
    for n in range(1, 4):
        assert sql_store.message(f"m-{n}") is None and sql_store.deliveries(f"m-{n}") == []
    assert accept(sql_store, 1) == "m-1"  # posted again, it is kept
    assert [u.count for u in sql_store.unresolved(10)] == [2, 2]  # m-0 and m-1: not the failed batch


def test_a_batch_counts_each_unresolved_name_once_for_all_its_new_messages(
    sql_store: SqlStore, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    commits = Commits(sql_store, hold_first=True)
    statements = UnresolvedStatements(monkeypatch)
    calls = [partial(accept, sql_store, n) for n in range(1, 11)]
    calls += [
        lambda: accept(sql_store, 11, reference="KZ-0", digest="other"),  # a conflict: not counted
        lambda: accept(sql_store, 12, reference="KZ-3"),  # a repeat of m-3: not counted
    ]
    futures = while_first_commit_held(sql_store, pool, commits, calls)
    assert [f.exception() is None for f in futures].count(True) == 12
    # the held commit inserts its two names in one upsert; the batch after it upserts them and adds its
    # examples to the one each held (fewer than five)
    assert statements.count == 3
    counted = {u.text: u for u in sql_store.unresolved(10)}
    assert {text: u.count for text, u in counted.items()} == {"Хоргос": 11, "ЖШС «Алтын»": 11}
    place = counted["Хоргос"]
    assert (place.first_seen, place.last_seen) == (T0, T0 + 10 * MINUTE)
    assert len(place.message_ids) == 5 and "m-0" in place.message_ids
