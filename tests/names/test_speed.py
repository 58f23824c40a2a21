"""The speed figures of bench/names.py read every scheme (a scheme without samples broke it)."""

from __future__ import annotations

from gateway.names.schemes import SCHEMES
from gateway.names.speed import SAMPLES


def test_every_scheme_has_speed_samples_of_its_script() -> None:
    assert {scheme.source_script for scheme in SCHEMES.values()} <= set(SAMPLES) | {"Hans", "Hant"}
