"""Where the served post's CPU goes, without a profiler's distortion (branch perf12): the app that
`gateway serve` runs, called as ASGI in this process (as bench/intake_steps.py's last line), with the
thread CPU of named steps recorded by wrappers around them (~1 µs each). Prints the mean microseconds
a post of each step (steps nest: normalize holds parse, mapping and names), the loop thread's CPU and
the process's.

    .venv/bin/python plans/tools/perf12_steps.py [--root TREE] [--count 300]
"""

# the gateway is imported from the tree --root names, once the path is set: imports inside functions
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
SPENT: dict[str, float] = defaultdict(float)
ON = [False]


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        if not ON[0]:
            return function(*args, **kwargs)
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.thread_time() - started

    return step


def wrap(owner: Any, attribute: str, name: str) -> None:
    setattr(owner, attribute, timed(name, getattr(owner, attribute)))


class _Timing:
    """A module whose one function is timed (the others passed through)."""

    def __init__(self, module: Any, attribute: str, name: str) -> None:
        self._module = module
        setattr(self, attribute, timed(name, getattr(module, attribute)))

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._module, attribute)


def instrument() -> None:
    from gateway.agreements import cut
    from gateway.api.routers import documents
    from gateway.mapping import codegen
    from gateway.normalize import pipeline
    from gateway.resolve import stage
    from gateway.resolve.stage import NameResolution

    share = sys.modules["gateway.agreements.share"]
    from gateway.agreements import share_filter
    from gateway.service import agreement_router, intake
    from gateway.store import sql

    wrap(documents, "_receive", "worker: _receive (all)")
    wrap(documents, "authenticated", "  key check")
    wrap(intake.Intake, "_receive", "  Intake._receive")
    wrap(pipeline.Normalizer, "normalize", "    normalize")
    pipeline._READERS["xml"] = timed("      parse", pipeline._READERS["xml"])
    wrap(codegen.CompiledMapping, "run", "      mapping run")
    wrap(pipeline.Normalizer, "_write", "      mapping write (run + message)")
    wrap(NameResolution, "apply_apart", "      names stage")
    wrap(NameResolution, "_resolved", "        names: _resolved")
    wrap(NameResolution, "_coded", "        names: _coded")
    wrap(NameResolution, "_names", "        names: _names")
    stage.etree = _Timing(stage.etree, "fromstring", "        names: parse of the message")
    share.etree = _Timing(share.etree, "tostring", "        share: tostring")
    wrap(cut.MappingCut, "remove", "        share: declaration cut")
    wrap(share_filter.ElementFilter, "annotations", "        share: annotations")
    wrap(share_filter.ElementFilter, "resolutions", "        share: resolutions text")
    wrap(agreement_router.AgreementRouter, "plan", "    plan")
    wrap(agreement_router, "route", "      route")
    wrap(agreement_router, "share", "      share (each)")
    wrap(sql.SqlStore, "accept", "    accept")
    wrap(intake.Intake, "_unresolved", "    unresolved")
    wrap(intake, "acknowledgement", "    acknowledgement of a repeat")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="the tree whose gateway/ runs")
    parser.add_argument("--count", type=int, default=300)
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    sys.path[:0] = [str(root), str(root / "bench")]
    import intake_steps
    from ingest import bench_keys, manifest

    from gateway.api.app import create_app
    from gateway.settings import Settings

    instrument()
    body, folder = manifest(), tempfile.mkdtemp(prefix="perf12-steps-")
    token = bench_keys(Path(folder) / "gateway.sqlite3")["KZ"]
    app = create_app(Settings(data_dir=Path(folder)))
    headers = [(b"authorization", f"Bearer {token}".encode()), (b"content-length", str(len(body)).encode())]

    async def serve() -> tuple[float, float]:
        async with app.router.lifespan_context(app):
            for n in range(30):
                await intake_steps.post(app, headers, body.replace(b"BENCHID", f"w-{n}".encode()))
            ON[0] = True
            process, loop = time.process_time(), time.thread_time()
            for n in range(arguments.count):
                await intake_steps.post(app, headers, body.replace(b"BENCHID", f"p-{n}".encode()))
            return time.process_time() - process, time.thread_time() - loop

    process, loop = asyncio.run(serve())
    per = 1e6 / arguments.count
    print(f"process {process * per:.0f} µs a post, event loop thread {loop * per:.0f} µs")
    for name, spent in SPENT.items():
        print(f"{name:40} {spent * per:7.0f} µs")


if __name__ == "__main__":
    main()
