"""A real gateway on 127.0.0.1 for each test (uvicorn in a thread), with a key for every role."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from gateway.access.keys import create_key
from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.service.recipients import Router
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.port import Role, Store

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
CHECK_SECONDS = 0.05
"""How often a gateway that follows its agreements folder looks at the files, in these tests."""
KEYS: dict[str, tuple[str, str | None, Role]] = {
    "kz-national": ("Kazakhstan State Revenue Committee", "KZ", "national"),
    "kz-partner": ("Kazakhstan border service", "KZ", "partner"),
    "cn-national": ("GACC", "CN", "national"),
    "cn-partner": ("GACC Urumqi customs", "CN", "partner"),
    "kg-partner": ("Kyrgyz customs service", "KG", "partner"),
    "terminologist": ("Hub glossary team", None, "terminologist"),
    "operator": ("Hub operations", None, "operator"),
}


@dataclass
class Gateway:
    """A running gateway: its URL, its store, a client, and a token per key name of `KEYS`."""

    url: str
    store: Store
    client: httpx.Client
    tokens: dict[str, str]

    def headers(self, key: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[key]}"} if key else {}

    def post(self, key: str | None, body: bytes) -> httpx.Response:
        return self.client.post("/v1/documents", content=body, headers=self.headers(key))

    def get(self, key: str | None, path: str, **params: object) -> httpx.Response:
        return self.client.get(path, headers=self.headers(key), params=params)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerThread:
    """uvicorn serving `app` on 127.0.0.1 in a thread of the test process."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.005)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def issue_keys(store: Store) -> dict[str, str]:
    """A token for every key of `KEYS`."""
    return {
        name: create_key(store, organisation, country, role, store.clock())[1]  # type: ignore[attr-defined]
        for name, (organisation, country, role) in KEYS.items()
    }


@pytest.fixture
def settings() -> Settings:
    return Settings()


def running(settings: Settings, store: Store, normalizer: Normalizer, router: Router) -> Iterator[Gateway]:
    """A gateway over `store` on loopback, for the length of the `with`."""
    tokens = issue_keys(store)
    app = create_app(settings, store=store, normalizer=normalizer, router=router)
    with ServerThread(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield Gateway(url, store, client, tokens)


@pytest.fixture
def gateway(
    settings: Settings, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    """A gateway with an in-memory store."""
    yield from running(settings, MemoryStore(), normalizer, agreement_router)


@pytest.fixture
def agreements_folder(tmp_path: Path) -> Path:
    """A copy of the project's agreements, for a test that edits them while its gateway runs."""
    copy = tmp_path / "agreements"
    shutil.copytree(Settings().agreements_dir, copy)
    return copy


def following(folder: Path, normalizer: Normalizer, lifespan: bool = False) -> Iterator[Gateway]:
    """A gateway built from its settings as `gateway serve` builds it, its agreements following `folder`
    (looked at every CHECK_SECONDS), its background sweeps running when `lifespan`."""
    settings = Settings(agreements_dir=folder, agreements_check_seconds=CHECK_SECONDS)
    store = MemoryStore()
    tokens = issue_keys(store)
    server = ServerThread(create_app(settings, store=store, normalizer=normalizer))
    server.server.config.lifespan = "on" if lifespan else "off"
    with server as url, httpx.Client(base_url=url, timeout=30) as client:
        yield Gateway(url, store, client, tokens)


def example(name: str) -> bytes:
    """The bytes of a file in examples/."""
    return (EXAMPLES / name).read_bytes()


def kz_numbered(n: int) -> bytes:
    """The Kazakh example manifest under a reference of its own (the same bytes twice are one message)."""
    return example("kz-eaeu-pi-manifest.xml").replace(b"3f6c1e2a", f"3f6c{n:04x}".encode())
