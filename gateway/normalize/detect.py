"""Recognise the syntax of a document from its first bytes, and its format from what the syntax shows."""

from __future__ import annotations

from lxml import etree

from gateway.issues import Issue, error
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import Mapping

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff_syntax(data: bytes) -> str | None:
    """xml, json, edifact or csv, from the first significant bytes; None when nothing fits."""
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.lstrip()
    if head.startswith(b"<"):
        return "xml"
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:3] in (b"UNA", b"UNB"):
        return "edifact"
    if b"\n" in head or b"," in head or b";" in head:
        return "csv"
    return None


def detect_xml_format(root: etree._Element, registry: FormatRegistry) -> tuple[Mapping | None, Issue | None]:
    """The one XML mapping whose namespace and root element match, or a coded issue saying what was seen."""
    name = etree.QName(root)
    matches = [
        mapping
        for mapping in registry.by_syntax("xml")
        if mapping.detection.root == name.localname
        and (mapping.detection.namespace or None) == (name.namespace or None)
    ]
    if len(matches) == 1:
        return matches[0], None
    seen = f"root element {name.localname!r} in namespace {name.namespace or '(none)'!r}"
    if not matches:
        return None, error(
            "format.unknown",
            f"No known format has {seen}.",
            source=f"/{name.localname}",
            line=root.sourceline,
        )
    names = ", ".join(mapping.format for mapping in matches)
    return None, error("format.ambiguous", f"Formats {names} all have {seen}.")


def check_xml_format(root: etree._Element, mapping: Mapping) -> Issue | None:
    """An issue when the document is not in the XML format that was asked for."""
    name = etree.QName(root)
    detection = mapping.detection
    if detection.root == name.localname and (detection.namespace or None) == (name.namespace or None):
        return None
    return error(
        "format.mismatch",
        f"Format {mapping.format} expects root {detection.root!r} in namespace "
        f"{detection.namespace or '(none)'!r}; the document has {name.localname!r} in "
        f"{name.namespace or '(none)'!r}.",
        source=f"/{name.localname}",
        line=root.sourceline,
    )
