"""Recognise the syntax of a document from its first bytes, and its format from what the syntax shows.

Each syntax shows something that names its format (docs/mappings.md, "Detection"): an XML document its
root element and namespace (`detect: {root, namespace}`); a JSON document the keys of its top-level object
(`detect: {keys: [...]}`: all of them present); a CSV document its header (`detect: {header: [...]}`: all
of these columns present); a UN/EDIFACT interchange the message identifier of its UNH (`detect:
{message_type: "CUSCAR:D:96B:UN"}`: these components of S009 equal, an empty one matching anything). When
several formats match, the one that asks for the most keys, columns or components wins; when that is a
tie, or none matches, the issue (`format.ambiguous`, `format.unknown`) says what the document showed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from gateway.intake.edifact import Interchange
from gateway.intake.json import JsonNode
from gateway.issues import Issue, error
from gateway.mapping.registry import FormatRegistry
from gateway.mapping.rules import Detection, Mapping

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHOWN = 8
"""Keys or columns quoted in an issue before the rest are only counted."""

Score = Callable[[Detection], int | None]
"""How well a format's detection rule fits a document: None when it does not, else its specificity."""


def sniff_syntax(data: bytes) -> str | None:
    """xml, json, edifact or csv, from the first significant bytes; None when nothing fits."""
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if data.startswith(_BOMS[1:]):  # UTF-16 text: sniffed as text, refused by the intake that reads it
        head = data[:4096].decode("utf-16", "ignore").encode("utf-8")
    head = head.lstrip()
    if head.startswith(b"<"):
        return "xml"
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:3] in (b"UNA", b"UNB"):
        return "edifact"
    if _BINARY.search(head) is None and any(mark in head for mark in (b"\n", b",", b";", b"\t")):
        return "csv"
    return None


def detect_format(
    syntax: str, document: object, registry: FormatRegistry
) -> tuple[Mapping | None, Issue | None]:
    """The one mapping of `syntax` that fits the document best, or a coded issue saying what was seen.
    `document` is the XML root element, the JSON root node, the CSV header or the EDIFACT interchange."""
    score, seen, where = _signature(syntax, document)
    scored = [
        (fit, mapping)
        for mapping in registry.by_syntax(syntax)
        if (fit := score(mapping.detection)) is not None
    ]
    if not scored:
        return None, error("format.unknown", f"No known format has {seen}.", **where)
    best = max(fit for fit, _ in scored)
    winners = [mapping for fit, mapping in scored if fit == best]
    if len(winners) == 1:
        return winners[0], None
    names = ", ".join(mapping.format for mapping in winners)
    return None, error("format.ambiguous", f"Formats {names} all have {seen}.")


def check_format(syntax: str, document: object, mapping: Mapping) -> Issue | None:
    """An issue when the document is not in the format that was asked for."""
    score, seen, where = _signature(syntax, document)
    if score(mapping.detection) is not None:
        return None
    return error(
        "format.mismatch",
        f"Format {mapping.format} expects {_expected(mapping.detection)}; the document has {seen}.",
        **where,
    )


Where = dict[str, object]
"""Where in the document detection looked, for the issue: source path and line, when there are any."""


def _signature(syntax: str, document: object) -> tuple[Score, str, Where]:
    if isinstance(document, etree._Element):
        return _xml_signature(document)
    if syntax == "json":
        keys = _top_level_keys(document)
        shown = f"the top-level keys {_listed(keys)}" if keys is not None else _not_an_object(document)
        where: Where = {"line": document.sourceline} if isinstance(document, JsonNode) else {}
        return (lambda detection: _all_present(detection.keys, keys or ())), shown, where
    if syntax == "csv":
        header = tuple(document) if isinstance(document, Sequence) else ()
        return (
            (lambda detection: _all_present(detection.header, header)),
            f"the header columns {_listed(header)}",
            {},
        )
    if isinstance(document, Interchange):
        message_type = document.message_type()
        shown = f"UNH message type {':'.join(message_type)} (sender {document.sender()!r})"
        return (lambda detection: _message_type_fit(detection.message_type, message_type)), shown, {}
    return (lambda detection: None), f"no {syntax} content the gateway can read", {}


def _xml_signature(root: etree._Element) -> tuple[Score, str, Where]:
    name = etree.QName(root)

    def score(detection: Detection) -> int | None:
        same_root = detection.root == name.localname
        return 2 if same_root and (detection.namespace or None) == (name.namespace or None) else None

    shown = f"root element {name.localname!r} in namespace {name.namespace or '(none)'!r}"
    return score, shown, {"source": f"/{name.localname}", "line": root.sourceline}


def _top_level_keys(root: object) -> tuple[str, ...] | None:
    if isinstance(root, JsonNode) and isinstance(root.value, dict):
        return tuple(root.value)
    return None


def _not_an_object(root: object) -> str:
    value = root.value if isinstance(root, JsonNode) else None
    what = "an array" if isinstance(value, list) else "a single value" if value is not None else "null"
    return f"no top-level object ({what} instead)"


def _all_present(required: tuple[str, ...], present: Sequence[str]) -> int | None:
    if not required:
        return None
    available = set(present)
    return len(required) if all(name in available for name in required) else None


def _message_type_fit(required: str | None, message_type: tuple[str, ...]) -> int | None:
    if not required:
        return None
    wanted = required.split(":")
    if len(wanted) > len(message_type):
        return None
    if any(part and part != message_type[position] for position, part in enumerate(wanted)):
        return None
    return sum(1 for part in wanted if part)


def _expected(detection: Detection) -> str:
    if detection.root:
        return f"root element {detection.root!r} in namespace {detection.namespace or '(none)'!r}"
    if detection.keys:
        return f"the top-level keys {_listed(detection.keys)}"
    if detection.header:
        return f"the header columns {_listed(detection.header)}"
    if detection.message_type:
        return f"UNH message type {detection.message_type}"
    return "a detection rule of its syntax (keys, header or message_type), and has none"


def _listed(names: Sequence[str]) -> str:
    quoted = ", ".join(repr(name) for name in names[:_SHOWN])
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return f"[{quoted}{more}]"
