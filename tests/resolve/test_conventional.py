"""Uzbek, Tajik, Kazakh and Kyrgyz names read as Russian gazetteers spell them (`resolve/conventional.py`):
UN/LOCODE romanizes these countries' places from their Russian form (Khanabad, Akaltyn, Sary-Assiya),
a national document writes the national form (Хонобод, Оқолтин, Сариосиё). The places are the official
release's rows (../shared/reference/unlocode/); none of the names below is a row of
bench/accuracy/places.csv (checked against its `native` column)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest
from place_table import TableCodeLists, lists_with_release, place

from gateway.glossary import Glossary
from gateway.resolve import Resolver, keys
from gateway.resolve.conventional import conventional_reading
from gateway.settings import PROJECT_ROOT

CENTRAL_ASIA = ("UZ", "TJ", "KZ", "KG", "TM")

# (national name, language, code, UN/LOCODE's Latin name, from the Russian form)
UZBEK_NAMES = [
    ("Хонобод", "uz-Cyrl", "UZKKH", "Khanabad"),  # Ханабад
    ("Оқолтин", "uz-Cyrl", "UZAKT", "Akaltyn"),  # Акалтын
    ("Олмалиқ", "uz-Cyrl", "UZALK", "Almalyk"),  # Алмалык
    ("Ялангоч", "uz-Cyrl", "UZYLH", "Yalangach"),  # Ялангач
    ("Олтиариқ", "uz-Cyrl", "UZALT", "Altyaryk"),  # Алтыарык
    ("Чуқурсой", "uz-Cyrl", "UZCHU", "Chukur-Say"),  # Чукурсай
    ("Сариосиё", "uz-Cyrl", "UZSYA", "Sary-Assiya"),  # Сариасия: final ё is я
]


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    """The project's code lists with the official UN/LOCODE rows of Central Asia imported."""
    lists = lists_with_release(tmp_path_factory.mktemp("codelists"), CENTRAL_ASIA)
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"))


@pytest.mark.parametrize(("name", "language", "code", "english"), UZBEK_NAMES)
def test_an_uzbek_name_meets_the_russian_based_latin_name_of_its_place(
    official: Resolver, name: str, language: str, code: str, english: str
) -> None:
    """From an Uzbek document: the place's code, sure enough for a stricter threshold (without the
    reading, only the consonants agreed: 0.86-0.875)."""
    result = official.resolve(name, "place", "UZ")
    assert (result.code, result.english, result.method) == (code, english, "fuzzy")
    assert result.score >= 0.95


@pytest.mark.parametrize(
    ("name", "language", "code", "english"),
    [UZBEK_NAMES[0], UZBEK_NAMES[1], UZBEK_NAMES[-1]],
)
def test_an_uzbek_name_in_a_document_of_no_known_country_resolves_by_its_language(
    official: Resolver, name: str, language: str, code: str, english: str
) -> None:
    """A partner's document that tags the name Uzbek and names no sender: the language alone says how
    to read it (no consonant match helps without a country)."""
    result = official.resolve(name, "place", None, language)
    assert (result.code, result.english) == (code, english)
    assert result.score >= 0.85


def test_a_tajik_name_of_an_uzbek_place_from_a_tajik_document(official: Resolver) -> None:
    """Tajik writes о where Russian writes а too (Хонобод, Ханабад), in a Tajik transit document."""
    result = official.resolve("Хонобод", "place", "TJ", "tg")
    assert (result.code, result.english, result.method) == ("UZKKH", "Khanabad", "fuzzy")
    assert result.score >= 0.95


TERM_PLACES = (
    place("KZTDK", "Taldy-Kurgan"),
    place("KGXUC", "Uch-Kurgan"),  # codes with X are made up for the test
    place("KGXKK", "Kara-Kul"),
    place("KGXKL", "Karakol"),
    place("TJXUT", "Ura-Tyube"),
)


@pytest.fixture(scope="module")
def russian_based() -> Resolver:
    """A list that knows the places only by their Russian-based Latin names (UN/LOCODE keeps Taldy-Kurgan
    beside Taldykorgan; a list of only the former, as older releases had)."""
    return Resolver(TableCodeLists({"locode": TERM_PLACES}), Glossary.load(PROJECT_ROOT / "glossary"))


@pytest.mark.parametrize(
    ("name", "country", "code", "english"),
    [
        ("Талдықорған", "KZ", "KZTDK", "Taldy-Kurgan"),  # Kazakh қорған: курган
        ("Үч-Коргон", "KG", "KGXUC", "Uch-Kurgan"),  # Kyrgyz коргон: курган (code made up)
        ("Кара-Көл", "KG", "KGXKK", "Kara-Kul"),  # Kyrgyz көл: куль (code made up)
        ("Ӯротеппа", "TJ", "TJXUT", "Ura-Tyube"),  # Tajik теппа: тюбе, Istaravshan (code made up)
    ],
)
def test_a_geographic_term_is_read_in_its_traditional_russian_form(
    russian_based: Resolver, name: str, country: str, code: str, english: str
) -> None:
    result = russian_based.resolve(name, "place", country)
    assert (result.code, result.english) == (code, english)
    assert result.score >= 0.95


def test_the_reading_is_for_the_language_s_names_only() -> None:
    assert conventional_reading("Хонобод", "uz-Cyrl") == "ханабад"
    assert conventional_reading("Хонобод", None, "TJ") == "ханабад"  # the sender's language
    assert conventional_reading("Хонобод", "ru", "UZ") == ""  # a Russian name stays as written
    assert conventional_reading("Хонобод", "kk") == ""  # Kazakh о is Russian о
    assert conventional_reading("Алматы", "kk") == ""  # nothing to read: no second key
    assert conventional_reading("Сирдарё", "uz-Cyrl") == "сирдаря"  # Сырдарья: a final ё only
    assert conventional_reading("Ёзёвон", "uz-Cyrl") == "езеван"


def _cyrillic_names() -> Iterator[tuple[str, str]]:
    """(name, sender) for every Cyrillic name of the project's place list whose key the reading
    changes for a document of that sender."""
    with (PROJECT_ROOT / "codelists" / "locode" / "codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = ("name:ru", "name:kk", "name:ky", "name:tg", "name:uz-Cyrl", "name:mn")
    for row in rows:
        for name in {row[column] for column in columns if row[column]}:
            for sender in ("UZ", "TJ", "KZ", "KG"):
                if conventional_reading(name, None, sender):
                    yield name, sender


@pytest.fixture(scope="module")
def without_reading(
    official: Resolver, monkeypatch_module: pytest.MonkeyPatch
) -> dict[tuple[str, str], str | None]:
    """The codes the names of `_cyrillic_names` got before the reading."""
    monkeypatch_module.setattr(keys, "conventional_readings", lambda *_: [])
    before = Resolver(official.codelists, official.glossary())
    codes = {(n, s): before.resolve(n, "place", s).code for n, s in _cyrillic_names()}
    monkeypatch_module.undo()
    return codes


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_names_that_must_stay_themselves_get_no_new_code(
    official: Resolver, without_reading: dict[tuple[str, str], str | None]
) -> None:
    """Every Cyrillic name of the project's places (Russian names of Kazakh, Kyrgyz and Chinese places,
    Mongolian ones, the national names) from an Uzbek, Tajik, Kazakh or Kyrgyz document keeps the code
    it had without the reading: the reading adds a key, never another place."""
    assert len(without_reading) > 20
    changed = {
        (name, sender): (code, official.resolve(name, "place", sender).code)
        for (name, sender), code in without_reading.items()
        if official.resolve(name, "place", sender).code != code
    }
    assert changed == {}
