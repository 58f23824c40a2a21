"""A gateway runs for months: what it keeps in memory must not grow with glossary reloads or with the
distinct names documents bring. An old glossary version is dropped once the resolver follows the new
one; a cache whose key comes from a document is bounded."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

from place_table import PLACES, TableCodeLists

from gateway.glossary.live import LiveGlossary
from gateway.model import load_model
from gateway.resolve import Resolver, annotation, consonants, palladius
from gateway.resolve.consonants import is_abjad, read_by_letters
from gateway.resolve.palladius import split_pinyin
from gateway.resolve.stage import NameResolution
from gateway.settings import PROJECT_ROOT

NAMES = (("ТОО «Астана Транс»", "party"), ("«Ақ Бидай Диірмені» ЖШС", "party"), ("Урумчи", "place"))


def reload_with_a_row(folder: Path, number: int) -> None:
    with (folder / "places.csv").open("a", encoding="utf-8") as places:
        places.write(f"place,kk,Жаңаауыл {number},Zhanaauyl {number},Zhanaauyl {number},,test row\n")


def test_an_old_glossary_version_is_dropped_after_a_reload(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "glossary", tmp_path / "glossary")
    live = LiveGlossary(tmp_path / "glossary", check_seconds=0)
    resolver = Resolver(TableCodeLists({"locode": PLACES}), live)
    for language in ("kk", "ru", None):
        resolved = [resolver.resolve(text, kind, "KZ", language) for text, kind in NAMES]
        assert [r.legal_form for r in resolved] == ["ТОО", "ЖШС", None]
    old = weakref.ref(resolver.glossary())
    reload_with_a_row(tmp_path / "glossary", 1)
    assert resolver.glossary() is not old()
    for text, kind in NAMES:
        resolver.resolve(text, kind, "KZ", "kk")
    gc.collect()
    assert old() is None


def made_up_words(count: int) -> list[str]:
    """`count` different pinyin-looking words ("zhanglin", "liuzhang3"...)."""
    syllables = ["zhang", "lin", "liu", "an", "xi", "bei", "shan", "hong", "ming", "qiao"]
    return [
        f"{syllables[n % 10]}{syllables[n // 10 % 10]}{syllables[n // 100 % 10]}{n // 1000}"
        for n in range(count)
    ]


def test_the_splits_of_a_documents_words_are_kept_within_their_bound() -> None:
    for word in made_up_words(palladius.SPLITS_KEPT + 2000):
        split_pinyin(word)
    assert palladius._split.cache_info().currsize <= palladius.SPLITS_KEPT


def test_a_documents_language_tags_are_kept_within_their_bound() -> None:
    for number in range(consonants.LANGUAGES_KEPT + 500):
        is_abjad(f"fa-x-{number}")
        read_by_letters(f"ps-x-{number}", "Arab")
    assert is_abjad.cache_info().currsize <= consonants.LANGUAGES_KEPT
    assert read_by_letters.cache_info().currsize <= consonants.LANGUAGES_KEPT


def test_the_texts_of_an_old_versions_resolutions_are_dropped_after_a_reload(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "glossary", tmp_path / "glossary")
    resolver = Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(tmp_path / "glossary", 0))
    for text, kind in NAMES:
        annotation.resolution_rest(resolver.resolve(text, kind, "KZ", "kk"), None, ())
    assert annotation._rest.cache_info().currsize >= len(NAMES)
    reload_with_a_row(tmp_path / "glossary", 1)
    annotation.resolution_rest(resolver.resolve("Урумчи", "place", "KZ", "kk"), None, ())
    assert annotation._rest.cache_info().currsize == 1


def test_the_names_an_old_version_resolved_leave_the_stage_after_a_reload(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "glossary", tmp_path / "glossary")
    resolver = Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(tmp_path / "glossary", 0))
    stage = NameResolution(resolver, load_model())
    for number, (text, kind) in enumerate(NAMES):
        stage._written(
            f"/Consignment[{number + 1}]/Consignor/Name", resolver.resolve(text, kind, "KZ"), None, ()
        )
    reload_with_a_row(tmp_path / "glossary", 1)
    stage._written("/Consignment[1]/Consignor/Name", resolver.resolve("Урумчи", "place", "KZ"), None, ())
    kept = [resolution.glossary_version for resolution, _, _ in stage._kept_names._kept.values()]
    assert kept == [resolver.glossary().version]
