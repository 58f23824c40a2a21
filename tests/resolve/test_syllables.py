"""Cyrillic names of Chinese places compared with the pinyin syllable by syllable.

Russian texts print Chinese names outside strict Palladius: -нг for -ng, the finals uei and uen in full,
Wade-Giles ien, postal k for j (Нанкин). Letter by letter such a variant weighs as much as another
initial; syllable by syllable it costs less. None of the names below is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.syllables import similarity

THRESHOLD = 0.85


@pytest.mark.parametrize(
    ("cyrillic", "right", "near"),
    [
        ("Синьсянг", "Xinxiang", "Yinxiang"),  # -нг for -ng; x, not y
        ("Гуейдэ", "Guide", "Yuede"),  # uei in full
        ("Тиеншуй", "Tianshui", "Tangshui"),  # Wade-Giles ien
        ("Кинчжоу", "Jinzhou", "Qinzhou"),  # postal k for j
        ("Чанчуен", "Changchun", "Changchuan"),  # uen in full
        ("Лайфен", "Laifeng", "Laifan"),  # е for э, -н for -ng
    ],
)
def test_a_variant_of_a_final_costs_less_than_another_initial_or_final(
    cyrillic: str, right: str, near: str
) -> None:
    assert (similarity(cyrillic, right) or 0) >= THRESHOLD > (similarity(cyrillic, near) or 0)


def test_a_name_that_is_no_transcription_of_chinese_has_no_syllable_reading() -> None:
    assert similarity("Жезказган", "Jiazi") is None  # the name is no Chinese syllables
    assert similarity("Шининг", "Urumqi") is None  # the place's name is not pinyin


def test_a_name_written_by_one_system_reads_better_than_one_that_mixes_them() -> None:
    # ян is Palladius for yang and Dungan for yan; дзин only the Palladius family's (Belarusian) jing
    assert similarity("Яндзин", "Yangjing") == 1.0
    assert (similarity("Яндзин", "Yanjing") or 0) < 1.0


def china(code: str, name: str) -> Entry:
    return Entry(f"CN{code}", {"und-Latn": name}, (), {"country": "CN"})


CITIES = (  # rows of the official UN/LOCODE release
    china("XNN", "Xining"),
    china("YIN", "Yining"),
    china("GYA", "Guiyang"),
    china("YYA", "Yueyang"),
    china("NJI", "Nanjing"),
    china("NIN", "Nanning"),
)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Гуейянг", "CNGYA"), ("Гуейянь", "CNGYA"), ("Нанкинь", "CNNJI"), ("Шининг", "CNXNN")],
)
def test_a_variant_spelling_meets_its_city_not_a_near_homophone(
    glossary: Glossary, text: str, code: str
) -> None:
    resolver = Resolver(TableCodeLists({"locode": CITIES}), glossary)
    result = resolver.resolve(text, "place", "KZ")
    assert (result.code, result.method) == (code, "fuzzy")
    assert result.score >= resolver.threshold
    assert all(candidate.score < 0.8 for candidate in result.candidates)  # Yueyang, Nanning, Yining
