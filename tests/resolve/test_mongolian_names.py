"""Chinese names of Mongolian places read by the official transcription of their Mongolian words."""

from __future__ import annotations

import pytest
from place_table import TableCodeLists, place

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.keys import mongolian_reading, readings

# Official names of Inner Mongolia under the 1976 transcription rules (not from the accuracy set).
OFFICIAL = [("锡林郭勒", "xilingol"), ("多伦淖尔", "duolunnur"), ("呼和浩特", "hohhot")]


@pytest.mark.parametrize(("chinese", "reading"), OFFICIAL)
def test_mongolian_generic_words_are_read_as_the_official_transcription_writes_them(
    chinese: str, reading: str
) -> None:
    assert mongolian_reading(chinese) == reading
    assert readings(chinese)[0][0] == reading  # first; the pinyin of the characters follows
    assert any(plain != reading for plain, _ in readings(chinese)[1:])


def test_a_name_without_a_generic_word_is_read_as_pinyin() -> None:
    assert mongolian_reading("上海") == "" and mongolian_reading("乌兰") == ""  # ulaan alone: Wulan


def test_a_mongolian_place_resolves_by_its_official_name(glossary: Glossary) -> None:
    lists = TableCodeLists({"locode": (place("CNXGL", "Xilin Gol"), place("CNXIL", "Xilin"))})
    result = Resolver(lists, glossary, threshold=0.85).resolve("锡林郭勒", "place", "CN")
    assert (result.code, result.method) == ("CNXGL", "fuzzy") and result.score >= 0.85
