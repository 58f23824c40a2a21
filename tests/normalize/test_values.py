"""The typed checks of one value against its model element, as tables: each row is an element of the
canonical model, a value as a national document gives it (after the mapping's transforms), the unit or
currency beside it, and either the canonical text and attributes or the issue code."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.mapping.transforms import BadValue
from gateway.model import ModelElement, load_model
from gateway.normalize.values import typed_value

CODELISTS = CodeLists(Path(__file__).parent.parent.parent / "codelists")

ISSUE_DATE = ModelElement("ValidityDate", "X999", "date", frozenset())
"""The model has no date element yet (only date-times); this stand-in element has the `date` type."""


def element(path: str) -> ModelElement:
    owner, name = path.split("/")
    found = load_model().classes[owner].children[name]
    assert isinstance(found, ModelElement)
    return found


def check(
    where: str | ModelElement, value: str, expected: object, unit: str | None, currency: str | None
) -> None:
    model_element = element(where) if isinstance(where, str) else where
    if isinstance(expected, str) and expected.startswith(("value.", "code.")):
        with pytest.raises(BadValue) as bad:
            typed_value(model_element, value, CODELISTS, unit, currency)
        assert bad.value.code == expected
        assert bad.value.message
    else:
        text, attributes = expected if isinstance(expected, tuple) else (expected, {})
        assert typed_value(model_element, value, CODELISTS, unit, currency) == (text, attributes)


def cases(rows: list[tuple[str, str | ModelElement, str, object]]) -> object:
    return pytest.mark.parametrize(
        ("where", "value", "expected"), [row[1:] for row in rows], ids=[row[0] for row in rows]
    )


LENGTHS = [
    ("identifier-at-length", "Declaration/FunctionalReferenceID", "A" * 35, "A" * 35),
    ("identifier-over-length", "Declaration/FunctionalReferenceID", "A" * 36, "value.too-long"),
    ("letters-not-bytes", "Declaration/FunctionalReferenceID", "Ә" * 35, "Ә" * 35),  # 70 bytes in UTF-8
    (
        "text-at-length",
        "Consignor/Name",
        "中哈霍尔果斯国际边境合作中心" * 5,
        "中哈霍尔果斯国际边境合作中心" * 5,
    ),
    ("text-over-length", "Consignor/Name", "ТОО «Алтын Дән» " * 5, "value.too-long"),
    ("code-over-length", "BorderTransportMeans/ModeCode", "31", "value.too-long"),
]


@cases(LENGTHS)
def test_lengths_count_characters(where: str, value: str, expected: object) -> None:
    check(where, value, expected, None, None)


INTEGERS = [
    ("plain", "Declaration/GoodsItemQuantity", "2", "2"),
    ("leading-zeros-dropped", "Declaration/GoodsItemQuantity", "00012345", "12345"),
    ("five-digits", "Declaration/GoodsItemQuantity", "99999", "99999"),
    ("six-digits", "Declaration/GoodsItemQuantity", "123456", "value.too-many-digits"),
    ("eight-digits", "Declaration/TotalPackageQuantity", "99999999", "99999999"),
    ("nine-digits", "Declaration/TotalPackageQuantity", "100000000", "value.too-many-digits"),
    ("decimal-point", "Declaration/GoodsItemQuantity", "12.0", "value.bad-integer"),
    ("negative", "Declaration/GoodsItemQuantity", "-1", "value.bad-integer"),
    ("plus-sign", "Declaration/GoodsItemQuantity", "+5", "value.bad-integer"),
    ("arabic-indic-digit", "Declaration/GoodsItemQuantity", "٣", "value.bad-integer"),
    ("fullwidth-digits", "Declaration/GoodsItemQuantity", "１２", "value.bad-integer"),
    ("words", "Declaration/GoodsItemQuantity", "два", "value.bad-integer"),
]


@cases(INTEGERS)
def test_integers_are_ascii_digits_within_the_elements_digits(
    where: str, value: str, expected: object
) -> None:
    check(where, value, expected, None, None)


KGM = "GoodsMeasure/GrossMassMeasure"
DECIMALS = [
    ("trailing-zeros", KGM, "5400.00", ("5400", {"unitCode": "KGM"})),
    ("exponent", KGM, "1E+3", ("1000", {"unitCode": "KGM"})),
    ("six-places-kept", KGM, "0.123456", ("0.123456", {"unitCode": "KGM"})),
    ("half-even-down", KGM, "0.1234565", ("0.123456", {"unitCode": "KGM"})),
    ("half-even-up", KGM, "0.1234575", ("0.123458", {"unitCode": "KGM"})),
    ("half-even-to-whole", KGM, "1.0000005", ("1", {"unitCode": "KGM"})),
    ("below-a-millionth", KGM, "1e-7", ("0", {"unitCode": "KGM"})),
    ("sixteen-integer-digits", KGM, "9999999999999999", ("9999999999999999", {"unitCode": "KGM"})),
    ("seventeen-integer-digits", KGM, "10000000000000000", "value.too-many-digits"),
    ("rounding-into-seventeen", KGM, "9999999999999999.9999999", "value.too-many-digits"),
    ("comma", KGM, "12,06", "value.bad-number"),
    ("with-a-unit", KGM, "12.06 т", "value.bad-number"),
    ("negative", KGM, "-5", "value.bad-number"),
    ("negative-zero", KGM, "-0", "value.bad-number"),
    ("not-a-number", KGM, "NaN", "value.bad-number"),
    ("infinite", KGM, "Infinity", "value.bad-number"),
]


@cases(DECIMALS)
def test_decimals_are_canonical_and_rounded_half_even_to_six_places(
    where: str, value: str, expected: object
) -> None:
    check(where, value, expected, None, None)


MASSES = [
    ("tonnes", "20.124", "TNE", ("20124", {"unitCode": "KGM"})),
    ("grams", "500", "GRM", ("0.5", {"unitCode": "KGM"})),
    ("milligrams", "1500", "MGM", ("0.0015", {"unitCode": "KGM"})),
    ("pounds-rounded", "1", "LBR", ("0.453592", {"unitCode": "KGM"})),
    ("kilograms", "12.5", "KGM", ("12.5", {"unitCode": "KGM"})),
    ("lowercase-unit", "2", "tne", ("2000", {"unitCode": "KGM"})),
    ("no-unit-means-kilograms", "7", None, ("7", {"unitCode": "KGM"})),
    ("a-volume-is-not-a-mass", "7", "LTR", "value.bad-unit"),
    ("a-national-unit-left-unmapped", "7", "166", "value.bad-unit"),
    ("russian-abbreviation", "7", "кг", "value.bad-unit"),
]


@pytest.mark.parametrize(
    ("value", "unit", "expected"), [row[1:] for row in MASSES], ids=[row[0] for row in MASSES]
)
def test_masses_are_converted_to_kilograms(value: str, unit: str | None, expected: object) -> None:
    check(KGM, value, expected, unit, None)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("LTR", ("7", {"unitCode": "LTR"})),
        ("H87", ("7", {"unitCode": "H87"})),
        (None, "value.bad-unit"),
        ("litre", "value.bad-unit"),
    ],
)
def test_other_measures_keep_a_rec_20_unit(unit: str | None, expected: object) -> None:
    check("GoodsMeasure/TariffQuantity", "7", expected, unit, None)


CURRENCIES = [
    ("alphabetic", "KZT", "KZT"),
    ("lowercase", "kzt", "KZT"),
    ("numeric-tenge", "398", "KZT"),
    ("numeric-yuan", "156", "CNY"),
    ("numeric-rouble", "643", "RUB"),
    ("numeric-dollar", "840", "USD"),
    ("numeric-with-a-leading-zero", "0398", "value.bad-currency"),
    ("cyrillic-abbreviation", "ТНГ", "value.bad-currency"),
    ("absent", None, "value.bad-currency"),
]


@pytest.mark.parametrize(
    ("currency", "expected"), [row[1:] for row in CURRENCIES], ids=[row[0] for row in CURRENCIES]
)
def test_currencies_are_iso_4217_alphabetic(currency: str | None, expected: str) -> None:
    result = expected if expected.startswith("value.") else ("5400", {"currencyID": expected})
    check("Declaration/InvoiceAmount", "5400.00", result, None, currency)


CODES = [
    ("complete-list-member", "BorderTransportMeans/ModeCode", "3", "3"),
    ("complete-list-stranger", "BorderTransportMeans/ModeCode", "X", "value.bad-code"),
    ("country", "Consignment/DestinationCountryCode", "KZ", "KZ"),
    ("country-lowercase", "Consignment/DestinationCountryCode", "kz", "value.bad-code"),
    ("country-not-in-iso", "Consignment/DestinationCountryCode", "XK", "value.bad-code"),
    ("country-cyrillic-lookalike", "Consignment/DestinationCountryCode", "КZ", "value.bad-code"),
    ("extract-member", "Declaration/TypeCode", "785", "785"),
    ("extract-stranger-accepted", "Declaration/TypeCode", "999", "999"),
    ("list-not-held-shape-only", "Packaging/TypeCode", "XX", "XX"),
]


@cases(CODES)
def test_codes_are_checked_against_complete_lists_and_not_against_extracts(
    where: str, value: str, expected: object
) -> None:
    check(where, value, expected, None, None)


LOCODES = [
    ("locode", "Declaration/IssueLocationID", "KZALA", "KZALA"),
    ("locode-with-digits-2-to-9", "LoadingLocation/ID", "KZ2A9", "KZ2A9"),
    ("digit-1-not-allowed", "Declaration/IssueLocationID", "KZAL1", "value.bad-format"),
    ("lowercase", "Declaration/IssueLocationID", "kzala", "value.bad-format"),
    ("with-a-space", "LoadingLocation/ID", "KZ ALA", "value.bad-format"),
    ("too-short", "LoadingLocation/ID", "KZA", "value.bad-format"),
    ("a-city-name", "LoadingLocation/ID", "Алматы", "value.bad-format"),
    ("no-such-country", "LoadingLocation/ID", "ZZZZZ", "value.bad-code"),
    ("a-country-s-alpha-3-start", "LoadingLocation/ID", "KAZAL", "value.bad-code"),
    ("international-waters", "LoadingLocation/ID", "XZOIL", "XZOIL"),
    ("outside-the-extract", "LoadingLocation/ID", "CNAKL", "CNAKL"),
]


@cases(LOCODES)
def test_un_locodes_have_their_shape(where: str, value: str, expected: object) -> None:
    check(where, value, expected, None, None)


DATES = [
    ("date", ISSUE_DATE, "2024-05-14", "2024-05-14"),
    ("leap-day", ISSUE_DATE, "2024-02-29", "2024-02-29"),
    ("no-such-day", ISSUE_DATE, "2023-02-29", "value.bad-date"),
    ("day-first", ISSUE_DATE, "14.05.2024", "value.bad-date"),
    ("unpadded", ISSUE_DATE, "2024-5-14", "value.bad-date"),
    ("date-time", "Declaration/IssueDateTime", "2024-05-14T06:55:00+05:00", "2024-05-14T06:55:00+05:00"),
    ("utc", "Declaration/IssueDateTime", "2024-05-14T06:55:00Z", "2024-05-14T06:55:00+00:00"),
    ("no-seconds", "Declaration/IssueDateTime", "2024-05-14T06:55", "2024-05-14T06:55:00"),
    ("a-date-is-midnight", "Declaration/IssueDateTime", "2024-05-14", "2024-05-14T00:00:00"),
    ("hour-24", "Declaration/IssueDateTime", "2024-05-14T24:00:00", "value.bad-datetime"),
    ("no-such-day-time", "Declaration/IssueDateTime", "2023-02-29T10:00:00", "value.bad-datetime"),
    ("day-first-time", "Declaration/IssueDateTime", "14.05.2024 06:55", "value.bad-datetime"),
]


@cases(DATES)
def test_dates_and_date_times_are_iso_8601(where: str | ModelElement, value: str, expected: object) -> None:
    check(where, value, expected, None, None)


@pytest.mark.parametrize("value", ["2024-05-14T06:55:00+15:00", "2024-05-14T06:55:00+05:00:30"])
def test_date_times_with_offsets_the_schema_refuses_are_reported(value: str) -> None:
    check("Declaration/IssueDateTime", value, "value.bad-datetime", None, None)
