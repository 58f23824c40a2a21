"""What a gateway's memory does over a long uptime of glossary reloads and fresh names:
`PYTHONPATH=. .venv/bin/python bench/long_run.py [--reloads 50] [--every 40] [--tracemalloc]`.

One process serves the real application (`create_app` over a SQLite store in a scratch folder, its
lifespan on: warmed, its glossary and unresolved-queue sweeps running) through Starlette's in-process
client (no socket). Its glossary is a scratch copy of the project's, looked at every 0.05 s. Kazakh
manifests (the example) are posted with every party and town name made up afresh (`NAMES_PER_DOCUMENT`
fresh names a document, none of them known: each is resolved to the end and misses every memo), and
every `--every` documents a changed glossary is written (a place row more, a new version) and the
benchmark waits until the resolver has it in force. After the warm-up (`--warm` reloads) and after
every tenth reload it prints the process's resident memory (VmRSS, /proc/self/status) and the bytes
Python holds (`tracemalloc`, with `--tracemalloc`: then also the files whose allocations grew most
since the warm-up). The figures: RSS growth per reload once warm, and per 10,000 fresh names.
`--same-names` posts the same names in every document: what reloads alone cost. Read RSS from runs
without `--tracemalloc` (its traces are in the process's memory too). Figures: plans/notes-mem16.md.

Runs on an older tree as well (`PYTHONPATH=/tmp/base-mem16`): it uses only the app factory, the
settings and the store's keys.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from fastapi.testclient import TestClient

from gateway.access.keys import create_key
from gateway.api.app import create_app
from gateway.settings import Settings
from gateway.store.sql import open_store

EXAMPLE = Path(__file__).parent.parent / "examples" / "kz-eaeu-pi-manifest.xml"
PARTIES = ("Астана Транс", "Алтын Дән", "Синьцзян Цзиньхэ Импорт-Экспорт", "Ақ Бидай Диірмені")
PARTIES_TOO = ("Хоргос Тяньфу Трейд",)
TOWNS = ("Каскелен",)
NAMES_PER_DOCUMENT = len(PARTIES) + len(PARTIES_TOO) + len(TOWNS)
SYLLABLES = ("ақ", "бай", "жол", "қара", "тау", "сай", "көл", "тас", "кент", "бұлақ", "өзек", "шың", "дала",
             "құм", "мұнай", "сары", "ата", "бек", "нұр")  # fmt: skip


def fresh_name(rng: random.Random, words: int) -> str:
    """A made-up Kazakh-looking name of `words` words (two to four syllables each)."""
    made = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words))
    return " ".join(word.capitalize() for word in made)


def document(rng: random.Random, number: int) -> bytes:
    """The example with its IDs made unique and every party and town name replaced by a fresh one."""
    text = EXAMPLE.read_text("utf-8")
    text = text.replace("ATS-2024-0514-01", f"ATS-LR-{number}")
    text = text.replace("3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10", f"long-run-{number}")
    for name in (*PARTIES, *PARTIES_TOO):
        text = text.replace(name, fresh_name(rng, 2))
    for name in TOWNS:
        text = text.replace(name, fresh_name(rng, 1))
    return text.encode("utf-8")


def change_glossary(folder: Path, number: int) -> None:
    """A terminologist's commit: one place row more (a new glossary version)."""
    with (folder / "places.csv").open("a", encoding="utf-8") as places:
        places.write(f"place,kk,Жаңаауыл {number},Zhanaauyl {number},Zhanaauyl {number},,bench row\n")


def rss_kib() -> int:
    """The process's resident set, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def top_growth(first: tracemalloc.Snapshot, rows: int = 8) -> list[str]:
    """The files whose allocations grew most since `first`."""
    now = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = now.compare_to(first, "filename")
    return [
        f"    {s.size_diff / 1024:+9.0f} KiB {s.count_diff:+8d} blocks  {s.traceback}" for s in stats[:rows]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reloads", type=int, default=50)
    parser.add_argument("--every", type=int, default=40, help="documents posted between two reloads")
    parser.add_argument("--warm", type=int, default=10, help="reloads before the first (warm) figure")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--same-names", action="store_true", help="every document the same names: what reloads alone cost"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="long-run-"))
    shutil.copytree(Settings().glossary_dir, scratch / "glossary")
    (scratch / "data").mkdir()
    settings = Settings(
        glossary_dir=scratch / "glossary", glossary_check_seconds=0.05, data_dir=scratch / "data"
    )
    store = open_store(settings)
    token = create_key(store, "Kazakhstan SRC", "KZ", "national", store.clock())[1]
    app = create_app(settings, store=store)
    headers = {"Authorization": f"Bearer {token}"}
    if args.tracemalloc:
        tracemalloc.start(1)
    posted = 0
    warm: tuple[int, int, int] | None = None
    first: tracemalloc.Snapshot | None = None
    started = time.monotonic()
    with TestClient(app) as client:
        for reload in range(1, args.reloads + 1):
            for _ in range(args.every):
                posted += 1
                naming = random.Random(args.seed) if args.same_names else rng
                response = client.post("/v1/documents", content=document(naming, posted), headers=headers)
                assert response.status_code == 202, response.text
            change_glossary(settings.glossary_dir, reload)
            wait_for_reload(app, reload)
            if reload == args.warm or (reload > args.warm and reload % 10 == 0):
                gc.collect()
                rss = rss_kib()
                traced = tracemalloc.get_traced_memory()[0] // 1024 if args.tracemalloc else 0
                if warm is None:
                    warm = (reload, rss, posted)
                    first = tracemalloc.take_snapshot() if args.tracemalloc else None
                fresh = 0 if args.same_names else posted * NAMES_PER_DOCUMENT
                line = f"reload {reload:3d}  documents {posted:5d}  fresh names {fresh:6d}"
                print(f"{line}  RSS {rss / 1024:7.1f} MiB  traced {traced / 1024:7.1f} MiB"
                      f"  ({time.monotonic() - started:.0f} s)", flush=True)  # fmt: skip
                if first is not None and reload > args.warm:
                    print("\n".join(top_growth(first)), flush=True)
    assert warm is not None
    reloads, grown = args.reloads - warm[0], rss_kib() - warm[1]
    names = 0 if args.same_names else (posted - warm[2]) * NAMES_PER_DOCUMENT
    per_names = f", {grown / names * 10_000 / 1024:.1f} MiB per 10,000 fresh names" if names else ""
    print(f"once warm: {grown / max(reloads, 1):.0f} KiB a reload{per_names} "
          f"({reloads} reloads, {names} names, RSS {grown / 1024:+.1f} MiB)")  # fmt: skip
    shutil.rmtree(scratch, ignore_errors=True)


def wait_for_reload(app: object, reload: int) -> None:
    """Until the resolver has the changed glossary in force (its sweep reads the folder)."""
    resolver = app.state.services.intake.normalizer.resolution.resolver  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while f"Жаңаауыл {reload}" not in {e.term for e in resolver.glossary().of_kind("place")}:
        if time.monotonic() > deadline:
            raise RuntimeError("the glossary was not reloaded")
        time.sleep(0.02)


if __name__ == "__main__":
    main()
