"""Shared test set-up: no network beyond loopback, warnings as errors (pyproject), golden regeneration."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings
from gateway.store.database import make_engine, migrate
from gateway.store.sql import SqlStore
from gateway.store.tables import metadata

TESTS = Path(__file__).parent
SHARED_REFERENCE = TESTS.parent.parent / "shared" / "reference"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite tests/golden/*/*/expected* from the current output; review the diff before committing.",
    )


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return isinstance(host, str) and host.startswith("/")  # a Unix socket path


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Refuse any connection that would leave this machine."""
    original = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise RuntimeError(f"tests may only connect to loopback, not {address!r}")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture(scope="session")
def normalizer() -> Normalizer:
    """A normalizer over the project's own mappings and code lists."""
    return Normalizer.from_settings(Settings())


def _postgres_programs() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on 127.0.0.1 for the session, started and stopped here; its URL.

    initdb refuses to run as root, so as root the server programs run as the `postgres` user
    (../shared/TOOLING.md). Skips when the server programs are not installed (`./dev setup` installs them).
    """
    programs = _postgres_programs()
    if programs is None:
        pytest.skip("PostgreSQL server programs are not installed (Debian package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="gateway-pg-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    initdb = [str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"]
    subprocess.run([*as_user, *initdb, "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    pg_ctl = [*as_user, str(programs / "pg_ctl"), "-D", str(data), "-l", str(folder / "log")]
    subprocess.run([*pg_ctl, "-w", "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_engine_url(postgres_url: str) -> str:
    """The test server's URL, its database migrated once."""
    engine = make_engine(postgres_url)
    migrate(engine)
    engine.dispose()
    return postgres_url


def empty_postgres(store: SqlStore) -> None:
    """Remove every row the previous test left in a PostgreSQL `SqlStore`."""
    names = ", ".join(table.name for table in metadata.sorted_tables)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
