"""docs/agreements.md is a contract: every key is described, the example loads, the readiness table holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.agreements import Readiness
from gateway.agreements.agreement import DIRECTION_KEYS, TOP_KEYS, load_agreement_file
from gateway.agreements.terms import DELIVERY_KEYS, METHODS, SECRET_KEYS
from gateway.model import load_model
from tests.agreements.conftest import PROJECT

DOC = (PROJECT / "docs" / "agreements.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(TOP_KEYS | DIRECTION_KEYS | DELIVERY_KEYS))
def test_every_key_has_a_row_in_the_guide(key: str) -> None:
    assert re.search(rf"^\| `{key}` \|", DOC, re.MULTILINE), key


@pytest.mark.parametrize("word", [*METHODS, *(f"{{{key}:" for key in SECRET_KEYS)])
def test_every_delivery_method_and_secret_reference_is_described(word: str) -> None:
    assert f"`{word}" in DOC


def test_the_example_in_the_guide_loads(tmp_path: Path, readiness: Readiness) -> None:
    example = DOC.split("```yaml", 1)[1].split("```", 1)[0]
    file = tmp_path / "cn-kz.yaml"
    file.write_text(example, encoding="utf-8")
    [agreement] = load_agreement_file(file, readiness, load_model()).directions
    assert (agreement.sender, agreement.recipient, agreement.delivery.method) == ("KZ", "CN", "push")


def test_the_readiness_table_in_the_guide_is_the_data(readiness: Readiness) -> None:
    for country, assessment in readiness.assessments.items():
        complete = "yes" if assessment.complete else "no"
        row = (
            f"| {country} | {assessment.average('readiness'):.2f} | {assessment.average('maturity'):.2f} "
            f"| {complete} | {readiness.level(country)} |"
        )
        assert row in DOC, row
