"""Uyghur vowel raising and Mongolian endings after a long vowel (`gateway.resolve.case_endings`).

Uyghur writes a stem's last а or ә as и before a case ending (Ғулҗа, Yining: Ғулҗиға, to Yining);
Mongolian puts г before the ablative and instrumental of a stem in a long vowel or a diphthong and
writes its genitive -гийн or -н (Өлгий, Ölgii: Өлгийгөөс, from Ölgii; Их Хүрээ, Ulaanbaatar's former
name: Их Хүрээгээс). The names are the glossary's and the project's list's; the places UN/LOCODE's
(the official release of Mongolia and Central Asia imported). None of the names below is a row of
bench/accuracy/places.csv (checked against its `native` column)."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from place_table import lists_with_release

from gateway.cli.main import main
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.case_endings import MONGOLIAN, UYGHUR, declined, readings_of
from gateway.settings import PROJECT_ROOT


@pytest.mark.parametrize(
    ("stem", "taken", "not_taken"),
    [
        ("Өлгий", {"гөөс", "гөөр", "н", "д"}, {"өөс", "ийн", "гийн"}),  # ий: г, genitive -н
        ("Хүрээ", {"гээс", "гээр", "гийн", "д"}, {"ээс", "н"}),  # a long vowel: г, genitive -гийн
        ("Улаангом", {"оос", "оор", "ын"}, {"гоос", "гийн", "н"}),  # a consonant: no г
    ],
)
def test_a_mongolian_stem_in_a_long_vowel_takes_g(stem: str, taken: set[str], not_taken: set[str]) -> None:
    endings = set(declined(MONGOLIAN, stem))
    assert taken <= endings and not endings & not_taken


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("Ғулҗиға", "Ғулҗа"),  # back: а raised, dative -ға
        ("Кучиниң", "Куча"),  # genitive
        ("Шихәнзидин", "Шихәнзә"),  # front: ә raised, ablative
    ],
)
def test_a_raised_uyghur_vowel_is_read_back(word: str, stem: str) -> None:
    assert (stem, ("ug",)) in {(found, languages) for found, _, languages in readings_of(word, 2)}


@pytest.mark.parametrize(
    ("word", "not_a_stem"),
    [
        ("Ғулҗигә", "Ғулҗа"),  # a back stem takes -ға, not -гә
        ("Ғулҗигә", "Ғулҗә"),  # and its vowels are back: no ә
        ("Шиға", "Ша"),  # one syllable: not raised so
    ],
)
def test_a_raised_vowel_is_read_only_where_the_stem_takes_the_ending(word: str, not_a_stem: str) -> None:
    assert not_a_stem not in {stem for stem, _, _ in readings_of(word, 2)}


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    lists = lists_with_release(tmp_path_factory.mktemp("codelists"), ("MN", "KZ", "KG", "UZ", "TJ"))
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"))


# (name in running text, sender, code, the reading the note gives)
READ = [
    ("Ғулҗиға", "KZ", "CNYIN", "case ending -ға of Ғулҗа, its а written и before it"),  # to Yining
    ("Ғулҗида", "KZ", "CNYIN", "case ending -да of Ғулҗа, its а written и before it"),  # in Yining
    ("Кучиниң", "KZ", "CNKCA", "case ending -ниң of Куча, its а written и before it"),  # of Kuqa
    ("Өлгийгөөс", "MN", "MNULG", "case ending -гөөс of Өлгий"),  # from Ölgii
    ("Өлгийгөөр", "MN", "MNULG", "case ending -гөөр of Өлгий"),  # through Ölgii
    ("Их Хүрээгээс", "MN", "MNULN", "case ending -гээс of Хүрээ"),  # from Ulaanbaatar (former name)
    ("Их Хүрээгийн", "MN", "MNULN", "case ending -гийн of Хүрээ"),  # of Ulaanbaatar
]


@pytest.mark.parametrize(("name", "country", "code", "reading"), READ)
def test_the_place_is_read_through_the_ending(
    official: Resolver, name: str, country: str, code: str, reading: str
) -> None:
    result = official.resolve(name, "place", country)
    assert (result.code, result.method) == (code, "fuzzy")
    assert 0.85 <= result.score < 1
    assert f"read as an inflected form: {reading}" in result.notes


def _uyghur_names_in_a_or_ae() -> list[tuple[str, str]]:
    with (PROJECT_ROOT / "glossary" / "places.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["language"] == "ug-Cyrl"]
    return sorted((row["term"], row["code"]) for row in rows if row["term"][-1] in "аә")


def test_a_raised_form_of_a_uyghur_name_never_names_another_place(official: Resolver) -> None:
    """Every Uyghur name of the glossary that ends in а or ә, in each case form with its vowel
    raised, from a Kazakh document: its own place or nothing, never another place's code."""
    names = _uyghur_names_in_a_or_ae()
    assert len(names) >= 3
    results = {}
    for name, code in names:
        for ending in declined(UYGHUR, name):
            raised = name[:-1] + "и" + ending
            results[raised] = (code, official.resolve(raised, "place", "KZ").code)
    assert {word: got for word, (code, got) in results.items() if got not in (code, None)} == {}
    assert sum(code == got for code, got in results.values()) / len(results) > 0.9


def test_gateway_resolve_reads_a_raised_uyghur_dative() -> None:
    result = CliRunner().invoke(main, ["resolve", "Ғулҗиға", "--country", "KZ", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["code"], data["english"], data["method"]) == ("CNYIN", "Yining", "fuzzy")
    assert "read as an inflected form: case ending -ға of Ғулҗа, its а written и before it" in data["notes"]
