"""One process's start, step by step (run by bench/startup.py --breakdown, in a fresh process each time).

Prints one JSON line per step: its name, CPU ms, wall ms, and the RSS it added in MB. The steps follow
what `gateway resolve` and then a serving process do: imports, the code lists (as `CodeLists.load` reads
them, then each list alone, parsed again), the glossary, each catalog (the place catalog's towns on the
first town looked up), the first names resolved, and what `gateway serve` adds (FastAPI, the model and
mappings compiled, the goods terms). Only functions that every version of the project has are called,
so that a `git archive` of an earlier commit is measured the same way.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")


def resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE / 2**20


def step(name: str, work: Callable[[], Any]) -> Any:
    gc.collect()
    rss, cpu, wall = resident_mb(), time.process_time(), time.perf_counter()
    result = work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps([name, cpu * 1000, wall * 1000, resident_mb() - rss]), flush=True)
    return result


def main() -> None:
    step(
        "import click, gateway.cli.main, settings (pydantic)",
        lambda: importlib.import_module("gateway.cli.main"),
    )
    step("import gateway.glossary (pypinyin, PyICU)", lambda: importlib.import_module("gateway.glossary"))
    step("import gateway.resolve (numpy, rapidfuzz)", lambda: importlib.import_module("gateway.resolve"))
    step("import the rest (codelists, settings, resolver)", _import_the_rest)
    from gateway.codelists import CodeLists, lists, providers, table  # noqa: PLC0415
    from gateway.codelists.metadata import read_metadata  # noqa: PLC0415
    from gateway.glossary import Glossary  # noqa: PLC0415
    from gateway.resolve import Resolver  # noqa: PLC0415
    from gateway.settings import Settings  # noqa: PLC0415

    settings = step("Settings()", Settings)
    codelists = step("CodeLists.load (as a process does)", lambda: CodeLists.load(settings.codelists_dir))
    for path in sorted(settings.codelists_dir.glob("*/list.yaml")):
        table._read.clear()
        providers._hs_subheadings.cache_clear()
        step(
            f"  code list {path.parent.name} (parsed again, alone)",
            lambda p=path: lists.list_from(read_metadata(p)),
        )
    glossary = step("glossary", lambda: Glossary.load(settings.glossary_dir))
    resolver = Resolver(codelists, glossary, settings.resolve_threshold)
    for kind in ("country", "place"):
        step(f"catalog {kind}", lambda k=kind: resolver.catalog(k, glossary))
    place = resolver.catalog("place", glossary)
    step("  town index (first town looked up)", lambda: place.town("朱泾镇"))
    step("  fuzzy index of the place keys (built again)", lambda: type(place.index)(place.latin_keys))
    step("resolve Алматы --country KZ (first)", lambda: resolver.resolve("Алматы", "place", "KZ"))
    step("resolve 朱泾镇 (first)", lambda: resolver.resolve("朱泾镇", "place"))
    step("resolve Хоргос --country KZ (fuzzy)", lambda: resolver.resolve("Хоргосс", "place", "KZ"))
    for kind in ("office", "package"):
        step(f"catalog {kind}", lambda k=kind: resolver.catalog(k, glossary))
    serve_steps(settings)


def _import_the_rest() -> None:
    """What the steps below import, timed here (a project that imports it later would else hide it)."""
    for module in ("gateway.codelists", "gateway.codelists.metadata", "gateway.settings"):
        importlib.import_module(module)
    from gateway.resolve import Resolver  # noqa: PLC0415, F401  # the package's names load on first use


def serve_steps(settings: Any) -> None:
    """What a serving process adds: the web stack, and a normalizer warmed as `serve` warms it."""
    step(
        "import gateway.api.app (FastAPI, SQLAlchemy, lxml)",
        lambda: importlib.import_module("gateway.api.app"),
    )
    from gateway.normalize.pipeline import Normalizer  # noqa: PLC0415

    normalizer = step(
        "Normalizer.from_settings (second code lists, model)", lambda: Normalizer.from_settings(settings)
    )
    step("Normalizer.warm (mappings compiled, catalogs, goods)", normalizer.warm)


if __name__ == "__main__":
    main()
