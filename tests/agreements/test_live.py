"""Agreements follow their folder while the gateway runs: a changed file applies at the next look, a
broken one keeps the set in force and is logged with its file, line and YAML path."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from gateway.agreements.live import LiveAgreements, line_of
from tests.agreements.conftest import AGREEMENTS

INVOICE = "42A/109"  # Declaration/InvoiceAmount


class Clock:
    """A monotonic clock that tests move by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "agreements"
    shutil.copytree(AGREEMENTS, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_elements_list_applies_after_the_next_look(folder: Path) -> None:
    clock = Clock()
    live = LiveAgreements(folder, check_seconds=2.0, clock=clock)
    before = live.current().between("KZ", "UZ")
    assert before is not None and INVOICE in before.elements
    edit(folder / "kz-uz.yaml", f"      - {INVOICE}", "")
    assert live.current() is live.current()  # not looked at yet: within check_seconds
    assert INVOICE in live.current().between("KZ", "UZ").elements  # type: ignore[union-attr]
    clock.now = 2.0
    after = live.current().between("KZ", "UZ")
    assert after is not None and INVOICE not in after.elements
    assert live.failure is None


def test_a_broken_file_keeps_the_set_in_force_and_is_logged_with_file_and_line(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    live = LiveAgreements(folder, check_seconds=2.0, clock=Clock())
    in_force = live.current()
    edit(folder / "kz-uz.yaml", "level: CIE", "level: SUPER")
    with caplog.at_level(logging.ERROR, logger="gateway.agreements"):
        assert live.refresh() is False
    assert live.current() is in_force
    assert live.failure is not None and live.failure.code == "agreement.invalid"
    (record,) = [r for r in caplog.records if r.name == "gateway.agreements"]
    line = next(
        n for n, text in enumerate((folder / "kz-uz.yaml").read_text().splitlines(), 1) if "SUPER" in text
    )
    assert record.file.endswith("kz-uz.yaml") and record.line == line  # type: ignore[attr-defined]
    assert f"kz-uz.yaml:{line}: directions[" in record.getMessage() and "SUPER" in record.getMessage()
    edit(folder / "kz-uz.yaml", "level: SUPER", "level: SIE")  # fixed: the next look loads it
    assert live.refresh() is True and live.failure is None


def test_a_removed_agreement_stops_routing_to_that_partner(folder: Path) -> None:
    live = LiveAgreements(folder, check_seconds=2.0, clock=Clock())
    assert "CN" in live.current().partners("KZ")
    (folder / "cn-kz.yaml").unlink()
    assert live.refresh() is True
    assert "CN" not in live.current().partners("KZ") and live.current().between("KZ", "CN") is None


def test_the_line_of_a_yaml_path(folder: Path) -> None:
    file = folder / "kz-uz.yaml"
    lines = file.read_text().splitlines()
    assert lines[line_of(file, "directions[0].level") - 1].strip().startswith("level:")  # type: ignore[operator]
    assert line_of(file, "(file)") == 1 or lines[0].startswith("#")
    assert line_of(file, "directions[9].nothing") is not None  # the nearest node that exists
