"""A serving process does the first documents' set-up before it answers: every mapping compiled and the
resolver's catalogs of the names messages hold built (the first document a worker receives no longer
waits ~0.5 s for them, and the server reports ready only once they are built)."""

from __future__ import annotations

import asyncio

from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings
from gateway.store.memory import MemoryStore


def test_the_app_compiles_every_mapping_and_builds_its_catalogs_before_it_answers() -> None:
    normalizer = Normalizer.from_settings(Settings())
    app = create_app(Settings(), store=MemoryStore(), normalizer=normalizer)
    assert normalizer.resolution is not None
    resolver = normalizer.resolution.resolver
    before = dict(resolver._catalogs)  # what was built before the start

    async def start_and_stop() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(start_and_stop())
    assert sorted(normalizer._compiled) == sorted(normalizer.registry.mappings)  # every format compiled
    version = resolver.glossary().version
    built = {kind for kind, built_for in resolver._catalogs if built_for == version}
    assert before == {} and {"place", "office", "party", "country", "package"} <= built
