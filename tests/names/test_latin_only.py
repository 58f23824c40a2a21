"""No Latin form the gateway gives keeps a letter of another script (issue 4: "Җyelilyuzi").

Every Cyrillic letter of every language profile, in any position, read by every Cyrillic scheme
and by the scheme the gateway picks for each profile; and every Cyrillic word of the project's code
lists and glossary. A letter without a rule is folded by `gateway.names.fallback` and noted.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.names.fallback import (
    _OTHER_SCRIPT,
    FIRST_OTHER_SCRIPT_LETTER,
    fallback_letter,
    fold_unruled,
    has_other_script,
)
from gateway.names.language_profiles import PROFILES
from gateway.names.schemes import SCHEMES, scheme_for
from gateway.names.transliteration import transliterate, transliterate_noting
from gateway.resolve.keys import latin_form
from gateway.settings import Settings

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CYRILLIC_PROFILES = [profile for profile in PROFILES if profile.script == "Cyrl"]
PROFILE_LETTERS = sorted(set(RUSSIAN).union(*(profile.marking_letters for profile in CYRILLIC_PROFILES)))
ALL_CASES = sorted({case for letter in PROFILE_LETTERS for case in (letter, letter.upper())})
SIGNS = "ъьЪЬ"
"""The hard and soft signs, which some schemes drop."""
CYRILLIC_SCHEMES = sorted(
    scheme_id for scheme_id, scheme in SCHEMES.items() if scheme.source_script == "Cyrl"
)

names = st.text(st.sampled_from([*ALL_CASES, " ", "-", "'"]), min_size=1, max_size=12)


@given(names, st.sampled_from(CYRILLIC_SCHEMES))
def test_every_cyrillic_scheme_gives_latin_letters_only(text: str, scheme_id: str) -> None:
    assert not has_other_script(transliterate(text, scheme_id))


@given(names, st.sampled_from([profile.tag for profile in CYRILLIC_PROFILES]))
def test_the_scheme_of_every_profile_gives_latin_letters_only(text: str, language: str) -> None:
    latin, _, _, _ = latin_form(text, language)
    assert not has_other_script(latin)


@pytest.mark.parametrize("letter", ALL_CASES)
def test_every_letter_alone_and_in_a_word_has_a_latin_reading(letter: str) -> None:
    for scheme_id in CYRILLIC_SCHEMES:
        for text in (letter, f"{letter}а", f"а{letter}а", f"а{letter}", letter * 3):
            latin = transliterate(text, scheme_id)
            assert not has_other_script(latin), (scheme_id, text, latin)
            assert latin or letter in SIGNS, (scheme_id, text)


@cache
def code_list_and_glossary_words() -> tuple[str, ...]:
    settings = Settings()
    words: set[str] = set()
    for folder in (settings.codelists_dir, settings.glossary_dir):
        for path in Path(folder).rglob("*"):
            if path.suffix in {".yaml", ".yml", ".csv", ".txt", ".json"}:
                words |= set(re.findall(r"[\u0400-\u052f]+", path.read_text("utf-8")))
    return tuple(sorted(words))


def test_every_cyrillic_word_of_the_code_lists_and_glossary_reads_in_latin_letters() -> None:
    words = code_list_and_glossary_words()
    assert len(words) > 1000
    unread = [
        (word, language, latin)
        for word in words
        for language in ("ru", "kk", "ky", "mn", "tg", "uz-Cyrl", "ug-Cyrl", "uk")
        if has_other_script(latin := latin_form(word, language)[0])
    ]
    assert unread == []


def test_a_uyghur_name_read_as_russian_is_folded_and_the_letter_noted() -> None:
    latin, notes = transliterate_noting("Җимбе", "ru-ru_Latn/BGN")
    assert latin == "Žimbe"
    assert notes == ("letter 'Җ' has no rule in ru-ru_Latn/BGN: read as 'Ž' by the fallback",)


def test_a_letter_built_on_no_other_is_dropped_and_noted() -> None:
    assert fallback_letter("Ӏ") == ""  # palochka of the Caucasian alphabets
    assert fold_unruled("KӀal", "ru-ru_Latn/BGN") == (
        "Kal",
        ("letter 'Ӏ' has no rule in ru-ru_Latn/BGN: dropped by the fallback",),
    )


def test_below_the_first_letter_checked_every_letter_is_latin_or_common() -> None:
    below = (chr(code) for code in range(ord(FIRST_OTHER_SCRIPT_LETTER)))
    assert not any(_OTHER_SCRIPT.contains(character) for character in below)
    assert has_other_script("Qorğas Җ") and not has_other_script("Qorğas ’ʻʹ")


def test_a_latin_form_without_strange_letters_is_given_back_as_it_is() -> None:
    assert fold_unruled("Oʻzbekiston Qorğas Ulaanbaatar Äūezov", "x") == (
        "Oʻzbekiston Qorğas Ulaanbaatar Äūezov",
        (),
    )


def test_letters_of_another_script_in_a_mixed_text_pass_through() -> None:
    text = "Облепиховый сок / 沙棘汁 ᠨᠣᠭᠣᠭ᠎ᠠ"
    assert transliterate_noting(text, "mn-mn_Latn/MNS") == ("Oblyepikhovyi sok / 沙棘汁 ᠨᠣᠭᠣᠭ᠎ᠠ", ())


def test_the_identity_scheme_keeps_text_as_sent() -> None:
    assert transliterate_noting("قەشقەر", "Latin-Latin/Identity") == ("قەشقەر", ())


def test_the_schemes_of_the_issue_give_latin_letters() -> None:
    assert scheme_for("ug-Cyrl", "Cyrl") == "Uyghur-Latin/ULY"
    assert transliterate("Җелилюзи", "mn-mn_Latn/MNS") == "Žyelilyuzi"


UYGHUR_ARABIC = "ئابپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيە"
"""The 32 letters of the Uyghur Arabic script (UEY) and the hamza carrier ئ."""
ARABIC_PROFILES = [profile for profile in PROFILES if profile.script == "Arab"]
UYGHUR_ARABIC_LETTERS = sorted(
    set(UYGHUR_ARABIC).union(*(profile.marking_letters for profile in ARABIC_PROFILES))
)
HAMZA_CARRIER = "ئ"
"""Not a letter of ULY: alone, or with no vowel before it, it is not written."""

arabic_names = st.text(st.sampled_from([*UYGHUR_ARABIC_LETTERS, " ", "-", "'"]), min_size=1, max_size=12)


@given(arabic_names)
def test_uyghur_in_the_arabic_script_gives_latin_letters_only(text: str) -> None:
    latin, _, _, _ = latin_form(text, "ug")
    assert not has_other_script(latin)
    assert not has_other_script(transliterate(text, "Uyghur-Arabic-Latin/ULY"))


@pytest.mark.parametrize("letter", UYGHUR_ARABIC_LETTERS)
def test_every_arabic_letter_of_a_profile_alone_and_in_a_word_has_a_latin_reading(letter: str) -> None:
    for text in (letter, f"{letter}ا", f"ا{letter}ا", f"ا{letter}", letter * 3):
        latin = transliterate(text, "Uyghur-Arabic-Latin/ULY")
        assert not has_other_script(latin), (text, latin)
        assert latin or letter == HAMZA_CARRIER, text


@pytest.mark.parametrize("letter", UYGHUR_ARABIC)
def test_every_letter_of_the_uyghur_arabic_script_has_a_rule_of_its_own(letter: str) -> None:
    assert transliterate_noting(f"ا{letter}ا", "Uyghur-Arabic-Latin/ULY")[1] == ()


def test_an_arabic_letter_uyghur_does_not_write_is_folded_and_noted() -> None:
    # The scheme leaves its word-start mark before the letter it has no rule for; the fallback
    # writes the letter's reading as the word's capital (tests/names/test_fallback_capitals.py).
    assert transliterate_noting("ڤولگا", "Uyghur-Arabic-Latin/ULY") == (
        "Volga",
        ("letter 'ڤ' has no rule in Uyghur-Arabic-Latin/ULY: read as 'v' by the fallback",),
    )


def test_the_issue_name_in_the_arabic_script_reads_in_uly() -> None:
    assert scheme_for("ug", "Arab") == "Uyghur-Arabic-Latin/ULY"
    assert latin_form("ئۈرۈمچى", "ug")[0] == "Ürümchi"
