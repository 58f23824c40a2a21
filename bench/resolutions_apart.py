"""In-process A/B of the Resolutions kept out of the tree (`gateway.resolve.apart`), CPU of one thread.

Two intakes over their own SQLite stores (synchronous=full), alike but for the normalizer: one as served
(the stage hands on a `ResolvedApart`: routing reads the bare tree, `share()` writes the Resolutions from
the resolved names), one whose stage parses the Resolutions into the tree (`NameResolution.apply`, what
the stage did before). They receive bench/ingest.py's 21 KB kz-eaeu-pi manifest alternately, the order
swapped every round, and the median thread CPU of a whole `Intake.receive` of each is printed with their
quotient: the figure to read on a shared machine (both sides see the same load).

    PYTHONPATH=. .venv/bin/python bench/resolutions_apart.py [--count 400]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from ingest import manifest  # noqa: E402  (after the path is set)
from intake_steps import PRINCIPAL  # noqa: E402

from gateway.agreements import Agreements  # noqa: E402
from gateway.mapping.rules import Mapping  # noqa: E402
from gateway.normalize.message import HarmonizedMessage  # noqa: E402
from gateway.normalize.pipeline import (  # noqa: E402
    Normalization,
    Normalizer,
    _withdraw_filled,
    paused_collector,
)
from gateway.service.agreement_router import AgreementRouter  # noqa: E402
from gateway.service.intake import Intake  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.database import sqlite_url  # noqa: E402
from gateway.store.memory import utc_now  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402

WARM = 50


class WholeTree(Normalizer):
    """The normalizer whose message holds its Resolutions in its tree (the stage's `apply`)."""

    def run_mapping(self, mapping: Mapping, root: object, source: str) -> Normalization:
        coded = self._name_codes(mapping)
        with paused_collector():
            message, issues = self._write(mapping, root, source)
        assert self.resolution is not None
        xml, tree, names, found = self.resolution.apply(message.xml, mapping.country, coded)
        issues = _withdraw_filled(issues, names) + found
        return Normalization(mapping.format, HarmonizedMessage(xml, self.model, tree), issues, names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=400, help="documents each side receives")
    count = parser.parse_args().count
    settings, body = Settings(), manifest()
    spent: dict[str, list[float]] = {"apart": [], "whole tree": []}
    with tempfile.TemporaryDirectory(prefix="gateway-apart-") as folder:
        intakes = {
            name: _intake(settings, Path(folder) / f"{n}.sqlite3", kind)
            for n, (name, kind) in enumerate((("apart", Normalizer), ("whole tree", WholeTree)))
        }
        for round_ in range(count):
            for name in sorted(intakes, reverse=round_ % 2 == 1):
                document = body.replace(b"BENCHID", f"apart-{round_}-{len(spent[name])}".encode())
                started = time.thread_time()
                intakes[name].receive(PRINCIPAL, document)
                spent[name].append((time.thread_time() - started) * 1000)
    medians = {name: statistics.median(values[WARM:]) for name, values in spent.items()}
    print(
        f"bench/resolutions_apart.py: receive, CPU of the thread, medians of {count - WARM}: whole tree "
        f"{medians['whole tree']:.2f} ms, apart {medians['apart']:.2f} ms, "
        f"apart/whole tree {medians['apart'] / medians['whole tree']:.3f}"
    )


def _intake(settings: Settings, path: Path, kind: type[Normalizer]) -> Intake:
    normalizer = kind.from_settings(settings)
    router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
    store = SqlStore.open(sqlite_url(path), utc_now, "full")
    return Intake(store, normalizer, router, utc_now, settings.max_document_bytes)


if __name__ == "__main__":
    main()
