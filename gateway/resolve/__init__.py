"""Name resolution: code lists, then the glossary exactly and fuzzily, then transliteration.

A pure library (no web, database or network). `Resolver.resolve(text, kind, country)` gives a
`Resolution`: the original kept, its language and script, the Latin and English forms, the code, the
method, a score in [0, 1], the entry and glossary version behind it, and the runner-up candidates.
See docs/resolution.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gateway.once import lazy_names

if TYPE_CHECKING:
    from gateway.resolve.catalog import CodeListSource
    from gateway.resolve.resolver import KINDS, Resolver
    from gateway.resolve.result import Candidate, Resolution

__all__ = ["KINDS", "Candidate", "CodeListSource", "Resolution", "Resolver"]
_WHERE = {"CodeListSource": "catalog", "KINDS": "resolver", "Resolver": "resolver"} | dict.fromkeys(
    ("Candidate", "Resolution"), "result"
)


# The names above are imported from their module when first asked for: a module that needs one light
# part of the package (`resolve.annotation` for `share()`, in `gateway worker`) does not import the
# resolver, its catalogs and pypinyin (~0.4 s and ~64 MB per process).
__getattr__ = lazy_names(__name__, _WHERE)
