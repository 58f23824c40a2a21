"""The names stage of the start (--base, a folder with the start's gateway/) against this tree's, in one
process, interleaved call by call on bench/ingest.py's manifest, the memo warm and one resolver shared:
the CPU medians (this thread) of each, and their ratio. The start's stage, annotation and apart modules are
loaded from --base under other names (the rest of the gateway is this tree's, which the start's stage
uses as it is).

    PYTHONPATH=$PWD .venv/bin/python plans/tools/names10_ab.py --base /tmp/base10 [--count 500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from ingest import manifest  # noqa: E402  (after the path is set)
from lxml import etree  # noqa: E402

from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402

OWNED = ("annotation", "apart", "stage")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--count", type=int, default=500)
    arguments = parser.parse_args()
    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    ours = normalizer.resolution
    assert ours is not None
    base = _module(arguments.base, "stage").NameResolution(ours.resolver, ours.model)
    mapping = normalizer.registry.get("kz-eaeu-pi")
    coded = normalizer._name_codes(mapping)
    xml = _bare(normalizer, manifest())
    steps: dict[str, Callable[[], object]] = {
        "start": lambda: base.apply_apart(xml, mapping.country, coded),
        "this": lambda: ours.apply_apart(xml, mapping.country, coded),
        "parse": lambda: etree.fromstring(xml),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for number in range(arguments.count + 20):
        for name, step in steps.items() if number % 2 else reversed(steps.items()):
            start = time.thread_time()
            step()
            if number >= 20:
                times[name].append(time.thread_time() - start)
    start, this, parse = (statistics.median(times[name]) * 1000 for name in steps)
    print(f"names stage, CPU medians of {arguments.count}: start {start:.3f} ms, this {this:.3f} ms, "
          f"this/start {this / start:.2f}; beyond the message's parse ({parse:.3f} ms, which routing "
          f"and the shares use): start {start - parse:.3f} ms, this {this - parse:.3f} ms, "
          f"this/start {(this - parse) / (start - parse):.2f}")  # fmt: skip


def _module(base: Path, name: str) -> types.ModuleType:
    """The start's gateway/resolve/`name`.py as module `start_name`, importing the start's owned modules."""
    qualified = f"start_{name}"
    if qualified in sys.modules:
        return sys.modules[qualified]
    source = (base / "gateway" / "resolve" / f"{name}.py").read_text(encoding="utf-8")
    for owned in OWNED:
        if f"gateway.resolve.{owned} " in source:
            _module(base, owned)
            source = source.replace(f"gateway.resolve.{owned} ", f"start_{owned} ")
    module = types.ModuleType(qualified)
    module.__file__ = str(base / "gateway" / "resolve" / f"{name}.py")
    sys.modules[qualified] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def _bare(normalizer: Normalizer, body: bytes) -> bytes:
    """The message as the mapping writes it, before the names stage."""
    resolution = normalizer.resolution
    assert resolution is not None
    seen: list[bytes] = []
    apply_apart = resolution.apply_apart
    resolution.apply_apart = lambda xml, *rest: seen.append(xml) or apply_apart(xml, *rest)  # type: ignore[method-assign]
    normalizer.normalize(body, "kz-eaeu-pi")
    resolution.apply_apart = apply_apart  # type: ignore[method-assign]
    return seen[0]


if __name__ == "__main__":
    main()
