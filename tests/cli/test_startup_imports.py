"""What a command does not need, it does not load (each checked in a fresh interpreter): `gateway --help`
reads no settings (pydantic-settings), and `gateway resolve` of a name found exactly builds no fuzzy index
(numpy) and reads neither the HS list nor the township list (bench/startup.py measures what it saves)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
PROBE = """
import json, runpy, sys
sys.argv = ["gateway", *sys.argv[1:]]
try:
    runpy.run_module("gateway.cli.main", run_name="__main__")
except SystemExit:
    pass
from gateway.codelists import providers, table
read = sorted(path.split("/")[-2] for path, _, _ in table._read)
read += ["hs"] if providers._hs_subheadings.cache_info().currsize else []
print(json.dumps([sorted(name for name in {modules!r} if name in sys.modules), read]), file=sys.stderr)
"""
MODULES = ("pydantic_settings", "numpy", "fastapi")


def loaded_by(*arguments: str) -> tuple[list[str], list[str]]:
    """The modules of MODULES that `gateway ARGUMENTS` imported, and the code-list folders it read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=MODULES), *arguments],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    modules, read = json.loads(done.stderr.strip().splitlines()[-1])
    return modules, read


def test_help_reads_no_settings() -> None:
    assert loaded_by("--help") == ([], [])


def test_a_place_found_exactly_loads_no_fuzzy_index_nor_large_list() -> None:
    modules, read = loaded_by("resolve", "Алматы", "--country", "KZ")
    assert modules == ["pydantic_settings"]
    assert "locode" in read and "cn-division" in read
    assert "cn-township" not in read and "hs" not in read


def test_a_delivery_worker_loads_no_resolver_nor_pinyin() -> None:
    """`gateway worker` shares messages (`agreements.share`) but resolves no name: no catalog, no pypinyin."""
    probe = (
        "import sys, gateway.delivery.worker, gateway.agreements\n"
        "print([m for m in ('pypinyin', 'numpy', 'gateway.resolve.catalog') if m in sys.modules])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
