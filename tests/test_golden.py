"""Golden cases: each folder tests/golden/<format>/<case>/ holds a national document and what it must give.

`input.*` is the document; `expected.xml` the harmonized message (absent when none can be produced);
`expected-issues.json` the issues. Every expected message must validate against the published XSD.
Run with --regenerate-golden to rewrite the expected files after a deliberate change, then review the diff.

Every expected message cites the glossary version behind its name resolutions, so the cases are
normalized with a frozen copy of the glossary, `tests/golden/glossary/`: a terminologist's edit of
`glossary/` changes no golden; a change of resolution does. Refresh the copy on purpose (copy the
CSVs, regenerate, review) when the goldens should show new glossary entries.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from gateway.glossary import Glossary
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

GOLDEN = Path(__file__).parent / "golden"
GLOSSARY = GOLDEN / "glossary"
"""The frozen glossary of the golden cases."""
SCHEMA = Path(__file__).parent.parent / "schemas" / "harmonized-1.0.xsd"
CASES = sorted(path.parent for path in GOLDEN.glob("*/*/input.*"))


@cache
def harmonized_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _input(case: Path) -> Path:
    return next(case.glob("input.*"))


@pytest.fixture(scope="module")
def golden_normalizer() -> Normalizer:
    """The project's mappings and code lists, with the golden cases' frozen glossary."""
    return Normalizer.from_settings(Settings(glossary_dir=GLOSSARY))


@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.name}" for case in CASES])
def test_golden_case(case: Path, golden_normalizer: Normalizer, request: pytest.FixtureRequest) -> None:
    result = golden_normalizer.normalize(_input(case).read_bytes())
    issues = [issue.to_dict() for issue in result.issues]
    message = result.message.to_xml(pretty=True) if result.message is not None else None
    if request.config.getoption("--regenerate-golden"):
        _regenerate(case, message, issues)
    expected_issues = json.loads((case / "expected-issues.json").read_text(encoding="utf-8"))
    assert issues == expected_issues
    expected_message = case / "expected.xml"
    if message is None:
        assert not expected_message.exists(), "a message was expected but none was produced"
        return
    assert message == expected_message.read_bytes()
    assert result.format == case.parent.name, "the format was not detected from the bytes"


def _regenerate(case: Path, message: bytes | None, issues: list[dict[str, object]]) -> None:
    text = json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
    (case / "expected-issues.json").write_text(text, encoding="utf-8")
    expected_message = case / "expected.xml"
    if message is None:
        expected_message.unlink(missing_ok=True)
    else:
        expected_message.write_bytes(message)


@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.name}" for case in CASES])
def test_golden_message_validates_against_published_schema(case: Path) -> None:
    expected_message = case / "expected.xml"
    if not expected_message.exists():
        pytest.skip("no message is produced for this case")
    document = etree.parse(str(expected_message))
    schema = harmonized_schema()
    assert schema.validate(document), schema.error_log


def test_goldens_cite_the_frozen_glossary_only() -> None:
    frozen = Glossary.load(GLOSSARY).version
    cited = {
        resolution.get("glossaryVersion")
        for case in CASES
        if (case / "expected.xml").exists()
        for resolution in etree.parse(str(case / "expected.xml")).iter("{*}Resolution")
    }
    assert cited == {frozen}


def test_every_format_has_golden_cases(normalizer: Normalizer) -> None:
    for name in normalizer.registry.names():
        cases = [case for case in CASES if case.parent.name == name]
        assert len(cases) >= 5, f"format {name} has {len(cases)} golden cases; at least 5 are needed"
