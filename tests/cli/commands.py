"""Commands of the `gateway` CLI as tests run them on a data folder."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main


def keys(folder: Path, *arguments: str) -> str:
    """What `gateway keys ARGUMENTS` prints with `folder` as GATEWAY_DATA_DIR (it must succeed)."""
    result = CliRunner().invoke(main, ["keys", *arguments], env={"GATEWAY_DATA_DIR": str(folder)})
    assert result.exit_code == 0, result.output
    return result.output
