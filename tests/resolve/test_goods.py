"""Goods descriptions: the glossary's goods terms found in real descriptions of the region's languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.glossary import Glossary, LiveGlossary
from gateway.names.script import detect_script
from gateway.resolve import Resolver
from gateway.resolve.descriptions import GoodsDescriptions, agreed_code, hs_mismatch
from gateway.settings import PROJECT_ROOT

# (description as documents write it, language, script): (English of the terms found, HS code, terms)
FOUND = {
    ("Пшеница мягкая продовольственная 3 класса, урожай 2023 года", "ru", "Cyrl"): (
        "common wheat",
        "100199",
        ["пшеница мягкая"],  # the longest term first, not «пшеница»
    ),
    ("Пшеница, мягкая", "ru", "Cyrl"): ("wheat", "1001", ["пшеница"]),  # a term runs across no comma
    ("Волокно ХЛОПОК 1 сорта, в кипах", "ru", "Cyrl"): ("cotton", "520100", ["хлопок"]),
    ("Мука пшеничная высшего сорта и сахар-песок, сахар", "ru", "Cyrl"): (
        "wheat flour; sugar",
        None,  # two goods, two codes: the terms say so, no one code
        ["мука пшеничная", "сахар"],
    ),
    ("Жұмсақ бидайдан жасалған жоғары сортты ұн, 25 кг-дық қаптарда", "kk", "Cyrl"): (
        "flour",
        "110100",
        ["ұн"],  # «бидайдан» is a form of бидай that the glossary does not hold
    ),
    ("Жұмсақ бидай, 3 сынып", "kk", "Cyrl"): ("common wheat", "100199", ["жұмсақ бидай"]),
    ("Кургатылган өрүк, сорттолгон, 2024-жылдын жаңы түшүмү", "ky", "Cyrl"): (
        "dried apricots",
        "081310",
        ["кургатылган өрүк"],
    ),
    ("Буудай, азык-түлүк үчүн", "ky", "Cyrl"): ("wheat", "1001", ["буудай"]),
    ("低密度聚乙烯颗粒（比重小于0.94）", "zh-Hans", "Hans"): ("polyethylene", "3901", ["聚乙烯"]),
    ("番茄醬（無菌大桶裝，濃度28-30%）", "zh-Hant", "Hant"): ("tomato paste", "200290", ["番茄酱"]),
    ("新疆棉花，机采", "zh-Hans", "Hans"): ("cotton", "520100", ["棉花"]),
    ("Yumshoq bugʻdoy, oliy nav", "uz", "Latn"): ("wheat", "1001", ["bugʻdoy"]),  # U+02BB, the official
    ("Yumshoq bug'doy, oliy nav", "uz", "Latn"): ("wheat", "1001", ["bugʻdoy"]),  # typed apostrophe
    ("Yumshoq bug‘doy, oliy nav", "uz", "Latn"): ("wheat", "1001", ["bugʻdoy"]),  # U+2018
    ("Yumshoq bug`doy, oliy nav", "uz", "Latn"): ("wheat", "1001", ["bugʻdoy"]),  # a backtick
    ("Paxta tolasi, oʻrta tolali, 1-nav", "uz", "Latn"): ("cotton", "520100", ["paxta"]),
    ("Ямааны самнасан ноолуур, цагаан", "mn", "Cyrl"): ("combed cashmere", "510531", ["самнасан ноолуур"]),
    ("Тэмээний ноос, самнаагүй", "mn", "Cyrl"): ("camel hair", "510219", ["тэмээний ноос"]),
    ("Хар нүүрс, коксжих", "mn", "Cyrl"): ("coal", "2701", ["нүүрс"]),
}
NOTHING_KNOWN = [
    ("Запасные части к зерноуборочным комбайнам (ножи, шнеки, цепи)", "ru", "Cyrl"),
    ("Груз из г. Алма-Ата", "ru", "Cyrl"),  # «алма» (apples) is no word of «Алма-Ата»
    ("Ысык-Көлдүн табигый тоо балы, 1 кг айнек идиштерде", "ky", "Cyrl"),
    ("纯棉本色单纱（非精梳，21支）", "zh-Hans", "Hans"),
    ("Toʻqimachilik uchun dispers boʻyoqlar", "uz", "Latn"),
    ("Жоншны баяжмалын дээж", "mn", "Cyrl"),
]


@pytest.fixture(scope="module")
def descriptions(resolver: Resolver) -> GoodsDescriptions:
    return GoodsDescriptions(resolver)


@pytest.mark.parametrize(("given", "expected"), FOUND.items(), ids=[text for text, _, _ in FOUND])
def test_the_terms_of_a_description_are_found_with_english_and_hs_code(
    descriptions: GoodsDescriptions,
    glossary: Glossary,
    given: tuple[str, str, str],
    expected: tuple[str, str | None, list[str]],
) -> None:
    text, language, script = given
    result = descriptions.describe(text, language, "KZ", script)
    english, code, terms = expected
    assert (result.english, result.code, [term.name for term in result.candidates]) == (english, code, terms)
    assert (result.kind, result.method, result.original) == ("goods", "glossary-terms", text)  # kept whole
    assert 0 < result.score < 1 and result.glossary_version == glossary.version
    assert all(term.source.startswith("glossary goods.csv:") for term in result.candidates)
    assert "not the whole description" in "; ".join(result.notes)  # a rendering, never a translation


@pytest.mark.parametrize("given", NOTHING_KNOWN, ids=[text for text, _, _ in NOTHING_KNOWN])
def test_a_description_with_no_known_term_is_transliterated_and_a_guess(
    descriptions: GoodsDescriptions, given: tuple[str, str, str]
) -> None:
    text, language, script = given
    result = descriptions.describe(text, language, "KZ", script)
    assert (result.method, result.score, result.english, result.code, result.candidates) == (
        "transliteration",
        0.0,
        None,
        None,
        (),
    )
    assert result.is_guess  # the unresolved queue counts it
    assert detect_script(result.latin) == "Latn" and (script != "Latn" or result.latin == text)


def test_a_term_in_several_languages_is_the_entry_of_the_descriptions_language(
    descriptions: GoodsDescriptions,
) -> None:
    tajik = descriptions.describe("Нахи пахта, навъи якум", "tg", "TJ", "Cyrl")
    uzbek = descriptions.describe("Пахта толаси, биринчи нав", "uz-Cyrl", "UZ", "Cyrl")
    assert [term.source for term in tajik.candidates] != [term.source for term in uzbek.candidates]
    assert tajik.english == uzbek.english == "cotton"


def test_look_alike_letters_are_folded_and_said(descriptions: GoodsDescriptions) -> None:
    result = descriptions.describe("ПШEНИЦА мягкая", "ru", "KZ", "Cyrl")  # a Latin E typed inside
    assert (result.english, result.code) == ("common wheat", "100199")
    assert any("look-alike 'E'" in note for note in result.notes)


def test_a_new_glossary_version_is_found_in_descriptions_without_restart(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", folder)
    live = LiveGlossary(folder, check_seconds=0)
    descriptions = GoodsDescriptions(Resolver(None, live.current))
    text = "Запасные части к зерноуборочным комбайнам"
    before = descriptions.describe(text, "ru", "KZ", "Cyrl")
    with (folder / "goods.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "goods,ru,запасные части к зерноуборочным комбайнам,parts of combine harvesters,,843390,\n"
        )
    after = descriptions.describe(text, "ru", "KZ", "Cyrl")
    assert before.method == "transliteration"
    assert (after.method, after.english, after.code, after.score) == (
        "glossary-terms",
        "parts of combine harvesters",
        "843390",
        1.0,
    )
    assert after.glossary_version == live.current().version != before.glossary_version


@pytest.mark.parametrize(
    ("declared", "warned"),
    [(["1001990000"], False), (["10"], False), (["100199"], False), (["8703239010"], True), ([], False)],
)
def test_a_declared_hs_code_that_no_term_agrees_with_is_a_warning(
    descriptions: GoodsDescriptions, declared: list[str], warned: bool
) -> None:
    wheat = descriptions.describe("Пшеница мягкая 3 класса", "ru", "KZ", "Cyrl")
    issue = hs_mismatch(wheat, declared, "42A/28A[1]/29A[1]/23A/137")
    assert (issue is not None) is warned
    if issue is not None:
        assert (issue.code, issue.severity, issue.pointer) == (
            "goods.hs-mismatch",
            "warning",
            "42A/28A[1]/29A[1]/23A/137",
        )
        assert "«пшеница мягкая» (common wheat, HS 100199)" in issue.message and "8703239010" in issue.message


def test_nothing_known_or_terms_without_a_code_never_warn(descriptions: GoodsDescriptions) -> None:
    unknown = descriptions.describe("Запасные части", "ru", "KZ", "Cyrl")
    footwear = descriptions.describe("Обувь спортивная", "ru", "KZ", "Cyrl")  # no code: chapter 64
    assert footwear.english == "footwear" and footwear.code is None
    assert (
        hs_mismatch(unknown, ["6404110000"], "p") is None
        and hs_mismatch(footwear, ["6404110000"], "p") is None
    )


@pytest.mark.parametrize(
    ("codes", "agreed"),
    [
        (["1001", "100199"], "100199"),
        (["100199", "1001"], "100199"),
        (["1001", "1701"], None),
        (["", "1001"], "1001"),
        ([""], None),
    ],
)
def test_the_code_the_terms_agree_on_is_the_most_specific(codes: list[str], agreed: str | None) -> None:
    assert agreed_code(codes) == agreed


def test_the_same_description_and_glossary_version_give_the_same_result(
    descriptions: GoodsDescriptions, resolver: Resolver
) -> None:
    text = "Пшеница мягкая 3 класса"
    first = descriptions.describe(text, "ru", "KZ", "Cyrl")
    assert GoodsDescriptions(resolver).describe(text, "ru", "KZ", "Cyrl") == first
    assert descriptions.describe(text, "ru", "KZ", "Cyrl") is first  # kept: a lookup the second time
