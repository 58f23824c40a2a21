"""The mn-customs-csv fixtures are what they claim: labelled stand-ins, made by make_cases.py, documented.

CSV has no comment line, so the stand-in label lives in each case.md and the folder's README. The inputs
must be exactly the bytes make_cases.py writes (the BOM, the quoting, the Windows-1251 case), the spec's
example must be the rail manifest case, and the spec and the mapping must name the same columns as the
fixtures' header: a column renamed in one place only fails here, not in a partner's inbox.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "mn-customs-csv"
SPEC = ROOT / "docs" / "formats" / "mn-customs-csv.md"
MAPPING = ROOT / "mappings" / "mn-customs-csv.yaml"
STAND_IN = "STAND-IN fixture for the Mongolian customs CSV export (mn-customs-csv), not an official format"
BOM = b"\xef\xbb\xbf"

CASES = sorted(path.parent for path in CASES_DIR.glob("*/input.csv"))
VALID = [case for case in CASES if (case / "case.md").read_text(encoding="utf-8").startswith("Valid")]


def _make_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mn_make_cases", CASES_DIR / "make_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_CASES = _make_cases()


def test_there_are_valid_and_broken_cases() -> None:
    assert len(VALID) >= 4
    assert len(CASES) - len(VALID) >= 7


def test_the_folder_says_its_inputs_are_stand_ins() -> None:
    readme = (CASES_DIR / "README.md").read_text(encoding="utf-8")
    assert "stand-in fixture for the Mongolian customs CSV export" in readme
    assert "not an official format" in readme


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_case_is_labelled_as_a_stand_in(case: Path) -> None:
    assert STAND_IN in (case / "case.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_input_is_what_make_cases_writes(case: Path) -> None:
    data, description = MAKE_CASES.CASES[case.name]
    assert (case / "input.csv").read_bytes() == data
    assert (case / "case.md").read_text(encoding="utf-8").startswith(description)


def test_make_cases_writes_no_case_that_is_missing_here() -> None:
    assert set(MAKE_CASES.CASES) == {case.name for case in CASES}


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_inputs_are_utf8_with_the_full_header(case: Path) -> None:
    data = (case / "input.csv").read_bytes()
    text = data.removeprefix(BOM).decode("utf-8")
    assert text.split("\r\n", 1)[0] == ",".join(MAKE_CASES.COLUMNS)
    assert data.startswith(BOM) != case.name.endswith("-no-bom")


def test_wrong_encoding_case_is_windows_1251() -> None:
    data = (CASES_DIR / "error-wrong-encoding" / "input.csv").read_bytes()
    assert "Замын-Ууд".encode("cp1251") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_spec_example_is_the_rail_manifest_case() -> None:
    example = re.search(r"```csv\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    case = CASES_DIR / "rail-manifest-zamyn-uud-erenhot" / "input.csv"
    text = case.read_bytes().removeprefix(BOM).decode("utf-8").replace("\r\n", "\n")
    assert example.group(1) == text
    assert (ROOT / "examples" / "mn-customs-csv.csv").read_bytes() == case.read_bytes()


def test_spec_documents_every_column() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([^`]+)` \|", spec, re.MULTILINE)
    assert [column for column in MAKE_CASES.COLUMNS if column not in documented] == []


def test_mapping_reads_only_columns_of_the_format() -> None:
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    read = set(_columns(mapping["declaration"])) | {mapping["kind"]["path"], *mapping["detect"]["header"]}
    assert read - set(MAKE_CASES.COLUMNS) == set()


def _columns(node: object) -> list[str]:
    """Every column a mapping node reads: element paths, `path:`, `each: group(...)`, side rules."""
    if isinstance(node, str):
        return [_column(node)]
    if not isinstance(node, dict):
        return []
    found = []
    for key, value in node.items():
        if key in ("path", "each") and value not in ("rows", "."):
            found.append(_column(value))
        elif key[:1].isupper() or (key in ("currency", "unit") and isinstance(value, dict)):
            found += _columns(value)
    return found


def _column(path: str) -> str:
    function = re.fullmatch(r"(?:group|column)\((.*)\)|rows/(.*)", path)
    return next(part for part in function.groups() if part) if function else path
