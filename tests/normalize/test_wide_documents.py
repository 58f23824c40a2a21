"""Documents that are wide rather than deep or long (branch widths14): a part repeated past the repeat limit
under one parent (six bytes a country in a JSON route, each costing a whole instance to write) is refused
with `element.too-many` at the first one over, in every syntax; one just under the limit is read; a CSV
header of hundreds of thousands of columns is checked in linear time. plans/tools/widths14_sweep.py
measures the rest (attributes, namespaces, keys, columns, elements, components, unknown segments)."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gateway.intake.limits import IntakeLimits
from gateway.issues import Issue
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
KZ = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
UZ = (EXAMPLES / "uz-customs-json.json").read_bytes()
MN = (EXAMPLES / "mn-customs-csv.csv").read_bytes()
AZ = (EXAMPLES / "az-cuscar.edi").read_bytes()
ROUTE = b'"route": ["KZ", "UZ"]'
ROUTE_LINE = UZ[: UZ.index(ROUTE)].count(b"\n") + 1


def route_of(countries: int) -> bytes:
    """The UZ example with a route of `countries` countries, on one line."""
    return UZ.replace(ROUTE, b'"route": [' + b'"KZ", ' * (countries - 1) + b'"UZ"]')


def too_many(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.code == "element.too-many"]


def test_a_route_one_country_past_the_limit_is_refused_at_that_country(normalizer: Normalizer) -> None:
    result = normalizer.normalize(route_of(10_000))
    [issue] = too_many(result.issues)
    assert not result.ok and issue.severity == "error"
    place = ("42A/28A[1]/81A[10000]", "/consignments[1]/route[10000]", ROUTE_LINE)
    assert (issue.pointer, issue.source, issue.line) == place
    assert "Itinerary" in issue.message and "9999" in issue.message


def test_a_route_at_the_limit_is_read(normalizer: Normalizer) -> None:
    result = normalizer.normalize(route_of(9_999))
    assert result.ok and not too_many(result.issues)
    assert result.message is not None and result.message.xml.count(b"<Itinerary>") == 9_999


def test_a_long_route_is_refused_without_writing_it(normalizer: Normalizer) -> None:
    """Every country was written, 23 µs each (990,000 of them, under the intake's value limit: 23 s of CPU),
    and those past 99,999 each got a `value.too-many-digits` for its sequence number."""
    result = normalizer.normalize(route_of(200_000))
    assert [issue.source for issue in too_many(result.issues)] == ["/consignments[1]/route[10000]"]


def _lowered(normalizer: Normalizer, repeats: int) -> Normalizer:
    return Normalizer(
        normalizer.registry, normalizer.codelists, IntakeLimits(max_repeats=repeats), normalizer.model
    )


@pytest.mark.parametrize(
    ("data", "places", "enough"),
    [
        (KZ, [("42A/28A[1]/81A[2]", "/pi:PreliminaryInformation/pi:RouteDetails/pi:UnifiedCountryCode[2]",
               44),
              ("42A/28A[2]", "/pi:PreliminaryInformation/pi:PICargoInfo[2]", 113)], 2),
        (UZ, [("42A/28A[1]/81A[2]", "/consignments[1]/route[2]", 74),
              ("42A/28A[1]/29A[2]", "/consignments[1]/goods_items[2]", 89)], 2),
        (MN, [("42A/28A[1]/31B[2]", "/Тээврийн баримтын дугаар=24187654/Чингэлгийн дугаар=MGLU3100471", 3),
              ("42A/28A[1]/29A[2]", "/Тээврийн баримтын дугаар=24187654/row 3", 3),
              ("42A/28A[2]", "/Тээврийн баримтын дугаар=24187655", 5)], 3),
        (AZ, [("42A/28A[2]", "/CNI[2]", 41)], 2),
    ],
    ids=["xml", "json", "csv", "edifact"],
)  # fmt: skip
def test_the_limit_holds_in_every_syntax_and_names_the_first_part_over_it(
    normalizer: Normalizer, data: bytes, places: list[tuple[str, str, int]], enough: int
) -> None:
    """A limit of 1 refuses each part that repeats; the most any part repeats (`enough`) is read."""
    refused = _lowered(normalizer, 1).normalize(data)
    assert [(issue.pointer, issue.source, issue.line) for issue in too_many(refused.issues)] == places
    assert not refused.ok
    assert not too_many(_lowered(normalizer, enough).normalize(data).issues)


def test_the_setting_sets_the_normalizer_s_limit() -> None:
    assert Normalizer.from_settings(Settings(max_repeats=5)).limits.max_repeats == 5
    assert Settings().max_repeats == IntakeLimits().max_repeats == 9_999


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the suite, when the block runs longer than `seconds` (a bound hundreds of
    times what it takes: this asserts the absence of a quadratic step, not a speed)."""

    def stop(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


HEADER = MN.splitlines()[0]
COLUMNS = 300_000


def test_a_header_of_300000_columns_with_one_named_twice_is_refused_naming_it(normalizer: Normalizer) -> None:
    """`tuple.count` per name made this quadratic: hours for 300,000 columns (0.3 s now)."""
    wide = HEADER + b"".join(b",c%d" % n for n in range(COLUMNS)) + b",c7\n"
    with within(60):
        result = normalizer.normalize(wide)
    [issue] = [issue for issue in result.issues if issue.code == "csv.malformed"]
    assert issue.line == 1 and "'c7'" in issue.message and "twice" in issue.message


def test_a_row_of_300000_unknown_columns_is_read(normalizer: Normalizer) -> None:
    header, *rows = MN.splitlines()
    extra = b"".join(b",c%d" % n for n in range(COLUMNS))
    wide = b"\n".join([header + extra, *(row + b",x" * COLUMNS for row in rows if row.strip())]) + b"\n"
    with within(60):
        result = normalizer.normalize(wide)
    assert result.ok, [issue for issue in result.issues if issue.severity == "error"]
    assert re.search(rb"<Consignment>", result.message.xml if result.message else b"")
