"""Persian (Dari), Pashto and Urdu read letter by letter (issue 4: هرات had no Latin form but its own
Arabic letters): the standards' published examples, ICU's built-ins pinned where they are wrong for
unpointed text, the letters of every Arabic-script profile read into Latin letters only, and the note
a letter reading carries."""

from __future__ import annotations

import icu
import pytest
from abjad_examples import ABJAD_PUBLISHED
from hypothesis import given
from hypothesis import strategies as st

from gateway.names import SCHEMES, scheme_for, transliterate
from gateway.names.fallback import has_other_script
from gateway.names.language import detect_language
from gateway.names.language_profiles import PROFILES
from gateway.names.schemes import letter_reading_notes
from gateway.names.transliteration import transliterate_noting
from gateway.resolve.consonants import abjad_alike
from gateway.resolve.keys import ascii_key, latin_form, latin_form_noting, readings

ABJAD_SCHEMES = sorted(ABJAD_PUBLISHED)
LANGUAGE_OF = {"Persian-Latin/BGN-1958": "fa", "Pashto-Latin/BGN-1968": "ps", "Urdu-Latin/BGN-2007": "ur"}
ROWS = [(scheme_id, *row) for scheme_id, rows in ABJAD_PUBLISHED.items() for row in rows]


@pytest.mark.parametrize(("scheme_id", "text", "reading", "published"), ROWS)
def test_published_examples_read_letter_by_letter(
    scheme_id: str, text: str, reading: str, published: str
) -> None:
    assert transliterate(text, scheme_id) == reading


@pytest.mark.parametrize(("scheme_id", "text", "reading", "published"), ROWS)
def test_a_letter_reading_meets_the_published_form_by_its_consonants(
    scheme_id: str, text: str, reading: str, published: str
) -> None:
    """What the resolver asks of a reading to take a place by consonants (`abjad_alike`)."""
    plains = [plain for plain, _ in readings(text, LANGUAGE_OF[scheme_id])]
    assert abjad_alike(text, plains, ascii_key(published))


def test_a_long_vowel_the_name_writes_must_be_in_the_entry() -> None:
    assert abjad_alike("هرات", ["hrat"], "herat")
    assert not abjad_alike("هرات", ["hrat"], "hairatan")  # another consonant: n
    assert not abjad_alike("هرات", ["hrat"], "hurta")  # ا is a vowel between r and t
    assert abjad_alike("ممبر", ["mmbr"], "mambar") and abjad_alike("محمد", ["mmd"], "muhammad") is False


ICU_UNREAD = [
    # (ICU 72 built-in, unpointed name, ICU's output: alef, and more, left in Arabic letters)
    ("fa-fa_Latn/BGN", "کابل", "kاbl"),
    ("fa-fa_Latn/BGN", "پشاور", "pshاvr"),
    ("ps-ps_Latn/BGN", "کابل", "کاbl"),
    ("ps-ps_Latn/BGN", "پشاور", "pshاwr"),
    ("ur-ur_Latn/BGN", "کراچی", "ḵrاچی"),
]


@pytest.mark.parametrize(("built_in", "text", "icu_output"), ICU_UNREAD)
def test_icu_leaves_letters_of_unpointed_text_unread_and_the_project_rules_read_them(
    built_in: str, text: str, icu_output: str
) -> None:
    """If ICU reads unpointed text one day, the first assertion fails: look again at its rules."""
    assert icu.Transliterator.createInstance(built_in).transliterate(text) == icu_output
    scheme = next(scheme for scheme in SCHEMES.values() if scheme.icu_built_in == built_in)
    assert not has_other_script(transliterate(text, scheme.scheme_id))


@pytest.mark.parametrize(
    ("language", "scheme_id"),
    [
        ("fa", "Persian-Latin/BGN-1958"),
        ("fa-AF", "Persian-Latin/BGN-1958"),
        ("prs", "Persian-Latin/BGN-1958"),
        ("ps", "Pashto-Latin/BGN-1968"),
        ("ur", "Urdu-Latin/BGN-2007"),
        ("ar", "Persian-Latin/BGN-1958"),  # BGN/PCGN made the Persian table from Arabic's
        ("und", "Persian-Latin/BGN-1958"),
        ("ug", "Uyghur-Arabic-Latin/ULY"),
    ],
)
def test_every_arabic_script_language_has_a_scheme(language: str, scheme_id: str) -> None:
    assert scheme_for(language, "Arab") == scheme_id


