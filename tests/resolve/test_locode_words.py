"""UN/LOCODE adds English words to the pinyin name of a Chinese place ("Wuhan Tianhe International Apt",
"Beijingdong Railway Station", "Foshan New Pt"): the name is pinyin all the same, so a Chinese name
meets it by its syllables, never by its consonants (a Chinese name's consonants meet only names that
are no pinyin: transcriptions of Turkic, Mongolian or Tibetan names, as 库尔勒 Korla). Towns of China
(codelists/cn-township: 黄旗堡, 红砂坝); none of the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from renamed_rows import official_resolver

from gateway.resolve.consonants import is_pinyin


@pytest.mark.parametrize(
    "name", ["wuhan tianhe international apt", "beijingdong railway station", "foshan new pt"]
)
def test_a_pinyin_name_with_unlocode_words_is_pinyin(name: str) -> None:
    assert is_pinyin(name)


@pytest.mark.parametrize("name", ["urumqi international lugang", "manas international airport"])
def test_a_name_that_is_no_pinyin_stays_no_pinyin(name: str) -> None:
    assert not is_pinyin(name)


@pytest.mark.parametrize(("name", "was"), [("Huangqibao", "CNWUH"), ("Hongshaba", "CNHGH")])
def test_a_town_in_pinyin_is_no_airport_by_consonants(name: str, was: str) -> None:
    """黄旗堡 Huangqibao and 红砂坝 Hongshaba were Wuhan's and Hangzhou's airports at 0.86, their
    consonants being those of "Wuhan Tianhe International Apt" and "Hangzhou Xiaoshan International
    Apt" read as no pinyin."""
    result = official_resolver().resolve(name, "place", "CN")
    assert result.code != was, (result.code, result.score)
