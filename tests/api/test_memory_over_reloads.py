"""A gateway runs for months while terminologists change its glossary: after a reload and a document
resolved under the new version, nothing in the running gateway (resolver, resolution stage, share
filters, unresolved queue, metrics, sweeps) holds the old glossary version any more."""

from __future__ import annotations

import gc
import shutil
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.resolve import Resolver
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.stage import NameResolution
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.sql import open_store
from tests.api.conftest import CHECK_SECONDS, Gateway, ServerThread, example, issue_keys


@pytest.fixture
def served(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[tuple[Gateway, Resolver, Path]]:
    """A gateway (SQLite store, sweeps on) whose resolver follows a copy of the project's glossary."""
    shutil.copytree(Settings().glossary_dir, tmp_path / "glossary")
    (tmp_path / "data").mkdir()
    settings = Settings(
        glossary_dir=tmp_path / "glossary", glossary_check_seconds=CHECK_SECONDS, data_dir=tmp_path / "data"
    )
    resolver = resolver_from_settings(settings, normalizer.codelists)
    own = Normalizer(
        normalizer.registry, normalizer.codelists, normalizer.limits, normalizer.model,
        NameResolution(resolver, normalizer.model),
    )  # fmt: skip
    store = open_store(settings)
    tokens = issue_keys(store)
    server = ServerThread(create_app(settings, store=store, normalizer=own, router=agreement_router))
    server.server.config.lifespan = "on"
    with server as url, httpx.Client(base_url=url, timeout=30) as client:
        yield Gateway(url, store, client, tokens), resolver, settings.glossary_dir


def post(gateway: Gateway, number: int) -> None:
    document = example("kz-eaeu-pi-manifest.xml").replace(b"ATS-2024-0514-01", f"ATS-MEM-{number}".encode())
    document = document.replace(b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", f"mem-{number}".encode())
    assert gateway.post("kz-national", document).status_code == 202


def test_the_old_glossary_version_is_freed_after_a_reload(served: tuple[Gateway, Resolver, Path]) -> None:
    gateway, resolver, folder = served
    post(gateway, 1)
    old = weakref.ref(resolver.glossary())
    with (folder / "places.csv").open("a", encoding="utf-8") as places:
        places.write("place,kk,Жаңаауыл,Zhanaauyl,Zhanaauyl,,test row\n")
    deadline = time.monotonic() + 10
    while resolver.glossary() is old() and time.monotonic() < deadline:
        time.sleep(CHECK_SECONDS)
    post(gateway, 2)
    assert gateway.get("terminologist", "/v1/unresolved").status_code == 200
    time.sleep(CHECK_SECONDS * 3)  # the sweeps' turn under the new version
    gc.collect()
    assert old() is None
