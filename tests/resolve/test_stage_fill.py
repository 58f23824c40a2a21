"""Codes filled from names: offices named without a code, countries and package types written as words,
and the entry's names in other languages (Form) on each Resolution."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.transforms import build_transform
from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.settings import PROJECT_ROOT, Settings
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

EXIT_OFFICE_CODES = (
    "<pi:UnifiedCountryCode>KZ</pi:UnifiedCountryCode>\n"
    "    <pi:CustomsOfficeCode>55208</pi:CustomsOfficeCode>"
)
EXIT_NAME = "<pi:CustomsOfficeName>Таможенный пост «Хоргос»</pi:CustomsOfficeName>\n  </pi:ExitCustomsOffice>"
ORIGIN = "<pi:OriginCountryCode>KZ</pi:OriginCountryCode>"
PACKAGE = "<pi:PackageKindCode>BG</pi:PackageKindCode>"


def _khorgos(exit_office: str | None = None, origin: str | None = None, package: str | None = None) -> bytes:
    """The Khorgos road manifest, with its exit office named `exit_office` and without a code, the first
    goods item's origin and first package type written as given."""
    text = KHORGOS.read_text(encoding="utf-8")
    if exit_office is not None:
        start = text.index("<pi:ExitCustomsOffice>")
        head, tail = text[:start], text[start:].replace(EXIT_OFFICE_CODES, "", 1)
        tail = tail.replace(EXIT_NAME, EXIT_NAME.replace("Таможенный пост «Хоргос»", exit_office), 1)
        text = head + tail
    if origin is not None:
        text = text.replace(ORIGIN, f"<pi:OriginCountryCode>{origin}</pi:OriginCountryCode>", 1)
    if package is not None:
        text = text.replace(PACKAGE, f"<pi:PackageKindCode>{package}</pi:PackageKindCode>", 1)
    return text.encode("utf-8")


def _values(result: Normalization, path: str) -> list[str]:
    assert result.message is not None
    return [str(value) for value in result.message.tree().xpath(path, namespaces=NS)]


@pytest.fixture(scope="module")
def without_resolution() -> Normalizer:
    return Normalizer.from_settings(Settings(resolve_names=False))


def test_an_office_named_without_a_code_is_filled_and_the_document_accepted(
    normalizer: Normalizer, without_resolution: Normalizer
) -> None:
    data = _khorgos(exit_office="Таможенный пост «Хоргос»")
    refused = without_resolution.normalize(data, "kz-eaeu-pi")
    assert not refused.ok
    assert [(i.code, i.pointer) for i in refused.issues] == [("element.missing", "42A/56A/G005")]
    result = normalized(normalizer, data)
    assert result.ok and result.issues == []
    assert _values(result, "//h:ExitOffice/h:ID/text()") == ["KZ55208"]
    office = resolution_at(result, "42A/56A/X005")
    assert (office["method"], office["code"], office["filled"]) == ("code-list", "KZ55208", "G005")


def test_an_office_below_the_threshold_stays_an_error_with_its_candidates(normalizer: Normalizer) -> None:
    result = normalized(normalizer, _khorgos(exit_office="пост Хоргос-Восток"))
    assert [(i.code, i.pointer) for i in result.issues] == [("element.missing", "42A/56A/G005")]
    assert _values(result, "//h:ExitOffice/h:ID") == []
    office = resolution_at(result, "42A/56A/X005")
    assert office["method"] == "transliteration" and "filled" not in office and "code" not in office
    assert [candidate["code"] for candidate in office["candidates"]] == ["CN9403"]


def test_a_fuzzy_office_match_never_fills_the_id_that_routes(normalizer: Normalizer) -> None:
    # «Хоргосская таможня» meets the Kyrgyz Osh customs at 0.88, above the threshold: filling it would
    # send a Kazakh-Chinese manifest to Kyrgyzstan. Codes that route are filled from exact names only.
    result = normalized(normalizer, _khorgos(exit_office="Хоргосская таможня"))
    assert [(i.code, i.pointer) for i in result.issues] == [("element.missing", "42A/56A/G005")]
    assert _values(result, "//h:ExitOffice/h:ID") == []
    office = resolution_at(result, "42A/56A/X005")
    assert office["method"] == "fuzzy" and float(office["score"]) >= 0.85 and "filled" not in office


def test_a_package_type_fills_from_a_fuzzy_match(normalizer: Normalizer) -> None:
    stage = normalizer.resolution
    assert stage is not None
    assert stage.code_of("package-type", "KZ", "bagss") == ("BG", False)  # a typo: fuzzy, 0.99, kept
    assert stage.code_of("country", "KZ", "Китаи") == (None, False)  # for this document only; a near
    assert stage.code_of("country", "KZ", "Китай") == ("CN", True)  # miss of Китай never codes a country


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Китай", id="ru"),
        pytest.param("Қытай", id="kk"),
        pytest.param("Хятад", id="mn"),
        pytest.param("中国", id="zh-Hans"),
        pytest.param("Xitoy", id="uz-Latn"),
    ],
)
def test_a_country_written_as_a_name_is_coded(normalizer: Normalizer, name: str) -> None:
    result = normalized(normalizer, _khorgos(origin=name))
    assert result.ok, result.issues
    assert _values(result, "//h:Consignment[1]/h:ConsignmentItem[1]/h:OriginCountryCode/text()") == ["CN"]
    fields = _values(result, "//h:Field[@pointer='X021'][@original]/@original")
    assert fields == [name]  # the word stays in the annotation
    origin = resolution_at(result, "42A/28A[1]/29A[1]/X021")
    assert (origin["kind"], origin["code"], origin["filled"], origin["score"]) == (
        "country",
        "CN",
        "X021",
        "1",
    )


