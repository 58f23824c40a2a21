"""A request hops from the event loop to a worker thread only for work that blocks: a posted document
once (its key check and its receiving), never for reading the app's services.

Each hop costs a handoff between threads under the GIL; a served gateway paid two per document, one of
them for the `services` dependency, which FastAPI ran in a worker thread because it was a plain function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest

from tests.api.conftest import Gateway, example


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every function run in a worker thread from now on (the server runs in this process)."""
    names: list[str] = []
    original = anyio.to_thread.run_sync

    async def counted(function: Callable[..., Any], *arguments: object, **options: Any) -> Any:
        called = getattr(function, "func", function)  # starlette hands over a functools.partial
        names.append(getattr(called, "__name__", repr(called)))
        return await original(function, *arguments, **options)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    return names


def test_a_posted_document_takes_one_thread_hop(gateway: Gateway, hops: list[str]) -> None:
    answer = gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml"))
    assert answer.status_code == 202, answer.text
    assert hops == ["_receive"]


def test_reading_the_services_takes_no_thread_hop(gateway: Gateway, hops: list[str]) -> None:
    assert gateway.client.get("/ready").status_code == 200
    assert "services" not in hops
