"""The glossary's place rows as a terminologist keeps them: codes a partner can use, former names dated,
no term that would capture other names."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from gateway.glossary import Glossary
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT

GLOSSARY = PROJECT_ROOT / "glossary"
UNLOCODE = PROJECT_ROOT.parent / "shared" / "reference" / "unlocode"
_YEAR = re.compile(r"\b(18|19|20)\d\d\b")


def _locodes() -> set[str]:
    """The codes of the project's UN/LOCODE extract and of the official release."""
    with (PROJECT_ROOT / "codelists" / "locode" / "codes.csv").open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    for path in UNLOCODE.glob("*.csv"):
        with path.open(encoding="latin-1") as handle:
            codes |= {row[1] + row[2] for row in csv.reader(handle) if len(row) > 2 and row[2]}
    return codes


def test_every_place_code_is_in_the_extract_or_the_official_release() -> None:
    known = _locodes()
    unknown = [
        f"{entry.reference}: {entry.term} {entry.code}"
        for entry in Glossary.load(GLOSSARY).of_kind("place")
        if entry.code and entry.code not in known  # a row without a code: a place UN/LOCODE lacks
    ]
    assert unknown == []


def test_a_place_row_without_a_code_stands_beside_a_coded_row_of_its_term() -> None:
    """A place without a UN/LOCODE is written only to keep a coded row of the same term from being read
    abroad (Кировабад: Ganja AZGAN, and Panj in Tajikistan); alone it would code nothing."""
    glossary = Glossary.load(GLOSSARY)
    alone = [
        entry.reference
        for entry in glossary.of_kind("place")
        if not entry.code and not any(other.code for other in glossary.exact("place", entry.term))
    ]
    assert alone == []


def test_every_renamed_place_says_when_it_changed() -> None:
    with (GLOSSARY / "renamed-places.csv").open(encoding="utf-8") as handle:
        undated = [row["term"] for row in csv.DictReader(handle) if not _YEAR.search(row["note"])]
    assert undated == []


def test_no_place_term_is_a_single_chinese_character() -> None:
    single = [
        entry.reference
        for entry in Glossary.load(GLOSSARY).of_kind("place")
        if len(entry.term) == 1 and detect_script(entry.term) in HAN_FAMILY
    ]
    assert single == []


def test_why_a_province_abbreviation_is_no_place_term(tmp_path: Path) -> None:
    """沪 is Shanghai on a licence plate, but as a glossary term its one syllable meets every name of
    that reading: 湖 (lake) and 胡 (a surname) would become Shanghai."""
    (tmp_path / "places.csv").write_text(
        "kind,language,term,english,latin,code\nplace,zh-Hans,沪,Shanghai,Shanghai,CNSGH\n",
        encoding="utf-8",
    )
    resolver = Resolver(None, Glossary.load(tmp_path))
    assert resolver.resolve("沪", "place", "CN").code == "CNSGH"
    assert resolver.resolve("湖", "place", "CN").code == "CNSGH"
    assert resolver.resolve("湖", "place", "CN").method == "fuzzy"
