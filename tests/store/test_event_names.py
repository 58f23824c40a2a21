"""The event names are a contract: each one is written by the gateway and described in docs/api.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.store.port import EVENT_NAMES

ROOT = Path(__file__).parent.parent.parent
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
SOURCES = "\n".join(
    path.read_text(encoding="utf-8")
    for path in (ROOT / "gateway").rglob("*.py")
    if path != ROOT / "gateway" / "store" / "port.py"
)


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_every_event_name_is_written_somewhere(name: str) -> None:
    assert f'"{name}"' in SOURCES, f"{name} is in EVENT_NAMES but no code writes it"


def test_the_api_guide_lists_exactly_the_event_names() -> None:
    table = API_DOC[API_DOC.index("| event | written when |") :].split("\n\n")[0]
    assert re.findall(r"^\| `([a-z:-]+)` \|", table, re.MULTILINE) == list(EVENT_NAMES)
