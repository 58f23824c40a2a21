"""One place name, one row per country: a place or office term may mean a place of each country (the
country is its code's), but never two places of one country, and never two places without a code; the
check says which rows and why, with a stable code (docs/glossary.md, "Checks")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.glossary import Glossary, InvalidGlossary

HEADER = "kind,language,term,english,latin,code\n"
BAIKONUR = "place,ru,Ленинск,Baikonur,Baikonur,KZBKZ\n"
ASAKA = "place,ru,Ленинск,Asaka,Asaka,UZASA\n"


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, rows in files.items():
        (tmp_path / f"{name}.csv").write_text(HEADER + rows, encoding="utf-8")
    return tmp_path


def _problems(folder: Path) -> list[str]:
    with pytest.raises(InvalidGlossary) as refused:
        Glossary.load(folder)
    return [str(problem) for problem in refused.value.problems]


def test_one_term_may_mean_a_place_of_each_country(tmp_path: Path) -> None:
    glossary = Glossary.load(_folder(tmp_path, places=BAIKONUR + ASAKA))
    assert [entry.code for entry in glossary.exact("place", "ЛЕНИНСК")] == ["KZBKZ", "UZASA"]


def test_a_place_without_a_code_may_stand_beside_coded_ones(tmp_path: Path) -> None:
    rows = "place,ru,Кировабад,Ganja,Ganja,AZGAN\nplace,ru,Кировабад,Panj,Panj,\n"
    glossary = Glossary.load(_folder(tmp_path, places=rows))
    assert [entry.english for entry in glossary.exact("place", "Кировабад")] == ["Ganja", "Panj"]


def test_two_places_of_one_country_are_refused_with_both_lines(tmp_path: Path) -> None:
    akdepe, turkmenabat = "place,ru,Ленинск,Akdepe,Akdepe,TMAKD\n", "place,ru,Ленинск,Turkmenabat,,TMTK5\n"
    folder = _folder(tmp_path, places=BAIKONUR + akdepe + ASAKA + turkmenabat)
    assert _problems(folder) == [
        "places.csv:5: conflicts with places.csv:3: place 'Ленинск' in ru means 'Akdepe' there and "
        "'Turkmenabat' here (both in TM: a name may mean one place of a country) [glossary.same-country]"
    ]


def test_two_places_without_a_code_are_refused_across_files(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        a=BAIKONUR + "place,ru,Ленинск,Leninsk,,\n",
        b="place,ru,ленинск,Leninsk (Volgograd),,\n",
    )
    assert _problems(folder) == [
        "b.csv:2: conflicts with a.csv:3: place 'ленинск' in ru means 'Leninsk' there and "
        "'Leninsk (Volgograd)' here (two rows without a code: no country tells them apart) "
        "[glossary.uncoded-twice]"
    ]


def test_a_repeated_row_among_several_countries_is_a_duplicate_of_its_own_row(tmp_path: Path) -> None:
    folder = _folder(tmp_path, places=BAIKONUR + ASAKA + ASAKA)
    assert _problems(folder) == ["places.csv:4: duplicate of places.csv:3 (place 'Ленинск' in ru)"]


def test_kinds_without_a_country_still_mean_one_thing(tmp_path: Path) -> None:
    folder = _folder(tmp_path, goods="goods,ru,хлопок,cotton,,5201\ngoods,ru,хлопок,cotton waste,,5202\n")
    assert _problems(folder) == [
        "goods.csv:3: conflicts with goods.csv:2: goods 'хлопок' in ru means 'cotton' there and "
        "'cotton waste' here"
    ]


def test_glossary_check_prints_each_new_problem_with_its_line_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = BAIKONUR + "place,ru,Ленинск,Baikonur airfield,,KZBXY\nplace,ru,Кировабад,Panj,,\n"
    folder = _folder(tmp_path, places=rows + "place,ru,Кировабад,Kirovabad,,\n")
    monkeypatch.setenv("GATEWAY_GLOSSARY_DIR", str(folder))
    result = CliRunner().invoke(main, ["glossary", "check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(":")[:2] for line in lines] == [["places.csv", "3"], ["places.csv", "5"]]
    assert lines[0].endswith("[glossary.same-country]") and "conflicts with places.csv:2" in lines[0]
    assert lines[1].endswith("[glossary.uncoded-twice]") and "conflicts with places.csv:4" in lines[1]
