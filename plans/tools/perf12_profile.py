"""Where the served post's CPU goes (branch perf12): the app that `gateway serve` runs, called as ASGI
in this process as bench/intake_steps.py's last line calls it, with cProfile on the event loop's thread
and on the worker threads that receive (each profiler timed by its own thread's CPU, so waiting for the
disk or for other processes does not count).

    .venv/bin/python plans/tools/perf12_profile.py [--root TREE] [--count 200] [--lines 40]
                                                  [--sort tottime|cumulative] [--thread loop|worker]
"""

# the gateway is imported from the tree --root names, once the path is set: imports inside functions
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="the tree whose gateway/ runs")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--thread", default="worker", choices=["loop", "worker"])
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    sys.path[:0] = [str(root), str(root / "bench")]
    import intake_steps
    from ingest import bench_keys, manifest

    from gateway.api.app import create_app
    from gateway.api.routers import documents
    from gateway.settings import Settings

    profilers: dict[int, cProfile.Profile] = {}
    receive = documents._receive

    def profiled(*args: object) -> object:
        if not on[0]:
            return receive(*args)
        ident = threading.get_ident()
        profiler = profilers.setdefault(ident, cProfile.Profile(time.thread_time))
        profiler.enable()
        try:
            return receive(*args)
        finally:
            profiler.disable()

    on = [False]
    documents._receive = profiled
    body, folder = manifest(), tempfile.mkdtemp(prefix="perf12-profile-")
    token = bench_keys(Path(folder) / "gateway.sqlite3")["KZ"]
    app = create_app(Settings(data_dir=Path(folder)))
    headers = [(b"authorization", f"Bearer {token}".encode()), (b"content-length", str(len(body)).encode())]
    loop_profiler = cProfile.Profile(time.thread_time)

    async def serve() -> float:
        async with app.router.lifespan_context(app):
            for n in range(30):
                await intake_steps.post(app, headers, body.replace(b"BENCHID", f"w-{n}".encode()))
            on[0] = True
            if arguments.thread == "loop":
                loop_profiler.enable()
            started = time.process_time()
            for n in range(arguments.count):
                await intake_steps.post(app, headers, body.replace(b"BENCHID", f"p-{n}".encode()))
            spent = time.process_time() - started
            loop_profiler.disable()
            return spent

    spent = asyncio.run(serve())
    print(f"{spent * 1000 / arguments.count:.2f} ms of process CPU a post (profiled)")
    stats = pstats.Stats(loop_profiler) if arguments.thread == "loop" else pstats.Stats(*profilers.values())
    stats.sort_stats(arguments.sort).print_stats(arguments.lines)


if __name__ == "__main__":
    main()
