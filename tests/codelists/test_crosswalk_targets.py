"""The national crosswalks lead into the code lists: every code a crosswalk gives for transport modes,
package types and units is a code of that list, so a crosswalked value is never refused afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.mapping.crosswalks import read_crosswalk

CODELISTS = Path(__file__).parent.parent.parent / "codelists"
TARGETS = ("transport-mode", "package-type", "unit")
CROSSWALKS = sorted(
    (path, target) for target in TARGETS for path in (CODELISTS / "crosswalks").glob(f"*-{target}.csv")
)


@pytest.fixture(scope="module")
def lists() -> CodeLists:
    return CodeLists.load(CODELISTS)


def test_each_kind_has_crosswalks() -> None:
    assert {target for _, target in CROSSWALKS} == set(TARGETS)


@pytest.mark.parametrize(("path", "target"), CROSSWALKS, ids=[path.stem for path, _ in CROSSWALKS])
def test_every_crosswalked_code_is_in_its_list(lists: CodeLists, path: Path, target: str) -> None:
    codes = set(read_crosswalk(path).entries.values())
    assert codes and {code for code in codes if lists.entry(target, code) is None} == set()
