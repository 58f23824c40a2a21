"""Derive the error cases of the kg-eaeu-pi golden folder from its valid inputs.

The three valid inputs are written by hand (the Irkeshtam one is kept in Windows-1251: decode it with
``bytes.decode("cp1251")`` to edit it and encode it back with ``str.encode("cp1251")``, which refuses the
Kyrgyz letters ң ө ү). Each error case is one deliberate change to one of them, made here so that the bytes
come from Python's codecs and never from an editor. Run it from the repository root after changing a valid
input, then regenerate the goldens and review the diff::

    .venv/bin/python tests/golden/kg-eaeu-pi/derive_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k kg-eaeu-pi --regenerate-golden
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
TRANSIT = (HERE / "road-transit-torugart-akjol" / "input.xml").read_text(encoding="utf-8")
MANIFEST = (HERE / "road-manifest-torugart-kyrgyz" / "input.xml").read_text(encoding="utf-8")


def changed(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the source any more: update derive_cases.py")
    return text.replace(old, new, 1)


def without_element(text: str, name: str) -> str:
    """`text` without the first `pi:name` element and its line."""
    pattern = re.compile(rf"\n *<pi:{name}>.*?</pi:{name}>", re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"pi:{name} is not in the source any more: update derive_cases.py")
    return pattern.sub("", text, count=1)


def error_cases() -> dict[str, tuple[bytes, str]]:
    """Each derived case: its input bytes and its case.md."""
    cut = MANIFEST.encode("utf-8").index("Кургатылган өрүк".encode()) + len("Кургатылган ".encode()) + 1
    return {
        "error-missing-departure-office": (
            without_element(TRANSIT, "DepartureCustomsOffice").encode("utf-8"),
            "Error. The Torugart transit declaration (ТД) without its DepartureCustomsOffice. The stand-in "
            "XSD accepts that (one schema for the three document kinds), the gateway does not: the office "
            "of departure (WCO X01A) is required in a transit document, so element.missing at 42A/X01A.",
        ),
        "error-unknown-transport-code": (
            changed(
                MANIFEST,
                "<pi:UnifiedTransportModeCode>31</pi:UnifiedTransportModeCode>",
                "<pi:UnifiedTransportModeCode>99</pi:UnifiedTransportModeCode>",
            ).encode("utf-8"),
            "Error. The Kyrgyz-text e-manifest with transport type 99 (прочие, 'other'): a code of the EAEU "
            "classifier that has no UN/ECE Rec 19 mode, deliberately left out of eaeu-transport-mode.csv, "
            "so code.unmapped at 42A/15A/T022 instead of a guessed mode.",
        ),
        "error-bad-date": (
            changed(
                TRANSIT,
                "<pi:DepartureDateTime>2024-09-17T09:00:00+06:00</pi:DepartureDateTime>",
                "<pi:DepartureDateTime>2024-09-31T09:00:00+06:00</pi:DepartureDateTime>",
            ).encode("utf-8"),
            "Error. The truck leaves Torugart on 31 September 2024, a day that does not exist, written in "
            "the right ISO 8601 shape: value.bad-datetime at 42A/15A/X011, and the rest of the declaration "
            "is still mapped.",
        ),
        "error-truncated": (
            MANIFEST.encode("utf-8")[:cut],
            f"Error. The Kyrgyz-text e-manifest cut off after {cut} bytes, between the two bytes of the "
            "UTF-8 letter ө in the first goods description (Кургатылган өрүк): xml.malformed with its line, "
            "no message.",
        ),
        "error-utf8-declared-windows-1251": (
            changed(MANIFEST, 'encoding="UTF-8"', 'encoding="windows-1251"').encode("utf-8"),
            "Error. The Kyrgyz-text e-manifest's UTF-8 bytes behind a prolog that says windows-1251, the "
            "mistake of a sender that believes all Cyrillic is Windows-1251. Nearly every byte means "
            "something in Windows-1251 (0x98, the second byte of a UTF-8 И, is the exception, and this "
            "document has none), so the text decodes into mojibake instead of failing (the document kind ЭМ "
            "becomes 'Р\\xadРњ', \\xad a soft hyphen). The "
            "only error is that the document kind is unreadable: kind.unknown. The engine still writes a "
            "message, without a document kind and with every name in mojibake; intake.encoding, before "
            "any mapping, would say what is wrong (see the spec, 'Encodings').",
        ),
    }


def main() -> None:
    for name, (data, description) in error_cases().items():
        case = HERE / name
        case.mkdir(exist_ok=True)
        (case / "input.xml").write_bytes(data)
        (case / "case.md").write_text(description + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
