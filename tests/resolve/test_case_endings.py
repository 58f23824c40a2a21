"""Case endings made by each language's vowel harmony (`gateway.resolve.case_endings`): Uyghur names as
Kazakhstan's Uyghurs write them (Қәшқәргә, to Kashgar), Mongolian dative-locative, genitive and
instrumental, Kyrgyz and Kazakh endings read only after a stem of their harmony class. The places are
UN/LOCODE's (the project's list with the official release of Mongolia and Central Asia imported); none
of the names below is a row of bench/accuracy/places.csv (checked against its `native` column)."""

from __future__ import annotations

import csv

import pytest
from place_table import lists_with_release

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.case_endings import (
    ALL_ENDINGS,
    KAZAKH,
    KYRGYZ,
    MONGOLIAN,
    UYGHUR,
    UZBEK,
    Grammar,
    declined,
)
from gateway.resolve.inflection import forms
from gateway.settings import PROJECT_ROOT

SESSION6_ENDINGS = {
    "kk": "ға ге қа ке на не да де та те нда нде дан ден тан тен нан нен ның нің дың дің тың тің ны ні ды"
    " ді ты ті мен бен пен",
    "ky": "га ге го гө ка ке ко кө да де до дө та те то тө дан ден дон дөн тан тен тон төн нын нин нун нүн"
    " дын дин дун дүн тын тин тун түн",
    "uz": "га ка қа да дан нинг ни",
    "mn": "аас ээс оос өөс руу рүү",
}
"""The endings inflection.py listed by hand before they were made from the harmony rules (session 6)."""
OLD = frozenset(ending for endings in SESSION6_ENDINGS.values() for ending in endings.split())


def test_the_endings_made_by_harmony_cover_the_hand_made_list() -> None:
    assert set(ALL_ENDINGS) >= OLD


@pytest.mark.parametrize(
    ("grammar", "stem", "taken"),
    [
        (KAZAKH, "Алматы", {"ға", "да", "дан", "ның", "ны", "мен", "на", "нда", "нан"}),  # ы: as possessive
        (KAZAKH, "Бишкек", {"ке", "те", "тен", "тің", "ті", "пен"}),  # front, after a voiceless one
        (KAZAKH, "Түркістан", {"ға", "да", "нан", "ның", "ды", "мен"}),  # back, after a nasal
        (KYRGYZ, "Ош", {"ко", "то", "тон", "тун", "ту"}),  # rounded back, voiceless
        (UYGHUR, "Хотән", {"гә", "дә", "дин", "ниң", "ни"}),  # front, voiced
        (UYGHUR, "Пичан", {"ға", "да", "дин", "ниң", "ни"}),  # back
        (MONGOLIAN, "Цэцэрлэг", {"т", "ээс", "ээр", "ийн", "рүү"}),  # г: dative-locative -т
        (MONGOLIAN, "Ховд", {"од", "оос", "оор", "ын", "руу"}),  # rounded, after д: -од
        (UZBEK, "Тошкент", {"га", "да", "дан", "нинг", "ни"}),  # no harmony
    ],
)
def test_a_stem_takes_the_allomorph_of_its_class_in_each_case(
    grammar: Grammar, stem: str, taken: set[str]
) -> None:
    assert set(declined(grammar, stem)) == taken


@pytest.mark.parametrize(
    ("name", "not_a_stem"),
    [
        ("Түркістан", "Түркіс"),  # a front stem takes -тен, not -тан
        ("Карабалта", "Карабал"),  # after л Kazakh and Kyrgyz write -да, not -та
        ("Бишкектан", "Бишкек"),  # -тан after a front stem, in no language
        ("Улаангомаас", "Улаангом"),  # Mongolian: after о the ablative is -оос
        ("Хотәнга", "Хотән"),  # Uyghur: a front stem takes -гә
    ],
)
def test_an_ending_of_the_other_harmony_class_is_not_read(name: str, not_a_stem: str) -> None:
    assert not_a_stem not in {form.name for form in forms(name)}


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    """The project's lists with the official rows of Mongolia and Central Asia, and the glossary (whose
    places.csv gives the Uyghur names of Xinjiang's places)."""
    lists = lists_with_release(tmp_path_factory.mktemp("codelists"), ("MN", "KZ", "KG", "UZ", "TJ"))
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"))


