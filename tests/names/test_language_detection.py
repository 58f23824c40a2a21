"""Language detection: plain tables of (text, sender country, candidates, expected language)."""

from __future__ import annotations

import pytest

from gateway.names import detect_language
from gateway.names.language import country_of_languages

DECIDED_BY_LETTERS = [
    # Kazakh: ә ғ қ ң ө ұ ү һ і
    ("Нұр-Сұлтан", None, (), "kk"),
    ("Жауапкершілігі шектеулі серіктестік", None, (), "kk"),
    ("Нұр-Сұлтан", "CN", (), "kk"),  # ұ is no Uyghur letter, whatever the sender
    # Uyghur Cyrillic: җ, whatever the sender
    ("Җимбе", "CN", (), "ug-Cyrl"),
    ("Җелилюзи", "KZ", (), "ug-Cyrl"),
    ("Ғулҗа", "MN", (), "ug-Cyrl"),
    # Tajik: ӣ ӯ ҷ
    ("Хуҷанд", None, (), "tg"),
    ("Кӯлоб", None, (), "tg"),
    ("Ҷамъияти дорои масъулияти маҳдуд", None, (), "tg"),
    # Uzbek Cyrillic: ў
    ("Ўзбекистон", None, (), "uz-Cyrl"),
    ("Қўқон", None, (), "uz-Cyrl"),
    # Ukrainian: ї є ґ (і beside them is neither for nor against it)
    ("Київ", None, (), "uk"),
    ("Ґорґани", None, (), "uk"),
    ("Єнакієве", None, (), "uk"),
    # Azerbaijani: ə
    ("Gəncə", None, (), "az"),
    ("Azərbaycan Respublikası", None, (), "az"),
    # Uzbek Latin: oʻ gʻ in any spelling
    ("Oʻzbekiston", None, (), "uz"),
    ("O'zbekiston", None, (), "uz"),
    ("Farg`ona", None, (), "uz"),
    # Kazakh Latin 2021: ū ŋ
    ("Nūr-Sūltan", None, (), "kk-Latn"),
    # Turkmen: ň ý ž
    ("Türkmenbaşy, Balkan welaýaty", None, (), "tk"),
    # Chinese by its characters
    ("长春", None, (), "zh-Hans"),
    ("霍尔果斯", "TW", (), "zh-Hans"),
    ("長春", None, (), "zh-Hant"),
    # Scripts that write one language here
    ("ᠮᠣᠩᠭᠣᠯ", None, (), "mn-Mong"),
    ("თბილისი", None, (), "ka"),
    # No letters
    ("2024-07-12", None, (), "zxx"),
]

DECIDED_BY_PRIORS = [
    # The letters allow several languages: the sender country breaks the tie.
    ("Қорғас", "KZ", (), "kk"),
    ("Әуезов", "KZ", (), "kk"),  # ә is Kazakh or Uyghur
    ("Қәшқәр", "CN", (), "ug-Cyrl"),
    ("Өндөр", "CN", (), "mn"),  # ө ties Mongolian and Uyghur; Mongolian ranks first
    ("Самарқанд", "UZ", (), "uz-Cyrl"),
    ("Самарқанд", "TJ", (), "tg"),
    ("Улаанбаатар", "MN", (), "mn"),
    ("Замын-Үүд", "MN", (), "mn"),
    ("Ысык-Көл", "KG", (), "ky"),
    ("Дөң-Арык", "KG", (), "ky"),  # ң rules Mongolian out, the country Kazakh
    ("Тошкент", "UZ", (), "uz-Cyrl"),
    ("Бишкек", "KG", (), "ky"),
    ("Toshkent", "UZ", (), "uz"),
    ("Bakı", "AZ", (), "az"),
    ("Qorğas", "KZ", (), "kk-Latn"),
    ("喀什", "CN", (), "zh-Hans"),
    ("喀什", "TW", (), "zh-Hant"),
    # Plain Cyrillic without a country is Russian.
    ("Алматы", None, (), "ru"),
    ("Торугарт", None, (), "ru"),
    # A long text without a single Kazakh letter is not Kazakh, whatever the sender.
    ("Товарищество с ограниченной ответственностью", "KZ", (), "ru"),
    # Candidates of the national format, in order, when the letters do not decide.
    ("Бишкек", None, ("ky", "ru"), "ky"),
    ("Бишкек", None, ("ru", "ky"), "ru"),
    ("steel pipes", None, ("en",), "en"),
    ("Ысык-Көл", None, ("ky", "ru"), "ky"),
    ("喀什", None, ("zh-Hant",), "zh-Hant"),
    # Candidates never beat the letters.
    ("Хуҷанд", None, ("ru", "kk"), "tg"),
    ("Нұр-Сұлтан", "KG", ("ky",), "kk"),
]


@pytest.mark.parametrize(("text", "country", "candidates", "expected"), DECIDED_BY_LETTERS)
def test_marking_letters_decide(
    text: str, country: str | None, candidates: tuple[str, ...], expected: str
) -> None:
    guess = detect_language(text, candidates, country)
    assert guess.language == expected, guess.reason
    assert guess.confidence >= 0.9


@pytest.mark.parametrize(("text", "country", "candidates", "expected"), DECIDED_BY_PRIORS)
def test_priors_break_ties(
    text: str, country: str | None, candidates: tuple[str, ...], expected: str
) -> None:
    guess = detect_language(text, candidates, country)
    assert guess.language == expected, guess.reason


def test_a_guess_says_why_and_what_came_next() -> None:
    guess = detect_language("Қорғас", country="KZ")
    assert guess.script == "Cyrl"
    assert "ғқ mark Kazakh" in guess.reason
    assert "sender country KZ" in guess.reason
    assert set(guess.alternatives) == {"tg", "uz-Cyrl", "ug-Cyrl"}
    assert 0.5 < guess.confidence < 0.9


def test_a_guess_without_evidence_is_undetermined_and_says_so() -> None:
    guess = detect_language("Toshkent")
    assert guess.language == "und"
    assert guess.confidence < 0.5


def test_an_undecided_tie_has_low_confidence() -> None:
    assert detect_language("Қорғас").confidence < 0.5


def test_a_candidate_of_another_script_is_not_taken() -> None:
    assert detect_language("Алматы", ("en",)).language == "ru"


FORM_LANGUAGES = [
    # the languages glossary/legal-forms.csv writes a legal form in, and the country they point to
    (("ru", "kk"), "KZ"),  # ТОО: Kazakhstan's Russian and Kazakh
    (("ru", "ky"), "KG"),  # ОсОО
    (("ru",), "RU"),  # ООО
    (("kk",), "KZ"),  # ЖШС
    (("tg",), "TJ"),  # ҶДММ
    (("uz-Cyrl",), "UZ"),  # МЧЖ
    (("mn",), "MN"),  # ХХК: Mongolian is no national language of China, where it is written too
    (("zh-Hans", "zh-Hant"), "CN"),  # 有限公司
    (("en",), None),  # (Pvt.) Ltd.: English is the national language of no country of the table
    (("ru", "kk", "ky"), None),  # no country writes all three
    ((), None),
]


@pytest.mark.parametrize(("languages", "country"), FORM_LANGUAGES)
def test_the_country_of_a_legal_form_s_languages(languages: tuple[str, ...], country: str | None) -> None:
    assert country_of_languages(languages) == country
