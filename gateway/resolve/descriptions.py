"""Goods descriptions of a harmonized message: the glossary's goods terms found in them, and HS hints.

A goods item's description (Commodity/Description, WCO 137) gets a `Resolution` of kind `goods`
(docs/resolution.md, "Goods descriptions"). When glossary terms are found in it (`gateway.resolve.goods`),
its method is `glossary-terms`: `english` renders what was recognised (the terms' English forms in the
order of the text, never a translation of the description), `code` is the HS code the terms agree on
(the most specific, when each term's code is a prefix of the next), the score is the share of the
description's letters the terms cover, and each term found is a `Candidate` with its English form, HS
code and glossary row. With no term found, the description is transliterated (method
`transliteration`, score 0), and the unresolved queue counts it for terminologists.

When the item declares an HS code and no term's code is a prefix of it, nor it of a term's, the
description and the code disagree: a warning (`goods.hs-mismatch`) at the description's pointer, a
hint for the officer's risk assessment, never a rejection.

Descriptions repeat from document to document: results are kept per (text, language, country,
glossary version), and the terms are indexed once per glossary version.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from lxml import etree

from gateway.glossary import Glossary
from gateway.glossary.entry import GlossaryEntry
from gateway.issues import Issue, warning
from gateway.names.language import detect_language
from gateway.names.schemes import scheme_for
from gateway.names.script import detect_script
from gateway.names.transliteration import transliterate
from gateway.resolve.goods import GoodsTerms, covered_share, matching_form, without_look_alikes
from gateway.resolve.recent import Recent
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Candidate, Resolution

TERMS_METHOD = "glossary-terms"
RENDERING_NOTE = "english renders the goods terms found, not the whole description"


class GoodsDescriptions:
    """Resolves goods descriptions with the resolver's glossary in force (reloaded while running)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._terms: GoodsTerms | None = None
        self._recent: Recent[tuple[str, str | None, str | None, str | None, str], Resolution] = Recent(
            resolver.memo_size
        )

    def describe(
        self,
        text: str,
        language: str | None,
        country: str | None,
        script: str | None = None,
        keep: bool = True,
    ) -> Resolution:
        """The resolution of the goods description `text`, with the language and script the message
        gives it (the mapping guessed them as it does for names; detected here when not given); `keep`
        as `Resolver.resolve`'s."""
        glossary = self.resolver.glossary()
        key = (text, language, script, country, glossary.version)
        self._recent.keep_version(glossary.version)
        return self._recent.get(key, lambda: self._describe(text, language, script, country, glossary), keep)

    def terms(self, glossary: Glossary) -> GoodsTerms:
        """The goods terms of `glossary`, indexed on first use of its version."""
        terms = self._terms
        if terms is None or terms.version != glossary.version:
            terms = self._terms = GoodsTerms(glossary)
        return terms

    def _describe(
        self, text: str, language: str | None, script: str | None, country: str | None, glossary: Glossary
    ) -> Resolution:
        folded, findings = without_look_alikes(unicodedata.normalize("NFC", text.strip()))
        notes = tuple(f"look-alike {f.original!r} read as {f.replacement!r}" for f in findings)
        script = script or detect_script(folded)
        language = language or detect_language(folded, (), country).language
        scheme = scheme_for(language, script)
        matching = matching_form(folded)
        found = self.terms(glossary).find(matching, script, language)
        entries = list(dict.fromkeys(term.entry for term in found))
        base = (text, "goods", language, script, transliterate(folded, scheme), scheme)
        if not entries:
            return Resolution(*base, None, None, "transliteration", 0.0, None, glossary.version, notes=notes)
        return Resolution(
            *base,
            "; ".join(dict.fromkeys(entry.english for entry in entries)),
            agreed_code([entry.code for entry in entries]),
            TERMS_METHOD,
            covered_share(matching, found),
            "glossary " + ", ".join(entry.reference for entry in entries) + f" ({glossary.version})",
            glossary.version,
            tuple(_candidate(entry) for entry in entries),
            notes=(*notes, RENDERING_NOTE),
        )


def agreed_code(codes: Sequence[str]) -> str | None:
    """The most specific of `codes` when each is a prefix of the longest (1001 and 100199: 100199),
    else None (the terms name different goods). Empty codes are left out."""
    given = sorted((code for code in codes if code), key=len)
    if not given or any(not given[-1].startswith(code) for code in given):
        return None
    return given[-1]


def hs_mismatch(resolution: Resolution, declared: Sequence[str], pointer: str) -> Issue | None:
    """`goods.hs-mismatch` when the terms found have HS codes and none agrees with a declared code."""
    codes = [candidate.code for candidate in resolution.candidates if candidate.code]
    if resolution.method != TERMS_METHOD or not codes or not declared:
        return None
    if any(code.startswith(hs) or hs.startswith(code) for code in codes for hs in declared):
        return None
    terms = ", ".join(f"«{c.name}» ({c.english}, HS {c.code})" for c in resolution.candidates if c.code)
    return warning(
        "goods.hs-mismatch",
        f"The goods description names {terms}, but the item is classified {', '.join(declared)}: "
        "a hint for risk assessment, not a rejection.",
        pointer=pointer,
    )


def annotation_source(root: etree._Element, namespace: str, pointer: str) -> dict[str, Any]:
    """The national document's path and line of the value at `pointer`, from the message's Annotations
    (nested like the Declaration: each Annotation's pointer and source relative to its parent's)."""
    level = root.find(namespace + "Annotations")
    rest, sources = pointer, []
    while level is not None:
        for child in level:
            own = child.get("pointer", "")
            if child.tag == namespace + "Field" and own == rest:
                sources.append(child.get("source", ""))
                line = child.get("line")
                return {"source": "/".join(sources).replace("//", "/"), "line": int(line) if line else None}
            if child.tag == namespace + "Annotation" and rest.startswith(own + "/"):
                sources.append(child.get("source", ""))
                rest, level = rest[len(own) + 1 :], child
                break
        else:
            return {}
    return {}


def _candidate(entry: GlossaryEntry) -> Candidate:
    return Candidate(
        entry.code or None, entry.english, entry.latin or None, entry.term, 1.0, f"glossary {entry.reference}"
    )
