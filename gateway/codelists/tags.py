"""Language tags (BCP 47) and script codes (ISO 15924) as code-list files may use them."""

from __future__ import annotations

import re
from functools import cache

import pycountry

_TAG = re.compile(r"(?P<language>[a-z]{2,3})(?:-(?P<script>[A-Z][a-z]{3}))?(?:-(?P<region>[A-Z]{2}|\d{3}))?")


def tag_problem(tag: str) -> str | None:
    """Why `tag` is not a language tag a code list may use (language, then optional script and region),
    or None when it is one."""
    match = _TAG.fullmatch(tag)
    if match is None:
        return f"{tag!r} is not a BCP 47 tag of the form language[-Script][-REGION] (e.g. uz-Cyrl, zh-Hans)"
    if not known_language(match["language"]):
        return f"{match['language']!r} in {tag!r} is not an ISO 639 language"
    if match["script"] and not known_script(match["script"]):
        return f"{match['script']!r} in {tag!r} is not an ISO 15924 script"
    return None


@cache
def known_language(code: str) -> bool:
    """Whether `code` is an ISO 639 language (two or three letters), or `und` (undetermined)."""
    if code == "und":
        return True
    field = "alpha_2" if len(code) == 2 else "alpha_3"
    return pycountry.languages.get(**{field: code}) is not None


@cache
def known_script(code: str) -> bool:
    """Whether `code` is an ISO 15924 script code (Cyrl, Latn, Hans, Mong, ...)."""
    return pycountry.scripts.get(alpha_4=code) is not None
