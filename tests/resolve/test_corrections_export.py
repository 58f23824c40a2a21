"""The officers' proposed corrections in `gateway glossary unresolved --csv`: a queued name's row filled
in with the newest proposal and noted with who proposed it; a name resolved exactly but said to be wrong
gets a row of its own; a proposal the glossary in force follows is left out; cells a spreadsheet would
run are written as text."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.glossary.columns import code_problem
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.unresolved import glossary_csv
from gateway.service.intake import Intake
from gateway.settings import PROJECT_ROOT, Settings
from gateway.store.port import Correction, UnresolvedCount
from gateway.store.sql import open_store
from tests.resolve.test_unresolved_queue_service import KZ_SYSTEM, MANIFEST, T0, ToChina

KHORGOS = "Қорғас (Хоргос), ҚХР"
PARTY = "ТОО «Алтын Дән»"
PROPOSAL = Correction(
    kind="party", text=PARTY, language="kk", script="Cyrl", sender="KZ", english="Altyn Dan LLP",
    code="", comment="their own website says so", key_id="k_cn_1", country="CN", message_id="m-1",
    delivery_id=1, pointer="42A/28A[2]/42B/R004", glossary_version="g-1", proposed_at=T0,
)  # fmt: skip


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {row["term"]: row for row in csv.DictReader(io.StringIO(text))}


def queued(text: str) -> UnresolvedCount:
    return UnresolvedCount("party", text, "kk", "Cyrl", 2, ("m-1",), T0, T0, ("KZ",))


def test_a_queued_name_s_row_is_filled_in_from_the_newest_proposal_and_noted() -> None:
    day_before = T0 - timedelta(days=1)
    older = replace(
        PROPOSAL, english="Altyn Dan", key_id="k_kg_1", country="KG", comment="", proposed_at=day_before
    )
    row = rows_of(glossary_csv([queued(PARTY)], proposals=[PROPOSAL, older]))[PARTY]
    assert (row["english"], row["code"]) == ("Altyn Dan LLP", "")
    assert row["note"].split("; ")[:3] == [
        "proposed by CN officer (key k_cn_1) on 2026-05-04: Altyn Dan LLP (in m-1 from KZ): "
        "their own website says so",
        "proposed by KG officer (key k_kg_1) on 2026-05-03: Altyn Dan (in m-1 from KZ)",
        "seen 2 times",
    ]


def test_a_proposed_name_not_in_the_queue_gets_a_row_of_its_own() -> None:
    exact = replace(PROPOSAL, kind="place", text=KHORGOS, english="Khorgos East", code="CNHRS", comment="")
    rows = rows_of(glossary_csv([queued(PARTY)], proposals=[exact]))
    assert list(rows) == [PARTY, KHORGOS], "after the queue's rows"
    assert rows[PARTY]["english"] == ""
    own = rows[KHORGOS]
    assert (own["kind"], own["language"], own["english"], own["code"]) == (
        "place",
        "kk",
        "Khorgos East",
        "CNHRS",
    )
    assert own["note"].startswith("proposed by CN officer (key k_cn_1) on 2026-05-04: Khorgos East, CNHRS")
    assert "not in the unresolved queue: resolved exactly, and said to be wrong" in own["note"]


def test_a_proposed_country_code_stays_out_of_the_code_column_and_says_where_it_belongs() -> None:
    """A country's name is exported as a place row (the glossary has no country kind): CN in its code
    column would fail `gateway glossary check` (a place code is a UN/LOCODE), so the note carries it."""
    china = replace(PROPOSAL, kind="country", text="Хятад", language="mn", english="China", code="CN")
    row = rows_of(glossary_csv([], proposals=[china]))["Хятад"]
    assert (row["kind"], row["english"], row["code"]) == ("place", "China", "")
    assert "code CN left out: a country's name is an alias of CN in codelists/country" in row["note"]
    assert code_problem(row["kind"], row["code"]) is None


def test_a_proposal_a_spreadsheet_would_run_is_written_as_text() -> None:
    hostile = replace(PROPOSAL, text='=HYPERLINK("x")', english="@SUM(1)", comment="=cmd")
    rows = list(csv.DictReader(io.StringIO(glossary_csv([], proposals=[hostile]))))
    assert [row["term"] for row in rows] == ['\'=HYPERLINK("x")'] and rows[0]["english"] == "'@SUM(1)"
    assert all(not value.startswith(("=", "+", "-", "@")) for value in rows[0].values())


def test_the_export_command_lays_the_stored_proposals_over_the_queue(
    normalizer: Normalizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    store = open_store(Settings(), clock=lambda: T0)
    answer = Intake(store, normalizer, ToChina(), lambda: T0, 10_000_000).receive(
        KZ_SYSTEM, MANIFEST.read_bytes()
    )
    exact = replace(PROPOSAL, kind="place", text=KHORGOS, english="Khorgos East", code="CNHRS")
    followed = replace(exact, english="Khorgos", key_id="k_cn_2")  # what the glossary says already
    for proposal in (replace(PROPOSAL, message_id=answer.message_id), exact, followed):
        assert store.propose_correction(proposal)
    result = CliRunner().invoke(main, ["glossary", "unresolved", "--csv"])
    assert result.exit_code == 0, result.output
    rows = rows_of(result.output)
    assert (
        rows[PARTY]["english"] == "Altyn Dan LLP" and f"in {answer.message_id} from KZ" in rows[PARTY]["note"]
    )
    assert (rows[KHORGOS]["english"], rows[KHORGOS]["code"]) == ("Khorgos East", "CNHRS")
    assert "k_cn_2" not in rows[KHORGOS]["note"], "the glossary follows that one already"
    assert set(rows) - {KHORGOS} == {count.text for count in store.unresolved(1000)}
    store.close()


def _run_on(stdout_is_terminal: bool, data_dir: Path) -> bytes:
    """`gateway glossary unresolved --csv` run in a process of its own, its output to a terminal (a
    pseudo-terminal) or a pipe; the bytes it wrote."""
    environment = {**os.environ, "GATEWAY_DATA_DIR": str(data_dir), "PYTHONPATH": str(PROJECT_ROOT)}
    command = [sys.executable, "-c", "from gateway.cli.main import main; main()", "glossary", "unresolved"]
    if not stdout_is_terminal:
        done = subprocess.run(
            [*command, "--csv"], check=False, env=environment, capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*command, "--csv"], env=environment, stdout=follower, stderr=subprocess.PIPE
    ) as run:
        os.close(follower)
        written = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other side closed: the command ended
                break
            if not chunk:
                break
            written += chunk
        assert run.wait(120) == 0, run.stderr.read() if run.stderr else ""
    os.close(leader)
    return written


def test_the_export_on_a_terminal_shows_what_a_terminal_would_obey_as_escapes(
    normalizer: Normalizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national document may carry the 8-bit CSI (U+009B) and DEL in a name (XML allows them), and a
    proposal stored before proposals were checked an ESC: on a terminologist's terminal they would be
    commands (clear the screen, retitle the window); in a file they stay as the document wrote them."""
    monkeypatch.setenv("GATEWAY_DATA_DIR", str(tmp_path))
    store = open_store(Settings(), clock=lambda: T0)
    hostile_name = "ТОО «Алтын\u009b2J\u007fДән»"
    data = MANIFEST.read_bytes().replace(PARTY.encode(), hostile_name.encode(), 1)
    Intake(store, normalizer, ToChina(), lambda: T0, 10_000_000).receive(KZ_SYSTEM, data)
    assert store.propose_correction(replace(PROPOSAL, comment="\x1b]0;owned\x07\x1b[2J"))
    store.close()
    on_terminal = _run_on(True, tmp_path).decode()
    assert not any(char in on_terminal for char in "\x1b\x07\x7f\u009b"), repr(on_terminal[:300])
    assert "Алтын\\x9b2J\\x7fДән" in on_terminal and "\\x1b]0;owned\\x07\\x1b[2J" in on_terminal
    to_file = rows_of(_run_on(False, tmp_path).decode())
    assert hostile_name in to_file, "a file keeps the name as the document wrote it"
