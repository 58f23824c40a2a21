"""`gateway store backup DEST` while the gateway runs and takes posts: the copy restored under another
gateway serves the same messages, the same inbox from the same cursor, and the same keys; PostgreSQL and
a destination that is the store itself are refused."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from gateway.api.app import create_app
from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, ServerThread, kz_numbered, running


@pytest.fixture
def live(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    """A gateway on the SQLite store of GATEWAY_DATA_DIR, as `gateway serve` has it."""
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path / "live"))
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    monkeypatch.delenv("GATEWAY_RETENTION_DAYS", raising=False)
    store = SqlStore.open(sqlite_url(tmp_path / "live" / "gateway.sqlite3"))
    yield from running(Settings(), store, normalizer, agreement_router)
    store.close()


def seen(gateway: Gateway, message_ids: list[str], cursor: int) -> tuple[object, ...]:
    """What the sender and the partner see: each message's status, the inbox, the inbox after `cursor`
    (as far as those messages go: the posts during the backup come after them)."""
    statuses = [gateway.get("kz-national", f"/v1/messages/{m}").json() for m in message_ids]
    return (
        statuses,
        gateway.get("cn-partner", "/v1/inbox/CN", limit=len(message_ids) - 1).json(),
        gateway.get("cn-partner", "/v1/inbox/CN", after=cursor - 1, limit=2).json(),
    )


def test_a_backup_taken_under_posts_restores_into_a_gateway_that_serves_the_same(
    live: Gateway, tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> None:
    message_ids = [live.post("kz-national", kz_numbered(n)).json()["message_id"] for n in range(4)]
    first = live.get("cn-partner", "/v1/inbox/CN", limit=1).json()
    cursor = first["next_after"]
    acknowledged = live.client.post(
        f"/v1/inbox/CN/{cursor}/acknowledgement", headers=live.headers("cn-partner")
    )
    assert acknowledged.status_code == 204
    before = seen(live, message_ids, cursor)
    posting = threading.Event()
    later: list[int] = []

    def post_meanwhile() -> None:  # the gateway keeps writing while the copy is taken
        n = 100
        while not posting.is_set():
            assert live.post("kz-national", kz_numbered(n)).status_code == 202
            later.append(n)
            n += 1

    (tmp_path / "backups").mkdir()
    poster = threading.Thread(target=post_meanwhile)
    poster.start()
    try:
        result = CliRunner().invoke(main, ["store", "backup", str(tmp_path / "backups" / "b.sqlite3")])
    finally:
        posting.set()
        poster.join(60)
    assert result.exit_code == 0, result.output
    wrote, reminder = result.output.splitlines()
    backup = tmp_path / "backups" / "b.sqlite3"
    assert wrote.startswith(f"wrote {backup}: {backup.stat().st_size} bytes, ")
    assert reminder.startswith("retention: GATEWAY_RETENTION_DAYS is unset")
    assert sorted(p.name for p in backup.parent.iterdir()) == ["b.sqlite3"], "no temporary file left"

    restored_file = tmp_path / "restored" / "gateway.sqlite3"
    restored_file.parent.mkdir()
    shutil.copy(backup, restored_file)
    restored = SqlStore.open(sqlite_url(restored_file))
    app = create_app(Settings(), store=restored, normalizer=normalizer, router=agreement_router)
    try:
        with ServerThread(app) as url, httpx.Client(base_url=url, timeout=30) as client:
            again = Gateway(url, restored, client, live.tokens)  # the keys came with the store
            assert seen(again, message_ids, cursor) == before
            inbox = again.get("cn-partner", "/v1/inbox/CN", limit=500).json()["items"]
            counted = int(wrote.split(" pages, ")[1].split(" messages")[0])
            assert len(inbox) + 1 == counted, "every message copied with its delivery: one state"
            assert counted - len(message_ids) <= len(later) < 500
    finally:
        restored.close()


def test_the_reminder_names_the_retention_period(
    live: Gateway, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_RETENTION_DAYS", "1826")
    result = CliRunner().invoke(main, ["store", "backup", str(tmp_path / "b.sqlite3")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        "retention: the store empties messages after 1826 days (GATEWAY_RETENTION_DAYS) and this backup "
        "keeps them: delete it within 1826 days (docs/operations.md, Backing up)"
    )


def test_postgresql_is_refused_with_its_own_tool_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_DATABASE_URL", "postgresql+psycopg://gateway:s3cret@127.0.0.1:1/gateway")
    result = CliRunner().invoke(main, ["store", "backup", str(tmp_path / "b.sqlite3")])
    assert result.exit_code == 1
    assert "back it up with its own tool, pg_dump" in result.output and "s3cret" not in result.output
    assert not (tmp_path / "b.sqlite3").exists()


def test_the_store_itself_is_not_a_destination(live: Gateway, tmp_path: Path) -> None:
    store = tmp_path / "live" / "gateway.sqlite3"
    for destination in (store, store.with_name("gateway.sqlite3-wal")):
        result = CliRunner().invoke(main, ["store", "backup", str(destination)])
        assert result.exit_code == 1 and "is the store itself" in result.output
    assert live.get(None, "/ready").status_code == 200


def test_the_temporary_files_of_a_killed_backup_are_deleted_by_the_next_one(
    live: Gateway, tmp_path: Path
) -> None:
    """A backup killed outright (SIGKILL, a power cut) leaves `.NAME.PID.partial`, a near-whole copy of
    the store that the docs' rotation (`find -name 'gateway-*.sqlite3'`) never matches: it would keep
    messages past the retention. The next backup into the folder deletes it; a backup still running
    keeps its own."""
    folder = tmp_path / "backups"
    folder.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        killed = folder / f".gateway-2026-11-24.sqlite3.{dead.pid}.partial"
        running_now = folder / f".gateway-2026-11-25.sqlite3.{alive.pid}.partial"
        other = folder / "notes.partial"
        for path in (killed, killed.with_name(killed.name + "-journal"), running_now, other):
            path.write_bytes(b"SQLite format 3\0")
        result = CliRunner().invoke(main, ["store", "backup", str(folder / "gateway-2026-11-26.sqlite3")])
        assert result.exit_code == 0, result.output
        assert f"deleted {killed}: left by a backup that was killed" in result.output.splitlines()
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["gateway-2026-11-26.sqlite3", running_now.name, other.name]
        )
    finally:
        alive.kill()
        alive.wait()
