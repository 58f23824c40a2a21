"""Large code lists (cn-township, hs) are read on first use, yet a broken one is still refused: by
`gateway check` before the gateway runs, with its file and line, and by every use (never half read)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main as cli
from gateway.codelists import CodeLists
from gateway.codelists import lists as lists_module
from gateway.errors import InvalidCodeList
from gateway.settings import PROJECT_ROOT

BROKEN_LINE = 20_000


@pytest.fixture(scope="module")
def project() -> CodeLists:
    return CodeLists.load(PROJECT_ROOT / "codelists")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's code lists whose township list has a code of eight digits on one line."""
    folder = tmp_path_factory.mktemp("broken") / "codelists"
    shutil.copytree(PROJECT_ROOT / "codelists", folder)
    codes = folder / "cn-township" / "codes.csv"
    lines = codes.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[BROKEN_LINE - 1] = "12345678," + lines[BROKEN_LINE - 1].split(",", 1)[1]
    codes.write_text("".join(lines), encoding="utf-8")
    return folder


def test_the_township_list_and_hs_are_read_on_first_use(project: CodeLists) -> None:
    assert project.deferred == {"cn-township", "hs"}
    fresh = CodeLists.load(PROJECT_ROOT / "codelists")
    loaders = fresh._lists._loaders
    assert not loaders["cn-township"].built and not loaders["hs"].built
    assert loaders["locode"].built and loaders["cn-division"].built
    assert fresh.entry("cn-township", "310116101") is not None
    assert loaders["cn-township"].built and not loaders["hs"].built


def test_a_deferred_list_is_the_list_read_at_once(project: CodeLists) -> None:
    fresh = CodeLists.load(PROJECT_ROOT / "codelists").load_all()
    for name in ("cn-township", "hs"):
        assert project.lists[name] == fresh.lists[name]
    assert len(fresh.lists["cn-township"].entries) == 41_352
    assert fresh.is_valid("hs", "0101210000") and fresh.entry("cn-township", "310116101") is not None


def test_a_list_that_references_or_is_referenced_is_read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """However large, a list is checked with the lists it references, or that reference it, at load."""
    monkeypatch.setattr(lists_module, "DEFERRED_BYTES", 0)
    every = CodeLists.load(PROJECT_ROOT / "codelists")
    assert {"locode", "office", "country"}.isdisjoint(every.deferred)
    assert {"cn-township", "hs", "cn-division", "currency", "unit"} <= every.deferred


def test_a_broken_township_list_fails_its_first_use_and_every_later_one(broken: Path) -> None:
    lists = CodeLists.load(broken)  # the metadata are checked; the codes are read on first use
    for _ in range(2):
        with pytest.raises(InvalidCodeList) as refused:
            lists.entries("cn-township")
        assert refused.value.line == BROKEN_LINE
        assert Path(refused.value.file) == broken / "cn-township" / "codes.csv"
        assert "'12345678' does not match [0-9]{9}" in refused.value.reason
    with pytest.raises(InvalidCodeList):
        lists.load_all()
    assert lists.entry("locode", "KZALA") is not None  # the other lists are unharmed


def test_gateway_check_refuses_a_broken_township_list_with_its_line(broken: Path) -> None:
    result = CliRunner().invoke(cli, ["check"], env={"GATEWAY_CODELISTS_DIR": str(broken)})
    assert result.exit_code == 1
    assert f"codelist.invalid: {broken / 'cn-township' / 'codes.csv'}:{BROKEN_LINE}: code '12345678'" in (
        result.output
    )
    assert "ok  code list" not in result.output


def test_gateway_check_still_passes_the_shipped_lists() -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "ok  code list cn-township" in result.output and "ok  code list hs" in result.output
