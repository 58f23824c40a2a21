"""What an operator sees of the unresolved queue's background check after a glossary change, served:
`PYTHONPATH=. .venv/bin/python plans/tools/queue_after_change.py [--names N] [--workers K] [--changes C]`.

A SQLite store with N made-up place names in the unresolved queue (none known, sent from KZ), a copy of
the project's glossary, and `gateway serve --workers K` on 127.0.0.1 with its background sweeps (the
glossary looked at every GATEWAY_GLOSSARY_CHECK_SECONDS, 2 s). Waits until every name is checked
against the glossary in force, then C times: appends a row to the glossary's goods.csv (a new version)
and prints how long until every name is checked against the new version (read from the store: no read
of the API, which would check names itself), and the longest any name stayed unchecked. Session 14
noted that claims wait out their 60 s lease after a glossary change: with it, the figure would be
~60 s whatever N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.port import UnresolvedName
from gateway.store.sql import SqlStore
from gateway.store.tables import unresolved

LETTERS = "абвгдежзиклмнопрстуфхқңғүұөәі"


def names(count: int) -> list[UnresolvedName]:
    now = datetime.now(UTC)
    made = []
    for n in range(count):
        word = "".join(LETTERS[(n * 7 + i * 13 + n // 29) % len(LETTERS)] for i in range(7)).capitalize()
        made.append(UnresolvedName("place", f"{word}{n}", "kk", "Cyrl", "KZ", None, now))
    return made


def versions(store: SqlStore) -> dict[str | None, int]:
    with store.engine.connect() as conn:
        query = select(unresolved.c.checked_in, func.count()).group_by(unresolved.c.checked_in)
        return {version: count for version, count in conn.execute(query).all()}


def wait_all_checked(store: SqlStore, count: int, before: set[str | None], limit: float) -> tuple[float, str]:
    """Seconds until one version other than those `before` holds all `count` names."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        found = versions(store)
        for version, checked in found.items():
            if version not in before and checked == count:
                return time.monotonic() - started, str(version)
        time.sleep(0.1)
    raise SystemExit(f"not every name checked after {limit} s: {versions(store)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--changes", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="queue-change-"))
    glossary = folder / "glossary"
    shutil.copytree(Settings().glossary_dir, glossary)
    store = SqlStore.open(sqlite_url(folder / "gateway.sqlite3"))
    store.record_unresolved(names(args.names))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"GATEWAY_DATA_DIR": str(folder), "GATEWAY_GLOSSARY_DIR": str(glossary)}
    command = [sys.executable, "-m", "gateway.cli.main", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(args.workers)], env=env, stderr=(folder / "log").open("w")
    )
    try:
        seconds, version = wait_all_checked(store, args.names, {None}, 300)
        head = f"{args.names} names, --workers {args.workers}"
        print(f"{head}: all checked against {version} after {seconds:.1f} s (the start included)")
        for change in range(args.changes):
            with (glossary / "goods.csv").open("a", encoding="utf-8") as rows:
                rows.write(f"goods,ru,пшеница сорта {change},wheat of grade {change},,1001,\n")
            seconds, new = wait_all_checked(store, args.names, {version}, 300)
            print(
                f"change {change + 1}: all {args.names} checked against {new} {seconds:.1f} s after the edit"
            )
            version = new
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        store.close()
    lines = (folder / "log").read_text(encoding="utf-8").splitlines()
    checked = [line for line in lines if "names checked against glossary" in line]
    print(f"{len(checked)} check lines in the log; folder {folder}")


if __name__ == "__main__":
    main()
