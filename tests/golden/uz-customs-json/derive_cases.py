"""Derive the error cases of the uz-customs-json golden folder from its valid inputs.

The four valid inputs are written by hand. Each error case is one deliberate change to the Yallama road
pre-arrival, made here so that the change is exact and repeatable; the unknown-format case is a document
of another Uzbek service (a tax e-invoice) posted to the customs endpoint. Run it from the repository root
after changing a valid input, then regenerate the goldens and review the diff::

    .venv/bin/python tests/golden/uz-customs-json/derive_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k uz-customs-json --regenerate-golden
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
ROAD = (HERE / "road-prearrival-yallama" / "input.json").read_text(encoding="utf-8")
LABEL = "STAND-IN fixture for the Uzbek customs JSON format (uz-customs-json); not an official format."

CONSIGNEE = """      "consignee": {
        "name": "«Toshkent Qurilish Savdo» MChJ",
        "tin": "305218764",
        "address": {
          "country": "UZ",
          "region": "Toshkent shahri",
          "city": "Toshkent",
          "street": "Mahtumquli koʻchasi",
          "house": "93",
          "postcode": "100047"
        }
      },
"""

E_INVOICE = {
    "_stand_in": LABEL,
    "Version": 1,
    "FacturaType": 0,
    "FacturaId": "65f1c2a9e4b0d71a3c8e5f02",
    "FacturaDoc": {"FacturaNo": "118", "FacturaDate": "2024-06-03"},
    "ContractDoc": {"ContractNo": "17/2024", "ContractDate": "2024-01-15"},
    "SellerTin": "305218764",
    "Seller": {"Name": "«Toshkent Qurilish Savdo» MChJ", "Address": "Toshkent sh., Mahtumquli koʻchasi, 93"},
    "BuyerTin": "302996514",
    "Buyer": {
        "Name": "«Yunusobod Uy-Joy Qurilish» MChJ",
        "Address": "Toshkent sh., Yunusobod tumani, 19-mavze",
    },
    "ProductList": {
        "Tin": "305218764",
        "Products": [
            {
                "OrdNo": 1,
                "Name": "Portlandsement PTs 400-D20, 50 kg lik qoplarda",
                "CatalogCode": "02523001001000000",
                "Count": "360",
                "Summa": "1080000",
                "DeliverySum": "19440000000",
            }
        ],
    },
}


def changed(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the source any more: update derive_cases.py")
    return text.replace(old, new, 1)


def error_cases() -> dict[str, tuple[str, str]]:
    """Each derived case: its input text and its case.md."""
    cut = ROAD.index("Quruq qurilish qorishmasi") + len("Quruq qurilish")
    return {
        "error-missing-consignee": (
            changed(ROAD, CONSIGNEE, ""),
            "Error. The consignment has no `consignee` key: the consignee (WCO 27A, required in a "
            "pre-arrival document) is reported missing as element.missing at 42A/28A[1]/27A, and the rest "
            "of the document is still mapped.",
        ),
        "error-bad-date": (
            changed(ROAD, '"arrival_at": "2024-06-03T11:00:00+05:00"', '"arrival_at": "03.06.2024 11:00"'),
            "Error. The expected arrival is written the local way (03.06.2024 11:00) instead of as an "
            "RFC 3339 date and time: value.bad-datetime at 42A/15A/X012, one issue (the arrival that a "
            "pre-arrival document requires is not reported missing a second time).",
        ),
        "error-bad-number": (
            changed(ROAD, '"gross_mass_kg": 18072,', '"gross_mass_kg": "18 072 кг",'),
            'Error. The gross mass of the first goods item is the string "18 072 кг" (digits with a space '
            "and a unit) instead of a JSON number: value.bad-number at 42A/28A[1]/29A[1]/65A/126.",
        ),
        "error-wrong-type": (
            changed(ROAD, '"route": ["KZ", "UZ"],', '"route": "KZ, UZ",'),
            'Error. The route is one string ("KZ, UZ") where the format has an array of country codes. '
            "The engine has no JSON type check: a string where `each` expects an array is read as an array "
            "of one, so the whole string becomes the one routing country, refused as value.too-long at "
            "42A/28A[1]/81A[1]/064. (The JSON Schema refuses it as a type error.)",
        ),
        "error-unknown-document-kind": (
            changed(ROAD, '"document_kind": "PRE_ARRIVAL"', '"document_kind": "EXPORT"'),
            "Error. `document_kind` EXPORT, a kind the stand-in does not define: kind.unknown.",
        ),
        "error-malformed": (
            changed(ROAD, '"route": ["KZ", "UZ"],', '"route": ["KZ", "UZ",],'),
            'Error. A trailing comma in the route array (`["KZ", "UZ",]`), which JavaScript accepts '
            "and JSON does not: json.malformed with its line, and no message.",
        ),
        "error-truncated": (
            ROAD[:cut],
            "Error. The document stops in the middle of the second goods description, as when a "
            "connection drops: json.malformed with its line, and no message.",
        ),
        "error-unknown-format": (
            json.dumps(E_INVOICE, ensure_ascii=False, indent=2) + "\n",
            "Error. A tax e-invoice (hisob-faktura, keys FacturaId, SellerTin, ProductList...) posted to the "
            "customs endpoint: well-formed JSON whose keys match no format, format.unknown, and no message.",
        ),
    }


def main() -> None:
    for name, (text, description) in error_cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "input.json").write_text(text, encoding="utf-8")
        (folder / "case.md").write_text(description + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
