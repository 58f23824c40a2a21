"""Every CSV in tests/mapping/bad_crosswalks/ is a crosswalk broken on purpose: each is refused with the
file, the line and the reason, whether it is read alone or through a mapping that names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.errors import InvalidCodeList
from gateway.mapping.crosswalks import Crosswalks, read_crosswalk
from gateway.mapping.loader import load_mapping

BAD = Path(__file__).parent / "bad_crosswalks"

EXPECTED = {
    "wrong-header.csv": (1, "the header must be national_code,code,label"),
    "empty-file.csv": (1, "the header must be national_code,code,label, not None"),
    "duplicate-national-code.csv": (5, "national code '20' appears twice"),
    "duplicate-after-stripping.csv": (3, "national code '31' appears twice"),
    "empty-code.csv": (3, "national_code and code must not be empty"),
    "empty-national-code.csv": (3, "national_code and code must not be empty"),
    "ragged-row.csv": (3, "expected 3 columns, found 2"),
    "too-many-columns.csv": (2, "expected 3 columns, found 4"),
}
"""File name: (line, fragment of the reason)."""


def test_every_bad_crosswalk_has_an_expectation() -> None:
    assert sorted(path.name for path in BAD.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_crosswalk_is_refused_with_file_and_line(name: str) -> None:
    line, reason = EXPECTED[name]
    with pytest.raises(InvalidCodeList) as refused:
        read_crosswalk(BAD / name)
    assert refused.value.file == str(BAD / name)
    assert refused.value.line == line
    assert reason in refused.value.reason
    assert str(refused.value).startswith(f"{BAD / name}:{line}: ")


def test_a_mapping_naming_a_broken_crosswalk_is_refused_with_the_csv_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "crosswalks"
    folder.mkdir()
    shutil.copy(BAD / "duplicate-national-code.csv", folder / "eaeu-transport-mode.csv")
    mapping = tmp_path / "kz.yaml"
    mapping.write_text(
        "format: kz-test\ntitle: t\ncountry: KZ\nsyntax: xml\nkind: cargo-report\n"
        "detect: {root: Manifest}\ndeclaration:\n  BorderTransportMeans:\n"
        "    ModeCode: {path: Mode, transforms: [{crosswalk: eaeu-transport-mode}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidCodeList) as refused:
        load_mapping(mapping, Crosswalks(folder))
    assert (refused.value.file, refused.value.line) == (str(folder / "eaeu-transport-mode.csv"), 5)


def test_a_crosswalk_with_a_byte_order_mark_and_padded_cells_is_read(tmp_path: Path) -> None:
    path = tmp_path / "eaeu-unit.csv"
    path.write_bytes(
        '\ufeffnational_code,code,label\n 166 , KGM ,Килограмм\n168,TNE,"Тонна, метрическая"\n'.encode()
    )
    assert read_crosswalk(path).entries == {"166": "KGM", "168": "TNE"}
