"""What one thread hop costs the event loop and the process (branch store11): a coroutine awaits a
function run in a worker thread, by starlette's `run_in_threadpool` (anyio, what the routes use) and by
asyncio's `run_in_executor` (a plain ThreadPoolExecutor, with and without `asyncio.shield`), for a
function that returns at once and for one that blocks 5 ms (sleeping: no CPU of its own). Prints the CPU
of the loop's thread and of the process a hop, several rounds in turn.

Shown by it on this machine: a hop whose work blocks costs the loop ~0.2-0.4 ms of CPU and the process
~0.4-0.6 ms (the loop sleeps in epoll and is woken), against ~0.1 ms for one that returns at once; that is
most of what the event loop's thread spends on a posted document beyond FastAPI's own ~0.3 ms.

    .venv/bin/python plans/tools/store11_hop.py [--hops 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from starlette.concurrency import run_in_threadpool

POOL = ThreadPoolExecutor(40)


def returns() -> None:
    """Work that returns at once."""


def blocks() -> None:
    """Work that blocks 5 ms without CPU (as a receive waits for its commit, or for the GIL)."""
    time.sleep(0.005)


async def executor(function: Callable[[], None]) -> None:
    await asyncio.get_running_loop().run_in_executor(POOL, contextvars.copy_context().run, function)


async def shielded(function: Callable[[], None]) -> None:
    work = asyncio.get_running_loop().run_in_executor(POOL, contextvars.copy_context().run, function)
    try:
        await asyncio.shield(work)
    except asyncio.CancelledError:
        await asyncio.wait([work])
        raise


async def measure(hops: int, rounds: int) -> None:
    ways: dict[str, Callable[[Callable[[], None]], Awaitable[object]]] = {
        "anyio": run_in_threadpool, "executor": executor, "shielded": shielded,
    }  # fmt: skip
    for _ in range(rounds):
        for function in (returns, blocks):
            for name, hop in ways.items():
                for _ in range(20):
                    await hop(function)
                loop, process = time.thread_time(), time.process_time()
                for _ in range(hops):
                    await hop(function)
                loop = (time.thread_time() - loop) / hops * 1e6
                process = (time.process_time() - process) / hops * 1e6
                print(f"{function.__name__:7} {name:8} loop {loop:6.1f} us, process {process:6.1f} us a hop")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hops", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.hops, arguments.rounds))


if __name__ == "__main__":
    main()
