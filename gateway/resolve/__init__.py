"""Name resolution: code lists, then the glossary exactly and fuzzily, then transliteration.

A pure library (no web, database or network). `Resolver.resolve(text, kind, country)` gives a
`Resolution`: the original kept, its language and script, the Latin and English forms, the code, the
method, a score in [0, 1], the entry and glossary version behind it, and the runner-up candidates.
See docs/resolution.md.
"""

from gateway.resolve.catalog import CodeListSource
from gateway.resolve.resolver import KINDS, Resolver
from gateway.resolve.result import Candidate, Resolution

__all__ = ["KINDS", "Candidate", "CodeListSource", "Resolution", "Resolver"]
