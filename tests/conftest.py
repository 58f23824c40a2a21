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

from gateway.agreements import Agreements
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
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


@pytest.fixture(scope="session")
def agreement_router(normalizer: Normalizer) -> AgreementRouter:
    """The router over the project's agreements (loading them takes most of a second: once), with the
    normalizer's formats as `gateway serve` has them (share's fast path)."""
    return AgreementRouter(Agreements.load(Settings().agreements_dir), normalizer.registry)


def _postgres_programs() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A real PostgreSQL server on 127.0.0.1 in a new temporary folder, which a test may stop and start
    again on the same port. initdb refuses to run as root, so as root the server programs run as the
    `postgres` user (../shared/TOOLING.md)."""

    def __init__(self, programs: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="gateway-pg-"))
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
        self.port, self.programs = _free_port(), programs
        data = self.folder / "data"
        initdb = [str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"]
        initdb += ["-E", "UTF8", "--locale=C.UTF-8"]
        subprocess.run([*self.as_user, *initdb], check=True, capture_output=True)
        self.pg_ctl = [
            *self.as_user,
            str(programs / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "log"),
        ]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> PostgresServer:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c max_connections=200"
        subprocess.run([*self.pg_ctl, "-w", "-o", options, "start"], check=True, capture_output=True)
        return self

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*self.pg_ctl, "-w", "-m", mode, "stop"], check=False, capture_output=True)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def postgres_server() -> PostgresServer:
    """A new PostgreSQL server, started; skips when the server programs are not installed (`./dev setup`
    installs them)."""
    programs = _postgres_programs()
    if programs is None:
        pytest.skip("PostgreSQL server programs are not installed (Debian package postgresql)")
    return PostgresServer(programs).start()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on 127.0.0.1 for the session, started and stopped here; its URL."""
    server = postgres_server()
    try:
        yield server.url
    finally:
        server.remove()


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
