"""CPU per MB of normalizing a UN/EDIFACT CUSCAR: this tree against a base tree, interleaved in one run.

The document is the Azerbaijani example (examples/az-cuscar.edi) with its second consignment repeated
to about --mb MB (as plans/tools/widths14_sweep.py's "edifact normal" case), the UNT count mended. One
worker process per tree (--base, then this tree) builds two normalizers from its own gateway/: names off
(`Settings(resolve_names=False)`) and on. Each round, the driver asks each worker in turn for --per
normalizations with each setting (the message serialized, as bench/normalize.py does) and the worker
answers the median CPU of its thread. Printed: each round, then the median over rounds of seconds per MB
for each side and setting, and the median of the per-round ratios (this tree / base). The workers also
answer a digest of the message bytes and issues: the run stops if the two trees' differ.

For scale, --json adds this tree's JSON figure (bench/normalize.py's uz-customs-json document grown to
about the same size, names off), measured in the same rounds.

    PYTHONPATH=. .venv/bin/python plans/tools/edi14_ab.py --base /tmp/base-edi14 [--mb 2] [--rounds 7]

`--profile off` (or `on`) instead prints this tree's cProfile of one normalization of the document, names
off (or on), the 30 functions of most own time: where the next saving is.

/tmp/base-edi14 is the session's start: `git archive 61cc247 | tar -x -C /tmp/base-edi14`, with the two
compiled modules (gateway/mapping/_fastread*.so, gateway/names/_fastcount*.so) copied in.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from gateway.normalize.pipeline import Normalizer  # noqa: E402  (after the path is set)
from gateway.settings import Settings  # noqa: E402

WORKER = r"""
import hashlib, json, re, statistics, sys, time
from pathlib import Path
root, document, extra = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
sys.path[:0] = [str(root), str(root / "bench")]
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

data = document.read_bytes()
cases = {
    "names off": (Normalizer.from_settings(Settings(resolve_names=False)), "az-cuscar", data),
    "names on": (Normalizer.from_settings(Settings(resolve_names=True)), "az-cuscar", data),
}
if extra:
    from normalize import scaled_json
    example = root / "examples" / "uz-customs-json.json"
    items = 40
    while len(scaled_json(example, items)[0]) < len(data):
        items *= 2
    cases["json, names off"] = (cases["names off"][0], "uz-customs-json", scaled_json(example, items)[0])

def once(normalizer, name, body):
    result = normalizer.normalize(body, name)
    return result, (result.message.to_xml() if result.message is not None else b"")

digest = {}
for case, (normalizer, name, body) in cases.items():
    result, message = once(normalizer, name, body)
    issues = "\n".join(f"{issue.code} {issue.line} {issue.source} {issue.message}" for issue in result.issues)
    digest[case] = hashlib.sha256(message + issues.encode()).hexdigest()
sizes = {case: len(body) / 1e6 for case, (_, _, body) in cases.items()}
print(json.dumps({"digest": digest, "mb": sizes}), flush=True)
for line in sys.stdin:
    per, spent = int(line), {}
    for case, (normalizer, name, body) in cases.items():
        timings = []
        for _ in range(per):
            started = time.thread_time()
            once(normalizer, name, body)
            timings.append(time.thread_time() - started)
        spent[case] = statistics.median(timings)
    print(json.dumps(spent), flush=True)
"""


def cuscar(megabytes: float) -> bytes:
    """The example with its second consignment repeated to about `megabytes`, UNT's count mended."""
    example = (PROJECT / "examples" / "az-cuscar.edi").read_bytes()
    consignment = example[example.index(b"CNI+2'") : example.index(b"UNT+")]
    copies = max(1, int(megabytes * 1e6) // len(consignment))
    grown = example.replace(consignment, consignment * copies + consignment, 1)
    body = grown[grown.index(b"UNH+") : grown.index(b"UNT+")]
    count = body.count(b"'\n") + 1
    start = grown.index(b"UNT+")
    end = grown.index(b"+", start + 4)
    return grown[:start] + b"UNT+%d" % count + grown[end:]


def profile(data: bytes, names: bool) -> None:
    """This tree's cProfile of one normalization of `data` (after one to warm it)."""
    normalizer = Normalizer.from_settings(Settings(resolve_names=names))
    normalizer.normalize(data, "az-cuscar")
    profiler = cProfile.Profile()
    profiler.enable()
    result = normalizer.normalize(data, "az-cuscar")
    assert result.message is not None
    result.message.to_xml()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="the base tree (its gateway/ and .so files); not with --profile")
    parser.add_argument("--mb", type=float, default=2.0, help="size of the document in MB")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds")
    parser.add_argument("--per", type=int, default=3, help="normalizations per case, side and round")
    parser.add_argument("--json", action="store_true", help="add this tree's JSON figure for scale")
    parser.add_argument("--profile", choices=("off", "on"), help="profile this tree, names off or on")
    arguments = parser.parse_args()
    if arguments.profile:
        profile(cuscar(arguments.mb), arguments.profile == "on")
        return
    if not arguments.base:
        parser.error("--base is required (or --profile)")
    document = Path("/tmp/edi14-ab-document.edi")
    document.write_bytes(cuscar(arguments.mb))
    sides = {"base": Path(arguments.base).resolve(), "this": PROJECT}
    workers, ready = {}, {}
    for side, root in sides.items():
        extra = "json" if arguments.json and side == "this" else ""
        workers[side] = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), str(document), extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        ready[side] = json.loads(workers[side].stdout.readline())  # type: ignore[union-attr]
    for case in ("names off", "names on"):
        if ready["base"]["digest"][case] != ready["this"]["digest"][case]:
            raise SystemExit(f"{case}: the two trees' messages or issues differ")
    sizes = ready["this"]["mb"]
    print(f"document: {sizes['names off']:.2f} MB; messages and issues identical in both trees")
    seconds: dict[tuple[str, str], list[float]] = {}
    for number in range(1, arguments.rounds + 1):
        line = [f"round {number}:"]
        for side, worker in workers.items():
            worker.stdin.write(f"{arguments.per}\n")  # type: ignore[union-attr]
            worker.stdin.flush()  # type: ignore[union-attr]
            for case, spent in json.loads(worker.stdout.readline()).items():  # type: ignore[union-attr]
                seconds.setdefault((side, case), []).append(spent / sizes[case])
                line.append(f"{side} {case} {spent / sizes[case]:.3f}")
        print("  ".join(line), flush=True)
    for worker in workers.values():
        worker.stdin.close()  # type: ignore[union-attr]
        worker.wait()
    print(f"\n{'case':<18}{'base s/MB':>11}{'this s/MB':>11}{'this/base':>11}")
    for case in ("names off", "names on"):
        base, this = seconds[("base", case)], seconds[("this", case)]
        ratio = statistics.median(t / b for t, b in zip(this, base, strict=True))
        print(f"{case:<18}{statistics.median(base):>11.3f}{statistics.median(this):>11.3f}{ratio:>11.2f}")
    json_seconds = seconds.get(("this", "json, names off"))
    if json_seconds:
        print(f"{'json, names off':<18}{'':>11}{statistics.median(json_seconds):>11.3f}")


if __name__ == "__main__":
    main()
