"""Numbers a careless or hostile system writes: thousands of digits, exponents in the billions. Each is a
coded issue about that value, never an exception (Python's int() refuses more than 4300 digits; decimal
arithmetic overflows past 10**999999; a decimal written out in full takes as many bytes as its exponent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.transforms import LONGEST_NAME_TO_CODE, BadValue, NameToCode, make_decimal, make_integer
from gateway.model import ModelElement, load_model
from gateway.normalize.pipeline import Normalizer
from gateway.normalize.values import typed_value

CODELISTS = CodeLists(Path(__file__).parent.parent.parent / "codelists")
MANY_DIGITS = "7" * 5000
ZEROS_THEN_SEVEN = "0" * 5000 + "7"


def element(owner: str, name: str) -> ModelElement:
    found = load_model().classes[owner].children[name]
    assert isinstance(found, ModelElement)
    return found


@pytest.mark.parametrize(
    ("owner", "name", "value", "unit", "currency", "code"),
    [
        ("Declaration", "GoodsItemQuantity", MANY_DIGITS, None, None, "value.too-many-digits"),
        ("GoodsMeasure", "GrossMassMeasure", "21e9992104", "TNE", None, "value.too-many-digits"),
        ("GoodsMeasure", "GrossMassMeasure", "1e999999999", "KGM", None, "value.too-many-digits"),
        ("GoodsMeasure", "TariffQuantity", "9e999999", "LTR", None, "value.too-many-digits"),
        ("ConsignmentItem", "CustomsValueAmount", "1e999999999", None, "USD", "value.too-many-digits"),
    ],
    ids=["5000-digit-quantity", "mass-overflowing", "mass-exponent", "quantity-exponent", "amount-exponent"],
)
def test_numbers_past_any_limit_are_too_many_digits(
    owner: str, name: str, value: str, unit: str | None, currency: str | None, code: str
) -> None:
    with pytest.raises(BadValue) as bad:
        typed_value(element(owner, name), value, CODELISTS, unit, currency)
    assert bad.value.code == code
    assert len(bad.value.message) < 200, "the message quotes the value, not all of it"


def test_leading_zeros_beyond_pythons_digit_limit_are_dropped() -> None:
    assert typed_value(element("Declaration", "GoodsItemQuantity"), ZEROS_THEN_SEVEN, CODELISTS) == ("7", {})
    assert make_integer(None, Crosswalks(Path(".")))(ZEROS_THEN_SEVEN) == "7"
    assert make_integer(None, Crosswalks(Path(".")))(MANY_DIGITS) == MANY_DIGITS  # the value check limits it


@pytest.mark.parametrize("value", ["1e5000", "1e-5000", "1,5e999999999"])
def test_the_decimal_transform_does_not_write_out_absurd_exponents(value: str) -> None:
    with pytest.raises(BadValue) as bad:
        make_decimal({"decimal_separator": ","}, Crosswalks(Path(".")))(value)
    assert bad.value.code == "value.bad-number"


def test_name_to_code_does_not_resolve_a_value_longer_than_any_name() -> None:
    """A country written as 300,000 letters took the resolver 25 s of CPU; such a value now goes unresolved
    to the code-list check, which says it is too long."""
    asked: list[str] = []
    transform = NameToCode("country")
    transform.coder = lambda name: (asked.append(name) or "KZ", True)
    assert transform("Ж" * (LONGEST_NAME_TO_CODE + 1)) == "Ж" * (LONGEST_NAME_TO_CODE + 1)
    assert transform("Қазақстан") == "KZ" and asked == ["Қазақстан"]


def test_a_country_of_300000_letters_is_too_long(normalizer: Normalizer) -> None:
    kazakh = (Path(__file__).parent.parent.parent / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
    spoiled = kazakh.replace(
        b"DispatchCountryCode>KZ<", "DispatchCountryCode>{}<".format("Ж" * 300_000).encode()
    )
    issues = [issue for issue in normalizer.normalize(spoiled).issues if issue.code == "value.too-long"]
    assert issues and issues[0].pointer == "42A/28A[1]/X013" and "300000 characters" in issues[0].message
