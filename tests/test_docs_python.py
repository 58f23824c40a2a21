"""The Python examples of docs/ run as written (docs/delivery.md's receiver has its own test,
tests/delivery/test_docs_receiver.py). Each gets what its page says it starts from: `settings`, `date`,
`os`, and `message_xml`, a harmonized message of the Kazakh example."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

PROJECT = Path(__file__).parent.parent
PAGES = ["docs/codelists.md", "docs/agreements.md", "docs/formats/uz-customs-json.md"]


def _example(page: str) -> str:
    return (PROJECT / page).read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]


def test_every_python_example_is_listed_here() -> None:
    pages = {
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "docs").glob("**/*.md")
        if "```python" in p.read_text("utf-8")
    }
    assert pages == {*PAGES, "docs/delivery.md"}


@pytest.mark.parametrize("page", PAGES)
def test_the_example_runs(page: str, normalizer: Normalizer, monkeypatch: pytest.MonkeyPatch) -> None:
    if "jsonschema" in _example(page):
        pytest.importorskip("jsonschema", reason="the example validates with the jsonschema package")
    monkeypatch.chdir(PROJECT)
    message = normalizer.normalize((PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()).message
    assert message is not None
    names = {"settings": Settings(), "date": date, "os": os, "message_xml": message.to_xml()}
    exec(compile(_example(page), page, "exec"), names)  # the doc's own example
