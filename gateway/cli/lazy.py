"""A command group whose heavy subcommands are imported only when one of them runs.

`gateway serve` pulls in FastAPI and uvicorn, `gateway keys` SQLAlchemy; `gateway worker`, `normalize`
and `--help` need none of them, so the group names those subcommands by import path, with the one-line
summary that `gateway --help` shows, and imports a module only for the command that is run or whose own
help is asked for (the pattern of Click's documentation, "Lazily Loading Subcommands").
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import click


class LazySubcommand(NamedTuple):
    """Where a subcommand lives ("module:attribute" of a `click.Command`) and its summary for `--help`."""

    path: str
    summary: str

    def load(self) -> click.Command:
        module_name, attribute = self.path.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.path} is not a click command")
        return command


class LazyGroup(click.Group):
    """A `click.Group` with `lazy_subcommands`, a mapping of command name to `LazySubcommand`."""

    def __init__(
        self, *args: Any, lazy_subcommands: Mapping[str, LazySubcommand] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_subcommands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self.lazy_subcommands[cmd_name].load()
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of `--help`, with the lazy commands' summaries (their modules stay unloaded)."""
        rows, names = [], self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)
        for name in names:
            if name in self.lazy_subcommands:
                rows.append((name, self.lazy_subcommands[name].summary))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
