"""Every `gateway` command line that README.md and docs/ show parses: the command, its subcommand, its
options and their values exist as written. A renamed option or command fails here, not in a reader's
terminal. Lines with a placeholder in brackets (`[--overlap-hours 24]`) are read without the brackets."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from gateway.cli.main import main

PROJECT = Path(__file__).parent.parent
PAGES = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("**/*.md"))]
COMMAND = re.compile(r"^(?:\S+=\S+ )*(?:\.venv/bin/)?gateway (?=[a-z])")


def _shown(page: Path) -> list[str]:
    """The command lines of a page that start with `gateway` (after any VAR=value): in code blocks and in
    backticks."""
    blocks = page.read_text(encoding="utf-8").split("```")[1::2]
    lines = [line.strip() for block in blocks for line in block.splitlines()[1:]]
    inline = re.findall(r"`((?:\.venv/bin/)?gateway [a-z][^`]*)`", page.read_text(encoding="utf-8"))
    return [line for line in [*lines, *inline] if COMMAND.match(line)]


def _command_lines() -> list[tuple[str, str]]:
    return [(page.relative_to(PROJECT).as_posix(), line) for page in PAGES for line in _shown(page)]


def _words(line: str) -> list[str]:
    """The arguments of a command line, without `gateway`, redirections, pipes and brackets."""
    command = re.split(r"\s(?:\d?>>?|<|\|)\s", COMMAND.sub("", line))[0]
    return shlex.split(command.replace("[", "").replace("]", ""), comments=True)


def _command(words: list[str]) -> tuple[click.Command, click.Context]:
    """The (sub)command the words name, taking its name off `words`, and its context."""
    command: click.Command = main
    context = click.Context(main, info_name="gateway")
    while isinstance(command, click.Group) and words and (found := command.get_command(context, words[0])):
        command, context = found, click.Context(found, parent=context, info_name=words.pop(0))
    return command, context


def _checked(value: object, parameter: click.Parameter, context: click.Context) -> None:
    """A choice, integer or float given as text is one the option takes (paths are not opened)."""
    if isinstance(parameter.type, (click.Choice, click.types.IntParamType, click.types.FloatParamType)):
        for one in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            parameter.type.convert(one, parameter, context)


@pytest.mark.parametrize(("page", "line"), _command_lines())
def test_a_command_line_shown_parses(page: str, line: str) -> None:
    words = _words(line)
    command, context = _command(words)
    assert not isinstance(command, click.Group), f"{page}: {line}: no such command"
    values, arguments, _ = command.make_parser(context).parse_args(args=words)
    assert not arguments, f"{page}: {line}: arguments the command does not take"
    for parameter in command.params:
        _checked(values.get(parameter.name), parameter, context)


def test_the_pages_show_command_lines() -> None:
    assert len(_command_lines()) > 30
