"""Derive the error cases of the tj-asycuda-manifest golden folder from its valid inputs.

The valid inputs are written by hand. The Dushanbe road manifest is kept in Windows-1251, as its prolog
says: decode it with ``bytes.decode("cp1251")`` to edit it and encode it back with ``str.encode("cp1251")``
(which refuses the Tajik letters ғ ӣ қ ӯ ҳ ҷ: Windows-1251 has none of them). Each error case is one
deliberate change to one valid input, made here so that the bytes, above all the Windows-1251 ones, come
from Python's codecs and never from an editor. Run it from the repository root after changing a valid
input, then regenerate the goldens and review the diff::

    .venv/bin/python tests/golden/tj-asycuda-manifest/derive_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k tj-asycuda-manifest --regenerate-golden
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ROAD_CP1251 = (HERE / "road-dushanbe-nizhniy-pyanj-cp1251" / "input.xml").read_bytes().decode("cp1251")
ROAD_UTF8 = (HERE / "road-khujand-fotehobod-utf8" / "input.xml").read_text(encoding="utf-8")


def changed(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the source any more: update derive_cases.py")
    return text.replace(old, new, 1)


def error_cases() -> dict[str, tuple[bytes, str]]:
    """Each derived case: its input bytes and its case.md."""
    road = ROAD_CP1251.encode("cp1251")
    cut = road.index("Мука пшеничная высшего".encode("cp1251")) + len("Мука пшен")
    return {
        "error-missing-consignee-name": (
            changed(ROAD_UTF8, "        <Consignee_name>ТОО «Алматы Текстиль»</Consignee_name>\n", "").encode(
                "utf-8"
            ),
            "Error. The consignee of the second bill of lading of the Khujand manifest has an address and a "
            "code but no Consignee_name (required by the XSD, and R014 is required for every document "
            "kind): element.missing at 42A/28A[2]/27A/R014; the rest of the manifest is still mapped.",
        ),
        "error-bad-date": (
            changed(
                ROAD_UTF8,
                "<Date_of_arrival>2024-06-03</Date_of_arrival>",
                "<Date_of_arrival>03.06.2024</Date_of_arrival>",
            ).encode("utf-8"),
            "Error. The Khujand manifest's date of arrival written the Russian way, 03.06.2024, instead of "
            "an ISO date: value.bad-datetime at 42A/15A/X012 (date and time of arrival), not a guessed "
            "date; the arrival is left out, everything else is mapped.",
        ),
        "error-unknown-bol-type": (
            changed(
                ROAD_UTF8, "<Bol_type_code>CMR</Bol_type_code>", "<Bol_type_code>TTN</Bol_type_code>"
            ).encode("utf-8"),
            "Error. The first bill of lading of the Khujand manifest is declared as a TTN (товарно-"
            "транспортная накладная, a domestic waybill), which the asycuda-bol-type crosswalk does not "
            "hold: code.unmapped at 42A/28A[1]/30B[1]/X015, instead of a guessed UNTDID 1001 code.",
        ),
        "error-bad-number": (
            changed(
                ROAD_CP1251,
                "<Total_gross_mass>20150</Total_gross_mass>",
                "<Total_gross_mass>20 150,0 кг</Total_gross_mass>",
            ).encode("cp1251"),
            "Error. The Windows-1251 Dushanbe manifest's total gross mass written as '20 150,0 кг' (a "
            "group space, a decimal comma and a unit in the value): value.bad-number at 42A/131, not a "
            "guessed 20150 kg.",
        ),
        "error-wrong-encoding": (
            road.replace(b'encoding="windows-1251"', b'encoding="UTF-8"', 1),
            "Error. The Windows-1251 bytes of the Dushanbe road manifest with a prolog that says UTF-8: "
            "intake.encoding with the line of the first Cyrillic byte, no message, never mojibake.",
        ),
        "error-truncated": (
            road[:cut],
            "Error. The Windows-1251 Dushanbe manifest cut off in the middle of the second goods "
            "description: xml.malformed with its line, no message, no exception.",
        ),
    }


def main() -> None:
    for name, (data, description) in error_cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "input.xml").write_bytes(data)
        (folder / "case.md").write_text(description + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
