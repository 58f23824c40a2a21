"""The project's code lists as the resolver and the value checks use them: the contract of
plans/session2-design.md (CodeLists.load, is_valid(kind, code, on=date), entries(kind) -> CodeEntry),
names per language, aliases in native scripts, alternative keys and national extensions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gateway.codelists import Alias, CodeEntry, CodeLists

PROJECT = Path(__file__).parent.parent.parent
KINDS = (
    "country",
    "locode",
    "office",
    "package-type",
    "unit",
    "currency",
    "transport-mode",
    "document-type",
    "hs",
)


@pytest.fixture(scope="module")
def lists() -> CodeLists:
    return CodeLists.load(PROJECT / "codelists")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_the_resolver_asks_for_is_held_with_its_metadata(lists: CodeLists, kind: str) -> None:
    code_list = lists.get(kind)
    assert code_list is not None
    assert code_list.source and code_list.version and code_list.licence and code_list.standard
    entries = list(lists.entries(kind))
    assert entries and all(isinstance(entry, CodeEntry) for entry in entries)
    assert all(lists.is_valid(kind, entry.code, on=date(2024, 6, 3)) for entry in entries)


@pytest.mark.parametrize(
    "kind", ["package-type", "unit", "document-type", "message-function", "locode", "office"]
)
def test_authored_extracts_say_so(lists: CodeLists, kind: str) -> None:
    code_list = lists.get(kind)
    assert code_list is not None and not code_list.complete


def test_countries_have_names_in_every_carec_language(lists: CodeLists) -> None:
    kazakhstan = lists.entry("country", "KZ")
    assert kazakhstan is not None
    assert dict(kazakhstan.names) == {
        "en": "Kazakhstan",
        "ru": "Казахстан",
        "kk": "Қазақстан",
        "ky": "Казакстан",
        "tg": "Қазоқистон",
        "uz-Latn": "Qozogʻiston",
        "uz-Cyrl": "Қозоғистон",
        "mn": "Казахстан",
        "zh-Hans": "哈萨克斯坦",
        "az": "Qazaxıstan",
    }
    mongolia = lists.entry("country", "MN")
    assert mongolia is not None and mongolia.names["mn"] == "Монгол"
    assert Alias("ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ", "mn", "Mong") in mongolia.aliases


def test_countries_are_found_by_alpha_3_and_numeric_code_too(lists: CodeLists) -> None:
    assert lists.entry("country", "KAZ") == lists.entry("country", "398") == lists.entry("country", "KZ")


def test_currencies_accept_the_numeric_codes_kazakh_documents_give(lists: CodeLists) -> None:
    tenge = lists.entry("currency", "398")
    assert tenge is not None and tenge.code == "KZT" and tenge.attributes["numeric"] == "398"
    assert lists.is_valid("currency", "398") and lists.is_valid("currency", "KZT")
    assert not lists.is_valid("currency", "001") and not lists.is_valid("currency", "KZ")
    assert tenge.names["kk"] == "Қазақстан теңгесі" and tenge.names["zh-Hans"] == "哈萨克斯坦坚戈"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("847130", True),  # portable computers
        ("852411", True),  # flat panel display modules: new in HS 2022
        ("8471300000", True),  # EAEU TN VED, ten digits
        ("84713000", True),  # eight digits
        ("847130000", True),  # nine digits
        ("8471", False),  # a heading, not a subheading
        ("847199000000", False),  # twelve digits
        ("999999", False),  # "commodities not specified" is not an HS subheading
        ("9999990000", False),
        ("0000000000", False),
        ("84713X0000", False),
    ],
)
def test_hs_subheadings_and_national_extensions(lists: CodeLists, code: str, valid: bool) -> None:
    assert lists.is_valid("hs", code, on=date(2024, 6, 3)) is valid


def test_hs_2022_is_not_the_list_in_force_before_2022(lists: CodeLists) -> None:
    assert lists.is_valid("hs", "852411", on=date(2022, 1, 1))
    assert not lists.is_valid("hs", "852411", on=date(2021, 12, 31))


PLACES = [
    ("KZALA", ["Алматы", "Алма-Ата", "阿拉木图", "Almaty", "Alma-Ata"]),
    ("KZHOR", ["Қорғас", "Хоргос", "霍尔果斯", "Khorgos"]),
    ("CNHRS", ["霍尔果斯", "Қорғас", "Хоргос", "Horgos"]),
    ("KGFRU", ["Бишкек", "Фрунзе", "比什凯克"]),
    ("KGOSS", ["Ош", "奥什"]),
    ("TJDYU", ["Душанбе", "杜尚别"]),
    ("UZTAS", ["Ташкент", "Toshkent", "Тошкент", "塔什干"]),
    ("MNULN", ["Улаанбаатар", "Улан-Батор", "乌兰巴托", "ᠤᠯᠠᠭᠠᠨᠪᠠᠭᠠᠲᠤᠷ"]),
    ("MNZUU", ["Замын-Үүд", "ᠵᠠᠮᠢᠨ ᠡᠭᠦᠳᠡ", "扎门乌德", "Zamyn-Üüd"]),
    ("AZBAK", ["Баку", "Bakı", "巴库"]),
    ("CNURM", ["乌鲁木齐", "Урумчи", "Үрімші"]),
    ("CNKSS", ["喀什", "Кашгар", "Қашқар"]),
    ("CNERC", ["二连浩特", "Эрээн", "Erenhot"]),
]


@pytest.mark.parametrize(("code", "spellings"), PLACES)
def test_places_carry_native_names_and_chinese_transcriptions(
    lists: CodeLists, code: str, spellings: list[str]
) -> None:
    entry = lists.entry("locode", code)
    assert entry is not None and entry.attributes["country"] == code[:2]
    known = set(entry.names.values()) | {alias.text for alias in entry.aliases}
    assert set(spellings) <= known


def test_aliases_say_their_language_and_script(lists: CodeLists) -> None:
    almaty = lists.entry("locode", "KZALA")
    assert almaty is not None
    assert (
        Alias("Алма-Ата", "ru", "Cyrl") in almaty.aliases
        and Alias("阿拉木圖", "zh", "Hant") in almaty.aliases
    )


BORDER_CROSSINGS = [
    ("KZ55208", "Нур Жолы", "KZHOR", "CN9403"),
    ("KZ55206", "Достық", "KZDOS", "CN9402"),
    ("CN9402", "阿拉山口", "", "KZ55206"),
    ("KG41714010", "Торугарт", "", "CN9405"),
    ("KG41715020", "Эркечтам", "", "CN9406"),
    ("KG41712030", "Ак-Жол", "", "KZ55211"),
    ("MN2101", "ᠵᠠᠮᠢᠨ ᠡᠭᠦᠳᠡ", "MNZUU", "CN0711"),
    ("CN0711", "二连浩特", "CNERC", "MN2101"),
    ("UZ27011", "Яллама", "", "KZ51808"),
    ("AZ12110", "Ələt limanı", "AZALA", "KZ55240"),
]


@pytest.mark.parametrize(("code", "spelling", "locode", "counterpart"), BORDER_CROSSINGS)
def test_border_crossings_name_their_place_and_the_office_across_the_border(
    lists: CodeLists, code: str, spelling: str, locode: str, counterpart: str
) -> None:
    office = lists.entry("office", code)
    assert office is not None
    assert spelling in set(office.names.values()) | {alias.text for alias in office.aliases}
    assert office.attributes.get("locode", "") == locode
    assert office.attributes["counterpart"] == counterpart
    assert office.attributes["code_status"] == "stand-in"  # no agency's real code is claimed
    other = lists.entry("office", counterpart)
    assert other is not None and other.attributes["counterpart"] == code


def test_the_model_name_of_a_list_finds_it(lists: CodeLists) -> None:
    assert lists.get("document-name") is lists.get("document-type")
    assert lists.is_valid("document-name", "785")


def test_an_unknown_kind_holds_nothing(lists: CodeLists) -> None:
    assert list(lists.entries("vessel")) == [] and not lists.is_valid("vessel", "X")


def test_entries_know_the_row_they_come_from(lists: CodeLists) -> None:
    code_list = lists.get("office")
    assert code_list is not None
    file, _, line = code_list.origins["MN2101"].rpartition(":")
    row = Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert row.startswith("MN2101,")


def test_validity_dates_bound_an_entry(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    folder.mkdir()
    (folder / "list.yaml").write_text(
        'title: T\nstandard: S\nsource: tests\nversion: "1"\nlicence: L\ncomplete: true\n', encoding="utf-8"
    )
    (folder / "codes.csv").write_text(
        "code,valid_from,valid_to\nOLD,,2020-12-31\nNEW,2021-01-01,\nALL,,\n", encoding="utf-8"
    )
    lists = CodeLists.load(tmp_path)
    assert lists.is_valid("sample", "OLD", on=date(2020, 12, 31))
    assert not lists.is_valid("sample", "OLD", on=date(2021, 1, 1))
    assert not lists.is_valid("sample", "NEW", on=date(2020, 12, 31))
    assert lists.is_valid("sample", "NEW", on=date(2021, 1, 1))
    assert lists.is_valid("sample", "OLD") and lists.is_valid("sample", "NEW")  # no date: at any time
    assert lists.is_valid("sample", "ALL", on=date(1900, 1, 1))


def test_spellings_give_every_name_and_alias_with_language_and_script(lists: CodeLists) -> None:
    tashkent = lists.entry("locode", "UZTAS")
    assert tashkent is not None
    spellings = tashkent.spellings()
    assert spellings[0] == Alias("Tashkent", "en", "Latn")
    assert (
        Alias("Toshkent", "uz-Latn", "Latn") in spellings and Alias("Тошкент", "uz-Cyrl", "Cyrl") in spellings
    )
    assert Alias("塔什干", "zh-Hans", "Hans") in spellings and Alias("Ташкент", "ru", "Cyrl") in spellings
    assert len(spellings) == len(set(spellings))
