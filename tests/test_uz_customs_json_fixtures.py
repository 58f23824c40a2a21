"""The uz-customs-json fixtures are what they claim, and its spec says what the code does.

The JSON Schema (docs/formats/uz-customs-json.schema.json) is what integrators validate against before they
send, so every case whose case.md starts with "Valid" must pass it and every broken case that is still JSON
must fail it. The spec's example must be the Yallama case byte for byte, every key of the schema must be in
the spec, and the spec's table of what the language tagging gives for the apostrophe variants must be what
the code gives.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.names import normalize_uzbek_apostrophes
from gateway.names.script import detect_script
from gateway.normalize.language import guess_language

jsonschema = pytest.importorskip("jsonschema", reason="validating the stand-in needs the jsonschema package")

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "uz-customs-json"
SCHEMA = ROOT / "docs" / "formats" / "uz-customs-json.schema.json"
SPEC = ROOT / "docs" / "formats" / "uz-customs-json.md"
MAPPING = ROOT / "mappings" / "uz-customs-json.yaml"
LABEL = "STAND-IN fixture for the Uzbek customs JSON format (uz-customs-json); not an official format."

CASES = sorted(path.parent for path in CASES_DIR.glob("*/input.json"))
VALID = [case for case in CASES if (case / "case.md").read_text(encoding="utf-8").startswith("Valid")]
BROKEN = [case for case in CASES if case not in VALID]


@cache
def validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _document(case: Path) -> Any:
    return json.loads((case / "input.json").read_text(encoding="utf-8"))


def _spec() -> str:
    return SPEC.read_text(encoding="utf-8")


def _languages() -> tuple[str, ...]:
    return tuple(yaml.safe_load(MAPPING.read_text(encoding="utf-8"))["languages"])


def test_there_are_valid_and_broken_cases() -> None:
    assert len(VALID) >= 4
    assert len(BROKEN) >= 7


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_input_is_labelled_as_a_stand_in(case: Path) -> None:
    second_line = (case / "input.json").read_text(encoding="utf-8").splitlines()[1]
    assert second_line.strip() == f'"_stand_in": {json.dumps(LABEL, ensure_ascii=False)},'


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_passes_the_stand_in_schema(case: Path) -> None:
    errors = [f"{error.json_path}: {error.message}" for error in validator().iter_errors(_document(case))]
    assert not errors


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_case_is_not_json_or_fails_the_schema(case: Path) -> None:
    try:
        document = _document(case)
    except json.JSONDecodeError:
        return
    assert not validator().is_valid(document)


def test_spec_example_is_the_yallama_case() -> None:
    example = re.search(r"```json\n(.*?)```", _spec(), re.DOTALL)
    assert example is not None
    case = CASES_DIR / "road-prearrival-yallama" / "input.json"
    assert example.group(1) == case.read_text(encoding="utf-8")
    assert (ROOT / "examples" / "uz-customs-json.json").read_bytes() == case.read_bytes()


def _keys(schema: Any) -> set[str]:
    """Every property name in the schema, at any depth."""
    if isinstance(schema, list):
        return set().union(*(_keys(item) for item in schema))
    if not isinstance(schema, dict):
        return set()
    found = set(schema.get("properties", {})) if isinstance(schema.get("properties"), dict) else set()
    return found | set().union(*(_keys(value) for value in schema.values()))


def test_every_key_of_the_schema_is_in_the_spec() -> None:
    spec = _spec()
    missing = sorted(
        key for key in _keys(json.loads(SCHEMA.read_text(encoding="utf-8"))) if f"`{key}`" not in spec
    )
    assert not missing


# The spec's table "What the language tagging gives": text, languageID in the harmonized message.
TAGGED = [
    ("Oʻzbekiston", "uz"),
    ("O‘zbekiston", "uz"),
    ("O'zbekiston", "uz"),
    ("O`zbekiston", "uz"),
    ("Toshkent", "uz"),
    ("Тошкент шаҳри", "uz-Cyrl"),
    ("«Ўзбекистон темир йўллари» АЖ", "uz-Cyrl"),
    ("Тошкент", "ru"),
    ("масъулияти чекланган жамияти", "ru"),
    ("Таможенный пост «Алат»", "ru"),
]


@pytest.mark.parametrize(("text", "language"), TAGGED)
def test_spec_table_of_language_tags_is_what_the_code_gives(text: str, language: str) -> None:
    assert guess_language(text, detect_script(text), _languages()) == language
    assert re.search(
        rf"^\| {re.escape(text)} [^|]*\| {detect_script(text)} \| \**{re.escape(language)}(?![\w-])",
        _spec(),
        re.M,
    )


@pytest.mark.parametrize("variant", ["Oʻzbekiston", "O‘zbekiston", "O'zbekiston", "O`zbekiston"])
def test_every_apostrophe_variant_folds_to_the_official_letter(variant: str) -> None:
    assert normalize_uzbek_apostrophes(variant) == "Oʻzbekiston"


TEXT_KEYS = {"name", "region", "city", "street", "description", "marks"}


def _texts(value: Any, key: str | None = None) -> list[str]:
    if isinstance(value, dict):
        return [text for child_key, child in value.items() for text in _texts(child, child_key)]
    if isinstance(value, list):
        return [text for child in value for text in _texts(child, key)]
    return [value] if isinstance(value, str) and key in TEXT_KEYS else []


def test_spec_counts_of_the_language_order_are_measured() -> None:
    """The spec says how many Cyrillic texts of the valid fixtures the two orders of languages tag apart."""
    texts = list(dict.fromkeys(text for case in VALID for text in _texts(_document(case))))
    cyrillic = [text for text in texts if detect_script(text) == "Cyrl"]
    other_order = ("uz", "uz-Cyrl", "ru")
    differ = [
        text
        for text in cyrillic
        if guess_language(text, "Cyrl", other_order) != guess_language(text, "Cyrl", _languages())
    ]
    assert f"{len(differ)} of the {len(cyrillic)} distinct Cyrillic texts" in _spec()
