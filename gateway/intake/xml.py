"""Safe XML parsing: no DTDs, no entities, no network, bounded size, depth and element count.

A document that declares a DTD is refused before parsing (that is where billion-laughs and external
entities live). The parser itself is configured never to load a DTD, resolve an entity or touch the
network. Encodings come from the prolog or a byte-order mark, as XML says: UTF-8 (with or without BOM),
Windows-1251 and GB18030 are the ones the CAREC formats use. Every failure is an `Issue`, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from lxml import etree

from gateway.intake.limits import DEFAULT_LIMITS, LIBXML2_MAX_DEPTH, IntakeLimits
from gateway.issues import Issue, error

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_PROLOG_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_ENCODING_ERRORS = (
    "encoding",
    "not proper utf-8",
    "unsupported encoding",
    "input conversion failed",
    "invalid character",
    "char 0x",
    "bytes:",
)


@dataclass(frozen=True, slots=True)
class ParsedXml:
    """A parsed XML document, or the issues that stopped it."""

    root: etree._Element | None
    issues: list[Issue]
    encoding: str | None = None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, limits: IntakeLimits = DEFAULT_LIMITS) -> ParsedXml:
    """Parse `data` safely; return the root element or coded issues."""
    if not data.strip():
        return ParsedXml(None, [error("intake.empty", "The document is empty.")])
    if len(data) > limits.max_bytes:
        return ParsedXml(
            None,
            [
                error(
                    "intake.too-large",
                    f"The document has {len(data)} bytes; the limit is {limits.max_bytes}.",
                )
            ],
        )
    if _DOCTYPE.search(data):
        return ParsedXml(
            None,
            [error("xml.forbidden", "The document declares a DTD or entities, which the gateway refuses.")],
        )
    encoding = declared_encoding(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return ParsedXml(None, [_syntax_issue(exc, encoding)], encoding)
    except (ValueError, LookupError) as exc:
        return ParsedXml(None, [error("intake.encoding", f"The encoding cannot be used: {exc}.")], encoding)
    return ParsedXml(root, _structure_issues(root, limits), encoding)


def declared_encoding(data: bytes) -> str | None:
    """The encoding named in the XML prolog, if any."""
    match = _PROLOG_ENCODING.match(data[:200])
    return match.group(1).decode("ascii") if match else None


def _syntax_issue(exc: etree.XMLSyntaxError, encoding: str | None) -> Issue:
    message = str(exc.msg or exc)
    lowered = message.lower()
    if "excessive depth" in lowered:
        return error(
            "xml.too-deep", f"Elements nest deeper than {LIBXML2_MAX_DEPTH} levels.", line=exc.lineno or None
        )
    if any(marker in lowered for marker in _ENCODING_ERRORS):
        said = f"declared as {encoding}" if encoding else "with no declared encoding (UTF-8 assumed)"
        return error(
            "intake.encoding", f"The bytes are not valid text {said}: {message}", line=exc.lineno or None
        )
    return error("xml.malformed", f"The XML is not well-formed: {message}", line=exc.lineno or None)


def _structure_issues(root: etree._Element, limits: IntakeLimits) -> list[Issue]:
    if limits.max_depth < LIBXML2_MAX_DEPTH:
        too_deep = etree.XPath("boolean(/" + "/*" * (limits.max_depth + 1) + ")")
        if too_deep(root):
            return [error("xml.too-deep", f"Elements nest deeper than {limits.max_depth} levels.")]
    count = int(cast(float, root.xpath("count(//*)")))
    if count > limits.max_elements:
        return [
            error(
                "xml.too-many-elements",
                f"The document has {count} elements; the limit is {limits.max_elements}.",
            )
        ]
    return []
