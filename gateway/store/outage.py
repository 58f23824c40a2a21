"""Whether a failure is the store's database being unavailable for a while, and why, in one line.

The database going away (PostgreSQL stopped or restarting, refusing new connections at
``max_connections``, a statement cancelled by ``statement_timeout`` or ``lock_timeout``) or a SQLite
file that cannot be written (read-only folder, disk full, locked past the busy timeout) is not a bug of
the gateway: the request is answered 503 ``store.unavailable`` and may be posted again, and the log
says so in one line instead of a traceback per request. The pool reconnects by itself once the
database answers (``pool_pre_ping``), so nothing needs a restart.

The drivers raise ``OperationalError`` for all of these (psycopg's ``OperationalError`` and its
``QueryCanceled`` and ``LockNotAvailable``, sqlite3's ``OperationalError``) and ``InterfaceError`` for a
connection closed under it; SQLAlchemy wraps them in classes of the same names, and raises its own
``TimeoutError`` when the pool has no connection to give.
SQLite also says ``OperationalError`` for a statement that names no table; that is a bug and stays one.
"""

from __future__ import annotations

from sqlalchemy import exc as sql

_DRIVER_OUTAGES = {"OperationalError", "InterfaceError"}
"""The PEP 249 classes of a database going away: SQLAlchemy's wrappers and the drivers' own (psycopg,
sqlite3), which the store's compiled statements (`gateway.store.driver`) meet unwrapped."""
_NOT_OUTAGES = ("no such table", "no such column", "no such function", "has no column named", "syntax error")
"""What SQLite says, also as an ``OperationalError``, of a statement that is wrong: a bug, not an outage."""
REASON_LENGTH = 200


def unavailable(failure: BaseException) -> str | None:
    """The one-line reason when `failure` (or what it was raised from) is the database being unavailable;
    None for any other failure."""
    seen: BaseException | None = failure
    while seen is not None:
        if isinstance(seen, sql.TimeoutError) or _DRIVER_OUTAGES & {k.__name__ for k in type(seen).__mro__}:
            return _reason(seen)
        seen = seen.__cause__ or seen.__context__
    return None


def _reason(failure: BaseException) -> str | None:
    original = getattr(failure, "orig", None) or failure
    if any(wrong in str(original) for wrong in _NOT_OUTAGES):
        return None
    return f"{type(original).__name__}: {first_line(original)}"


def first_line(failure: BaseException) -> str:
    """The first line of what `failure` says, at most `REASON_LENGTH` characters: drivers' messages go
    on over several lines (a hint, SQLAlchemy's link to its docs) that a log line does not need."""
    lines = str(failure).strip().splitlines()
    return (lines[0] if lines else "")[:REASON_LENGTH]
