"""Walk the database and Redis going away under a running gateway, as an operator meets them at night.

    .venv/bin/python bench/outages.py postgresql pg-down max-connections lock redis-down redis-full
    .venv/bin/python bench/outages.py sqlite disk-full

`postgresql` starts PostgreSQL (as the `postgres` user when run as root), Redis, a partner's push
endpoint, `gateway serve --workers 2` and `gateway worker` (two processes); `sqlite` starts
`gateway serve` alone with its SQLite file on a 40 MB tmpfs (root only: it mounts it). Two clients post
Kazakh manifests (each its own EDocId) all along, and a third reads /health and /ready every 0.5 s,
while each named fault is made and undone in turn. It prints, by phase, the answers (status, problem
code, Retry-After), the slowest answer, the probes, whether every acknowledged document reached the
partner once, the metrics, and the log lines counted by event (and tracebacks). Nothing leaves
127.0.0.1. plans/notes-ops16.md has a run's figures.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "delivery")]
from redis_server import RedisServer, free_port  # noqa: E402
from webhook_partner import Partner  # noqa: E402

from gateway.access.keys import create_key  # noqa: E402
from gateway.delivery.webhooks import WebhookSecret  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402
from tests.conftest import postgres_server  # noqa: E402

DOCUMENT = (ROOT / "examples" / "kz-eaeu-pi-manifest.xml").read_text(encoding="utf-8")
FIRST_ID = "3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10"
DOWN_SECONDS = 30


class Walk:
    def __init__(self, store: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="outages-"))
        self.phase = "baseline"
        self.answers: list[tuple[str, tuple[object, ...], str | None, float]] = []
        self.probes: list[tuple[str, object, object]] = []
        self.stop = threading.Event()
        self.secret = str(WebhookSecret.generate())
        self.partner = Partner([self.secret]).start()
        self.processes: list[subprocess.Popen[bytes]] = []
        self.postgres: Any = None
        self.redis: RedisServer | None = None
        if store == "postgresql":
            self.postgres = postgres_server()
            self.redis = RedisServer(self.folder).start()
            self.url = self.postgres.url
        else:
            self.mount = self.folder / "data"
            self.mount.mkdir()
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(self.mount)], check=True)
            self.url = f"sqlite:///{self.mount}/gateway.sqlite3"
        self.environment = self._environment()
        store_ = SqlStore.open(self.url)
        self.token = create_key(store_, "KZ SRC", "KZ", "national", store_.clock())[1]
        store_.close()
        self.port = free_port()
        serve = ["serve", "--port", str(self.port)] + (["--workers", "2"] if self.redis else [])
        self._start(serve, "serve.log")
        if self.redis:
            self._start(["worker"], "worker.log")
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait_ready()

    def _environment(self) -> dict[str, str]:
        agreements = self.folder / "agreements"
        shutil.copytree(Settings().agreements_dir, agreements)
        path = agreements / "cn-kz.yaml"
        head, tail = path.read_text(encoding="utf-8").split("  - from: KZ\n", 1)
        push = f"delivery: {{method: push, endpoint: '{self.partner.url}', secret: {{env: PUSH_SECRET}}}}"
        tail = tail.replace("delivery: {method: pull}", push, 1)
        tail = re.sub(r"retry: \[[^\]]*\]", "retry: [" + ", ".join(["1s"] * 60) + "]", tail, count=1)
        path.write_text(head + "  - from: KZ\n" + tail, encoding="utf-8")
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "GATEWAY_DATABASE_URL": self.url}
        environment |= {"GATEWAY_AGREEMENTS_DIR": str(agreements), "PUSH_SECRET": self.secret}
        environment["GATEWAY_DELIVERY_SWEEP_SECONDS"] = "1"
        if self.redis:
            environment["GATEWAY_REDIS_URL"] = self.redis.url
        return environment

    def _start(self, arguments: list[str], log: str) -> None:
        with open(self.folder / log, "wb") as out:
            command = [sys.executable, "-m", "gateway.cli.main", *arguments]
            self.processes.append(subprocess.Popen(command, env=self.environment, stdout=out, stderr=out))

    def _wait_ready(self) -> None:
        for _ in range(600):
            try:
                if httpx.get(self.base + "/ready").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the gateway did not get ready")

    def post(self) -> None:
        with httpx.Client(base_url=self.base, timeout=40) as client:
            while not self.stop.is_set():
                body = DOCUMENT.replace(FIRST_ID, str(uuid.uuid4())).encode()
                headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/xml"}
                started = time.monotonic()
                outcome: tuple[object, ...]
                try:
                    answer = client.post("/v1/documents", content=body, headers=headers)
                    problem = answer.json() if "json" in answer.headers.get("content-type", "") else {}
                    outcome = (answer.status_code, problem.get("code"), answer.headers.get("retry-after"))
                    message_id = problem.get("message_id")
                except httpx.HTTPError as exc:
                    outcome, message_id = (type(exc).__name__, None, None), None
                self.answers.append((self.phase, outcome, message_id, time.monotonic() - started))
                time.sleep(0.1)

    def probe(self) -> None:
        with httpx.Client(base_url=self.base, timeout=10) as client:
            while not self.stop.is_set():
                try:
                    self.probes.append(
                        (self.phase, client.get("/health").status_code, client.get("/ready").status_code)
                    )
                except httpx.HTTPError as exc:
                    self.probes.append((self.phase, type(exc).__name__, None))
                time.sleep(0.5)

    def hold(self, phase: str, seconds: float) -> None:
        self.phase = phase
        print("phase", phase, flush=True)
        time.sleep(seconds)

    def metrics(self) -> str:
        try:
            lines = httpx.get(self.base + "/metrics").text.splitlines()
        except httpx.HTTPError as exc:
            return repr(exc)
        shown = ("gateway_store", "gateway_documents", "gateway_deliveries")
        return "\n".join(line for line in lines if line.startswith(shown) and "_created" not in line)

    def fault(self, name: str) -> None:
        getattr(self, "fault_" + name.replace("-", "_"))()
        print(self.metrics(), flush=True)

    def fault_pg_down(self) -> None:
        self.postgres.stop()
        self.hold("pg-down", DOWN_SECONDS)
        self.postgres.start()
        self.hold("pg-back", 8)

    def fault_max_connections(self) -> None:
        held: list[psycopg.Connection[Any]] = []
        address = f"host=127.0.0.1 port={self.postgres.port} user=postgres dbname=postgres"
        try:
            while len(held) < 1000:
                held.append(psycopg.connect(address))
        except psycopg.OperationalError as exc:
            print(f"{len(held)} connections held: {str(exc).strip()}")
        self.hold("pg-max-connections", 15)
        for connection in held:
            connection.close()
        self.hold("pg-connections-free", 8)

    def fault_lock(self) -> None:
        holder = psycopg.connect(f"host=127.0.0.1 port={self.postgres.port} user=postgres dbname=postgres")
        holder.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE")
        self.hold("pg-locked", 20)
        holder.rollback()
        holder.close()
        self.hold("pg-unlocked", 10)

    def fault_redis_down(self) -> None:
        assert self.redis is not None
        self.redis.stop()
        self.hold("redis-down", 15)
        self.redis.start()
        self.hold("redis-back", 8)

    def fault_redis_full(self) -> None:
        assert self.redis is not None
        client = self.redis.client()
        client.config_set("maxmemory-policy", "noeviction")
        client.config_set("maxmemory", int(client.info("memory")["used_memory"]) + 1000)
        self.hold("redis-full", 15)
        client.config_set("maxmemory", 0)
        self.hold("redis-freed", 8)

    def fault_disk_full(self) -> None:
        filler = self.mount / "filler"
        fill = ["dd", "if=/dev/zero", f"of={filler}", "bs=1M", "count=100"]
        subprocess.run(fill, check=False, capture_output=True)  # dd stops when the disk is full: the point
        self.hold("sqlite-disk-full", 15)
        filler.unlink()
        self.hold("sqlite-space-again", 8)

    def report(self) -> None:
        print("answers by phase (status, code, retry-after): count, slowest s")
        counted = collections.Counter((phase, outcome) for phase, outcome, _, _ in self.answers)
        slowest: dict[str, float] = collections.defaultdict(float)
        for phase, _, _, seconds in self.answers:
            slowest[phase] = max(slowest[phase], seconds)
        for (phase, outcome), count in counted.items():
            print(f"  {phase:22} {outcome}: {count}, slowest {slowest[phase]:.2f}")
        print("probes (phase, /health, /ready):", sorted(collections.Counter(self.probes).items(), key=str))
        acknowledged = {f"msg_{m}_CN" for _, outcome, m, _ in self.answers if outcome[0] == 202}
        received = set(self.partner.received)
        print(f"acknowledged {len(acknowledged)}, arrived {len(acknowledged & received)}, "
              f"missing {len(acknowledged - received)}, unknown {len(received - acknowledged)}, "
              f"repeats dropped by the partner {sum(self.partner.duplicates.values())}")  # fmt: skip
        print(self.metrics())

    def close(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            process.wait(30)
        self.partner.stop()
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.remove()
        else:
            subprocess.run(["umount", "-l", str(self.mount)], check=False)
        for log in sorted(self.folder.glob("*.log")):
            _count_events(log)


def _count_events(log: Path) -> None:
    lines = log.read_text(errors="replace").splitlines()
    events: collections.Counter[tuple[object, ...]] = collections.Counter()
    for line in lines:
        try:
            fields = json.loads(line)
        except ValueError:
            events[("not json", line[:80])] += 1
            continue
        events[(fields.get("level"), fields.get("logger"), fields.get("event"), fields.get("code"))] += 1
    print(f"{log.name}: {len(lines)} lines, {sum('Traceback' in line for line in lines)} with a traceback")
    for event, count in events.most_common(20):
        print(f"  {count:6} {event}")


def main(store: str, faults: list[str]) -> None:
    walk = Walk(store)
    threads = [threading.Thread(target=walk.post), threading.Thread(target=walk.post)]
    threads.append(threading.Thread(target=walk.probe))
    for thread in threads:
        thread.start()
    try:
        walk.hold("baseline", 4)
        for fault in faults:
            walk.fault(fault)
        walk.hold("drain", 15)
    finally:
        walk.stop.set()
        for thread in threads:
            thread.join()
        time.sleep(5)  # the last deliveries
        walk.report()
        walk.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
