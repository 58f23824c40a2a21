"""Office names agree on their distinctive word, not on the words that say what kind of office they are.

Every customs office's name carries таможня, кеден бекеті, бажы посту, bojxona posti, 海关 or customs
post: compared whole, «Хоргосская таможня» met «Ошская таможня» at 0.88 and was resolved to the Kyrgyz
Osh customs. The examples are the offices of the project's code list and real offices it lacks.
"""

from __future__ import annotations

import pytest

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def project() -> Resolver:
    return Resolver(CodeLists.load(PROJECT_ROOT / "codelists"), Glossary.load(PROJECT_ROOT / "glossary"))


def test_an_office_named_after_its_city_is_that_citys_office(project: Resolver) -> None:
    result = project.resolve("Хоргосская таможня", "office", "KZ")
    assert result.code in ("KZ55208", "CN9403")  # the Khorgos offices, Kazakh side first for KZ
    assert result.method == "fuzzy"
    osh = [candidate.score for candidate in result.candidates if candidate.code == "KG41715000"]
    assert all(score < project.threshold for score in osh)  # Osh customs, at most a weak candidate


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("Ошской таможни", "KG", "KG41715000"),  # genitive: of Osh customs
        ("Иркештамская таможня", "KG", "KG41715020"),
        ("Khorgos customs post", "KZ", "KZ55208"),
    ],
)
def test_office_names_resolve_on_their_distinctive_word(
    project: Resolver, text: str, country: str, code: str
) -> None:
    result = project.resolve(text, "office", country)
    assert result.code == code
    assert result.score >= project.threshold


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("Таможня Хоргос", "KZ", "CN9403"),  # the Chinese office's Russian name, in a Kazakh document
        ("Таможенный пост «Алат»", "UZ", "UZ06005"),  # «Алат» alone is no alias
        ("Кашгарская таможня", "KZ", "CN9407"),
    ],
)
def test_an_office_named_in_full_is_that_office(
    project: Resolver, text: str, country: str, code: str
) -> None:
    result = project.resolve(text, "office", country)
    assert (result.code, result.method, result.score) == (code, "code-list", 1.0)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Жаркентская таможня", "KZ"),
        ("Таразская таможня", "KZ"),
        ("Таможенный пост «Бахты»", "KZ"),
        ("Майқапшағай кеден бекеті", "KZ"),
        ("Таможенный пост «Калжат»", "KZ"),
        ("Карасуу бажы посту", "KG"),
        ("Нарын бажысы", "KG"),
        ("Посгоҳи гумрукии «Панҷи Поён»", "TJ"),
        ("Алтанбулаг гааль", "MN"),
        ("Sədərək gömrük postu", "AZ"),
        ("巴克图口岸", "CN"),
        ("都拉塔海关", "CN"),
        ("红其拉甫口岸", "CN"),
    ],
)
def test_an_office_the_list_lacks_is_never_another_citys_office(
    project: Resolver, text: str, country: str
) -> None:
    result = project.resolve(text, "office", country)
    assert (result.code, result.method) == (None, "transliteration")
    assert all(candidate.score < project.threshold for candidate in result.candidates)
