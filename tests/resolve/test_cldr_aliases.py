"""The UN/LOCODE extract holds every exemplar city name CLDR gives for the region's time zones."""

from __future__ import annotations

from cldr_cities import rows


def test_every_cldr_exemplar_city_is_an_alias() -> None:
    assert rows() == [], "add them: python tests/resolve/cldr_cities.py >> codelists/locode/aliases.csv"
