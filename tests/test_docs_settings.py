"""docs/settings.md gives each setting's default: it is the default the gateway uses (tests/test_docs.py
checks that every setting is listed; this one that the value listed is right)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.settings import Settings

PROJECT = Path(__file__).parent.parent
ROWS = {
    row[0].strip("` "): row[2].strip()
    for line in (PROJECT / "docs" / "settings.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("| `") and len(row := line.strip("|").split("|")) >= 4
}


def _shown(text: str) -> object:
    """The default a row shows: unset, a folder of the source tree, a truth value, a number or a word."""
    if text == "unset":
        return None
    if folder := re.fullmatch(r"`(\w+)/` of the source tree", text):
        return PROJECT / folder[1]
    if text in ("true", "false"):
        return text == "true"
    if number := re.match(r"[\d.]+", text):
        return float(number[0])
    return text.strip("`")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_the_default_shown_is_the_default(name: str) -> None:
    default = Settings.model_fields[name].default
    shown = _shown(ROWS[name])
    if isinstance(default, bool | str | Path) or default is None:
        assert shown == default, f"{name}: docs say {ROWS[name]}, the gateway uses {default}"
    else:
        assert shown == float(default), f"{name}: docs say {ROWS[name]}, the gateway uses {default}"


def test_a_bad_value_stops_a_command_as_shown() -> None:
    shown = (PROJECT / "docs" / "settings.md").read_text(encoding="utf-8").split("```text\n", 1)[1]
    command, said = shown.split("```", 1)[0].strip().splitlines()
    variable, words = command.removeprefix("$ ").split(" ", 1)
    name, value = variable.split("=")
    result = CliRunner().invoke(main, words.split()[1:], env={name: value})
    assert result.exit_code == 1 and result.output.strip() == said
