"""What the per-format fixture tests share: a format's golden cases, which of them are valid, parsing an
input safely, and schemas loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

GOLDEN = Path(__file__).parent / "golden"
_SAFE = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def cases(format_name: str) -> list[Path]:
    """The case folders of a format, sorted."""
    return sorted(path.parent for path in (GOLDEN / format_name).glob("*/input.*"))


def verdict(case: Path) -> str:
    """The first word of the case's case.md, lowercased: `valid`, `invalid`, `error`..."""
    words = (case / "case.md").read_text(encoding="utf-8").split()
    return words[0].strip(".,:—-").lower() if words else ""


def valid_cases(format_name: str) -> list[Path]:
    """The cases whose case.md starts with "Valid"."""
    return [case for case in cases(format_name) if verdict(case) == "valid"]


def parse_file(path: Path) -> etree._ElementTree:
    """A national document parsed without DTDs, entities or network."""
    return etree.ElementTree(etree.fromstring(path.read_bytes(), _SAFE))


@cache
def xml_schema(path: Path) -> etree.XMLSchema:
    """The XSD at `path`, loaded once."""
    return etree.XMLSchema(etree.parse(str(path)))


STAND_INS = {
    # format: (the comment every input opens with, how many broken cases at least)
    "kz-eaeu-pi": ("the Kazakhstan EAEU preliminary-information format (kz-eaeu-pi)", 7),
    "cn-gacc-manifest": ("the China GACC e-manifest format (cn-gacc-manifest)", 7),
    "kg-eaeu-pi": ("the Kyrgyz EAEU preliminary-information format (kg-eaeu-pi)", 4),
    "tj-asycuda-manifest": ("the Tajikistan ASYCUDA World manifest format (tj-asycuda-manifest)", 5),
}


def label(format_name: str) -> bytes:
    """The comment that opens the second line of every input of a stand-in format."""
    return f"<!-- STAND-IN fixture for {STAND_INS[format_name][0]}; not an official schema. -->".encode()
