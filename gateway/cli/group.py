"""The `gateway` group: lazy subcommands, and a wrong setting or configuration file told as a coded line,
not a traceback (`gateway serve` with a broken glossary died with one).

Every command reads its settings (`GATEWAY_*`, docs/settings.md) through pydantic-settings, which raises
a `ValidationError` for a value it cannot read (`GATEWAY_MAX_DEPTH=abc`). An operator should see which
variable is wrong and why, as `Error: config.invalid: GATEWAY_MAX_DEPTH: ...`, exit 1.
"""

from __future__ import annotations

import sys

import click

from gateway.cli.lazy import LazyGroup
from gateway.errors import ConfigurationError, GatewayError


class GatewayGroup(LazyGroup):
    """The `gateway` command group."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConfigurationError as exc:  # a glossary, mapping, code list or agreement a command needs
            raise told(exc) from None
        except Exception as exc:
            invalid = invalid_settings(exc)
            if invalid is None:
                raise
            raise invalid from None


def told(exc: GatewayError) -> click.ClickException:
    """The coded line of a gateway error for the command line; a glossary's problems one a line, as
    `gateway glossary check` prints them (its log line joins them)."""
    from gateway.glossary.entry import InvalidGlossary  # noqa: PLC0415  # only when one is told

    if isinstance(exc, InvalidGlossary):
        count = f"{len(exc.problems)} problem{'s' if len(exc.problems) > 1 else ''}"
        listed = "\n".join(map(str, exc.problems))
        return click.ClickException(f"{exc.code}: {count} in the glossary:\n{listed}")
    return click.ClickException(f"{exc.code}: {exc}")


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
