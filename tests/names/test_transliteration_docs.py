"""docs/transliteration.md is a contract: every scheme and every rule file is documented there."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from gateway.names import SCHEMES

DOCS = Path(__file__).parents[2] / "docs" / "transliteration.md"
RULES = resources.files("gateway.names").joinpath("rules")


@pytest.mark.parametrize("scheme_id", sorted(SCHEMES))
def test_every_scheme_is_documented(scheme_id: str) -> None:
    assert f"`{scheme_id}`" in DOCS.read_text("utf-8")


def test_every_rule_file_belongs_to_a_scheme_and_is_documented() -> None:
    files = {entry.name for entry in RULES.iterdir() if entry.name.endswith(".txt")}
    assert files == {scheme.rules_file for scheme in SCHEMES.values() if scheme.rules_file}
    for name in files:
        assert name in DOCS.read_text("utf-8")


@pytest.mark.parametrize("scheme_id", sorted(SCHEMES))
def test_every_rule_file_cites_its_standard(scheme_id: str) -> None:
    scheme = SCHEMES[scheme_id]
    if scheme.rules_file:
        header = RULES.joinpath(scheme.rules_file).read_text("utf-8").split("\n\n")[0]
        assert header.startswith("#") and any(word in header for word in ("BGN", "MNS", "ICAO", "19", "20"))
