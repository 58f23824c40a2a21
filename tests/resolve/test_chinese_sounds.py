"""A Cyrillic name that is Mandarin syllables is a Chinese name: its sound decides, not its consonants.

Chinese place names share their sounds by the hundred, so a Cyrillic name written syllable by syllable
as Palladius, the Dungan letters or Kazakh write Mandarin (Шанцан: шан цан, Shangcang) is compared with
Chinese places by its syllables (`gateway.resolve.syllables`) and never given a place because its
consonants are another's (Chongqing, Чунцин: ch-n-q-n) or because the nearest place stands far from
the next (Baotou for Битоу). Made-up names of two such syllables from a Chinese document got a code
that way about one time in seven (`plans/tools/chinese_sounds_walk.py`). Kazakh, Tajik and Uzbek
spellings still meet their places by consonants (Хужант is Khujand). None of the names is a row of the
accuracy set.
"""

from __future__ import annotations

import pytest
from renamed_rows import official_resolver, shipped_resolver

from gateway.resolve.syllables import chinese_syllables


@pytest.mark.parametrize(
    ("name", "count"),
    [("Шанцан", 2), ("Жөңжоу", 2), ("Цзиньдань", 2), ("Жандуан", 2), ("Сюньхуасянь", 3), ("Баян", 2),
     ("Хужант", 0), ("Жезказган", 0), ("Бишкек", 0), ("Ош", 0), ("Шу", 1),
     ("Zhangyi", 2), ("Xi'an", 2), ("Dushanbe", 0), ("Hotan", 0), ("Korla", 0)],
)  # fmt: skip
def test_syllables_of_mandarin(name: str, count: int) -> None:
    assert chinese_syllables(name) == count


@pytest.mark.parametrize(
    ("name", "was"),
    [("Шанцан", "CNCQI"), ("Фачан", "CNBJS"), ("Хэнжоу", "CNZGZ"), ("Битоу", "CNBOT")],
)
def test_a_chinese_sound_gets_no_other_places_code(name: str, was: str) -> None:
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, f"{name}: {result.code} at {result.score} (was {was})"
    assert not any(note.startswith("stands alone") for note in result.notes)


@pytest.mark.parametrize("name", ["Цзиньдань", "Миньце", "Жандуан"])
def test_nor_a_name_not_in_pinyin_by_consonants(name: str) -> None:
    """Canton (Guangzhou's airport), Manas: entries whose names are no pinyin, met by the consonants of
    a Chinese name of two syllables (as two characters are a Chinese name, not a transcription)."""
    result = official_resolver().resolve(name, "place", "CN")
    assert result.code is None, (result.code, result.english, result.score)


def test_spellings_of_turkic_names_still_meet_by_consonants() -> None:
    result = shipped_resolver().resolve("Хужант", "place", "TJ")
    assert (result.code, result.method, result.score) == ("TJKHU", "fuzzy", 0.86)


@pytest.mark.parametrize(("name", "exonym"), [("Чаочэн", "KGOSS"), ("Налуан", "KGNAR")])
def test_a_chinese_name_of_a_place_abroad_is_met_by_its_syllables(name: str, exonym: str) -> None:
    """奥什 (Aoshi) is Osh and 纳伦 (Nalun) Naryn in Chinese. Чаочэн was Osh at 0.909 (its Latin key
    "saosen" near "aosen") though no syllable of it is Aoshi's; Налуан (на луан, one final off Nalun's
    lun) stays a candidate. The characters themselves still name them exactly."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, (result.code, result.score)
    near = {candidate.code: candidate.score for candidate in result.candidates}
    assert near.get(exonym, 0.0) < 0.85 and (exonym not in near) is (name == "Чаочэн")
    chinese = {"KGOSS": "奥什", "KGNAR": "纳伦"}[exonym]
    assert shipped_resolver().resolve(chinese, "place", "CN").code == exonym


def test_a_latin_name_never_meets_a_chinese_name_of_a_place_abroad() -> None:
    result = shipped_resolver().resolve("Aoshen", "place", "AZ")
    assert "KGOSS" not in [result.code, *(candidate.code for candidate in result.candidates)]


@pytest.mark.parametrize(("name", "was"), [("Каньши", "CNKSS"), ("Чэньгуан", "CNAAT")])
def test_a_chinese_sound_meets_names_in_characters_by_syllables(name: str, was: str) -> None:
    """Real towns (坎市 Kanshi, 晨光 Chenguang) in Palladius: Каньши was Kashgar through the pinyin of 喀什
    (kashi) and of its alias Kashi letter by letter, Чэньгуан Altay through 承化 (chenghua), its former
    name; syllable by syllable (кань is not ka, гуан not hua) neither is a result."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code != was, (result.code, result.score)


def test_outside_china_a_name_that_happens_to_split_so_is_read_as_before() -> None:
    """«Пои» (Поти, Poti, a letter lost) splits as по и, but a Georgian document's place is no Chinese
    name: it still stands alone as Poti."""
    result = official_resolver().resolve("Пои", "place", "GE")
    assert chinese_syllables("Пои") == 2
    assert (result.code, result.score) == ("GEPTI", 0.86)
    assert any(note.startswith("stands alone") for note in result.notes)


@pytest.mark.parametrize(("name", "was"), [("Zhangyi", "CNSGH"), ("Chunqiu", "CNSGH"), ("Wantou", "CNWZH")])
def test_a_chinese_name_in_pinyin_is_a_chinese_name_too(name: str, was: str) -> None:
    """Towns of China in pinyin, as an English e-manifest from China writes them (张义, 春秋, 湾头): by
    consonants Shanghai (zh-n-y, ch-n-q), standing alone Wanzhou; neither is a result now."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, f"{name}: {result.code} at {result.score} (was {was})"


@pytest.mark.parametrize(("name", "was"), [("Yanjin", "CNTNJ"), ("Antai", "CNYAT")])
def test_a_name_in_pinyin_meets_chinese_places_by_syllables(name: str, was: str) -> None:
    """盐津 Yanjin and 安泰 Antai were Tianjin (0.923) and Yantai (0.909) letter by letter; another syllable
    is another character (ян is not тянь), so another name."""
    result = shipped_resolver().resolve(name, "place", "CN")
    assert result.code is None, f"{name}: {result.code} at {result.score} (was {was})"
    assert was in {candidate.code for candidate in result.candidates}


def test_a_final_written_otherwise_in_pinyin_is_a_candidate() -> None:
    """Tianjing (-ng for -n) was Tianjin, a variant; pinyin writes jing and jin apart, and Mandarin tells
    them apart, so it is another name: Tianjin stays its first candidate (`scoring.OTHER_SYLLABLES`)."""
    result = shipped_resolver().resolve("Tianjing", "place", "CN")
    assert result.code is None and result.candidates[0].code == "CNTNJ"
