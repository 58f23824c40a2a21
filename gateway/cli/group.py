"""The `gateway` group: lazy subcommands, and a wrong setting told as one coded line, not a traceback.

Every command reads its settings (`GATEWAY_*`, docs/settings.md) through pydantic-settings, which raises
a `ValidationError` for a value it cannot read (`GATEWAY_MAX_DEPTH=abc`). An operator should see which
variable is wrong and why, as `Error: config.invalid: GATEWAY_MAX_DEPTH: ...`, exit 1.
"""

from __future__ import annotations

import sys

import click

from gateway.cli.lazy import LazyGroup


class GatewayGroup(LazyGroup):
    """The `gateway` command group."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            invalid = invalid_settings(exc)
            if invalid is None:
                raise
            raise invalid from None


def invalid_settings(exc: Exception) -> click.ClickException | None:
    """The coded message for settings that pydantic refused, or None for any other exception. pydantic
    is looked up among the loaded modules: a command that never read its settings never imported it."""
    pydantic_core = sys.modules.get("pydantic_core")
    if pydantic_core is None or not isinstance(exc, pydantic_core.ValidationError) or exc.title != "Settings":
        return None
    problems = [f"{_variable(error['loc'])}: {error['msg']}" for error in exc.errors()]
    return click.ClickException("config.invalid: " + "; ".join(problems) + " (docs/settings.md)")


def _variable(location: tuple[int | str, ...]) -> str:
    """The environment variable of a setting's error location; the settings as a whole when it has none."""
    return "GATEWAY_" + "_".join(map(str, location)).upper() if location else "settings"
