"""docs/operations.md, "Dead letters": the list shown is what `gateway dead-letters list` prints (column
for column, with numbers, times and IDs made general), and the messages it quotes are the command's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.delivery.night import Night, on_call

OPERATIONS = (Path(__file__).parent.parent / "docs" / "operations.md").read_text(encoding="utf-8")
SECTION = " ".join(OPERATIONS.split("## Dead letters\n", 1)[1].split("\n## ", 1)[0].split())
SHOWN = "id" + OPERATIONS.split("## Dead letters\n", 1)[1].split("```\nid", 1)[1].split("```", 1)[0]


night = pytest.fixture(on_call)


def _shape(cells: list[str]) -> tuple[str, ...]:
    """A row with its message ID left out, its country general and every number a 9."""
    general = [re.sub(r"\d+", "9", cell) for index, cell in enumerate(cells) if index != 2]
    return tuple(re.sub(r"^[A-Z]{2}$", "CC", cell) for cell in general)


def test_the_list_shown_has_the_columns_and_forms_of_the_command(night: Night) -> None:
    printed, _ = night.dead_letters("list")
    real = {_shape(line.split("\t")) for line in printed.splitlines()}
    shown = [_shape(re.split(r" {2,}", line.strip())) for line in SHOWN.strip().splitlines()]
    assert len(shown) == 3
    for row in shown:
        assert row in real, row


def test_the_messages_quoted_are_the_command_s(night: Night) -> None:
    _, more = night.dead_letters("list", "--limit", "1")
    assert re.sub(r"\d+", "N", more.strip()) == "more: add --after N for the next page"
    assert "`more: add --after N for the next page`" in SECTION
    resent, _ = night.dead_letters("resend", "--recipient", "KG")
    assert (
        "not resent, past their time to live" in resent
        and '("not resent, past their time to live"' in SECTION
    )
    first, second = resent.splitlines()[:2]
    shown = re.search(r"prints what it did, `(resent [^`]+)`, and on a second line `([^`]+)`", SECTION)
    assert shown is not None
    printed = [re.sub(r"\d+(, \d+)*", "N", line).replace(" of KG", " of CC") for line in (first, second)]
    quoted = [re.sub(r"\d+(, \d+)*", "N", text).replace(" of CN", " of CC") for text in shown.groups()]
    assert printed == quoted