ARABIC_PROFILES = [profile for profile in PROFILES if profile.script == "Arab" and profile.tag != "ug"]
BASIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
"""The letters of the Arabic alphabet (U+0621-064A), which every abjad profile writes."""
LETTERS = sorted(
    set(BASIC).union(*(profile.marking_letters | profile.shared_letters for profile in ARABIC_PROFILES))
)
names = st.text(
    st.sampled_from([*LETTERS, "ـ", "\u200c", " ", "-", "\u064e", "\u0651"]), min_size=1, max_size=12
)


@given(names, st.sampled_from(ABJAD_SCHEMES))
def test_every_abjad_scheme_gives_latin_letters_only(text: str, scheme_id: str) -> None:
    assert not has_other_script(transliterate(text, scheme_id))


@given(names, st.sampled_from(["fa", "ps", "ur", "ar"]))
def test_the_scheme_of_every_abjad_profile_gives_latin_letters_only(text: str, language: str) -> None:
    assert not has_other_script(latin_form(text, language)[0])


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_alone_and_in_a_word_has_a_rule_of_its_own(letter: str) -> None:
    for scheme_id in ABJAD_SCHEMES:
        for text in (letter, f"{letter}ب", f"ب{letter}ب", f"ب{letter}", letter * 3):
            latin, notes = transliterate_noting(text, scheme_id)
            assert latin and not has_other_script(latin), (scheme_id, text, latin)
            assert notes == (), (scheme_id, text, notes)


def test_a_letter_no_abjad_profile_writes_is_folded_and_noted() -> None:
    assert transliterate_noting("ڤولگا", "Persian-Latin/BGN-1958") == (
        "vūlgā",
        ("letter 'ڤ' has no rule in Persian-Latin/BGN-1958: read as 'v' by the fallback",),
    )


def test_presentation_forms_points_and_joiners_are_read_as_their_letters() -> None:
    assert transliterate("ﻛﺎﺑﻞ", "Persian-Latin/BGN-1958") == "Kābl"  # positional forms, as PDFs carry
    assert transliterate("کَابُل", "Pashto-Latin/BGN-1968") == "Kābl"  # points are not read
    assert transliterate("جلال‌آباد", "Persian-Latin/BGN-1958") == "Jlālābād"  # zero-width non-joiner
    assert transliterate("كابل", "Urdu-Latin/BGN-2007") == "Kābl"  # Arabic kaf
    assert transliterate("۱۲ هرات، کابل", "Persian-Latin/BGN-1958") == "12 Hrāt, Kābl"


def test_the_issue_names_read_in_latin_with_a_note() -> None:
    assert latin_form_noting("هرات", country="AF") == (
        "Hrāt",
        "ps",
        "Arab",
        "Pashto-Latin/BGN-1968",
        (
            "short vowels are not written: 'Hrāt' reads the letters (Pashto-Latin/BGN-1968), "
            "not the pronunciation",
        ),
    )
    assert latin_form("مزار شریف", "fa")[0] == "Mzār Shrīf"
    assert latin_form("پشاور", "ur")[0] == "Pshāwr"
    assert latin_form("سپین بولدک", "ps")[0] == "Spīn Bōldk"
    assert letter_reading_notes("ru-ru_Latn/BGN", "Moskva") == ()


@pytest.mark.parametrize(
    ("text", "country", "language"),
    [
        ("مزار شريف", "AF", "ps"),  # Arabic ي, typed on an Arabic keyboard: not Arabic from Afghanistan
        ("کابل", "AF", "fa"),  # ک: Persian's (and Urdu's)
        ("سپین بولدک", "AF", "fa"),
        ("غزني", None, "ps"),  # ي: Pashto's own final ī
        ("کوئٹہ", None, "ur"),  # ٹ ہ: Urdu's
        ("پشاور", "PK", "ur"),
        ("ئۈرۈمچى", "AF", "ug"),  # Uyghur's letters decide whatever the sender
    ],
)
def test_the_language_of_an_abjad_name(text: str, country: str | None, language: str) -> None:
    assert detect_language(text, country=country).language == language
