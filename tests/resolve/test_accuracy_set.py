"""The committed accuracy set is what its generator makes from GeoNames and the official UN/LOCODE release."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from gateway.settings import PROJECT_ROOT

GENERATOR = PROJECT_ROOT / "bench" / "accuracy" / "make_places.py"


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("make_places", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_committed_set_is_the_generator_s_output() -> None:
    generator = _generator()
    unlocode: Path = generator.UNLOCODE  # type: ignore[attr-defined]
    if not unlocode.is_dir():
        pytest.skip(f"the official UN/LOCODE release is not at {unlocode}")
    committed = (PROJECT_ROOT / "bench" / "accuracy" / "places.csv").read_text(encoding="utf-8")
    assert generator.places_csv() == committed, "rerun bench/accuracy/make_places.py"  # type: ignore[attr-defined]


def test_the_sets_say_where_they_come_from() -> None:
    readme = (PROJECT_ROOT / "bench" / "accuracy" / "README.md").read_text(encoding="utf-8")
    for label in ("GeoNames", "CC BY 4.0", "UN/LOCODE", "authored for this project"):
        assert label in readme
    companies = PROJECT_ROOT / "bench" / "accuracy" / "companies.csv"
    assert companies.read_text(encoding="utf-8").splitlines()[0] == "country,native,official_latin,note"
