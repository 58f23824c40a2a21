"""The UN/LOCODE extract holds every exemplar city name CLDR gives for the region's time zones (but the
ones `cldr_cities.LEFT_OUT` explains), so a document names a neighbour's city in its own language."""

from __future__ import annotations

import pytest
from cldr_cities import rows
from renamed_rows import shipped_resolver


def test_every_cldr_exemplar_city_is_an_alias() -> None:
    assert rows() == [], "add them: python tests/resolve/cldr_cities.py >> codelists/locode/aliases.csv"


@pytest.mark.parametrize(
    ("name", "sender", "code"),
    [
        ("Daşkənd", "AZ", "UZTAS"),  # Tashkent, as an Azerbaijani document writes it
        ("Urumçi", "AZ", "CNURM"),
        ("Karaçi", "AZ", "PKKHI"),
        ("Ashxobod", "UZ", "TMAGT"),  # Ashgabat in Uzbek
        ("Qobul", "UZ", "AFKBL"),
        ("Кобул", "TJ", "AFKBL"),  # Kabul in Tajik
        ("Ашхобод", "TJ", "TMAGT"),
    ],
)
def test_a_neighbour_s_capital_in_the_sender_s_own_language_is_that_capital(
    name: str, sender: str, code: str
) -> None:
    found = shipped_resolver().resolve(name, "place", sender)
    assert (found.code, found.is_guess) == (code, False), found
