"""Former and native names of the region's places, as an officer meets them in old company addresses and
regional documents: `gateway resolve NAME --kind place --country CC` gives the place's code today, from
the glossary row that says where the name comes from (glossary/renamed-places.csv, glossary/places.csv)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner
from place_table import lists_with_release

from gateway.cli.main import main
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT

# (name as a document writes it, sender country, code, English form, glossary file)
NAMES = [
    # renamed cities and towns of the CAREC countries
    ("г. Шевченко", "KZ", "KZAAU", "Aktau", "renamed-places.csv"),  # with its kind word
    ("Верный", "KZ", "KZALA", "Almaty", "renamed-places.csv"),
    ("Аулие-Ата", "KZ", "KZTAR", "Taraz", "renamed-places.csv"),
    ("Новый Узень", "KZ", "KZUZE", "Zhanaozen", "renamed-places.csv"),
    ("Қонаев", "KZ", "KZKPC", "Konaev", "renamed-places.csv"),  # a new name: UN/LOCODE keeps Kapchagay
    ("Пишпек", "KG", "KGFRU", "Bishkek", "renamed-places.csv"),
    ("Сталинабад", "TJ", "TJDYU", "Dushanbe", "renamed-places.csv"),
    ("Бӯстон", "TJ", "TJCHK", "Buston", "renamed-places.csv"),  # UN/LOCODE keeps Chkalovsk
    ("Скобелев", "UZ", "UZFEG", "Fergana", "renamed-places.csv"),
    ("Чарджоу", "TM", "TMTK5", "Turkmenabat", "renamed-places.csv"),
    ("Нийслэл Хүрээ", "MN", "MNULN", "Ulaanbaatar", "renamed-places.csv"),
    ("Lyallpur", "PK", "PKLYP", "Faisalabad", "renamed-places.csv"),
    # former names of China's cities
    ("迪化市", "CN", "CNURM", "Urumqi", "renamed-places.csv"),  # with its kind word
    ("歸綏", "CN", "CNHHH", "Hohhot", "renamed-places.csv"),  # traditional characters
    ("襄樊市", "CN", "CNXGF", "Xiangyang", "renamed-places.csv"),
    ("普洱市", "CN", "CNSYM", "Pu'er", "renamed-places.csv"),
    ("奉天", "CN", "CNSHY", "Shenyang", "renamed-places.csv"),
    # native names of Xinjiang's and Inner Mongolia's seats, and Russian exonyms
    ("Ғулҗа", "KZ", "CNYIN", "Yining", "places.csv"),  # Uyghur, in Kazakhstan's Cyrillic
    ("Чөчәк", "KZ", "CNTCS", "Tacheng", "places.csv"),
    ("Құмыл", "KZ", "CNHMI", "Hami", "places.csv"),  # Kazakh
    ("Хөх хот", "MN", "CNHHH", "Hohhot", "places.csv"),  # Mongolian, with its kind word
    ("Улаанхад", "MN", "CNCFS", "Chifeng", "places.csv"),
    ("Нанкин", "KZ", "CNNJI", "Nanjing", "places.csv"),
    ("Мукден", "KZ", "CNSHY", "Shenyang", "places.csv"),
]


@pytest.fixture(scope="module")
def resolved() -> dict[str, dict[str, object]]:
    """Every name of NAMES through `gateway resolve - --kind place --country CC`, by name."""
    by_country: dict[str, list[str]] = defaultdict(list)
    for name, country, *_ in NAMES:
        by_country[country].append(name)
    found: dict[str, dict[str, object]] = {}
    for country, names in by_country.items():
        arguments = ["resolve", "-", "--kind", "place", "--country", country]
        result = CliRunner().invoke(main, arguments, input="\n".join(names) + "\n")
        assert result.exit_code == 0, result.output
        found.update((line["original"], line) for line in map(json.loads, result.output.splitlines()))
    return found


@pytest.mark.parametrize(("name", "country", "code", "english", "file"), NAMES)
def test_a_former_or_native_name_gives_the_place_of_today(
    resolved: dict[str, dict[str, object]], name: str, country: str, code: str, english: str, file: str
) -> None:
    result = resolved[name]
    assert (result["code"], result["english"], result["method"], result["score"]) == (
        code,
        english,
        "glossary",
        1.0,
    )
    version = Glossary.load(PROJECT_ROOT / "glossary").version
    assert result["glossary_version"] == version
    assert str(result["source"]).startswith(f"glossary {file}:") and f"({version})" in str(result["source"])


def test_the_kind_word_is_set_apart_and_said(resolved: dict[str, dict[str, object]]) -> None:
    assert resolved["г. Шевченко"]["notes"] == ["address words set apart: г."]
    assert resolved["迪化市"]["notes"] == ["address words set apart: 市"]


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    """The project's code lists with the official UN/LOCODE rows of KZ, KG and TM imported."""
    lists = lists_with_release(tmp_path_factory.mktemp("codelists"), ("KZ", "KG", "TM"))
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"))


@pytest.mark.parametrize(
    ("name", "country", "code", "twin"),
    [
        ("Аулие-Ата", "KZ", "KZTAR", "KZDZH"),  # Taraz, which UN/LOCODE also keeps as Dzhambul
        ("Рыбачье", "KG", "KGBYK", "KGRBC"),  # Balykchy, also kept as Rybacje
        ("Чарджоу", "TM", "TMTK5", "TMCJV"),  # Turkmenabat, also kept as Chärjew and Tchardjou
    ],
)
def test_a_city_that_un_locode_keeps_twice_gets_its_current_name_s_code(
    official: Resolver, name: str, country: str, code: str, twin: str
) -> None:
    assert official.codelists is not None
    assert {entry.code for entry in official.codelists.entries("locode")} >= {code, twin}
    result = official.resolve(name, "place", country)
    assert (result.code, result.method) == (code, "glossary")
