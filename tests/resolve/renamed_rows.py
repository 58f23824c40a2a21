"""What the renamed-places tests share: the glossary row a resolution cites, and a resolver over the
project's code lists with the official UN/LOCODE release imported."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from gateway.codelists import CodeLists
from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release
from gateway.glossary import Glossary, GlossaryEntry
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT

UNLOCODE = PROJECT_ROOT.parent / "shared" / "reference" / "unlocode"


def cited_row(glossary: Glossary, source: str | None) -> GlossaryEntry:
    """The glossary row a resolution's source cites (``glossary renamed-places.csv:66 (version)``): what
    an officer opens to read where the name comes from."""
    reference = str(source).removeprefix("glossary ").split(" ")[0]
    (row,) = [entry for entry in glossary.of_kind("place") if entry.reference == reference]
    return row


@functools.cache
def official_lists() -> CodeLists:
    """The project's code lists with the official UN/LOCODE release imported, as a deployment runs them
    (`gateway codelists import-locode`), loaded once for the session from a copy deleted afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        lists = Path(scratch) / "codelists"
        shutil.copytree(PROJECT_ROOT / "codelists", lists)
        write_release(read_release(sorted(UNLOCODE.glob("*.csv"))), lists / "locode")
        return CodeLists.load(lists).load_all()  # read whole: the copy is deleted on return


@functools.cache
def official_resolver() -> Resolver:
    """A resolver over `official_lists` and the project's glossary, built once for the session: the
    release keeps some renamed towns twice, under the old name and the new, and holds every place of
    the CAREC countries."""
    return Resolver(official_lists(), Glossary.load(PROJECT_ROOT / "glossary"), threshold=0.85)
