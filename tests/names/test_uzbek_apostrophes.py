"""The apostrophe variants of Latin Uzbek fold to the official ʻ (U+02BB) and ʼ (U+02BC)."""

from __future__ import annotations

import pytest

from gateway.names import normalize_uzbek_apostrophes

OFFICIAL = "Oʻzbekiston"


@pytest.mark.parametrize(
    "sent",
    [
        "Oʻzbekiston",  # U+02BB, official
        "O‘zbekiston",  # U+2018
        "O'zbekiston",  # U+0027
        "O`zbekiston",  # U+0060
        "O’zbekiston",  # U+2019
        "Oʼzbekiston",  # U+02BC, the tutuq belgisi by mistake
        "O´zbekiston",  # U+00B4
    ],
)
def test_every_variant_normalizes_to_the_official_form(sent: str) -> None:
    assert normalize_uzbek_apostrophes(sent) == OFFICIAL


@pytest.mark.parametrize(
    ("sent", "official"),
    [
        ("Farg'ona", "Fargʻona"),
        ("G'ijduvon", "Gʻijduvon"),
        ("tog'", "togʻ"),  # at the end of a word
        ("ma'no", "maʼno"),  # tutuq belgisi between other letters
        ("San’at", "Sanʼat"),
        ("Qo‘qon, O‘zbekiston", "Qoʻqon, Oʻzbekiston"),
    ],
)
def test_og_and_the_tutuq_belgisi(sent: str, official: str) -> None:
    assert normalize_uzbek_apostrophes(sent) == official


def test_quotes_around_a_word_are_left_alone() -> None:
    assert normalize_uzbek_apostrophes("'Toshkent' MChJ") == "'Toshkent' MChJ"
