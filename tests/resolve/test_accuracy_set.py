"""The committed accuracy set is what its generator makes from GeoNames and the official UN/LOCODE release."""

from __future__ import annotations

import csv
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


def _places() -> list[dict[str, str]]:
    with (PROJECT_ROOT / "bench" / "accuracy" / "places.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_city_that_unlocode_keeps_twice_in_one_subdivision_accepts_both_codes() -> None:
    """UZKSQ Karshi and UZQAR Qarshi (QA; QAR placed 600 km off), CNXGF Xiangfan and CNXIW Xiangyang (HB)."""
    accepted = {row["geonameid"]: set(row["accepted_codes"].split()) for row in _places()}
    assert {"UZKSQ", "UZQAR"} <= accepted["1216311"] and {"CNXGF", "CNXIW"} <= accepted["1790587"]
    assert "CNBON" not in accepted["1795565"], "Bao'an is a district of Shenzhen with an entry of its own"


def test_every_row_of_a_native_name_accepts_the_same_codes() -> None:
    """GeoNames gives Сучжоу to 苏州, 宿州 and 酒泉: each of its rows accepts the codes of all three."""
    by_name: dict[str, set[str]] = {}
    for row in _places():
        by_name.setdefault(row["native"], set()).add(row["accepted_codes"])
    assert all(len(codes) == 1 for codes in by_name.values())
    assert len(next(iter(by_name["Сучжоу"])).split()) >= 3
