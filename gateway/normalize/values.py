"""Check and normalise one value against its model element: type, length, digits, unit, currency, code list.

`typed_value` returns the canonical text and the XML attributes of the element, or raises `BadValue` with
an issue code. Mass is converted to kilograms here, so every harmonized mass is comparable.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from gateway.codelists import CodeList, CodeLists, currency_alpha
from gateway.codelists.entry import locode_country_problem
from gateway.controls import DEL_C1, escaped
from gateway.mapping.transforms import BadValue
from gateway.model import ModelElement

KILOGRAMS_PER_UNIT = {
    "KGM": Decimal(1),
    "TNE": Decimal(1000),
    "GRM": Decimal("0.001"),
    "MGM": Decimal("0.000001"),
    "LBR": Decimal("0.45359237"),
}
"""Mass units of UN/ECE Recommendation 20 that documents use, in kilograms."""

_UNIT = re.compile(r"^[A-Z0-9]{2,3}$")
_DEL_OR_C1 = re.compile(f"[{DEL_C1}]")
_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
_SIX_PLACES = Decimal("0.000001")
MAX_INTEGER_DIGITS = 16
_LARGEST_EXPONENT = MAX_INTEGER_DIGITS + 6
"""Past this power of ten a number cannot come under MAX_INTEGER_DIGITS, even as milligrams in kilograms."""


def control_notice(value: str) -> BadValue | None:
    """A warning (`value.control-character`) when `value` holds DEL or a C1 control character, naming the
    first one and its position (1 for the first character); the value is kept as sent (the glossary must
    match what documents carry). A C1 character in a customs document is mostly a decoding error upstream
    (Windows-1252 read as Latin-1) or a terminal command: its sender should know, and a person shown it
    is shown it as an escape (`gateway.controls`)."""
    found = _DEL_OR_C1.search(value)
    if found is None:
        return None
    said = f"character {found.start() + 1} is {escaped(found.group())}, a control character (DEL or C1)"
    return BadValue("value.control-character", f"{said}; the value is kept as sent", "warning")


def typed_value(
    element: ModelElement,
    value: str,
    codelists: CodeLists,
    unit: str | None = None,
    currency: str | None = None,
    on: date | None = None,
) -> tuple[str, dict[str, str]]:
    """The canonical text of `value` for `element`, and its attributes (unitCode, currencyID). A code is
    checked against its list as in force on `on`, the document's date (any time when None)."""
    kind = element.type
    if kind in ("identifier", "code", "text"):
        _check_length(element, value)
        if kind == "code":
            _check_code(element, value, codelists, on)
        return value, {}
    if kind == "integer":
        return _integer(element, value), {}
    if kind == "date":
        return _date(value), {}
    if kind == "datetime":
        return _datetime(value), {}
    if kind == "measure":
        return _measure(element, value, unit)
    return _amount(value, currency, codelists)


def _check_length(element: ModelElement, value: str) -> None:
    if element.length is not None and len(value) > element.length:
        raise BadValue(
            "value.too-long", f"{len(value)} characters; WCO {element.wco_id} allows {element.length}"
        )


def code_notice(element: ModelElement, value: str, codelists: CodeLists) -> BadValue | None:
    """A warning for a code outside a code list the project holds only an extract of (the value stays)."""
    code_list = codelists.get(element.codelist) if element.codelist else None
    if (
        code_list is None
        or not code_list.warn_outside
        or code_list.holds_all(value)
        or code_list.entry(value)
    ):
        return None
    return BadValue(
        "value.bad-code",
        f"{value!r} is not in the project's extract of {code_list.standard}",
        severity="warning",
    )


def depends_on_date(element: ModelElement, value: str, codelists: CodeLists) -> bool:
    """Whether the check of `value` depends on the document's date (its entry has validity dates), so
    that its result must not be remembered across documents. A list's own validity (HS 2022 from
    2022-01-01) is not applied to documents: the gateway holds one edition of each list."""
    code_list = codelists.get(element.codelist) if element.codelist else None
    if code_list is None:
        return False
    entry = code_list.entry(value)
    return entry is not None and entry.dated


def _check_code(element: ModelElement, value: str, codelists: CodeLists, on: date | None) -> None:
    if element.codelist == "locode":
        _check_locode(value)
    code_list = codelists.get(element.codelist) if element.codelist else None
    if code_list is None:
        return
    entry = code_list.entry(value)
    if entry is None:
        if code_list.holds_all(value):
            raise BadValue("value.bad-code", f"{value!r} is not in {code_list.standard}")
    elif on is not None and entry.dated and not codelists.is_valid(code_list.name, value, on=on):
        raise BadValue("value.code-not-in-force", _not_in_force(code_list, value, on))


