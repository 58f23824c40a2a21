"""Resolution against the project's own code lists: countries, offices, places and package words."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def project() -> Resolver:
    return Resolver(CodeLists.load(PROJECT_ROOT / "codelists"), Glossary.load(PROJECT_ROOT / "glossary"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Қытай", "CN"),  # Kazakh
        ("Китай", "CN"),
        ("中华人民共和国", "CN"),
        ("ҚХР", "CN"),  # the Kazakh abbreviation of the People's Republic
        ("Кыргызстан", "KG"),
        ("Тоҷикистон", "TJ"),
        ("O‘zbekiston", "UZ"),  # Latin Uzbek with a typographic apostrophe
        ("Монгол Улс", "MN"),
    ],
)
def test_country_names_in_every_language(project: Resolver, text: str, code: str) -> None:
    result = project.resolve(text, "country")
    assert (result.code, result.method) == (code, "code-list")


def test_an_office_name_with_its_address_words(project: Resolver) -> None:
    result = project.resolve("пункт пропуска Хоргос", "office", "KZ")
    assert (result.code, result.method) == ("KZ55208", "code-list")
    assert result.notes == ("address words set apart: пункт пропуска",)


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("Қорғас (Хоргос), ҚХР", "place", "CNHRS"),  # ҚХР says which side: the code list knows both
        ("多斯特克", "place", "KZDOS"),
        ("Замын-Үүд", "place", "MNZUU"),
        ("мешки", "package", "BG"),
        ("纸箱", "package", "CT"),
    ],
)
def test_places_and_packages(project: Resolver, text: str, kind: str, code: str) -> None:
    assert project.resolve(text, kind, "KZ").code == code


def test_a_country_in_the_name_beats_the_sender_country(project: Resolver) -> None:
    result = project.resolve("Қорғас (Хоргос), ҚХР", "place", "KZ")
    assert result.code == "CNHRS"
    assert "ҚХР names the country CN" in result.notes
    assert project.resolve("Қорғас", "place", "KZ").code == "KZHOR"  # without it, the sender's side


def test_the_parts_of_un_locode_names_are_names_of_the_place() -> None:
    tangshan = {"code": "CNTGS", "names": {"und-Latn": "Tangshan Pt"}}
    fangshan = {"code": "CNFAS", "names": {"und-Latn": "Fangshan"}}
    entries = tuple(
        Entry(item["code"], item["names"], (), {"country": "CN"}) for item in (fangshan, tangshan)
    )
    resolver = Resolver(TableCodeLists({"locode": entries}), Glossary.load(PROJECT_ROOT / "glossary"))
    result = resolver.resolve("唐山", "place", "CN")  # Tangshan, one letter from Fangshan
    assert (result.code, result.method, result.english) == ("CNTGS", "fuzzy", "Tangshan Pt")
