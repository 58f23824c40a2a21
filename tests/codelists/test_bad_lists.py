"""Every folder in tests/codelists/bad/ holds one broken code list; each must be refused with the file,
line and reason in its expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.errors import InvalidCodeList

BAD = Path(__file__).parent / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())


def test_the_folder_holds_every_kind_of_fault() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_a_broken_list_is_refused_with_file_line_and_reason(case: str) -> None:
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(InvalidCodeList) as refused:
        CodeLists.load(BAD / case)
    where = f"{Path(refused.value.file).relative_to(BAD / case)}:{refused.value.line}: {refused.value.reason}"
    assert where.startswith(expected), where
