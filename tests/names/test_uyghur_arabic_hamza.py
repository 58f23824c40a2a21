"""The hamza carrier ئ in Uyghur's Arabic script read in the Uyghur Latin Yéziqi
(rules/uyghur-arabic-uly.txt): it carries a vowel that starts a syllable. At the start of a word it
is not written; inside a word it is the apostrophe, after a vowel (sa'et) and after a consonant
(mes'ul), so that the syllables stay apart (سەنئەت sen'et, art, is not سەنەت senet).

Sources: W. A. Janbaz & J. R. Duval, "An Introduction to Latin-Script Uyghur" (2006), whose rules
CLDR's ug-Latin transform (prepared by Janbaz) carries; Wikipedia, "Uyghur alphabets" (ULY writes
the glottal stop between a consonant and a vowel with an apostrophe); Library of Congress, ALA-LC
Uighur romanization table, rule 3 (initial hamza not represented, medial hamza an apostrophe). The
words are the examples printed for the syllable-starting vowels of the script (mes'ul, sen'et,
Dil'aram, Ming'öy) and common words that carry them.
"""

from __future__ import annotations

import pytest

from gateway.names.transliteration import transliterate

ULY = "Uyghur-Arabic-Latin/ULY"


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("مەسئۇل", "Mes'ul"),  # responsible
        ("سەنئەت", "Sen'et"),  # art
        ("جەمئىيەت", "Jem'iyet"),  # society
        ("دىلئارام", "Dil'aram"),  # a given name
        ("مىڭئۆي", "Ming'öy"),  # the thousand-Buddha caves (Qizil Ming'öy): after ng
        ("قىزىل مىڭئۆي", "Qizil Ming'öy"),
    ],
)
def test_a_vowel_that_starts_a_syllable_after_a_consonant_is_written_after_an_apostrophe(
    arabic: str, latin: str
) -> None:
    assert transliterate(arabic, ULY) == latin


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("سائەت", "Sa'et"),  # hour: after a vowel, as before
        ("مائارىپ", "Ma'arip"),  # education
        ("ئۈرۈمچى", "Ürümchi"),  # at the start of a word: not written
        ("ئاقسۇ", "Aqsu"),
    ],
)
def test_the_carrier_after_a_vowel_and_at_a_word_start_is_read_as_before(arabic: str, latin: str) -> None:
    assert transliterate(arabic, ULY) == latin


def test_the_apostrophe_keeps_apart_the_syllables_the_arabic_script_keeps_apart() -> None:
    assert transliterate("سەنەت", ULY) == "Senet"  # no carrier: one syllable boundary fewer
    assert transliterate("سەنئەت", ULY) != transliterate("سەنەت", ULY)