# (name in running text, sender, code, the reading the note gives)
INFLECTED = [
    ("Қәшқәргә", "KZ", "CNKSS", "case ending -гә of Қәшқәр"),  # Uyghur dative, front: to Kashgar
    ("Хотәндә", "KZ", "CNHTN", "case ending -дә of Хотән"),  # Uyghur locative: in Hotan
    ("Қумулниң", "KZ", "CNHMI", "case ending -ниң of Қумул"),  # Uyghur genitive: of Hami
    ("Қарамайниң", "KZ", "CNKRY", "case ending -ниң of Қарамай"),  # of Karamay
    ("Хужиртад", "MN", "MNHJT", "case ending -ад of Хужирт"),  # Mongolian dative-locative after т
    ("Хатгалын", "MN", "MNHAT", "case ending -ын of Хатгал"),  # Mongolian genitive
    ("Хатгалаар", "MN", "MNHAT", "case ending -аар of Хатгал"),  # Mongolian instrumental
    ("Хужиртын", "MN", "MNHJT", "case ending -ын of Хужирт"),
    # a stem that is a name exactly, where the whole word only resembles another place
    ("Хамилаар", "MN", "CNHMI", "case ending -аар of Хамил"),  # by Hami, not Хайлаар (Hailar)
    ("Чәрчәнгә", "KZ", "CNIQM", "case ending -гә of Чәрчән"),  # to Qiemo, not Shashangang
]


@pytest.mark.parametrize(("name", "country", "code", "reading"), INFLECTED)
def test_a_uyghur_or_mongolian_case_ending_is_read_back_to_the_name(
    official: Resolver, name: str, country: str, code: str, reading: str
) -> None:
    result = official.resolve(name, "place", country)
    assert (result.code, result.method) == (code, "fuzzy")
    assert 0.85 <= result.score < 1
    assert f"read as an inflected form: {reading}" in result.notes


GRAMMARS = {"kk": KAZAKH, "ky": KYRGYZ, "uz-Cyrl": UZBEK, "mn": MONGOLIAN, "ug-Cyrl": UYGHUR}
SENDERS = {"kk": "KZ", "ky": "KG", "uz-Cyrl": "UZ", "mn": "MN", "ug-Cyrl": "KZ"}


def _national_names() -> list[tuple[str, str]]:
    """(name, language) of every Kazakh, Kyrgyz, Uzbek, Mongolian and Uyghur name of the project's place
    list and the glossary's places."""
    names: set[tuple[str, str]] = set()
    with (PROJECT_ROOT / "codelists" / "locode" / "codes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names |= {
                (row[f"name:{tongue}"], tongue)
                for tongue in ("kk", "ky", "uz-Cyrl", "mn")
                if row[f"name:{tongue}"]
            }
    with (PROJECT_ROOT / "glossary" / "places.csv").open(encoding="utf-8") as handle:
        names |= {
            (row["term"], row["language"]) for row in csv.DictReader(handle) if row["language"] in GRAMMARS
        }
    return sorted(names)


def test_a_new_ending_read_off_a_place_name_never_names_another_place(official: Resolver) -> None:
    """Every national name of the project's places, in every case form its grammar gives it that the
    hand-made list lacked (Uyghur, Mongolian dative-locative, genitive, instrumental, Kyrgyz accusative):
    no result read through an ending names another place than the name itself, and most are read."""
    wrong, read, tried = [], 0, 0
    for name, tongue in _national_names():
        own = official.resolve(name, "place", SENDERS[tongue]).code
        for ending in set(declined(GRAMMARS[tongue], name.split()[-1])) - OLD:
            tried += 1
            result = official.resolve(name + ending, "place", SENDERS[tongue])
            through_ending = any(note.startswith("read as an inflected form") for note in result.notes)
            read += result.code == own
            if through_ending and result.code != own:
                wrong.append((name + ending, own, result.code))
    assert wrong == []
    assert tried > 80 and read / tried > 0.9
