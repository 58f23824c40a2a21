"""The document's date that code lists are checked against is read for every format, in the document's
own time zone, and is None (codes checked at any time) when the date cannot be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gateway.normalize.detect import detect_format, sniff_syntax
from gateway.normalize.document_date import document_date
from gateway.normalize.pipeline import _READERS, Normalizer
from gateway.settings import Settings

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
DATES = {
    "az-cuscar.edi": date(2024, 6, 11),
    "cn-gacc-manifest.xml": date(2024, 3, 12),
    "kg-eaeu-pi-manifest.xml": date(2024, 8, 19),
    "kz-eaeu-pi-manifest.xml": date(2024, 5, 14),
    "mn-customs-csv.csv": date(2024, 5, 14),
    "ncts-cc015c.xml": date(2024, 3, 18),
    "ncts-cc029c.xml": date(2024, 3, 18),
    "tj-asycuda-manifest.xml": date(2024, 6, 3),
    "uz-customs-json.json": date(2024, 6, 3),
}


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer.from_settings(Settings())


def _date_of(normalizer: Normalizer, data: bytes) -> date | None:
    syntax = sniff_syntax(data)
    assert syntax is not None
    read = _READERS[syntax](data, normalizer.limits)
    mapping, _ = detect_format(syntax, read.shown, normalizer.registry)
    assert mapping is not None
    return document_date(mapping, read.root)


@pytest.mark.parametrize(("example", "expected"), sorted(DATES.items()))
def test_every_format_gives_its_document_date(normalizer: Normalizer, example: str, expected: date) -> None:
    assert _date_of(normalizer, (EXAMPLES / example).read_bytes()) == expected


def test_an_unreadable_date_gives_none(normalizer: Normalizer) -> None:
    data = (EXAMPLES / "uz-customs-json.json").read_text(encoding="utf-8")
    broken = data.replace('"created_at": "2024-06-03T05:40:00+05:00"', '"created_at": "3 June 2024"')
    assert broken != data and _date_of(normalizer, broken.encode()) is None
