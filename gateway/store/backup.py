"""An online backup of a SQLite store while the gateway runs (`gateway store backup DEST`).

SQLite's online backup (`sqlite3.Connection.backup`, the C API's ``sqlite3_backup_*``) copies every page
of the database as one read transaction sees it: in WAL mode writers go on meanwhile, and what they
commit after the copy began is not in it, so the copy is one consistent state of the store, the last
commits still in ``gateway.sqlite3-wal`` included (a ``cp`` of the file alone misses them). The copy is
written beside DEST under a temporary name, checked (``PRAGMA quick_check``), written to disk (fsync)
and only then renamed to DEST, its folder synced: DEST is the previous backup or the new one whole,
never half of one, whatever stops the command. A command killed outright (SIGKILL, a power cut) leaves
its temporary file, a near-whole copy of the store that no rotation by name finds: the next backup into
that folder deletes the temporary files of backups that no longer run.

PostgreSQL has its own tool (``pg_dump``); this module refuses it rather than guess.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

BUSY_MS = 30_000
"""How long the backup's read waits for a writer that holds the database's lock (a checkpoint)."""


class BackupRefused(Exception):
    """The store cannot be backed up by this command: `reason` says why and what to use instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Backup:
    """What a backup wrote: the file, its size, its pages and the messages it holds."""

    path: Path
    bytes: int
    pages: int
    messages: int
    swept: tuple[Path, ...] = ()
    """The temporary files of killed backups this one deleted from its folder."""


def sqlite_path(url: str) -> Path:
    """The file of the SQLite store at `url`; `BackupRefused` for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupRefused(
            f"the store is {parsed.get_backend_name()} ({parsed.render_as_string(hide_password=True)}): "
            "back it up with its own tool, pg_dump (docs/operations.md, Backing up)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise BackupRefused("the store is a SQLite database in memory: there is no file to back up")
    return Path(parsed.database)


def back_up(source: Path, destination: Path) -> Backup:
    """Copy the SQLite database `source` to `destination` whole and consistent while others write it."""
    if not source.is_file():
        raise BackupRefused(f"no SQLite store at {source}")
    destination = destination.absolute()
    if destination.resolve() in {source.resolve(), *_beside(source.resolve())}:
        raise BackupRefused(f"{destination} is the store itself: name another file")
    if destination.is_dir():
        raise BackupRefused(f"{destination} is a folder: name the file to write")
    if not destination.parent.is_dir():
        raise BackupRefused(f"no folder {destination.parent}: make it first")
    swept = sweep_killed(destination.parent)
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    try:
        backup = _copy(source, temporary)
        os.replace(temporary, destination)
    finally:
        for leftover in (temporary, *_beside(temporary)):
            leftover.unlink(missing_ok=True)
    _sync_folder(destination.parent)
    return Backup(destination, backup.bytes, backup.pages, backup.messages, swept)


_TEMPORARY = re.compile(r"^\..+\.(\d+)\.partial(-wal|-shm|-journal)?$")


def sweep_killed(folder: Path) -> tuple[Path, ...]:
    """Delete the temporary files (`.NAME.PID.partial`, and SQLite's files beside them) that backups
    into `folder` left when they were killed: those whose process no longer runs. A backup still running
    (another PID alive) keeps its own."""
    swept = []
    for entry in sorted(folder.iterdir()):
        found = _TEMPORARY.match(entry.name)
        if found is None or not entry.is_file() or _running(int(found.group(1))):
            continue
        entry.unlink(missing_ok=True)
        swept.append(entry)
    return tuple(swept)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    return True


def _copy(source: Path, temporary: Path) -> Backup:
    reading = sqlite3.connect(f"{source.absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_MS / 1000)
    try:
        writing = sqlite3.connect(temporary)
        try:
            reading.backup(writing)  # every page in one step: one read transaction, one state
            writing.execute("PRAGMA journal_mode=DELETE")  # one file; the gateway turns WAL on again
            (checked,) = writing.execute("PRAGMA quick_check").fetchone()
            if checked != "ok":
                raise BackupRefused(f"the copy does not check: {checked}")
            (pages,) = writing.execute("PRAGMA page_count").fetchone()
            (messages,) = writing.execute("SELECT count(*) FROM messages").fetchone()
        finally:
            writing.close()
    finally:
        reading.close()
    with temporary.open("rb") as written:
        os.fsync(written.fileno())
    return Backup(temporary, temporary.stat().st_size, pages, messages)


def _beside(database: Path) -> tuple[Path, ...]:
    """The files SQLite keeps beside `database`: its write-ahead log, shared memory and journal."""
    return tuple(database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: a folder's entries reach the disk when the folder is synced."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # a file system that cannot sync a folder (some network ones)
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
