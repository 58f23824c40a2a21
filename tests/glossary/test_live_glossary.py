"""The running gateway picks up a changed glossary without a restart, and never a broken one."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from gateway.glossary import LiveGlossary

HEADER = "kind,language,term,english,code\n"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _write(folder: Path, rows: str, mtime: int) -> None:
    path = folder / "goods.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


@pytest.fixture
def live(tmp_path: Path) -> tuple[LiveGlossary, FakeClock]:
    _write(tmp_path, "goods,ru,пшеница,wheat,1001\n", 1)
    clock = FakeClock()
    return LiveGlossary(tmp_path, check_seconds=2.0, clock=clock), clock


def test_a_changed_file_is_picked_up_after_the_check_interval(
    live: tuple[LiveGlossary, FakeClock], tmp_path: Path
) -> None:
    glossary, clock = live
    before = glossary.current()
    _write(tmp_path, "goods,ru,пшеница,wheat,1001\ngoods,ru,чай,tea,0902\n", 2)
    assert glossary.current() is before  # not looked at yet
    clock.now = 2.0
    after = glossary.current()
    assert after.version != before.version
    assert [entry.english for entry in after.exact("goods", "чай")] == ["tea"]
    assert before.exact("goods", "чай") == []  # the old object is untouched: readers never see a mix


def test_a_broken_version_is_refused_and_the_old_one_kept(
    live: tuple[LiveGlossary, FakeClock], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    glossary, clock = live
    good = glossary.current()
    _write(tmp_path, "goods,ru,пшеница,wheat,1001\ngoods,ru,мука,flour,100198\n", 3)
    clock.now = 5.0
    with caplog.at_level(logging.ERROR, logger="gateway.glossary"):
        assert glossary.current() is good
    assert "goods.csv:3: bad HS code '100198'" in caplog.text
    assert f"version {good.version} kept" in caplog.text
    assert [str(problem) for problem in glossary.last_problems] == [
        "goods.csv:3: bad HS code '100198': 100198 is not an HS 2022 subheading"
    ]
    _write(tmp_path, "goods,ru,пшеница,wheat,1001\ngoods,ru,мука,flour,110100\n", 4)
    clock.now = 10.0
    assert glossary.current().exact("goods", "мука")[0].code == "110100"
    assert glossary.last_problems == []


def test_an_unchanged_folder_is_not_reloaded(live: tuple[LiveGlossary, FakeClock]) -> None:
    glossary, clock = live
    first = glossary.current()
    clock.now = 100.0
    assert glossary.refresh() is False
    assert glossary.current() is first


def test_each_broken_version_is_logged_once(
    live: tuple[LiveGlossary, FakeClock], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    glossary, clock = live
    broken = "goods,ru,пшеница,wheat,1001\ngoods,ru,мука,flour,100198\n"
    with caplog.at_level(logging.ERROR, logger="gateway.glossary"):
        _write(tmp_path, broken, 3)
        clock.now = 5.0
        glossary.current()
        _write(tmp_path, broken, 4)  # saved again, unchanged: nothing new to say
        clock.now = 10.0
        glossary.current()
        assert len(caplog.records) == 1
        _write(tmp_path, broken.replace("100198", "100197"), 5)  # broken otherwise: said again
        clock.now = 15.0
        glossary.current()
    first, second = (record.getMessage() for record in caplog.records)
    assert "goods.csv:3: bad HS code '100198'" in first and "goods.csv:3: bad HS code '100197'" in second
