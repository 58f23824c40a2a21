"""What the resolution tests share: the glossary row a resolution cites, a resolver over the code lists
the gateway ships, and one over the project's code lists with the official UN/LOCODE release imported."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from place_table import UNLOCODE, lists_with_release

from gateway.codelists import CodeLists
from gateway.glossary import Glossary, GlossaryEntry
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT


def cited_row(glossary: Glossary, source: str | None) -> GlossaryEntry:
    """The glossary row a resolution's source cites (``glossary renamed-places.csv:66 (version)``): what
    an officer opens to read where the name comes from."""
    reference = str(source).removeprefix("glossary ").split(" ")[0]
    (row,) = [entry for entry in glossary.of_kind("place") if entry.reference == reference]
    return row


@functools.cache
def shipped_resolver() -> Resolver:
    """A resolver over the code lists the gateway ships (what `./dev run` serves), built once."""
    lists = CodeLists.load(PROJECT_ROOT / "codelists")
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"), threshold=0.85)


@functools.cache
def official_lists() -> CodeLists:
    """The project's code lists with the official UN/LOCODE release imported, as a deployment runs them
    (`gateway codelists import-locode`), loaded once for the session from a copy deleted afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        countries = [path.stem for path in sorted(UNLOCODE.glob("*.csv"))]
        return lists_with_release(Path(scratch), countries).load_all()  # read whole: the copy goes


@functools.cache
def official_resolver() -> Resolver:
    """A resolver over `official_lists` and the project's glossary, built once for the session: the
    release keeps some renamed towns twice, under the old name and the new, and holds every place of
    the CAREC countries."""
    return Resolver(official_lists(), Glossary.load(PROJECT_ROOT / "glossary"), threshold=0.85)
