"""docs/resolution.md, "On the command line": the output shown is what `gateway resolve` prints, and what it
says of a name given without its country holds. The glossary version changes with every row added, so it
is compared by shape."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main

GUIDE = (Path(__file__).parent.parent / "docs" / "resolution.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("## On the command line\n", 1)[1].split("\n## ", 1)[0]


def _block(language: str) -> list[str]:
    return SECTION.split(f"```{language}\n", 1)[1].split("```", 1)[0].strip().splitlines()


def _resolve(*arguments: str) -> str:
    result = CliRunner().invoke(main, ["resolve", *arguments])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_first_command_prints_what_the_doc_shows() -> None:
    command = shlex.split(_block("sh")[0], comments=True)
    assert command[:2] == ["gateway", "resolve"]
    printed = _resolve(*command[2:])
    version = re.compile(r"\b[0-9a-f]{12}\b")
    assert version.sub("V", printed).splitlines() == [version.sub("V", line) for line in _block("text")]


def test_a_glossary_entry_names_the_version_once_as_the_doc_shows() -> None:
    printed = _resolve("ТОО «Астана Транс»", "--kind", "party", "--country", "KZ").splitlines()
    source = next(line for line in printed if line.startswith("  source "))
    shown = re.search(r"`(source +glossary [^`]+)`", SECTION)
    version = re.compile(r"\b[0-9a-f]{12}\b")
    assert shown and version.sub("V", source.strip()) == version.sub("V", shown[1])
    assert len(version.findall(source)) == 1


def test_without_a_country_the_language_is_guessed_as_the_doc_says() -> None:
    party = json.loads(_resolve("ТОО «Астана Транс»", "--kind", "party", "--json"))
    goods = _resolve("Ямааны самнасан ноолуур, цагаан", "--kind", "goods").splitlines()[0]
    with_country = json.loads(_resolve("ТОО «Астана Транс»", "--kind", "party", "--country", "KZ", "--json"))
    assert party["language"] == "kk" and "the name reads as Kazakh, `kk`" in " ".join(SECTION.split())
    assert [note for note in party["notes"] if "legal form ТОО" in note] and not with_country["notes"]
    assert goods.endswith(
        "[ru, Cyrl]"
    ) and "the Mongolian goods description, from its letters alone, reads as Russian" in " ".join(
        SECTION.split()
    )
    assert with_country["language"] == "kk"
