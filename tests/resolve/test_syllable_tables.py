"""Every syllable Mandarin has is written by each Cyrillic table in Cyrillic letters only.

The tables wrote jun, xun and qun with a Latin n (Palladius "Сюnкэ" for Xunke 逊克, a crossing on the
Amur; Dungan and Kazakh "Шүnкә"), and lü and nü with a Latin ü in the Dungan and Kazakh forms: such a
derived form matched no document's spelling, so the place was found only by the pinyin skeleton.
"""

from __future__ import annotations

import re

import pytest

from gateway.resolve import dungan, kazakh, palladius
from gateway.resolve.syllables import real_syllables, similarity

NOT_CYRILLIC = re.compile(r"[^\u0400-\u04ff]")


@pytest.mark.parametrize("table", [palladius, dungan, kazakh], ids=lambda table: table.__name__)
def test_every_syllable_is_written_in_cyrillic(table: object) -> None:
    write = table.syllable  # type: ignore[attr-defined]
    assert {pinyin: write(pinyin) for pinyin in real_syllables() if NOT_CYRILLIC.search(write(pinyin))} == {}


def test_the_final_un_after_j_q_x() -> None:
    assert palladius.palladius("Xunke") == "Сюнькэ"  # Russian atlases: Сюнькэ
    assert palladius.palladius("Qunli") == "Цюньли"
    assert dungan.dungan("Xunke") == "Шүнкә"
    assert kazakh.kazakh("Xunhua") == "Шүнхуа"


def test_u_umlaut_after_n_and_l() -> None:
    assert dungan.dungan("Lüliang") == "Лүляң"
    assert kazakh.kazakh("Nüshan") == "Нүшан"
    assert similarity("Сюнькэ", "Xunke") == 1.0
