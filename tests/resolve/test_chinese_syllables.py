"""Two names of Mandarin syllables that differ in a syllable are two places: letters alone never give one
the other's code.

Towns of China (codelists/cn-township: 星园 Xingyuan, 西墕 Xiyan, 常乐集 Changleji, 狮豹头 Shibaotou, 四望
Siwang), as an English e-manifest writes them in pinyin or a Russian one in Palladius, got the code of
another place whose letters are near: Xinyuan (-n against -ng), Xi'an, Changji, Baotou (a syllable
more), and from a Chinese document Shirvan in Azerbaijan. Such a place stays a candidate, below the
threshold (`scoring.OTHER_SYLLABLES`); a name that is the place's syllables, as a table or a writer
spells them, is still the place. None of the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from renamed_rows import official_resolver, shipped_resolver

from gateway.resolve.syllables import other_name


@pytest.mark.parametrize(
    ("name", "place", "other"),
    [("Xingyuan", "Xinyuan", True), ("Xiyan", "Xi'an", True), ("Xian", "Xi'an", False),
     ("Xi'an", "Xian", False), ("Шибаотоу", "Baotou", True), ("Ишань", "Wuyishan", True),
     ("Ланьчжу", "Lanzhou", True),
     ("Тяньцзин", "Tianjin", False), ("Шэньчжэн", "Shenzhen", False), ("Шанхаай", "Shanghai", None)],
)  # fmt: skip
def test_another_name_is_told_by_its_syllables(name: str, place: str, other: bool | None) -> None:
    """Pinyin writes a syllable one way; a Cyrillic one may be spelt as Russian writers vary it (цзин for
    цзинь) and still be the place's, but another final (чжу for zhou) or a whole syllable more (ши +
    Баотоу) or fewer (Wuyishan without wu) is another name; a letter more (Шанхаай) leaves it to the
    letters."""
    assert other_name(name, place) is other


@pytest.mark.parametrize(
    ("name", "was"),
    [("Xingyuan", "CNXUN"), ("Xiyan", "CNXIA"), ("Changleji", "CNCJS"), ("Шибаотоу", "CNBOT")],
)
def test_a_name_of_other_syllables_is_a_candidate_not_a_result(name: str, was: str) -> None:
    """Xingyuan was Xinyuan at 0.95 (-ng for -n costing one variant step), Xiyan Xi'an at 0.99,
    Changleji Changji at 0.875, Шибаотоу Baotou at 0.857, each by letters."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, f"{name}: {result.code} at {result.score} (was {was})"
    near = {candidate.code: candidate.score for candidate in result.candidates}
    assert 0 < near.get(was, 0.0) < 0.85, near


@pytest.mark.parametrize(("name", "was"), [("Nanqi", "CNNJI"), ("Shangzhi", "CNCJS")])
def test_a_name_in_pinyin_meets_no_russian_or_kazakh_name_by_letters(name: str, was: str) -> None:
    """南七 Nanqi and 尚志 Shangzhi were Nanjing at 0.909 and Changji at 0.909 through Нанкин and Санжы,
    names no pinyin writer writes: pinyin is compared with the place's pinyin (Nanjing, Changji)."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, f"{name}: {result.code} at {result.score} (was {was})"


def test_a_chinese_name_from_china_is_no_place_abroad_by_letters() -> None:
    """Сыван (四望, siwang) from a Chinese document was Shirvan, Azerbaijan, at 0.909; from an Azerbaijani
    one the same letters still are (there they are no Chinese name); Ширван is Shirvan from anywhere."""
    from_china = shipped_resolver().resolve("Сыван", "place", "CN")
    assert from_china.code is None, (from_china.code, from_china.score)
    assert "AZSHI" in {candidate.code for candidate in from_china.candidates}
    assert shipped_resolver().resolve("Сыван", "place", "AZ").code == "AZSHI"
    assert shipped_resolver().resolve("Ширван", "place", "CN").code == "AZSHI"


@pytest.mark.parametrize(
    ("name", "code"), [("Тяньцзин", "CNTNJ"), ("Ланчжоу", "CNLAZ"), ("Ляньюнган", "CNLYG")]
)
def test_a_cyrillic_name_spelt_as_russian_writers_do_is_still_the_place(name: str, code: str) -> None:
    """Russian texts drop the soft sign of -нь (Тяньцзин, Ланчжоу, Ляньюнган for Тяньцзинь, Ланьчжоу,
    Ляньюньган): a variant of the place's own syllables, not another name, though лан alone is
    Palladius for lang."""
    assert shipped_resolver().resolve(name, "place", "CN").code == code


@pytest.mark.parametrize("name", ["Сянда", "Сяня"])
def test_a_chinese_name_is_no_case_form_of_a_name_no_syllables_spell(name: str) -> None:
    """Towns 象达 and 相衙 in Palladius were Xi'an at 0.891, read as Kazakh -да after Сян and Russian -я
    after Сянь, one syllable each; a name that is Mandarin syllables, from a Chinese document, is read
    as an inflected form only of a name that is Mandarin syllables too (Шанхай, Ухань)."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, (result.code, result.score, result.notes)


@pytest.mark.parametrize(("name", "was"), [("Цзиньши", "CNJGZ"), ("Чжанцзи", "AZGAN")])
def test_a_chinese_name_from_china_is_no_case_form_of_another_chinese_name(name: str, was: str) -> None:
    """Towns 今是 (jin-shi) and 长吉 (zhang-ji) in Palladius were Jingzhou and Ganja at 0.855, read as a
    case -и of Цзиньша and Чжанцзя, names that are Mandarin syllables too: from a Chinese document a name
    that is Mandarin syllables is a Chinese name, and its last vowel changed another syllable, not a case.
    The place stays a candidate."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, (result.code, result.score, result.notes)
    assert was in {candidate.code for candidate in result.candidates}


@pytest.mark.parametrize(("name", "code"), [("Шэньяне", "CNSHY"), ("Тяньцзине", "CNTNJ")])
def test_a_chinese_name_ending_in_a_consonant_still_declines_from_china(name: str, code: str) -> None:
    """Russian declines a foreign name that ends in a consonant (в Шэньяне, в Тяньцзине), never one
    that ends in a vowel: from a Chinese document too, the case of Шэньян is Shenyang."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code == code, (result.code, result.score, result.notes)


@pytest.mark.parametrize(("name", "place"), [("Наньшаньлу", "Nanchang"), ("Ситушань", "Xuchang")])
def test_more_syllables_than_the_place_and_more_than_a_slip_is_another_name(name: str, place: str) -> None:
    """Наньшаньлу (nan shan lu) has a syllable more than Nanchang (Наньчан) and is more than a letter
    from each of its Cyrillic forms: another name. A letter more (Шанхаай) is a slip, and a name of two
    words (Тонляо хот: a Mongolian word added) is left to the letters."""
    assert other_name(name, place) is True
    assert other_name("Шанхаай", "Shanghai") is None
    assert other_name("Тонляо хот", "Tongliao") is None


@pytest.mark.parametrize(
    ("name", "was"), [("Наньшаньлу", "CNNCH"), ("Ситушань", "CNXUC"), ("Гушаньцзы", "CNCJS")]
)
def test_a_town_of_three_syllables_is_no_place_of_two(name: str, was: str) -> None:
    """Towns 南山路, 西土山 and 孤山子 in Palladius were Nanchang, Xuchang and Changji at 0.857 with the
    official release, their letters' skeletons near ("nansanlu", "nansang")."""
    result = official_resolver().resolve(name, "place", "CN")
    assert result.code != was, (result.code, result.score)
