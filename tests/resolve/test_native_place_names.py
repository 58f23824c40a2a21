"""Native names of China's and Mongolia's places, as the region's own national systems write them: a
Kazakh document's Көктоғай is Fuyun, a Uyghur newspaper's Хотән is Hotan, a Mongolian manifest's Хайлаар
is Hailar (glossary/places.csv). The resolver runs over the project's code lists with the official
UN/LOCODE rows of China, Mongolia, Kazakhstan and Kyrgyzstan imported, the document's sender country
given as its prior, as a national system's document is resolved. None of these names is a row of the
accuracy set (bench/accuracy/places.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from place_table import lists_with_release

from gateway.glossary import Glossary, GlossaryEntry
from gateway.resolve import Resolution, Resolver
from gateway.settings import PROJECT_ROOT

# (name as the document writes it, sender country, code, English form, what the glossary row's note says)
NATIVE_NAMES = [
    # Kazakh names of Xinjiang's counties
    ("Көктоғай", "KZ", "CNFYN", "Fuyun", "Kazakh name"),
    ("Күнес", "KZ", "CNXUN", "Xinyuan", "Kazakh name"),
    ("Бұршын", "KZ", "CNBRJ", "Burqin", "Kazakh name"),
    ("Жеменей", "KZ", "CNJEM", "Jeminay", "Kazakh name"),
    # Uyghur names as Kazakhstan's Uyghur press writes them (ug-Cyrl)
    ("Пичан", "KZ", "CNSXJ", "Shanshan", "Uyghur name"),
    ("Қутуби", "KZ", "CNXJH", "Hutubi", "Uyghur name"),
    ("Хотән", "KZ", "CNHTN", "Hotan", "Uyghur name"),
    ("Куча", "KZ", "CNKCA", "Kuqa", "Uyghur name"),
    ("Чәрчән", "KZ", "CNIQM", "Qiemo", "Uyghur name"),
    ("Бейҗиң", "KZ", "CNBJS", "Beijing", "Uyghur name"),
    # Kyrgyz names
    ("Кашкар", "KG", "CNKSS", "Kashgar", "Kyrgyz name"),
    ("Кулжа", "KG", "CNYIN", "Yining", "Kyrgyz name"),
    ("Кумул", "KG", "CNHMI", "Hami", "Kyrgyz name"),
    # Mongolian names of Inner Mongolia's, Xinjiang's and China's cities
    ("Хайлаар", "MN", "CNHLD", "Hailar", "Mongolian name"),
    ("Хөлөнбуйр", "MN", "CNHLD", "Hulunbuir", "Mongolian name"),
    ("Улаанхот", "MN", "CNWLH", "Ulanhot", "Mongolian name"),
    ("Улаанцав", "MN", "CNULA", "Ulanqab", "Mongolian name"),
    ("Хуучин Барга", "MN", "CNCBG", "Chen Barag", "Mongolian name"),
    ("Хамил", "MN", "CNHMI", "Hami", "Mongolian name"),
    ("Мүгдэн", "MN", "CNSHY", "Shenyang", "Mongolian name"),
    ("Халуун гол", "MN", "CNCNG", "Chengde", "Mongolian name"),
    # Mongolia's own town, as Bayan-Ölgii's Kazakhs write it, in a Mongolian and in a Kazakh document
    ("Өлгей", "MN", "MNULG", "Ölgii", "Kazakh name"),
    ("Өлгей", "KZ", "MNULG", "Ölgii", "Kazakh name"),
    ("Баян-Өлгей", "MN", "MNULG", "Ölgii", "Kazakh name"),
]

# (inflected name, sender country, code, the ending the resolver says it read)
INFLECTED = [
    ("Көктоғайдан", "KZ", "CNFYN", "case ending -дан of Көктоғай"),  # Kazakh ablative: from Fuyun
    ("Жеменейден", "KZ", "CNJEM", "case ending -ден of Жеменей"),  # Kazakh ablative: from Jeminay
    ("Бұршынға", "KZ", "CNBRJ", "case ending -ға of Бұршын"),  # Kazakh dative: to Burqin
    ("Күнеске", "KZ", "CNXUN", "case ending -ке of Күнес"),  # Kazakh dative: to Xinyuan
    ("Өлгейге", "MN", "MNULG", "case ending -ге of Өлгей"),  # Kazakh dative, in Mongolia: to Ölgii
    ("Хайлаараас", "MN", "CNHLD", "case ending -аас of Хайлаар"),  # Mongolian ablative: from Hailar
    ("Мүгдэнээс", "MN", "CNSHY", "case ending -ээс of Мүгдэн"),  # Mongolian ablative: from Shenyang
]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(PROJECT_ROOT / "glossary")


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory, glossary: Glossary) -> Resolver:
    """The project's code lists with the official UN/LOCODE rows of CN, MN, KZ and KG imported, as
    `gateway codelists import-locode` leaves them in a deployment."""
    lists = lists_with_release(tmp_path_factory.mktemp("codelists"), ("CN", "MN", "KZ", "KG"))
    return Resolver(lists, glossary, threshold=0.85)


def glossary_row(glossary: Glossary, result: Resolution) -> GlossaryEntry:
    """The glossary row a resolution cites in its source ("glossary places.csv:48 (version)")."""
    assert result.source is not None and result.source.startswith("glossary ")
    reference = result.source.split()[1]
    return next(entry for entry in glossary.of_kind("place") if entry.reference == reference)


@pytest.mark.parametrize(("name", "country", "code", "english", "said"), NATIVE_NAMES)
def test_a_native_name_gives_the_place_with_the_row_that_says_whose_name_it_is(
    resolver: Resolver, glossary: Glossary, name: str, country: str, code: str, english: str, said: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.english, result.method, result.score) == (code, english, "glossary", 1.0)
    row = glossary_row(glossary, result)
    assert Path(row.file).name == "places.csv" and row.term == name
    assert said in row.note  # the officer reads whose name it is, and its Latin transliteration
    assert "(" in row.note


@pytest.mark.parametrize(("name", "country", "code", "reading"), INFLECTED)
def test_a_native_name_with_a_case_ending_is_read_back_to_its_row(
    resolver: Resolver, glossary: Glossary, name: str, country: str, code: str, reading: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.method) == (code, "fuzzy")  # an ending read off is a guess, said so
    assert 0.85 <= result.score < 1.0
    assert f"read as an inflected form: {reading}" in result.notes
    assert glossary_row(glossary, result).note.startswith(("Kazakh name", "Mongolian name"))


def test_an_address_word_before_a_mongolian_native_name_is_set_apart(resolver: Resolver) -> None:
    result = resolver.resolve("Улаанцав хот", "place", "MN")
    assert (result.code, result.method) == ("CNULA", "glossary")
    assert result.notes == ("address words set apart: хот",)
