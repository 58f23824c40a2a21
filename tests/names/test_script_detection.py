"""Script detection (ISO 15924) on real names in every script the gateway meets."""

from __future__ import annotations

import pytest

from gateway.names import detect_script, is_mixed_script, same_script, script_counts

SCRIPTS = [
    ("Қорғас", "Cyrl"),
    ("Бишкек", "Cyrl"),
    ("Хуҷанд", "Cyrl"),
    ("Almaty", "Latn"),
    ("Oʻzbekiston", "Latn"),
    ("Gəncə", "Latn"),
    ("Zamyn-Üüd", "Latn"),
    ("长春", "Hans"),
    ("霍尔果斯", "Hans"),
    ("阿拉木图", "Hans"),
    ("長春", "Hant"),
    ("霍爾果斯", "Hant"),
    ("喀什", "Hani"),  # no character that tells simplified from traditional
    ("西安", "Hani"),
    ("ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "Mong"),
    ("تاشقورغان", "Arab"),
    ("کابل", "Arab"),
    ("თბილისი", "Geor"),
    ("서울", "Zzzz"),
    ("12/07/2024 № 45-А", "Cyrl"),
    ("2024-07-12", "Zyyy"),
    ("", "Zyyy"),
    ("«»—", "Zyyy"),
]


@pytest.mark.parametrize(("text", "script"), SCRIPTS)
def test_detects_the_script_of_real_names(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_a_mixed_text_gets_its_dominant_script_and_reports_the_mixing() -> None:
    text = "ТОО «Astana Trans»"
    assert detect_script(text) == "Latn"
    assert script_counts(text) == {"Cyrl": 3, "Latn": 11}
    assert is_mixed_script(text)
    assert not is_mixed_script("Астана Транс")


def test_chinese_with_a_latin_brand_is_still_chinese() -> None:
    assert detect_script("长春 FAW 汽车有限公司") == "Hans"


def test_hani_covers_both_chinese_variants() -> None:
    assert same_script("Hani", "Hans")
    assert same_script("Hant", "Hani")
    assert not same_script("Hans", "Hant")
    assert not same_script("Cyrl", "Latn")
