"""Renamed towns of the region (glossary/renamed-places.csv): an old document's name, or a new name
UN/LOCODE lacks, gives the town's code with its name today, and the glossary row it cites says when the
name changed. Session 6's rows and those of session 7's walk of every UN/LOCODE place of KZ, KG, TJ, UZ,
TM, MN, AZ and GE (plans/notes-renamed7.md lists every place checked). None of these names is a row of
bench/accuracy/places.csv."""

from __future__ import annotations

import re

import pytest
from renamed_rows import cited_row, official_resolver

from gateway.glossary import Glossary
from gateway.resolve import Resolver

YEAR = re.compile(r"\b1[89]\d\d\b|\b20\d\d\b")

# (name as a document writes it, sender country, code, English form today)
NAMES = [
    ("Орджоникидзеабад", "TJ", "TJVAH", "Vahdat"),  # Soviet name, 1936 to the early 1990s
    ("Кофарниҳон", "TJ", "TJVAH", "Vahdat"),  # Tajik spelling of the name until 2003
    ("Серхетабат", "TM", "TMKUK", "Serhetabat"),  # new name: UN/LOCODE keeps Kushka
    ("Serhetabat", "TM", "TMKUK", "Serhetabat"),
    ("Махарадзе", "GE", "GE5OZ", "Ozurgeti"),
    ("Миха-Цхакая", "GE", "GEZAJ", "Senaki"),
    ("Цители-Цкаро", "GE", "GEDED", "Dedoplistskaro"),
    ("Гёйгёль", "AZ", "AZKHA", "Goygol"),  # new name: UN/LOCODE keeps Khanlar
    ("Göygöl", "AZ", "AZKHA", "Goygol"),
    # session 7: names older than the Soviet ones, of German colonies and of the Mongolian capital
    ("Еленендорф", "AZ", "AZKHA", "Goygol"),  # Helenendorf until 1931
    ("Екатериненфельд", "GE", "GEBNS", "Bolnisi"),  # Katharinenfeld until 1921
    ("Сан-Бейсе", "MN", "MNCOQ", "Choibalsan"),  # until 1921, then Баян-Тумен until 1941
    ("Баян-Тумен", "MN", "MNCOQ", "Choibalsan"),  # the Russian spelling of Баян Түмэн
    ("Царские Колодцы", "GE", "GEDED", "Dedoplistskaro"),  # until 1921, then Цители-Цкаро
    ("Джаркент", "KZ", "KZZRK", "Zharkent"),  # the Russian spelling until 1942, then Панфилов
    # session 7: Chinese former names, and their Russian (Palladius) forms
    ("承化", "CN", "CNAAT", "Altay"),
    ("新海连", "CN", "CNLYG", "Lianyungang"),
    ("Дихуа", "KZ", "CNURM", "Urumqi"),  # 迪化 in a Kazakh document
    ("Гуйсуй", "KZ", "CNHHH", "Hohhot"),  # 归绥
]


@pytest.mark.parametrize(("name", "country", "code", "english"), NAMES)
def test_a_renamed_town_gives_its_code_and_its_name_today(
    resolver: Resolver, glossary: Glossary, name: str, country: str, code: str, english: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.english, result.method, result.score) == (code, english, "glossary", 1.0)
    assert str(result.source).startswith("glossary renamed-places.csv:")
    assert YEAR.search(cited_row(glossary, result.source).note)  # when the name changed


def test_a_former_name_in_running_text_is_read_through_its_case_ending(resolver: Resolver) -> None:
    """Esik's Soviet name in the prepositional case (в Иссыке): the glossary row read from its stem."""
    result = resolver.resolve("в Иссыке", "place", "KZ")
    assert (result.code, result.english, result.method) == ("KZEIK", "Esik", "fuzzy")
    assert "read as an inflected form: case ending -е of Иссык" in result.notes


@pytest.fixture(scope="module")
def official() -> Resolver:
    return official_resolver()


# (former name, sender country, the current name's code, English form, the twin UN/LOCODE also keeps)
TWINS = [
    ("Челекен", "TM", "TMZ7H", "Hazar", "TMCHE"),  # Cheleken, renamed Hazar
    ("Бек-Буди", "UZ", "UZQAR", "Qarshi", "UZKSQ"),  # Karshi 1926-1937; the code Карши resolves to
    ("Ташауз", "TM", "TMDHZ", "Dashoguz", "TMTAZ"),  # Tashauz, renamed Daşhowuz 1992
]


@pytest.mark.parametrize(("name", "country", "code", "english", "twin"), TWINS)
def test_a_former_name_gives_the_current_names_code_where_unlocode_keeps_a_twin(
    official: Resolver, name: str, country: str, code: str, english: str, twin: str
) -> None:
    assert official.codelists is not None
    assert official.codelists.is_valid("locode", twin)  # type: ignore[attr-defined]
    result = official.resolve(name, "place", country)
    assert (result.code, result.english, result.method) == (code, english, "glossary")
