"""The code lists on the command line: `gateway check` refuses a broken list with file, line and reason;
`gateway codelists list` and `show` tell an operator what the gateway holds."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from gateway.cli.main import main as cli

PROJECT = Path(__file__).parent.parent.parent


def gateway(*arguments: str, codelists: Path = PROJECT / "codelists") -> Result:
    return CliRunner().invoke(cli, list(arguments), env={"GATEWAY_CODELISTS_DIR": str(codelists)})


def test_check_names_every_code_list() -> None:
    result = gateway("check")
    assert result.exit_code == 0, result.stderr
    for name in ("country", "currency", "locode", "office", "hs", "package-type", "unit", "transport-mode"):
        assert f"ok  code list {name}\n" in result.stdout


def test_check_refuses_a_broken_list_with_file_line_and_reason(tmp_path: Path) -> None:
    codelists = tmp_path / "codelists"
    shutil.copytree(PROJECT / "codelists", codelists)
    aliases = codelists / "locode" / "aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "KZALA,Алматы,kk,Latn\n", encoding="utf-8")
    lines = aliases.read_text(encoding="utf-8").count("\n")
    result = gateway("check", codelists=codelists)
    assert result.exit_code == 1
    assert (
        f"codelist.invalid: {aliases}:{lines}: alias 'Алматы' is written in Cyrl, not Latn" in result.stderr
    )


def test_list_shows_each_list_with_its_extent_and_version() -> None:
    result = gateway("codelists", "list")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert rows["currency"][2] == "complete" and rows["currency"][3] == "ISO 4217 (alphabetic and numeric)"
    assert rows["package-type"][2] == "extract" and "Recommendation 21" in rows["package-type"][3]
    assert int(rows["hs"][1]) > 5000


def test_show_prints_names_aliases_attributes_and_validity() -> None:
    result = gateway("codelists", "show", "office", "MN2101", "--on", "2024-06-03")
    assert result.exit_code == 0, result.stderr
    assert "name\tmn\tЗамын-Үүдийн гааль\n" in result.stdout
    assert "alias\tmn\tMong\tᠵᠠᠮᠢᠨ ᠡᠭᠦᠳᠡ\n" in result.stdout
    assert "counterpart\tCN0711\n" in result.stdout and "in force on 2024-06-03: yes" in result.stdout


def test_show_refuses_an_unknown_code() -> None:
    result = gateway("codelists", "show", "currency", "XYZ")
    assert result.exit_code == 1 and "'XYZ' is not in the list 'currency'" in result.stderr
