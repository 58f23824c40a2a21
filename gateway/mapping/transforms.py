"""Named transforms that a mapping applies to source values, each checked when the mapping loads.

A transform is built once from its YAML arguments by a factory (which raises `ValueError` with a reason for
bad arguments, reported as `InvalidMapping`) and then called on each value. A value that the transform
cannot handle raises `BadValue` with an issue code; the engine turns it into an issue that names the
element and the place in the national document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from gateway.mapping.crosswalks import Crosswalk, Crosswalks

Transform = Callable[[str], str]
Factory = Callable[[Any, Crosswalks], Transform]


class BadValue(Exception):
    """A source value that a transform cannot handle; carries the issue code and a message."""

    def __init__(self, code: str, message: str, severity: str = "error") -> None:
        self.code = code
        self.message = message
        self.severity = severity
        super().__init__(message)


def _no_arguments(name: str, arguments: Any) -> None:
    if arguments not in (None, {}, []):
        raise ValueError(f"transform {name!r} takes no arguments")


def _formats(name: str, arguments: Any) -> list[str]:
    formats = [arguments] if isinstance(arguments, str) else arguments
    if not isinstance(formats, list) or not formats or not all(isinstance(f, str) for f in formats):
        raise ValueError(f"transform {name!r} takes a list of strptime formats")
    for pattern in formats:
        if "%" not in pattern:
            raise ValueError(f"transform {name!r}: {pattern!r} is not a strptime format")
    return formats


def _parse_datetime(value: str, formats: list[str], code: str, what: str) -> datetime:
    for pattern in formats:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise BadValue(code, f"{value!r} is not a {what} in the expected format ({', '.join(formats)})")


def make_date(arguments: Any, crosswalks: Crosswalks) -> Transform:
    formats = _formats("date", arguments)
    return lambda value: _parse_datetime(value, formats, "value.bad-date", "date").date().isoformat()


def make_datetime(arguments: Any, crosswalks: Crosswalks) -> Transform:
    formats = _formats("datetime", arguments)

    def convert(value: str) -> str:
        return _parse_datetime(value, formats, "value.bad-datetime", "date and time").isoformat()

    return convert


_WRITTEN_EXPONENT = 1000
"""The powers of ten beyond which a decimal is not written out: no data element holds such a number."""


def make_decimal(arguments: Any, crosswalks: Crosswalks) -> Transform:
    options = arguments or {}
    if not isinstance(options, dict) or set(options) - {"decimal_separator", "group_separator"}:
        raise ValueError("transform 'decimal' takes decimal_separator and group_separator")
    decimal_separator = str(options.get("decimal_separator", "."))
    group_separator = options.get("group_separator")

    def convert(value: str) -> str:
        text = value.replace(group_separator, "") if group_separator else value
        text = text.replace(decimal_separator, ".") if decimal_separator != "." else text
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise BadValue("value.bad-number", f"{value!r} is not a decimal number") from None
        if not number.is_finite() or not -_WRITTEN_EXPONENT < number.adjusted() < _WRITTEN_EXPONENT:
            # 1e999999999 written out would be a billion digits; the value checks refuse far less
            raise BadValue("value.bad-number", f"{value!r} is not a finite number of a sane size")
        return format(number, "f")

    return convert


def make_integer(arguments: Any, crosswalks: Crosswalks) -> Transform:
    _no_arguments("integer", arguments)

    def convert(value: str) -> str:
        if not value.isdecimal() or not value.isascii():
            raise BadValue("value.bad-integer", f"{value!r} is not a whole number")
        return value.lstrip("0") or "0"  # not int(): Python refuses to read more than 4300 digits

    return convert


class CrosswalkTransform:
    """`crosswalk: <file>`: a national code becomes the code its crosswalk gives (`code.unmapped` when
    the table has no row for it). Its `table` is kept so that `gateway check` can compare the codes it
    writes with the code list of the element it fills (`gateway.mapping.crosswalk_targets`)."""

    def __init__(self, table: Crosswalk) -> None:
        self.table = table

    def __call__(self, value: str) -> str:
        try:
            return self.table.entries[value]
        except KeyError:
            raise BadValue(
                "code.unmapped", f"national code {value!r} is not in crosswalk {self.table.name!r}"
            ) from None


def make_crosswalk(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, str):
        raise ValueError("transform 'crosswalk' takes the name of a crosswalk file")
    return CrosswalkTransform(crosswalks.get(arguments))


def make_map(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, dict) or not arguments:
        raise ValueError("transform 'map' takes a mapping of national values to canonical values")
    table = {str(key): str(value) for key, value in arguments.items()}

    def convert(value: str) -> str:
        try:
            return table[value]
        except KeyError:
            raise BadValue("code.unmapped", f"{value!r} is not one of {sorted(table)}") from None

    return convert


def make_replace(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, dict) or set(arguments) != {"pattern", "with"}:
        raise ValueError("transform 'replace' takes pattern and with")
    try:
        pattern = re.compile(arguments["pattern"])
    except re.error as exc:
        raise ValueError(f"transform 'replace': bad pattern: {exc}") from None
    replacement = str(arguments["with"])
    return lambda value: pattern.sub(replacement, value)


def make_split(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, dict) or set(arguments) - {"separator", "index"}:
        raise ValueError("transform 'split' takes separator and index")
    separator = str(arguments.get("separator", " "))
    index = arguments.get("index", 0)
    if not isinstance(index, int):
        raise ValueError("transform 'split': index must be a whole number")

    def convert(value: str) -> str:
        parts = value.split(separator)
        return parts[index].strip() if -len(parts) <= index < len(parts) else ""

    return convert


def make_pad_left(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, dict) or not isinstance(arguments.get("width"), int):
        raise ValueError("transform 'pad_left' takes width (and optionally char)")
    width, char = arguments["width"], str(arguments.get("char", "0"))
    if len(char) != 1:
        raise ValueError("transform 'pad_left': char must be one character")
    return lambda value: value.rjust(width, char)


NAMED_CODE_LISTS = ("country", "package-type", "locode", "office")
"""The code lists whose entries have names that `name_to_code` resolves (gateway.resolve.catalog)."""


class NameToCode:
    """`name_to_code: <code list>`: a value that is a name (Хятад, мешок, 袋) becomes the code it resolves
    to, when the pipeline's resolution stage is on and the name resolves to one code of the list (exactly,
    or fuzzily at or above the threshold). A value it cannot code passes unchanged, so the code-list check
    reports it as before. The pipeline gives it its coder (`gateway.resolve.stage.NameResolution`)."""

    def __init__(self, list_name: str) -> None:
        self.list_name = list_name
        self.coder: Callable[[str], tuple[str | None, bool]] | None = None
        """The code a name gives, and whether that answer holds for every document (an exact name's
        does; a search's depends on the document's searches left: GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT)."""

    def __call__(self, value: str) -> str:
        if len(value) > LONGEST_NAME_TO_CODE:  # no name of a country or package is; resolving it costs
            return value  # CPU in proportion (300,000 letters took 25 s): the code-list check reports it
        if self.coder is None:
            return value
        code, lasting = self.coder(value)
        if not lasting:
            _FOR_THIS_DOCUMENT.set(True)
        return code or value


_FOR_THIS_DOCUMENT: ContextVar[bool] = ContextVar("value_coded_for_this_document", default=False)


def new_value() -> None:
    """Before a value goes through transforms with a `name_to_code`: nothing coded for it yet."""
    _FOR_THIS_DOCUMENT.set(False)


def coded_for_this_document() -> bool:
    """Whether a `name_to_code` since `new_value` gave an answer that holds for this document only
    (through a search): the value's check must not be kept for other documents (`ElementChecker`)."""
    return _FOR_THIS_DOCUMENT.get()


