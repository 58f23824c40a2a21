"""Where the served gateway's time goes under load: a sampling profile of one serving process.

Starts the app that `gateway serve` runs (`gateway.api.app:app_from_settings`, one uvicorn worker, in
this process, on 127.0.0.1) over a fresh SQLite store, posts bench/ingest.py's 21 KB manifest to it with
wrk for --seconds, and meanwhile a thread looks at every other thread's Python stack every --interval
seconds (`sys._current_frames`). It prints the functions seen most often on top of a stack (own time)
and anywhere in a stack (inclusive time), as shares of the samples of busy threads. A thread waiting
for work (in a selector, a queue or a condition) is counted apart as idle. The sampler needs the GIL
to look, so a function that holds the GIL for long is seen at its end: the figures are a guide.

    .venv/bin/python bench/sample_served.py [--seconds 10] [--connections 16] [--top 30]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from ingest import bench_keys, free_port, manifest, wrk  # noqa: E402  (after the path is set)

IDLE = ("wait", "select", "_worker", "get", "poll", "run_forever", "_run_once", "dequeue")
"""Functions on top of a waiting thread's stack: samples of such threads are counted as idle (`dequeue`: the
log writer waiting for a line)."""


class Sampler(threading.Thread):
    """Samples the stacks of the other threads until stopped."""

    def __init__(self, interval: float) -> None:
        super().__init__(daemon=True)
        self.interval, self.stop = interval, threading.Event()
        self.own: Counter[str] = Counter()
        self.inclusive: Counter[str] = Counter()
        self.busy = self.idle = 0

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            for ident, frame in sys._current_frames().items():
                if ident not in (self.ident, threading.main_thread().ident):
                    self._sample(frame)

    def _sample(self, frame: FrameType) -> None:
        stack = _stack(frame)
        if stack[0].split(":")[-1] in IDLE:
            self.idle += 1
            return
        self.busy += 1
        self.own[stack[0]] += 1
        self.inclusive.update(set(stack))


def _stack(frame: FrameType | None) -> list[str]:
    """The functions of a stack, innermost first, as path:line-of-definition:name."""
    names = []
    while frame is not None:
        code = frame.f_code
        path = code.co_filename.removeprefix(str(PROJECT) + "/").replace(sys.prefix, "<venv>")
        names.append(f"{path}:{code.co_firstlineno}:{code.co_name}")
        frame = frame.f_back
    return names


def serve(folder: Path, port: int) -> uvicorn.Server:
    """The gateway's app in a thread of this process, as `gateway serve` configures it."""
    os.environ |= {"GATEWAY_DATA_DIR": str(folder), "GATEWAY_MAX_CONCURRENT_POSTS_PER_KEY": "64"}
    config = uvicorn.Config(
        "gateway.api.app:app_from_settings", factory=True, host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--interval", type=float, default=0.002)
    parser.add_argument("--top", type=int, default=30)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gateway-sample-") as name:
        folder, port = Path(name), free_port()
        (folder / "manifest.xml").write_bytes(manifest())
        token = bench_keys(folder / "gateway.sqlite3")["KZ"]
        server = serve(folder, port)
        url = f"http://127.0.0.1:{port}"
        httpx.post(f"{url}/v1/documents", content=manifest(), headers={"Authorization": f"Bearer {token}"})
        sampler = Sampler(arguments.interval)
        sampler.start()
        figures = wrk(url, "/v1/documents", token, folder, arguments.seconds, arguments.connections)
        sampler.stop.set()
        server.should_exit = True
    report(sampler, figures, arguments.top)


def report(sampler: Sampler, figures: dict[str, float], top: int) -> None:
    total = max(sampler.busy, 1)
    print(
        f"bench/sample_served.py: one worker, {figures['rate']:.1f} documents/s, "
        f"{sampler.busy} busy and {sampler.idle} idle thread samples"
    )
    for title, counts in (("own", sampler.own), ("inclusive", sampler.inclusive)):
        print(f"-- {title}: share of busy samples")
        for function, count in counts.most_common(top):
            print(f"{100 * count / total:5.1f} %  {function}")


if __name__ == "__main__":
    main()
