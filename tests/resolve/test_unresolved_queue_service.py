"""The unresolved queue end to end: a posted document's guessed names land in the store, counted per
document, and `gateway glossary unresolved --csv` exports them for the terminologists."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.access.keys import Principal
from gateway.cli.main import main
from gateway.normalize.message import HarmonizedMessage
from gateway.normalize.pipeline import Normalizer
from gateway.service.intake import Intake
from gateway.service.recipients import Plan, Recipient
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.sql import open_store

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
MANIFEST = Path(__file__).parent.parent.parent / "examples" / "kz-eaeu-pi-manifest.xml"
KZ_SYSTEM = Principal("k1", "Kazakhstan State Revenue Committee", "KZ", "national")


class ToChina:
    def plan(self, message: HarmonizedMessage, sender: str) -> Plan:
        return Plan([Recipient("CN", "pull", None, message.xml, timedelta(days=2), 10_000_000)])

    def payload_limits(self, sender: str) -> dict[str, int]:
        return {"CN": 10_000_000}


def test_a_posted_document_queues_its_guessed_names_once(normalizer: Normalizer) -> None:
    store = MemoryStore(lambda: T0)
    intake = Intake(store, normalizer, ToChina(), lambda: T0, 10_000_000)
    answer = intake.receive(KZ_SYSTEM, MANIFEST.read_bytes())
    intake.receive(KZ_SYSTEM, MANIFEST.read_bytes())  # the same document again: one message, counted once
    counts = store.unresolved(100)
    assert counts, "the manifest's party names are only transliterated"
    assert all(count.count == 1 and count.message_ids == (answer.message_id,) for count in counts)
    assert {count.kind for count in counts} <= {"party", "place", "office"}


def test_glossary_unresolved_exports_the_store_s_queue(
    normalizer: Normalizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    store = open_store(Settings(), clock=lambda: T0)
    intake = Intake(store, normalizer, ToChina(), lambda: T0, 10_000_000)
    answer = intake.receive(KZ_SYSTEM, MANIFEST.read_bytes())
    result = CliRunner().invoke(main, ["glossary", "unresolved", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and list(rows[0]) == ["kind", "language", "term", "english", "latin", "code", "note"]
    assert all(row["english"] == "" and answer.message_id in row["note"] for row in rows)
    assert {row["term"] for row in rows} == {count.text for count in store.unresolved(1000)}
