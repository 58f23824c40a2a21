"""Build the resolver and the pipeline's resolution stage from the settings."""

from __future__ import annotations

from gateway.codelists import CodeLists
from gateway.glossary import LiveGlossary
from gateway.model import Model
from gateway.resolve.resolver import Resolver
from gateway.resolve.stage import NameResolution
from gateway.settings import Settings


def resolver_from_settings(settings: Settings, codelists: CodeLists | None = None) -> Resolver:
    """A resolver over the code lists and live glossary that `settings` name (`InvalidGlossary` if bad)."""
    codelists = codelists or CodeLists.load(settings.codelists_dir)
    glossary = LiveGlossary(settings.glossary_dir, settings.glossary_check_seconds)
    return Resolver(codelists, glossary, settings.resolve_threshold, settings.resolve_memo_size)


def stage_from_settings(settings: Settings, codelists: CodeLists, model: Model) -> NameResolution | None:
    """The pipeline's resolution stage, or None when `resolve_names` is off."""
    if not settings.resolve_names:
        return None
    resolver = resolver_from_settings(settings, codelists)
    return NameResolution(resolver, model, settings.resolve_searches_per_document)
