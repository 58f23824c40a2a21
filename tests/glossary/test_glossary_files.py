"""The project's glossary loads, cites a content version, holds the legal forms of every CAREC language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.glossary import Glossary
from gateway.glossary.columns import COLUMNS, KINDS
from gateway.settings import PROJECT_ROOT

GLOSSARY = PROJECT_ROOT / "glossary"
DOC = (PROJECT_ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(GLOSSARY)


@pytest.mark.parametrize(
    ("language", "form", "english"),
    [
        ("ru", "ТОО", "LLP"),
        ("kk", "ЖШС", "LLP"),
        ("ru", "ОсОО", "LLC"),
        ("ky", "ЖЧК", "LLC"),
        ("tg", "ҶДММ", "LLC"),
        ("uz-Cyrl", "МЧЖ", "LLC"),
        ("ru", "АО", "JSC"),
        ("ru", "ООО", "LLC"),
        ("mn", "ХХК", "LLC"),
        ("zh-Hans", "有限责任公司", "LLC"),
        ("zh-Hans", "股份有限公司", "JSC"),
    ],
)
def test_legal_forms_of_every_carec_language(
    glossary: Glossary, language: str, form: str, english: str
) -> None:
    found = [entry for entry in glossary.exact("legal-form", form) if entry.language == language]
    assert [entry.english for entry in found] == [english]


def test_goods_terms_carry_hs_codes(glossary: Glossary) -> None:
    (wheat,) = glossary.exact("goods", "Пшеница")
    assert (wheat.english, wheat.code, wheat.reference) == ("wheat", "1001", "goods.csv:2")


def test_the_version_is_a_content_hash(glossary: Glossary, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(GLOSSARY, copy)
    assert Glossary.load(copy).version == glossary.version
    with (copy / "goods.csv").open("a", encoding="utf-8") as handle:
        handle.write("goods,ru,чай,tea,,0902,\n")
    assert Glossary.load(copy).version != glossary.version


def test_every_column_and_kind_is_documented() -> None:
    for column in COLUMNS:
        assert f"| `{column}` |" in DOC, column
    for kind in KINDS:
        assert f"| `{kind}` |" in DOC, kind
