"""Derive the error cases of the cn-gacc-manifest golden folder from its three valid inputs.

The valid inputs are written by hand (the rail one is kept in GB18030: decode it with
``bytes.decode("gb18030")`` to edit it and encode it back with ``str.encode("gb18030")``). Each error case
is one deliberate change to one of them, made here so that the bytes, above all the GB18030 ones, are
produced by Python's codecs and never by hand. Run it from the repository root after changing a valid
input, then regenerate the goldens and review the diff::

    .venv/bin/python tests/golden/cn-gacc-manifest/derive_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k cn-gacc-manifest --regenerate-golden
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ROAD = (HERE / "road-horgos-almaty-utf8" / "input.xml").read_text(encoding="utf-8")
REAL_NAMESPACE = "urn:Declaration:datamodel:standard:CN:MT2401:1"
RAIL = (HERE / "rail-alashankou-dostyk-gb18030" / "input.xml").read_bytes().decode("gb18030")


def changed(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the source any more: update derive_cases.py")
    return text.replace(old, new, 1)


def error_cases() -> dict[str, tuple[bytes, str]]:
    """Each derived case: its input bytes and its case.md."""
    cut = ROAD.encode("utf-8").index("石化贸易".encode()) + 2
    namespace = 'xmlns="urn:carec-gateway:stand-in:cn:gacc-manifest:1"'
    return {
        "missing-consignor-name": (
            changed(ROAD, "        <Name>克拉玛依某某石化贸易有限公司</Name>\n", "").encode("utf-8"),
            "Error. The consignor of the first consignment of the road manifest has no Name (R020, required "
            "for every kind): element.missing at 42A/28A[1]/30A/R020, and nothing else.",
        ),
        "unknown-transport-mode": (
            changed(ROAD, "<TypeCode>4</TypeCode>", "<TypeCode>7</TypeCode>").encode("utf-8"),
            "Error. Transport mode 7 (保税区, a GACC code for a customs area, not a mode of transport) "
            "has no UN/ECE Rec 19 equivalent: code.unmapped, then the mode at the border (T022) that a "
            "cargo report requires is missing.",
        ),
        "bad-date": (
            changed(
                ROAD,
                "<DepartureDateTime>20240313100000086</DepartureDateTime>",
                "<DepartureDateTime>20240231100000086</DepartureDateTime>",
            ).encode("utf-8"),
            "Error. The truck's departure on 31 February 2024 (20240231100000086): value.bad-datetime at "
            "42A/15A/X011.",
        ),
        "bad-number": (
            changed(
                ROAD,
                "<GrossMassMeasure>16128.000</GrossMassMeasure>\n          <NetNetWeightMeasure>",
                "<GrossMassMeasure>约16128公斤</GrossMassMeasure>\n          <NetNetWeightMeasure>",
            ).encode("utf-8"),
            'Error. An item\'s gross mass written as 约16128公斤 ("about 16128 kg"): value.bad-number at '
            "42A/28A[1]/29A[1]/65A/126.",
        ),
        "gb18030-declared-as-utf8": (
            changed(RAIL, 'encoding="GB18030"', 'encoding="UTF-8"').encode("gb18030"),
            "Error. The rail manifest's GB18030 bytes behind a prolog that says UTF-8, a common mistake of a "
            "sending system: intake.encoding, and no message.",
        ),
        "truncated": (
            ROAD.encode("utf-8")[:cut],
            f"Error. The road manifest cut off after {cut} bytes, between the bytes of the UTF-8 "
            "character 石 in the first consignor's name: xml.malformed, and no message.",
        ),
        "wrong-namespace": (
            changed(ROAD, namespace, f'xmlns="{REAL_NAMESPACE}"').encode("utf-8"),
            "Error. The right root (Manifest) in the namespace of the real GACC message instead of the "
            "stand-in's: `--format auto` does not recognise it (format.unknown), and `--format "
            "cn-gacc-manifest` refuses it (format.mismatch).",
        ),
        "unknown-message-type": (
            ROAD.replace("MT2401", "MT2101").encode("utf-8"),
            "Error. Message type MT2101, a number of the real family (for another mode of transport) that "
            "the stand-in does not define: kind.unknown.",
        ),
    }


def main() -> None:
    for name, (data, note) in error_cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "input.xml").write_bytes(data)
        (folder / "case.md").write_text(note + "\n", encoding="utf-8")
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
