"""Fixtures of the resolution tests: the project's glossary and a resolver over a small place table."""

from __future__ import annotations

import pytest
from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return Glossary.load(PROJECT_ROOT / "glossary")


@pytest.fixture(scope="session")
def resolver(glossary: Glossary) -> Resolver:
    return Resolver(TableCodeLists({"locode": PLACES}), glossary, threshold=0.85)
