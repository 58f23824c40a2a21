"""China's divisions (`codelists/cn-division`) are imported from the cpca package's adcodes.csv: the
committed file must be exactly what the import writes, and a file that is not a division list is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.codelists.divisions import adcodes_path, divisions_csv, main

FOLDER = Path(__file__).parent.parent.parent / "codelists"
SOURCE = adcodes_path()


@pytest.mark.skipif(SOURCE is None, reason="cpca is not installed (the test extra)")
def test_the_committed_list_is_what_the_import_writes() -> None:
    assert SOURCE is not None
    committed = (FOLDER / "cn-division" / "codes.csv").read_text(encoding="utf-8")
    assert committed == divisions_csv(SOURCE), (
        "codelists/cn-division/codes.csv differs from cpca's adcodes.csv: run python -m "
        "gateway.codelists.divisions and review the diff"
    )


def test_the_import_writes_a_list_the_gateway_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "adcodes.csv"
    source.write_text(
        "adcode,name,longitude,latitude\n"
        "210800000000,营口市,122.235151,40.667432\n"
        "110000000000,北京市,116.407394,39.904211\n",
        encoding="utf-8",
    )
    (tmp_path / "lists" / "cn-division").mkdir(parents=True)
    (tmp_path / "lists" / "cn-division" / "list.yaml").write_bytes(
        (FOLDER / "cn-division" / "list.yaml").read_bytes()
    )
    main(source, tmp_path / "lists")
    assert "wrote" in capsys.readouterr().out
    entry = CodeLists.load(tmp_path / "lists").entry("cn-division", "210800")
    assert entry is not None and entry.names == {"zh-Hans": "营口市"}
    assert entry.attributes == {"latitude": "40.667432", "longitude": "122.235151"}


def test_a_code_that_is_no_division_code_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "adcodes.csv"
    source.write_text("adcode,name,longitude,latitude\n2108001,营口市,122.2,40.6\n", encoding="utf-8")
    with pytest.raises(ValueError, match="2108001"):
        divisions_csv(source)
