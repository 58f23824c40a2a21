"""`gateway resolve` and `gateway glossary check` as an officer and a terminologist use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.settings import PROJECT_ROOT


def test_resolve_prints_latin_english_method_and_score() -> None:
    result = CliRunner().invoke(main, ["resolve", "ТОО «Астана Транс»", "--kind", "party", "--country", "KZ"])
    assert result.exit_code == 0, result.output
    assert "english  Astana Trans LLP" in result.output
    assert "method   legal-form, score 0.00" in result.output


def test_resolve_goods_reads_a_description_for_the_terms_in_it() -> None:
    description = "Ямааны самнасан ноолуур, цагаан; хонины ноос"
    result = CliRunner().invoke(main, ["resolve", description, "--kind", "goods", "--country", "MN"])
    assert result.exit_code == 0, result.output
    assert "english  combed cashmere; sheep's wool" in result.output
    assert (
        "term     510531 combed cashmere" in result.output and "term     5101 sheep's wool" in result.output
    )


def test_resolve_json_gives_one_object_with_every_field() -> None:
    result = CliRunner().invoke(main, ["resolve", "乌鲁木齐市", "--kind", "place", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {
        key: data[key] for key in ("original", "language", "script", "latin", "english", "code", "method")
    } == {
        "original": "乌鲁木齐市",
        "language": "zh-Hans",
        "script": "Hans",
        "latin": "Urumqi",
        "english": "Urumqi",
        "code": "CNURM",
        "method": "code-list",  # the code list names it in Chinese: it comes before the glossary
    }
    assert data["score"] == 1.0 and data["source"] == "code-list locode CNURM"
    assert set(data) >= {"candidates", "glossary_version", "scheme"}


def test_resolve_dash_reads_one_name_per_line_and_writes_json_lines() -> None:
    names = "Қорғас\n\nТОО «Алтын Дән»\n"
    result = CliRunner().invoke(main, ["resolve", "-", "--country", "KZ", "--kind", "party"], input=names)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["original"] for line in lines] == ["Қорғас", "ТОО «Алтын Дән»"]
    assert lines[1]["english"] == "Altyn Dan LLP"


def test_an_unknown_kind_is_refused() -> None:
    result = CliRunner().invoke(main, ["resolve", "Алматы", "--kind", "city"])
    assert result.exit_code == 2
    assert "'city' is not one of" in result.output


def test_glossary_check_passes_on_the_project_glossary() -> None:
    result = CliRunner().invoke(main, ["glossary", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok  glossary ")


def test_glossary_check_lists_every_problem_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    shutil.copy(PROJECT_ROOT / "tests" / "glossary" / "bad" / "conflict.csv", folder)
    shutil.copy(PROJECT_ROOT / "tests" / "glossary" / "bad" / "bad-hs-code.csv", folder)
    monkeypatch.setenv("GATEWAY_GLOSSARY_DIR", str(folder))
    result = CliRunner().invoke(main, ["glossary", "check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "bad-hs-code.csv:3: bad HS code '100198': 100198 is not an HS 2022 subheading",
        "conflict.csv:3: conflicts with conflict.csv:2: "
        "legal-form 'ооо' in ru means 'LLC' there and 'JSC' here",
    ]


def test_gateway_check_checks_the_glossary_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = CliRunner().invoke(main, ["check"])
    assert good.exit_code == 0, good.output
    assert "ok  glossary " in good.output
    folder = tmp_path / "glossary"
    folder.mkdir()
    shutil.copy(PROJECT_ROOT / "tests" / "glossary" / "bad" / "bad-language-tag.csv", folder)
    monkeypatch.setenv("GATEWAY_GLOSSARY_DIR", str(folder))
    bad = CliRunner().invoke(main, ["check"])
    assert bad.exit_code == 1
    said = "glossary.invalid: 1 problem in the glossary:\nbad-language-tag.csv:3: bad language tag 'russian'"
    assert said in bad.output  # one problem a line, as `gateway glossary check` prints them


@pytest.mark.parametrize("country", ["KAZ", "XX", "Kazakhstan"])
def test_resolve_refuses_a_country_that_is_not_an_iso_code(country: str) -> None:
    # A mistyped --country used to be ignored without a word, and the name read as no country's:
    # Алматы came out Russian with --country KAZ and Kazakh with --country KZ.
    result = CliRunner().invoke(main, ["resolve", "Алматы", "--country", country])
    assert result.exit_code == 2
    assert f"'{country}' is not an ISO 3166 alpha-2 country code (such as KZ, CN, UZ)" in result.output


def test_resolve_reads_a_lower_case_country_as_its_code() -> None:
    result = CliRunner().invoke(main, ["resolve", "Алматы", "--country", "kz"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Алматы  [kk, Cyrl]")


@pytest.mark.parametrize("text", ["", "   "])
def test_resolve_refuses_an_empty_name(text: str) -> None:
    # It printed a resolution of nothing ("[zxx, Zyyy]", method transliteration) and exited 0.
    result = CliRunner().invoke(main, ["resolve", text])
    assert result.exit_code == 2
    assert "TEXT is empty: give a name, or - to read names from standard input" in result.output
