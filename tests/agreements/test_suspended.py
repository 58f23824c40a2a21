"""`suspended` in an agreement file: the whole pair or one direction, with the reason an operator gave."""

from __future__ import annotations

from pathlib import Path

from gateway.agreements import Readiness
from gateway.agreements.agreement import load_agreement_file
from gateway.model import load_model
from tests.agreements.conftest import AGREEMENTS

MIGRATION = "UZ customs moves its data centre until 2026-11-30"


def _load(tmp_path: Path, text: str, readiness: Readiness) -> dict[str, str | None]:
    file = tmp_path / "kz-uz.yaml"
    file.write_text(text, encoding="utf-8")
    loaded = load_agreement_file(file, readiness, load_model())
    return {f"{a.sender}>{a.recipient}": a.suspended for a in loaded.directions}


def _with_direction_key(text: str, sender: str, line: str) -> str:
    marker = f"  - from: {sender}\n"
    assert marker in text
    return text.replace(marker, f"{marker}    {line}\n")


def test_the_demo_agreements_suspend_nothing(readiness: Readiness) -> None:
    original = (AGREEMENTS / "kz-uz.yaml").read_text(encoding="utf-8")
    assert "suspended" not in original


def test_a_file_suspends_both_directions(tmp_path: Path, readiness: Readiness) -> None:
    text = f'suspended: "{MIGRATION}"\n' + (AGREEMENTS / "kz-uz.yaml").read_text(encoding="utf-8")
    assert _load(tmp_path, text, readiness) == {"KZ>UZ": MIGRATION, "UZ>KZ": MIGRATION}


def test_a_direction_suspends_itself_only_and_false_is_in_force(tmp_path: Path, readiness: Readiness) -> None:
    text = (AGREEMENTS / "kz-uz.yaml").read_text(encoding="utf-8")
    text = _with_direction_key(text, "KZ", f"suspended: {MIGRATION}")
    text = _with_direction_key(text, "UZ", "suspended: false")
    assert _load(tmp_path, text, readiness) == {"KZ>UZ": MIGRATION, "UZ>KZ": None}


def test_a_direction_s_own_reason_wins_over_the_file_s(tmp_path: Path, readiness: Readiness) -> None:
    text = 'suspended: "the whole pair"\n' + (AGREEMENTS / "kz-uz.yaml").read_text(encoding="utf-8")
    text = _with_direction_key(text, "UZ", "suspended: UZ's own reason")
    assert _load(tmp_path, text, readiness) == {"KZ>UZ": "the whole pair", "UZ>KZ": "UZ's own reason"}