LONGEST_NAME_TO_CODE = 200
"""The longest value `name_to_code` resolves; a longer one passes unchanged to the code-list check."""


def make_name_to_code(arguments: Any, crosswalks: Crosswalks) -> Transform:
    if not isinstance(arguments, str) or not arguments:
        raise ValueError("transform 'name_to_code' takes the name of a code list (country, package-type)")
    if arguments not in NAMED_CODE_LISTS:
        known = ", ".join(NAMED_CODE_LISTS)
        raise ValueError(
            f"transform 'name_to_code': {arguments!r} is not a code list with names; known: {known}"
        )
    return NameToCode(arguments)


def _simple(name: str, function: Transform) -> Factory:
    def factory(arguments: Any, crosswalks: Crosswalks) -> Transform:
        _no_arguments(name, arguments)
        return function

    return factory


_SPACES = re.compile(r"\s+")

TRANSFORMS: dict[str, Factory] = {
    "upper": _simple("upper", str.upper),
    "lower": _simple("lower", str.lower),
    "collapse_space": _simple("collapse_space", lambda value: _SPACES.sub(" ", value)),
    "country_of_locode": _simple("country_of_locode", lambda value: value[:2].upper()),
    "date": make_date,
    "datetime": make_datetime,
    "decimal": make_decimal,
    "integer": make_integer,
    "crosswalk": make_crosswalk,
    "map": make_map,
    "replace": make_replace,
    "split": make_split,
    "pad_left": make_pad_left,
    "name_to_code": make_name_to_code,
}
"""Every transform a mapping may name; docs/mappings.md documents each (a test keeps them in step)."""


def build_transform(spec: Any, crosswalks: Crosswalks) -> Transform:
    """Build one transform from its YAML form: a name, or a one-key mapping of name to arguments."""
    if isinstance(spec, str):
        name, arguments = spec, None
    elif isinstance(spec, dict) and len(spec) == 1:
        name, arguments = next(iter(spec.items()))
    else:
        raise ValueError("a transform is a name or a one-key mapping {name: arguments}")
    if name not in TRANSFORMS:
        raise ValueError(f"unknown transform {name!r}; known: {', '.join(sorted(TRANSFORMS))}")
    return TRANSFORMS[name](arguments, crosswalks)
