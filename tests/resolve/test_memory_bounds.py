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
from gateway.resolve import Resolver
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
