"""What the resolution stage keeps from document to document (a resolved name and its Resolution's text,
by pointer and resolution) and within one document (a recurring name, resolved once) never changes an
answer: a glossary reload reaches a name the stage wrote before, and the same text in another language
is resolved in that language."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree
from stage_cases import KHORGOS, NS, normalized, resolution_at

from gateway.normalize.pipeline import Normalizer
from gateway.settings import PROJECT_ROOT, Settings

KASKELEN = "42A/28A[1]/30A/04A/241"
"""The consignor's town in the Khorgos manifest, Каскелен: no code list or glossary entry names it."""


def test_a_glossary_reload_reaches_a_name_the_stage_wrote_before(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", folder)
    normalizer = Normalizer.from_settings(Settings(glossary_dir=folder, glossary_check_seconds=0))
    data = KHORGOS.read_bytes()
    for _ in range(2):  # the second time, the name and its text are the kept ones
        assert resolution_at(normalized(normalizer, data), KASKELEN)["method"] == "transliteration"
    with (folder / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("place,ru,Каскелен,Kaskelen,Kaskelen,KZALA,\n")
    after = normalized(normalizer, data)
    assert (resolution_at(after, KASKELEN)["method"], resolution_at(after, KASKELEN)["code"]) == (
        "glossary",
        "KZALA",
    )
    assert b'method="glossary" score="1" language="ru" script="Cyrl" latin="Kaskelen"' in _at(after, KASKELEN)


def test_a_recurring_name_in_another_language_is_resolved_in_it(normalizer: Normalizer) -> None:
    message = _bare(normalizer.normalize(KHORGOS.read_bytes(), "kz-eaeu-pi").message.xml)  # type: ignore[union-attr]
    twice = message.replace(
        'languageID="kk" scriptCode="Cyrl">Алматы қаласы<'.encode(),
        'languageID="kk" scriptCode="Cyrl">Хоргос<'.encode(),
        1,
    )
    assert normalizer.resolution is not None
    _, names, _ = normalizer.resolution.apply_apart(twice, "KZ")
    languages = {name.pointer: name.resolution.language for name in names}
    assert languages["42A/28A[2]/30A/04A/241"] == "kk"  # Хоргос written in Kazakh here
    assert languages["42A/28A[2]/27A/04A/241"] == "ru"  # and in Russian in the same consignment


def _at(result: object, pointer: str) -> bytes:
    """The Resolution element at `pointer` in the message's bytes."""
    xml: bytes = result.message.xml  # type: ignore[attr-defined]
    start = xml.index(f'<Resolution pointer="{pointer}"'.encode())
    return xml[start : xml.index(b"</Resolution>", start)]


def _bare(xml: bytes) -> bytes:
    """The message as the mapping wrote it: its Resolutions taken out."""
    root = etree.fromstring(xml)
    for resolution in root.iterfind("h:Annotations/h:Resolution", NS):
        resolution.getparent().remove(resolution)  # type: ignore[union-attr]
    return etree.tostring(root, encoding="utf-8")
