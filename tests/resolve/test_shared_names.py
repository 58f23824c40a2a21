"""A former name that places in different countries bore (glossary/renamed-places.csv, one row per
country): the sender's country's row is the place meant, as a Kazakh officer reads Ленинск as Baikonur
and an Uzbek one as Asaka; for a third country's document, or one of no known country, the rows are
candidates and nothing is substituted; a name only near such a name is no reading of it
(docs/glossary.md, "One name, two places")."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from renamed_rows import cited_row

from gateway.cli.main import main
from gateway.codelists import CodeLists
from gateway.glossary import Glossary, LiveGlossary
from gateway.normalize.pipeline import Normalizer
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

LOADING = "42A/28A[1]/83A/L009"


@pytest.fixture(scope="module")
def project() -> Resolver:
    lists = CodeLists.load(PROJECT_ROOT / "codelists")
    return Resolver(lists, Glossary.load(PROJECT_ROOT / "glossary"), threshold=0.85)


def test_a_kazakh_manifests_leninsk_is_baikonur_coded_from_its_row(
    normalizer: Normalizer, glossary: Glossary
) -> None:
    data = KHORGOS.read_bytes().replace(b"<pi:LocationCode>KZALA</pi:LocationCode>", b"", 1)
    data = data.replace("Алматы</pi:PlaceName>".encode(), "г. Ленинск</pi:PlaceName>".encode(), 1)
    result = normalized(normalizer, data)
    loading = resolution_at(result, LOADING)
    assert (loading["method"], loading["code"], loading["english"]) == ("glossary", "KZBKZ", "Baikonur")
    assert "1995" in cited_row(glossary, loading["source"]).note
    assert result.message is not None
    codes = result.message.tree().xpath("//h:Consignment[1]/h:LoadingLocation/h:ID/text()", namespaces=NS)
    assert codes == ["KZBKZ"]


@pytest.mark.parametrize(
    ("country", "code", "english"),
    [("KZ", "KZBKZ", "Baikonur"), ("UZ", "UZASA", "Asaka")],
)
def test_the_resolve_command_reads_leninsk_as_the_senders_place(
    country: str, code: str, english: str
) -> None:
    result = CliRunner().invoke(main, ["resolve", "Ленинск", "--country", country, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert (found["code"], found["english"], found["method"], found["score"]) == (
        code,
        english,
        "glossary",
        1.0,
    )


@pytest.mark.parametrize("country", ["CN", None])
def test_a_third_country_or_none_gets_both_places_as_candidates(
    project: Resolver, country: str | None
) -> None:
    result = project.resolve("Ленинск", "place", country)
    assert (result.code, result.english, result.method, result.score) == (None, None, "transliteration", 0.0)
    assert {candidate.code for candidate in result.candidates[:2]} == {"KZBKZ", "UZASA"}
    assert any("Baikonur (KZBKZ), Asaka (UZASA)" in note and "does not say which" for note in result.notes)


def test_a_tajik_documents_kirovabad_is_not_read_as_ganja(project: Resolver) -> None:
    """Panj bore the name 1936-1963 and has no UN/LOCODE: its row has no code, and keeps Ganja from
    being substituted outside Azerbaijan."""
    tajik = project.resolve("Кировабад", "place", "TJ")
    assert tajik.code is None and [c.english for c in tajik.candidates[:2]] == ["Ganja", "Panj"]
    azerbaijani = project.resolve("Кировабад", "place", "AZ")
    assert (azerbaijani.code, azerbaijani.english, azerbaijani.method) == ("AZGAN", "Ganja", "glossary")


def test_a_name_only_near_a_shared_name_is_no_reading_of_it(project: Resolver) -> None:
    result = project.resolve("Ленинский", "place", "KZ")  # a name of its own (the -ский adjective)
    assert result.code is None and result.method == "transliteration"
    assert "KZBKZ" in {candidate.code for candidate in result.candidates}
    assert any("is near Ленинск" in note for note in result.notes)


def _write(folder: Path, rows: str, mtime: int) -> None:
    path = folder / "places.csv"
    path.write_text("kind,language,term,english,latin,code\n" + rows, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


def test_a_reload_that_adds_a_second_countrys_row_changes_the_answer(tmp_path: Path) -> None:
    _write(tmp_path, "place,ru,Ленинск,Baikonur,Baikonur,KZBKZ\n", 1)
    now = [0.0]
    live = LiveGlossary(tmp_path, check_seconds=1.0, clock=lambda: now[0])
    resolver = Resolver(None, live.current)
    before = resolver.resolve("Ленинск", "place", "UZ")
    assert (before.code, before.method) == ("KZBKZ", "glossary")  # one place known: it is named abroad
    _write(tmp_path, "place,ru,Ленинск,Baikonur,Baikonur,KZBKZ\nplace,ru,Ленинск,Asaka,Asaka,UZASA\n", 2)
    now[0] = 2.0
    after = {country: resolver.resolve("Ленинск", "place", country) for country in ("UZ", "KZ", "CN")}
    assert [after[country].code for country in ("UZ", "KZ", "CN")] == ["UZASA", "KZBKZ", None]
    assert after["UZ"].glossary_version != before.glossary_version
    assert resolver.resolve("Ленинск", "place", "CN") == after["CN"]  # same input and version, same result