@pytest.mark.parametrize("word", ["мешок", "қап", "袋", "bags"])
def test_a_package_type_written_as_a_word_is_coded(normalizer: Normalizer, word: str) -> None:
    result = normalized(normalizer, _khorgos(package=word))
    assert result.ok, result.issues
    path = "//h:Consignment[1]/h:ConsignmentItem[1]/h:Packaging[1]/h:TypeCode/text()"
    assert _values(result, path) == ["BG"]
    package = resolution_at(result, "42A/28A[1]/29A[1]/93A[1]/141")
    assert (package["kind"], package["code"], package["filled"]) == ("package", "BG", "141")


def test_an_unknown_name_stays_an_issue(normalizer: Normalizer) -> None:
    result = normalized(normalizer, _khorgos(origin="Нарния"))
    assert [(i.code, i.pointer) for i in result.issues] == [("value.too-long", "42A/28A[1]/29A[1]/X021")]
    assert _values(result, "//h:Consignment[1]/h:ConsignmentItem[1]/h:OriginCountryCode") == []
    assert result.message is not None
    pointers = [item["pointer"] for item in result.message.to_json()["resolutions"]]
    assert "42A/28A[1]/29A[1]/X021" not in pointers


def test_without_the_resolution_stage_a_name_is_refused_as_before(without_resolution: Normalizer) -> None:
    result = without_resolution.normalize(_khorgos(origin="Қытай"), "kz-eaeu-pi")
    assert [(i.code, i.pointer) for i in result.issues] == [("value.too-long", "42A/28A[1]/29A[1]/X021")]


def test_resolutions_list_the_entry_names_in_its_languages_in_order(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    office = resolution_at(result, "42A/56A/X005")  # KZ55208, named in en, ru, kk and zh-Hans
    assert [(form["languageID"], form["scriptCode"], form["name"]) for form in office["forms"]] == [
        ("en", "Latn", "Khorgos customs post (Nur Zholy)"),
        ("kk", "Cyrl", "«Қорғас» кеден бекеті"),
        ("ru", "Cyrl", "Таможенный пост «Хоргос»"),
        ("zh-Hans", "Hans", "霍尔果斯口岸（哈方）"),
    ]
    assert result.message is not None
    forms = result.message.tree().xpath(
        "//h:Resolution[@pointer='42A/56A/X005']/h:Form/@languageID", namespaces=NS
    )
    assert forms == ["en", "kk", "ru", "zh-Hans"]
    carrier = resolution_at(result, "42A/18A/R011")  # a party: no code list entry, so no Forms
    assert "forms" not in carrier


def test_country_forms_name_every_language_of_the_list(normalizer: Normalizer) -> None:
    result = normalized(normalizer, _khorgos(origin="Хятад"))
    forms = {
        form["languageID"]: form["name"] for form in resolution_at(result, "42A/28A[1]/29A[1]/X021")["forms"]
    }
    assert {forms[tag] for tag in ("ru", "kk", "mn", "zh-Hans", "uz-Latn")} == {
        "Китай",
        "Қытай",
        "Хятад",
        "中国",
        "Xitoy",
    }
    assert list(forms) == sorted(forms)


def test_name_to_code_names_a_code_list_with_names() -> None:
    crosswalks = Crosswalks(PROJECT_ROOT / "codelists" / "crosswalks")
    with pytest.raises(ValueError, match="not a code list with names"):
        build_transform({"name_to_code": "currency"}, crosswalks)
    with pytest.raises(ValueError, match="takes the name of a code list"):
        build_transform({"name_to_code": None}, crosswalks)
    uncoded = build_transform({"name_to_code": "country"}, crosswalks)
    assert uncoded("Қытай") == "Қытай"  # no resolution stage gave it a coder: the value passes unchanged


def test_the_mapping_guide_example_is_the_kz_mapping() -> None:
    guide = (PROJECT_ROOT / "docs" / "mappings.md").read_text(encoding="utf-8")
    example = guide.split("From mappings/kz-eaeu-pi.yaml:", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    mapping = (PROJECT_ROOT / "mappings" / "kz-eaeu-pi.yaml").read_text(encoding="utf-8")
    assert example.strip() and example in mapping  # loaded by every test that normalizes a kz document


def test_a_word_the_glossary_learns_is_coded_without_a_restart(tmp_path: Any) -> None:
    # The mapping's checkers remember each value across documents; after a terminologist adds a package
    # word to the glossary, the running gateway codes it in the next document instead of refusing it again.
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for source in (PROJECT_ROOT / "glossary").glob("*.csv"):
        (glossary / source.name).write_bytes(source.read_bytes())
    normalizer = Normalizer.from_settings(Settings(glossary_dir=glossary, glossary_check_seconds=0))
    refused = normalizer.normalize(_khorgos(package="тюк"), "kz-eaeu-pi")
    assert [i.pointer for i in refused.issues if i.severity == "error"] == ["42A/28A[1]/29A[1]/93A[1]/141"]
    with (glossary / "packages.csv").open("a", encoding="utf-8") as packages:
        packages.write("package,ru,тюк,bale,tyuk,BL,\n")
    result = normalized(normalizer, _khorgos(package="тюк"))
    assert [i for i in result.issues if i.severity == "error"] == []
    assert "BL" in _values(result, "//h:Packaging/h:TypeCode/text()")
