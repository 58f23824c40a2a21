"""Shared set-up of the agreement tests: the project's readiness data and demo agreements, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.agreements import Agreements, Readiness, load_readiness

PROJECT = Path(__file__).parent.parent.parent
AGREEMENTS = PROJECT / "agreements"
READINESS = AGREEMENTS / "readiness.yaml"
HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def readiness() -> Readiness:
    """The readiness scores of the ADB review."""
    return load_readiness(READINESS)


@pytest.fixture(scope="session")
def demo_agreements() -> Agreements:
    """The demo agreements of the CAREC pairs in agreements/."""
    return Agreements.load(AGREEMENTS)
