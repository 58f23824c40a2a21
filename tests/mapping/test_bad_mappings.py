"""Every file in tests/mapping/bad/ is a mapping broken on purpose, and each must be refused when it loads.

A file opens with ``# expect: <YAML path> | <fragment of the reason>``. A second line ``# xfail: <why>``
marks a known bug of the loader (the file is wrongly accepted or refused with the wrong error): the test
then fails strictly until the loader is fixed, and the line must be removed with the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.errors import InvalidMapping
from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.loader import load_mapping
from gateway.mapping.registry import FormatRegistry

BAD = Path(__file__).parent / "bad"
CROSSWALKS = Path("codelists/crosswalks")
EXPECT = re.compile(r"^# expect: (?P<path>\S+) \| (?P<reason>.+)$")
XFAIL = re.compile(r"^# xfail: (?P<why>.+)$")


def _case(file: Path) -> object:
    lines = file.read_text(encoding="utf-8").splitlines()
    expect = EXPECT.match(lines[0])
    assert expect, f"{file.name}: the first line must be '# expect: <yaml path> | <reason fragment>'"
    xfail = XFAIL.match(lines[1])
    marks = [pytest.mark.xfail(strict=True, reason=xfail["why"])] if xfail else []
    return pytest.param(file, expect["path"], expect["reason"], id=file.stem, marks=marks)


CASES = [_case(file) for file in sorted(BAD.glob("*.yaml"))]


def test_the_bad_folder_holds_enough_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize(("file", "yaml_path", "reason"), CASES)
def test_bad_mapping_is_refused_with_file_yaml_path_and_reason(
    file: Path, yaml_path: str, reason: str
) -> None:
    with pytest.raises(InvalidMapping) as refused:
        load_mapping(file, Crosswalks(CROSSWALKS))
    assert refused.value.file == str(file)
    assert refused.value.yaml_path == yaml_path
    assert reason in refused.value.reason
    assert str(file) in str(refused.value) and yaml_path in str(refused.value)


def test_the_broken_files_differ_from_a_mapping_that_loads(tmp_path: Path) -> None:
    """The control: the head that every bad file shares, with nothing broken, loads."""
    control = tmp_path / "control.yaml"
    lines = (BAD / "unknown-transform.yaml").read_text(encoding="utf-8").splitlines()
    control.write_text("\n".join(lines[:-3]) + "\n  ID: m:Number\n", encoding="utf-8")
    mapping = load_mapping(control, Crosswalks(CROSSWALKS))
    assert mapping.format == "bad-case"
    assert [child.model.name for child in mapping.declaration.children] == ["ID"]


def test_two_files_defining_one_format_are_refused_by_the_registry() -> None:
    folder = BAD / "duplicate-format"
    for file in folder.glob("*.yaml"):
        assert load_mapping(file, Crosswalks(CROSSWALKS)).format == "eaeu-pi"  # each alone is fine
    with pytest.raises(InvalidMapping) as refused:
        FormatRegistry.from_folder(folder, CROSSWALKS)
    assert refused.value.file == str(folder / "b-kyrgyz.yaml")
    assert refused.value.yaml_path == "format"
    assert "'eaeu-pi' is already defined in" in refused.value.reason
    assert "a-kazakh.yaml" in refused.value.reason


def test_a_mapping_file_that_is_not_utf8_is_refused_with_its_byte(tmp_path: Path) -> None:
    """Made-up input: the control mapping saved in Windows-1251 with a Cyrillic title (a traceback before)."""
    lines = (BAD / "unknown-transform.yaml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[:-3]) + "\n  ID: m:Number\n"
    file = tmp_path / "cp1251.yaml"
    file.write_bytes(text.replace("Broken on purpose", "Сломан нарочно").encode("windows-1251"))
    with pytest.raises(InvalidMapping) as refused:
        load_mapping(file, Crosswalks(CROSSWALKS))
    assert refused.value.yaml_path == "(file)" and "not UTF-8 text" in refused.value.reason
