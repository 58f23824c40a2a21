"""A letter the fallback folds at the start of a word is written with the case the scheme gives a
word's start (`gateway.names.fallback`): the Arabic script has no capitals, and the Uyghur scheme
writes every word's first letter as one, so a first letter that only the fallback reads must be a
capital too (ڤولگا, the Volga written with veh, is Volga, not volga). A cased script
keeps the source's case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.names.fallback import WORD_START, fold_unruled
from gateway.names.transliteration import transliterate, transliterate_noting

ULY = "Uyghur-Arabic-Latin/ULY"


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("ڤولگا", "Volga"),  # the case found in session 10 (notes-uyghurarab10.md): it gave volga
        ("ڤولگا دەرياسى", "Volga Deryasi"),  # the Volga river: each word its capital
        ("ئۈرۈمچى ڤولگا", "Ürümchi Volga"),  # a folded first letter after a ruled word
        ("ﭬﻮﻟﮕﺎ", "Volga"),  # presentation forms: read as their letters first
        ("ڤ-ڤ", "V-V"),  # a letter alone between marks is a word of its own
    ],
)
def test_a_first_letter_the_fallback_reads_is_a_capital_as_the_scheme_writes_first_letters(
    arabic: str, latin: str
) -> None:
    assert transliterate(arabic, ULY) == latin


def test_a_folded_letter_inside_a_word_stays_small() -> None:
    assert transliterate("قازاڤ", ULY) == "Qazav"


def test_the_note_names_the_letter_and_its_reading() -> None:
    assert transliterate_noting("ڤولگا", ULY)[1] == (
        "letter 'ڤ' has no rule in Uyghur-Arabic-Latin/ULY: read as 'v' by the fallback",
    )


def test_a_cased_script_keeps_the_case_of_the_source() -> None:
    # Abkhaz ԥ, which no Russian rule reads: a capital stays a capital, a small letter small.
    assert transliterate("Ԥсны", "ru-ru_Latn/BGN") == "Psny"
    assert transliterate("ԥсны", "ru-ru_Latn/BGN") == "psny"


def test_the_mark_falls_on_the_next_letter_when_the_first_is_dropped() -> None:
    assert fold_unruled(f"{WORD_START}ѣolga", "x", "Cyrl")[0] == "Olga"


arabic_words = st.text(st.sampled_from("ڤثحذصضطظعابپتجڭلمنوۇېىي -"), min_size=1, max_size=10)


@given(arabic_words)
def test_no_mark_is_ever_left_and_every_word_starts_with_a_capital(text: str) -> None:
    latin = transliterate(text, ULY)
    assert WORD_START not in latin
    for word in latin.replace("-", " ").split():
        first = next((letter for letter in word if letter.isalpha() and letter.lower() != letter.upper()), "")
        assert first == first.upper(), (text, latin)
