"""Group commit: the writes of concurrent callers in one transaction, so one commit (one fsync) makes a
whole batch durable.

A caller hands its write (a function of the open connection) to `GroupCommit.write` and blocks. The
first caller that finds no batch being written leads: it takes every write waiting, runs each in its own
savepoint of one transaction, commits, and wakes the callers of its batch. Writes that arrive meanwhile
wait for the next leader. So no caller returns before the commit that holds its write, and a write that
fails (a conflict, a unique key) rolls back to its savepoint alone and raises in its own caller; a commit
that fails raises in every caller of the batch. Alone, a caller leads a batch of one: plain transactions.
An optional `finish(connection, results)` runs once per batch, after its writes and before the commit,
with the results of the writes that succeeded (work that is cheaper done once for the batch, such as
counting what many writes saw); if it fails, the whole batch fails.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Generic, TypeVar

from gateway.store.driver_transaction import DriverTransaction

T = TypeVar("T")
MAX_BATCH = 64


@dataclass(slots=True)
class _Write(Generic[T]):
    """One caller's write, and what came of it once its batch committed."""

    run: Callable[[DriverTransaction], T]
    result: T | None = None
    error: BaseException | None = None
    done: bool = False

    def outcome(self) -> T:
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]  # set when `run` returned


class GroupCommit:
    """Batches writes of concurrent threads into shared transactions opened by `transaction()`."""

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[DriverTransaction]],
        finish: Callable[[DriverTransaction, list[object]], None] | None = None,
    ) -> None:
        self._transaction = transaction
        self._finish = finish
        self._changed = threading.Condition()
        self._waiting: list[_Write[object]] = []
        self._writing = False

    def write(self, run: Callable[[DriverTransaction], T]) -> T:
        """Run `run(connection)` in a transaction shared with concurrent writes; return after the commit."""
        mine: _Write[T] = _Write(run)
        with self._changed:
            self._waiting.append(mine)  # type: ignore[arg-type]  # a batch holds writes of any result
        while True:
            with self._changed:
                while self._writing and not mine.done:
                    self._changed.wait()
                if mine.done:
                    return mine.outcome()
                self._writing = True
                batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            self._lead(batch)

    def _lead(self, batch: list[_Write[object]]) -> None:
        """Write `batch` and wake its callers (and the next leader)."""
        try:
            _commit(self._transaction, batch, self._finish)
        finally:
            with self._changed:
                self._writing = False
                for write in batch:
                    write.done = True
                self._changed.notify_all()


def _commit(
    transaction: Callable[[], AbstractContextManager[DriverTransaction]],
    batch: list[_Write[object]],
    finish: Callable[[DriverTransaction, list[object]], None] | None,
) -> None:
    """Every write of `batch` in one transaction, each in its own savepoint, then `finish` of their
    results; a failed commit (or finish) fails all."""
    try:
        with transaction() as conn:
            if len(batch) == 1:  # alone: no savepoint needed, a failure rolls the transaction back
                batch[0].result = batch[0].run(conn)
            for write in batch if len(batch) > 1 else ():
                _run_in_savepoint(conn, write)
            if finish is not None:
                finish(conn, [write.result for write in batch if write.error is None])
    except BaseException as failed:  # the commit failed: no write of the batch is kept
        for write in batch:
            if write.error is None:
                write.error, write.result = failed, None


def _run_in_savepoint(conn: DriverTransaction, write: _Write[object]) -> None:
    """`write` in a savepoint on the driver (SQLAlchemy's `begin_nested` cost ~0.1 ms a write); a failed
    savepoint statement fails the whole batch."""
    conn.savepoint()
    try:
        write.result = write.run(conn)
    except Exception as failed:  # raised again in the caller of this write
        conn.roll_back_to_savepoint()
        write.error = failed
    else:
        conn.release_savepoint()
