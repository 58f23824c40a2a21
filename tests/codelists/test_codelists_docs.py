"""docs/codelists.md is a contract: every list, every metadata key and every generated file is in it;
the unit list's kilograms agree with the conversion the value checks use."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.codelists.metadata import OPTIONAL_KEYS, REQUIRED_KEYS
from gateway.normalize.values import KILOGRAMS_PER_UNIT

PROJECT = Path(__file__).parent.parent.parent
DOC = (PROJECT / "docs" / "codelists.md").read_text(encoding="utf-8")
LISTS = CodeLists.load(PROJECT / "codelists")


@pytest.mark.parametrize("name", sorted(LISTS.lists))
def test_every_list_is_in_the_table(name: str) -> None:
    code_list = LISTS.lists[name]
    row = next((line for line in DOC.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row is not None, f"docs/codelists.md has no row for {name}"
    assert ("| yes |" in row) is code_list.complete or name == "locode"


@pytest.mark.parametrize("key", sorted(REQUIRED_KEYS | OPTIONAL_KEYS))
def test_every_metadata_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in DOC or f"`{key}`, `" in DOC or f", `{key}` |" in DOC, key


def test_the_unit_list_and_the_mass_conversion_agree() -> None:
    masses = {
        entry.code: Decimal(entry.attributes["kilograms"])
        for entry in LISTS.entries("unit")
        if "kilograms" in entry.attributes
    }
    assert masses == KILOGRAMS_PER_UNIT


@pytest.mark.parametrize("name", sorted(LISTS.lists))
def test_every_column_of_every_list_is_documented(name: str) -> None:
    section = DOC.split("### Columns of each list", 1)[1].split("`gateway codelists list`", 1)[0]
    row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
    header = PROJECT / "codelists" / name / "codes.csv"
    columns = header.read_text(encoding="utf-8").splitlines()[0].split(",") if header.is_file() else []
    for column in columns:
        if column.startswith("name:"):
            assert f" {column.removeprefix('name:')}," in row or f" {column.removeprefix('name:')} " in row, (
                column
            )
        elif column not in ("code", "valid_from", "valid_to"):
            assert f"`{column}`" in row, column
