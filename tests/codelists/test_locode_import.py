"""`gateway codelists import-locode` as an operator runs it: on the official UNECE CSV files in
../shared/reference/unlocode/ (skipped when that folder is absent), and on small files that show each rule:
change indicators, status, dates, reference entries, encodings, bad rows with file and line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main as cli
from gateway.codelists import Alias, CodeLists

PROJECT = Path(__file__).parent.parent.parent


@pytest.fixture
def codelists(tmp_path: Path) -> Path:
    folder = tmp_path / "codelists"
    shutil.copytree(PROJECT / "codelists", folder)
    return folder


def run(codelists: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["codelists", "import-locode", *arguments], env={"GATEWAY_CODELISTS_DIR": str(codelists)}
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_official_release_imports_and_completes_the_list_for_its_countries(
    codelists: Path, unlocode_reference: Path
) -> None:
    status, out, err = run(codelists, *map(str, sorted(unlocode_reference.glob("*.csv"))))
    assert status == 0, err
    assert "places of 11 countries" in out and "latest change 2023-07" in out
    lists = CodeLists.load(codelists)
    places = lists.get("locode")
    assert places is not None and places.complete_for >= {"KZ", "CN", "MN", "KG", "TJ", "UZ", "AZ"}
    assert len(places.entries) > 2000
    almaty = lists.entry("locode", "KZALA")
    assert almaty is not None
    assert almaty.names["und-Latn"] == "Almaty" and almaty.names["kk"] == "Алматы"  # official + authored
    assert almaty.attributes["function"] == "-2-45---" and almaty.attributes["subdivision"] == "75"
    assert Alias("Алма-Ата", "ru", "Cyrl") in almaty.aliases
    bishkek = lists.entry("locode", "KGFRU")
    assert bishkek is not None and Alias("Frunze", "und", "Latn") in bishkek.aliases  # "Frunze = Bishkek"
    zamyn_uud = lists.entry("locode", "MNZUU")
    assert zamyn_uud is not None and Alias("Zamyn-Uud", "und", "Latn") in zamyn_uud.aliases


def test_a_withdrawn_row_is_in_force_until_the_month_it_was_marked(
    codelists: Path, unlocode_reference: Path
) -> None:
    assert run(codelists, str(unlocode_reference / "CN.csv"))[0] == 0
    lists = CodeLists.load(codelists)
    tongliao = lists.entry("locode", "CNTLS")  # "X" CN TLS Tongliao, status XX, 2307, "Use CN TGO"
    assert tongliao is not None and tongliao.valid_to == date(2023, 6, 30)
    assert tongliao.attributes["remarks"] == "Use CN TGO"
    assert lists.is_valid("locode", "CNTLS", on=date(2023, 6, 30))
    assert not lists.is_valid("locode", "CNTLS", on=date(2023, 7, 1))
    assert lists.is_valid("locode", "CNTGO", on=date(2024, 1, 1))


def test_importing_the_same_release_twice_changes_nothing(codelists: Path, unlocode_reference: Path) -> None:
    run(codelists, *map(str, sorted(unlocode_reference.glob("*.csv"))))
    before = {path: path.read_bytes() for path in (codelists / "locode").rglob("*.csv")}
    status, out, _ = run(codelists, *map(str, sorted(unlocode_reference.glob("*.csv"))))
    assert status == 0 and out.rstrip().endswith("0 files changed")
    assert {path: path.read_bytes() for path in (codelists / "locode").rglob("*.csv")} == before


HEADER = ',"TM",,".TURKMENISTAN",,,,,,,,\n'


def test_change_indicators_and_status_give_validity(codelists: Path, tmp_path: Path) -> None:
    release = tmp_path / "TM.csv"
    release.write_text(
        HEADER
        + ',"TM","ALA","Almaty","Almaty","75","-2-45---","AI","2007",,"4315N 07657E",\n'
        + '"+","TM","NEW","Jana Qala","Jana Qala",,"--3-----","RQ","2405",,,\n'
        + '"X","TM","OLD","Eski","Eski",,"--3-----","XX","2401",,,"Use TM NEW"\n'
        + ',"TM","GON","Gone","Gone",,"--3-----","XX","2311",,,\n'
        + ',"TM","REJ","Rejected","Rejected",,"--3-----","RR","2311",,,\n'
        + '"=","TM",,"Alma-Ata = Almaty","Alma-Ata = Almaty",,,,,,,\n',
        encoding="utf-8",
    )
    status, out, _ = run(codelists, str(release))
    assert status == 0 and "1 rejected requests left out" in out
    lists = CodeLists.load(codelists)
    new, old, gone = (lists.entry("locode", code) for code in ("TMNEW", "TMOLD", "TMGON"))
    assert new is not None and (new.valid_from, new.valid_to) == (date(2024, 5, 1), None)
    assert old is not None and old.valid_to == date(2023, 12, 31)
    assert gone is not None and gone.valid_to == date(2023, 10, 31)
    assert lists.entry("locode", "TMREJ") is None
    almaty = lists.entry("locode", "TMALA")
    assert almaty is not None and Alias("Alma-Ata", "und", "Latn") in almaty.aliases
    assert not lists.is_valid("locode", "TMAST")  # Turkmenistan imported: a code outside it is not valid


def test_latin_1_files_as_unece_publishes_them_are_read(codelists: Path, tmp_path: Path) -> None:
    release = tmp_path / "2023-1 UNLOCODE CodeListPart1.csv"
    release.write_bytes(
        (
            ',"MN",,".MONGOLIA",,,,,,,,\n'
            + '\xa6,"MN","ZUU","Zamyn-Üüd","Zamyn-Uud",,"--3-----","RL","1101",,,\n'
        )
        .replace("\xa6", '"\xa6"')
        .encode("iso-8859-1")
    )
    assert run(codelists, str(release))[0] == 0
    place = CodeLists.load(codelists).entry("locode", "MNZUU")
    assert place is not None and place.names["und-Latn"] == "Zamyn-Üüd" and place.attributes["change"] == "|"


BAD_ROWS = [
    ('"?","TM","ALA","Almaty","Almaty",,,"AI","2007",,,\n', "unknown change indicator '?'"),
    (',"Tm","ALA","Almaty","Almaty",,,"AI","2007",,,\n', "country 'Tm' is not two capital letters"),
    (',"TM","AL1","Almaty","Almaty",,,"AI","2007",,,\n', "location 'AL1' is not three letters or digits 2-9"),
    (',"TM","ALA","Almaty","Almaty",,,"AI","2013",,,\n', "date '2013' is not YYMM"),
    (',"TM","ALA","Almaty","Almaty",,,"AI","",,,\n', "date '' is not YYMM"),
    (',"TM","ALA","","",,,"AI","2007",,,\n', "the name is empty"),
    (',"TM","ALA","Almaty"\n', "expected 12 columns, found 4"),
    ('"=","TM",,"Alma-Ata","Alma-Ata",,,,,,,\n', "reference entry 'Alma-Ata' has no ' = '"),
    (',"TM",,"Almaty","Almaty",,,"AI","2007",,,\n', "a place without a location code"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_a_bad_row_is_reported_with_file_and_line_and_nothing_is_written(
    codelists: Path, tmp_path: Path, row: str, reason: str
) -> None:
    release = tmp_path / "TM.csv"
    release.write_text(
        HEADER + ',"TM","AAU","Aktau","Aktau","47","12-4----","AI","2007",,,\n' + row, encoding="utf-8"
    )
    status, _, err = run(codelists, str(release))
    assert status == 1
    assert f"bad row: {release}:3: {reason}" in err and "nothing imported" in err
    assert not (codelists / "locode" / "unece").exists()


def test_bad_rows_can_be_skipped_on_request_and_are_still_reported(codelists: Path, tmp_path: Path) -> None:
    release = tmp_path / "TM.csv"
    release.write_text(
        HEADER
        + ',"TM","AAU","Aktau","Aktau",,,"AI","2007",,,\n'
        + ',"TM","AAU","Aktau","Aktau",,,"AI","2007",,,\n',
        encoding="utf-8",
    )
    status, out, err = run(codelists, "--skip-bad-rows", str(release))
    assert status == 1 and f"bad row: {release}:3: TMAAU appears twice" in err
    assert "imported 1 places" in out and CodeLists.load(codelists).is_valid("locode", "TMAAU")


def test_a_missing_file_is_refused_before_anything_happens(codelists: Path, tmp_path: Path) -> None:
    status, _, err = run(codelists, str(tmp_path / "none.csv"))
    assert status == 2 and "does not exist" in err


def test_an_operator_can_import_only_some_countries_of_the_whole_release(
    codelists: Path, tmp_path: Path
) -> None:
    release = tmp_path / "2024-1 UNLOCODE CodeListPart1.csv"
    release.write_text(
        ',"KG",,".KYRGYZSTAN",,,,,,,,\n'
        ',"KG","FRU","Bishkek","Bishkek",,"-234----","AI","2007",,,\n'
        ',"KG","OSS","Osh","Osh",,"-2-4----","AI","2007",,,\n'
        ',"US",,".UNITED STATES",,,,,,,,\n'
        ',"US","NYC","New York","New York","NY","12345---","AI","9501",,,\n'
        ',"US","BAD","Broken",\n',
        encoding="utf-8",
    )
    status, out, _ = run(codelists, "--country", "kg", str(release))
    assert status == 0 and "imported 2 places of 1 countries" in out
    assert sorted(path.name for path in (codelists / "locode" / "unece").glob("*.csv")) == ["KG.csv"]


def test_a_release_that_would_break_the_lists_is_refused_and_nothing_is_written(
    codelists: Path, tmp_path: Path
) -> None:
    # The offices list names KZHOR (Khorgos) as the place of KZ55208; a release of Kazakhstan without it
    # would leave that office pointing nowhere.
    release = tmp_path / "KZ.csv"
    release.write_text(
        ',"KZ",,".KAZAKHSTAN",,,,,,,,\n,"KZ","ALA","Almaty","Almaty",,,"AI","2007",,,\n', encoding="utf-8"
    )
    status, _, err = run(codelists, str(release))
    assert status == 1 and "would not load with this release, so nothing was imported" in err
    assert f"{codelists / 'office' / 'codes.csv'}:" in err and "is not a code of the list 'locode'" in err
    assert not (codelists / "locode" / "unece").exists()


def test_hostile_files_are_bad_rows_not_crashes(codelists: Path, tmp_path: Path) -> None:
    huge, noise = tmp_path / "huge.csv", tmp_path / "noise.csv"
    huge.write_text(HEADER + ',"TM","AAA","' + "a" * 200_000 + '",,,,,,,,\n', encoding="utf-8")
    noise.write_bytes(bytes(range(256)) * 8)
    status, _, err = run(codelists, str(huge), str(noise))
    assert status == 1 and f"bad row: {huge}:2: the CSV cannot be read on from here" in err
    assert f"bad row: {noise}:" in err and "nothing imported" in err


def test_every_authored_place_is_a_code_of_the_official_release(
    codelists: Path, unlocode_reference: Path
) -> None:
    authored = [
        line.split(",", 1)[0] for line in (codelists / "locode" / "codes.csv").read_text().splitlines()[1:]
    ]
    assert run(codelists, *map(str, sorted(unlocode_reference.glob("*.csv"))))[0] == 0
    lists = CodeLists.load(codelists)
    assert [code for code in authored if lists.entry("locode", code) is None] == []
