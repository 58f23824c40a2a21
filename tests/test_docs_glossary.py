"""docs/glossary.md walks a terminologist through adding a row. This test runs the walk on a copy of the
glossary and compares what the commands print, and what the running gateway logs, with what the doc shows.
Glossary versions and entry counts change with every row anyone adds, so they are compared by shape."""

from __future__ import annotations

import logging
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.glossary.live import LiveGlossary
from gateway.settings import Settings

GUIDE = (Path(__file__).parent.parent / "docs" / "glossary.md").read_text(encoding="utf-8")
WALK = GUIDE.split("## Adding a row, step by step\n", 1)[1].split("\n## ", 1)[0]


def _block(language: str) -> list[str]:
    return WALK.split(f"```{language}\n", 1)[1].split("```", 1)[0].strip().splitlines()


def _shape(text: str) -> str:
    text = re.sub(r"\b[0-9a-f]{12}\b", "VERSION", text)
    return re.sub(r"\d+ entries in \S+", "N entries in FOLDER", text)


def _cli(folder: Path, command: str) -> str:
    """Run a `gateway ...` line of the doc with the glossary in `folder`."""
    result = CliRunner().invoke(main, shlex.split(command)[1:], env={"GATEWAY_GLOSSARY_DIR": str(folder)})
    assert result.exit_code == 0, result.output
    return result.output


def test_the_walk_prints_what_the_doc_shows(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(Settings().glossary_dir, folder)
    live = LiveGlossary(folder, check_seconds=0)
    old_version = live.current().version
    printf, check, resolve = _block("sh")
    assert printf.startswith("printf ") and printf.endswith("> glossary/parties.csv")
    assert not (folder / "parties.csv").exists(), "the walk starts a file the project does not have yet"
    before = _cli(folder, resolve)
    assert "method   legal-form, score 0.00" in before and "english  Khorgos Tyanfu Treyd LLC" in before
    assert "`method   legal-form, score 0.00`, `english  Khorgos Tyanfu Treyd\nLLC`" in WALK
    subprocess.run(["sh", "-c", printf], cwd=tmp_path, check=True)
    printed = _cli(folder, check) + _cli(folder, resolve)
    assert _shape(printed).splitlines() == [_shape(line) for line in _block("text")]
    caplog.set_level(logging.INFO, logger="gateway.glossary")
    new_version = live.current().version
    assert caplog.messages == [f"glossary {new_version} replaces {old_version}"]
    assert _shape(f'"event": "{caplog.messages[0]}"') in _shape(WALK)
