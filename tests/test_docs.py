"""The docs are a contract: these tests fail when code gains something the docs do not describe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.cli.main import main as cli
from gateway.issues import CODES
from gateway.mapping.loader import CLASS_DIRECTIVES, ELEMENT_KEYS, TOP_KEYS
from gateway.mapping.transforms import TRANSFORMS
from gateway.model import ModelClassUse, load_model
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

DOCS = Path(__file__).parent.parent / "docs"
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_issue_code_is_documented(code: str) -> None:
    assert f"`{code}`" in _doc("issues.md")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    text = _doc("settings.md")
    assert f"`{name}`" in text and f"`GATEWAY_{name.upper()}`" in text


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_every_transform_is_documented_in_the_mapping_guide(name: str) -> None:
    assert re.search(rf"^\| `{name}`", _doc("mappings.md"), re.MULTILINE), name


@pytest.mark.parametrize("key", sorted(TOP_KEYS | ELEMENT_KEYS | CLASS_DIRECTIVES))
def test_every_mapping_key_is_documented_in_the_mapping_guide(key: str) -> None:
    assert re.search(rf"`{key}[:`]", _doc("mappings.md")), key


def test_every_model_class_and_element_is_in_the_model_reference() -> None:
    text = _doc("model.md")
    model = load_model()
    for name, model_class in model.classes.items():
        assert f"### {name} ({model_class.wco_id})" in text
        for child_name, child in model_class.children.items():
            wco_id = model.classes[child.target].wco_id if isinstance(child, ModelClassUse) else child.wco_id
            assert f"| {child_name} | {wco_id} |" in text, f"{name}/{child_name}"


def test_every_format_has_a_spec(normalizer: Normalizer) -> None:
    for name in normalizer.registry.names():
        assert (DOCS / "formats" / f"{name}.md").is_file(), f"docs/formats/{name}.md is missing"


@pytest.mark.parametrize("command", sorted(cli.commands))  # type: ignore[attr-defined]
def test_every_command_is_shown_in_the_readme(command: str) -> None:
    assert f"gateway {command}" in README


def test_the_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0].strip().splitlines()
    assert [line.split()[0:2] for line in first_block] == [["./dev", "run"], ["./dev", "test"]]
    assert README.index("```sh") < README.index("## ")
