"""A terminologist edits the glossary of a running gateway (a real server on 127.0.0.1, its glossary a
copy of the project's, its background sweeps on): a name given a row leaves `GET /v1/unresolved` and
`gateway glossary unresolved --csv` while the names still unresolved keep their counts, and a broken
edit is logged and shown in the metrics with no document posted."""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from gateway.api.app import create_app
from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.stage import NameResolution
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.sql import open_store
from tests.api.conftest import CHECK_SECONDS, Gateway, ServerThread, example, issue_keys

PARTY = "ООО «Хоргос Тяньфу Трейд»"
ROW = f"party,ru,{PARTY},Khorgos Tianfu Trade LLC,Khorgos Tianfu Trade,,registry of Xinjiang 2024\n"
HEADER = "kind,language,term,english,latin,code,note\n"


class Records(logging.Handler):
    """The records of one logger, whatever the gateway's logging set-up does with propagation."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A glossary folder (a copy of the project's) looked at every CHECK_SECONDS, a SQLite store."""
    shutil.copytree(Settings().glossary_dir, tmp_path / "glossary")
    (tmp_path / "data").mkdir()
    return Settings(
        glossary_dir=tmp_path / "glossary", glossary_check_seconds=CHECK_SECONDS, data_dir=tmp_path / "data"
    )


@pytest.fixture
def served(
    settings: Settings, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    """A gateway whose resolver follows `settings`' glossary (the session's code lists and mappings),
    started with its lifespan: warmed, and sweeping."""
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
        yield Gateway(url, store, client, tokens)


def post(gateway: Gateway, number: int) -> None:
    document = example("kz-eaeu-pi-manifest.xml").replace(b"ATS-2024-0514-01", f"ATS-GL-{number}".encode())
    document = document.replace(b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", f"gl-{number}".encode())
    assert gateway.post("kz-national", document).status_code == 202


def listed(gateway: Gateway) -> dict[str, int]:
    answer = gateway.get("terminologist", "/v1/unresolved")
    assert answer.status_code == 200, answer.text
    return {name["text"]: name["count"] for name in answer.json()}


def exported(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("GATEWAY_GLOSSARY_DIR", str(settings.glossary_dir))
    result = CliRunner().invoke(main, ["glossary", "unresolved", "--csv"])
    assert result.exit_code == 0, result.output
    return {row["term"]: row["note"] for row in csv.DictReader(io.StringIO(result.output))}


def test_a_name_given_a_row_leaves_the_queue_and_the_others_keep_their_counts(
    served: Gateway, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    post(served, 1)
    before = listed(served)
    assert before[PARTY] == 1 and before["Каскелен"] == 1
    assert exported(settings, monkeypatch)[PARTY].startswith("seen 1 time;")
    (settings.glossary_dir / "parties.csv").write_text(HEADER + ROW, encoding="utf-8")
    time.sleep(CHECK_SECONDS * 3)
    post(served, 2)
    after = listed(served)
    assert PARTY not in after
    assert after == {text: count + 1 for text, count in before.items() if text != PARTY}
    notes = exported(settings, monkeypatch)
    assert PARTY not in notes and notes["Каскелен"].startswith("seen 2 times; sent by KZ;")
    (settings.glossary_dir / "parties.csv").unlink()  # the row taken out: the name is back, counted
    time.sleep(CHECK_SECONDS * 3)
    assert listed(served)[PARTY] == 1


def test_a_broken_edit_is_reported_once_with_no_document_posted(served: Gateway, settings: Settings) -> None:
    records = Records()
    logging.getLogger("gateway.glossary").addHandler(records)
    try:
        goods = settings.glossary_dir / "goods.csv"
        with goods.open("a", encoding="utf-8") as file:
            file.write("goods,ru,мука ячменная,barley flour,,100198,\n")
        deadline = time.monotonic() + 10
        while not records.records and time.monotonic() < deadline:
            time.sleep(CHECK_SECONDS)
        stat = goods.stat()
        os.utime(goods, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # saved again, unchanged
        time.sleep(CHECK_SECONDS * 4)
        messages = [record.getMessage() for record in records.records]
    finally:
        logging.getLogger("gateway.glossary").removeHandler(records)
    assert len(messages) == 1 and "goods.csv:" in messages[0] and "bad HS code '100198'" in messages[0]
    assert "gateway_glossary_reload_failed 1.0" in served.get(None, "/metrics").text
    goods.write_text(goods.read_text(encoding="utf-8").replace("100198", "110290"), encoding="utf-8")
    time.sleep(CHECK_SECONDS * 3)
    assert "gateway_glossary_reload_failed 0.0" in served.get(None, "/metrics").text


def test_the_background_check_takes_a_name_given_a_row_off_the_queue_with_no_read(
    served: Gateway, settings: Settings
) -> None:
    post(served, 1)
    (settings.glossary_dir / "parties.csv").write_text(HEADER + ROW, encoding="utf-8")
    deadline = time.monotonic() + 10
    while not _answered_in_store(served, PARTY) and time.monotonic() < deadline:
        time.sleep(CHECK_SECONDS)
    assert _answered_in_store(served, PARTY)  # marked by the gateway's own sweep: nobody read the queue
    answer = served.get("terminologist", "/v1/unresolved").json()
    assert PARTY not in {name["text"] for name in answer}
    kaskelen = next(name for name in answer if name["text"] == "Каскелен")
    assert (kaskelen["countries"], kaskelen["checked"]) == (["KZ"], True)


def _answered_in_store(gateway: Gateway, text: str) -> bool:
    return any(name.text == text and name.answered for name in gateway.store.unresolved(100))
