"""docs/issues.md shows how `gateway normalize` prints an issue: its own command, run on the example it
spoils, prints that line."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main

PROJECT = Path(__file__).parent.parent
GUIDE = (PROJECT / "docs" / "issues.md").read_text(encoding="utf-8")


def test_the_issue_line_shown_is_what_normalize_prints(tmp_path: Path) -> None:
    spoil, run = GUIDE.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    shown = GUIDE.split("```\n\n```\n", 1)[1].split("```", 1)[0].strip()
    found = re.fullmatch(r"sed '(\d+)s/([^/]+)/([^/]+)/' (\S+) > (\S+)", spoil)
    assert found, spoil
    line, before, after, source, target = found.groups()
    lines = (PROJECT / source).read_text(encoding="utf-8").splitlines(keepends=True)
    assert before in lines[int(line) - 1]
    lines[int(line) - 1] = lines[int(line) - 1].replace(before, after)
    (tmp_path / target).write_text("".join(lines), encoding="utf-8")
    assert run == f"gateway normalize {target} > /dev/null"
    result = CliRunner().invoke(main, ["normalize", str(tmp_path / target)])
    assert result.exit_code == 1 and result.stderr.strip() == shown