def _check_locode(value: str) -> None:
    """A UN/LOCODE is its country's ISO 3166-1 code and three letters or digits: a code outside the
    project's extract of places is checked by its shape, and its country must be one."""
    if not _LOCODE.match(value):
        raise BadValue("value.bad-format", f"{value!r} is not a UN/LOCODE (two letters and three)")
    if (problem := locode_country_problem(value)) is not None:
        raise BadValue("value.bad-code", f"{value!r} is not a UN/LOCODE: {problem}")


def _not_in_force(code_list: CodeList, value: str, on: date) -> str:
    entry = code_list.entry(value)
    if not code_list.in_force(on):
        since, until = code_list.valid_from or "…", code_list.valid_to or "…"
        return f"{code_list.standard} is in force from {since} to {until}, not on the document's date {on}"
    if entry is not None and entry.valid_to is not None and entry.valid_to < on:
        return (
            f"{value!r} was withdrawn from {code_list.standard} after {entry.valid_to}; "
            f"the document is dated {on}"
        )
    starts = entry.valid_from if entry is not None else None
    return f"{value!r} is in {code_list.standard} only from {starts}; the document is dated {on}"


def _integer(element: ModelElement, value: str) -> str:
    if not value.isascii() or not value.isdecimal():
        raise BadValue("value.bad-integer", f"{value!r} is not a whole number")
    text = value.lstrip("0") or "0"  # not int(): Python refuses to read more than 4300 digits
    digits = element.digits or MAX_INTEGER_DIGITS
    if len(text) > digits:
        shown = text if len(text) <= 40 else f"{text[:20]}...{text[-4:]}"
        raise BadValue(
            "value.too-many-digits", f"{shown} has {len(text)} digits; WCO {element.wco_id} allows {digits}"
        )
    return text


def _date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadValue("value.bad-date", f"{value!r} is not a valid ISO 8601 date (or no such day)") from None


_MAX_OFFSET = timedelta(hours=14)


def _datetime(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
        offset = moment.utcoffset()
        if offset is not None and (abs(offset) > _MAX_OFFSET or offset.seconds % 60):
            raise ValueError("the offset must be whole minutes within 14 hours")
        return moment.isoformat()
    except ValueError:
        raise BadValue(
            "value.bad-datetime", f"{value!r} is not a valid ISO 8601 date and time (or no such day)"
        ) from None


def decimal_text(value: str) -> Decimal:
    """The decimal in `value`, or `BadValue`."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise BadValue("value.bad-number", f"{value!r} is not a decimal number") from None
    if not number.is_finite() or number.is_signed():
        raise BadValue("value.bad-number", f"{value!r} is not a finite positive number")
    if number.adjusted() >= _LARGEST_EXPONENT:  # 1e999999999: arithmetic would overflow or spell it out
        raise BadValue(
            "value.too-many-digits", f"{value!r} has more than {MAX_INTEGER_DIGITS} integer digits"
        )
    return number


def _canonical(number: Decimal) -> str:
    exponent = number.as_tuple().exponent  # an int for finite numbers, which decimal_text guarantees
    rounded = (
        number.quantize(_SIX_PLACES, ROUND_HALF_EVEN)
        if isinstance(exponent, int) and exponent < -6
        else number
    )
    text = format(rounded.normalize(), "f")
    if len(text.partition(".")[0]) > MAX_INTEGER_DIGITS:
        raise BadValue("value.too-many-digits", f"{text} has more than {MAX_INTEGER_DIGITS} integer digits")
    return text


def _measure(element: ModelElement, value: str, unit: str | None) -> tuple[str, dict[str, str]]:
    number = decimal_text(value)
    unit_code = (unit or element.unit or "").upper()
    if element.unit == "KGM":
        if unit_code not in KILOGRAMS_PER_UNIT:
            raise BadValue("value.bad-unit", f"mass unit {unit_code!r} cannot be converted to kilograms")
        return _canonical(number * KILOGRAMS_PER_UNIT[unit_code]), {"unitCode": "KGM"}
    if not _UNIT.match(unit_code):
        raise BadValue("value.bad-unit", f"{unit_code!r} is not a UN/ECE Recommendation 20 unit code")
    return _canonical(number), {"unitCode": unit_code}


def _amount(value: str, currency: str | None, codelists: CodeLists) -> tuple[str, dict[str, str]]:
    number = decimal_text(value)
    alpha = _currency(currency.strip().upper(), codelists) if currency else None
    if alpha is None:
        raise BadValue("value.bad-currency", f"currency {currency!r} is not an ISO 4217 code")
    return _canonical(number), {"currencyID": alpha}


def _currency(code: str, codelists: CodeLists) -> str | None:
    """The ISO 4217 alphabetic code of an alphabetic or numeric code (398 is KZT), from the currency list
    when the project holds one."""
    if codelists.get("currency") is None:
        return currency_alpha(code)
    entry = codelists.entry("currency", code)
    return entry.code if entry is not None else None
