"""Edits an operator makes to an agreement file while the gateway runs, for tests that follow them."""

from __future__ import annotations

from pathlib import Path

KZ_DIRECTION = "  - from: KZ\n"


def suspended_text(path: Path, reason: str | None) -> str:
    """The text of agreement file `path` with its KZ direction suspended for `reason`, or (None) with
    its `suspended` line taken out again."""
    head, direction = path.read_text(encoding="utf-8").split(KZ_DIRECTION, 1)
    lines = [line for line in direction.splitlines(keepends=True) if not line.startswith("    suspended:")]
    if reason is not None:
        lines.insert(0, f'    suspended: "{reason}"\n')
    return head + KZ_DIRECTION + "".join(lines)
