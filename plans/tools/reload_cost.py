"""CPU of the first place lookups after a glossary reload: the place catalog of a new version, warmed.

The code lists' part of a catalog (its terms, the Chinese division join, the towns and their sounds)
depends on the code lists only; a resolver keeps it across glossary versions (`catalog.listed`).

    PYTHONPATH=. .venv/bin/python plans/tools/reload_cost.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import Settings


def main() -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    glossary = Glossary.load(settings.glossary_dir)
    resolver = Resolver(source, glossary)
    resolver.catalog("place", glossary).warm()
    for number in range(3):
        reloaded = Glossary(glossary.entries, f"reload{number}")
        start = time.thread_time()
        resolver.catalog("place", reloaded).warm()
        spent = time.thread_time() - start
        print(f"reload {number}: the place catalog of the new version, warmed: {spent:.2f} s CPU")


if __name__ == "__main__":
    main()
