"""A name in characters that names a division of China is China's place, from whatever country's document.

A Kazakh or Uzbek manifest names its Chinese consignor's city or the crossing in characters (阿拉山口,
哈尔滨). Such a name was compared with the sender's country's places by its pinyin's consonants, as a
Chinese transcription of a Turkic name is (库尔勒 Korla), and with places abroad by the letters of their
Chinese transcriptions: 阿拉山口 (a-la-sha-kou: r-s-k) was Oral, 乌拉尔斯克's consonants, at 0.86; 哈尔滨
Harbin was Atyrau; 阿克陶, Akto county, was Aktau (阿克套) at 0.99. Over every division of China from six
neighbours' documents, 96 such codes (`plans/tools/division_walk.py`). Now a name China's division list
holds (`Catalog.china`, full or without its kind) gets no place abroad by consonants or by the sounds of
another name: it stays a candidate. A place abroad whose own Chinese name it is (霍尔果斯, Khorgos of
Kazakhstan) is still found exactly. None of the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from renamed_rows import shipped_resolver


@pytest.mark.parametrize(
    ("name", "country", "was"),
    [("阿拉山口", "KZ", "KZURA"), ("哈尔滨", "KZ", "KZGUW"), ("旅顺口", "KZ", "KZURA"),
     ("攀枝花", "KG", "KGFRU"), ("嘉峪关", "UZ", "UZJIZ"), ("科尔沁", "UZ", "UZQAR"),
     ("阿克陶", "KZ", "KZAAU"), ("敖汉", "TJ", "UZKOK"), ("潘集", "AZ", "GEPTI")],
)  # fmt: skip
def test_a_name_of_chinas_divisions_gets_no_place_abroad(name: str, country: str, was: str) -> None:
    result = shipped_resolver().resolve(name, "place", country, keep=False)
    assert result.code is None or result.code.startswith("CN"), (
        f"{name}: {result.code} at {result.score} (was {was})"
    )


def test_the_place_abroad_stays_a_candidate_and_its_own_chinese_name_still_finds_it() -> None:
    resolver = shipped_resolver()
    akto = resolver.resolve("阿克陶", "place", "KZ", keep=False)
    assert akto.code is None and "KZAAU" in [candidate.code for candidate in akto.candidates]
    assert resolver.resolve("阿克套", "place", "KZ", keep=False).code == "KZAAU"  # Aktau's own Chinese name
    assert resolver.resolve("霍尔果斯", "place", "KZ", keep=False).code == "KZHOR"
    assert resolver.resolve("乌拉尔斯克", "place", "KZ", keep=False).code == "KZURA"


def test_a_chinese_transcription_of_the_senders_place_still_meets_it_by_consonants() -> None:
    """The consonant rule stays for names China's divisions do not hold: 乌拉尔 (Ural, as Chinese writes
    Oral short) from a Kazakh document."""
    assert shipped_resolver().resolve("乌拉尔", "place", "KZ", keep=False).code == "KZURA"
