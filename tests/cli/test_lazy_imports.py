"""Light commands start without the web service: `gateway --help` and `gateway worker --help` import
neither FastAPI, uvicorn, SQLAlchemy nor Redis (each checked in a fresh interpreter)."""

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
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)), file=sys.stderr)
"""


def imported_by(*arguments: str) -> list[str]:
    """The heavy modules that `gateway ARGUMENTS` imported, run in a new interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *arguments],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.stdout.startswith("Usage:"), done.stderr
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
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
