"""Pinyin with ü typed v: Chinese keyboards and many national systems write 吕梁 Lüliang as Lvliang, 女
nü as nv and 略 lüe as lve (pypinyin's own default does too). Pinyin has no letter v, so after l and n it
is ü, and such a name is Mandarin syllables like any other pinyin: compared with places by its syllables,
never by its letters alone. Towns of China (codelists/cn-township: 仙女 Xiannv, 平略 Pinglve, 四女寺
Sinvsi) and places of the division list (吕梁); none of the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from renamed_rows import shipped_resolver

from gateway.resolve.palladius import palladius, split_pinyin
from gateway.resolve.syllables import chinese_syllables, other_name


@pytest.mark.parametrize(
    ("name", "syllables"),
    [("lvliang", ["lü", "liang"]), ("pinglve", ["ping", "lüe"]), ("sinvsi", ["si", "nü", "si"]),
     ("lüliang", ["lü", "liang"])],
)  # fmt: skip
def test_v_after_l_and_n_is_read_as_u_umlaut(name: str, syllables: list[str]) -> None:
    assert split_pinyin(name) == syllables


@pytest.mark.parametrize("name", ["Lvov", "Navoi", "Anvar"])
def test_a_v_pinyin_cannot_read_leaves_the_name_no_pinyin(name: str) -> None:
    """Only l and n take ü; a name with another v (Navoi) or one more after it (Lvov) is no pinyin."""
    assert split_pinyin(name.lower()) is None
    assert chinese_syllables(name) == 0


def test_a_name_with_v_is_mandarin_syllables_and_written_in_palladius() -> None:
    assert chinese_syllables("Lvliang") == chinese_syllables("Lüliang") == 2
    assert chinese_syllables("Pinglve") == 2
    assert palladius("Lvliang") == palladius("Lüliang") == "Люйлян"


@pytest.mark.parametrize(
    ("name", "place", "other"),
    [("Lvliang", "Lüliang", False), ("Lüliang", "Lüliang", False), ("Pinglve", "Pingle", True),
     ("Xiannv", "Xi'an", True)],
)  # fmt: skip
def test_a_name_with_v_is_told_from_another_by_its_syllables(name: str, place: str, other: bool) -> None:
    assert other_name(name, place) is other


def test_a_town_typed_with_v_is_a_candidate_not_another_place() -> None:
    """仙女 Xiannv (xian-nü) was Xi'an at 0.889 by letters: it is another name, Xi'an a candidate."""
    result = shipped_resolver().resolve("Xiannv", "place", "CN")
    assert result.code is None, (result.code, result.score)
    near = {candidate.code: candidate.score for candidate in result.candidates}
    assert 0 < near.get("CNXIA", 0.0) < 0.85, near
