"""Derive the error cases of the ncts-cc029c golden folder from the TIR release, its smallest valid case.

Each error case is one deliberate change, made here so that it stays in step with the valid input. Run it
from the repository root after changing tir-batumi-baku/input.xml, then regenerate the goldens and review
the diff::

    .venv/bin/python tests/golden/ncts-cc029c/derive_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k ncts-cc029c --regenerate-golden
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
TIR = (HERE / "tir-batumi-baku" / "input.xml").read_text(encoding="utf-8")


def changed(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the source any more: update derive_cases.py")
    return text.replace(old, new, 1)


def error_cases() -> dict[str, tuple[str, str]]:
    """Each derived case: its input text and its case.md."""
    cut = TIR.index("«Bakı Meyvə") + len("«Bakı Me")
    return {
        "missing-mrn": (
            changed(TIR, "    <MRN>24GE04010000009344</MRN>\n", ""),
            "invalid — The TIR release without its MRN (required by the schema: a release always has one): "
            "the Declaration ID (D014, required for every kind) is missing, element.missing at 42A/D014; "
            "the LRN is still the functional reference and the rest is normalized.",
        ),
        "bad-datetime": (
            changed(
                TIR,
                "<preparationDateAndTime>2024-11-06T07:48:19</preparationDateAndTime>",
                "<preparationDateAndTime>06.11.2024 07:48</preparationDateAndTime>",
            ),
            "invalid — The TIR release with preparationDateAndTime written `06.11.2024 07:48`: "
            "value.bad-datetime on the issue date and time (42A/D011), once: the date is left out, "
            "not guessed.",
        ),
        "bad-number": (
            changed(
                TIR,
                "<grossMass>19840</grossMass>\n    <Consignor>",
                "<grossMass>19 840 kg</grossMass>\n    <Consignor>",
            ),
            "invalid — The TIR release with the consignment gross mass written `19 840 kg`: value.bad-number "
            "at 42A/28A[1]/131, not a guessed 19840 kg; the house consignment and item masses are kept.",
        ),
        "truncated": (
            TIR[:cut],
            "invalid — The TIR release cut off in the middle of the consignee's name: xml.malformed with "
            "its line, and no message.",
        ),
    }


def main() -> None:
    for name, (text, description) in error_cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "input.xml").write_text(text, encoding="utf-8")
        (folder / "case.md").write_text(description + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
