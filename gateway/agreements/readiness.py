"""Exchange readiness: the review's scores per country and key area, and the level a pair qualifies for.

The scores and thresholds are data (`agreements/readiness.yaml`, with its source). A country qualifies for
the Complex Information Exchange (CIE) when its assessment is complete and its readiness and maturity
averages reach the CIE thresholds; every country qualifies for the Simple Information Exchange (SIE). A
pair runs CIE only when both countries qualify for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pycountry

from gateway.agreements.yamlfile import Place, read_yaml

READINESS_FILE = "readiness.yaml"
STREAMS = ("readiness", "maturity")


class Level(StrEnum):
    """The exchange level of the review: Simple or Complex Information Exchange."""

    SIE = "SIE"
    CIE = "CIE"


@dataclass(frozen=True, slots=True)
class Assessment:
    """One country's scores: per stream, the score of each key area in order (None where not assessed)."""

    country: str
    name: str
    scores: dict[str, tuple[float | None, ...]]

    @property
    def complete(self) -> bool:
        """Whether every key area was assessed."""
        return all(score is not None for scores in self.scores.values() for score in scores)

    def average(self, stream: str) -> float:
        """The mean score of the assessed areas of `stream` (readiness or maturity)."""
        assessed = [score for score in self.scores[stream] if score is not None]
        return sum(assessed) / len(assessed)


@dataclass(frozen=True, slots=True)
class Readiness:
    """The scores of every assessed country and the thresholds of the CIE level."""

    source: str
    areas: dict[str, tuple[str, ...]]
    thresholds: dict[str, float]
    complete_required: bool
    assessments: dict[str, Assessment]

    def level(self, country: str) -> Level:
        """The highest level `country` qualifies for on its own."""
        return Level.SIE if self.shortfalls(country) else Level.CIE

    def shortfalls(self, country: str) -> list[str]:
        """Why `country` does not qualify for CIE (empty when it does)."""
        assessment = self.assessments.get(country)
        if assessment is None:
            return [f"{country} has no readiness assessment"]
        reasons = []
        if self.complete_required and not assessment.complete:
            reasons.append(f"{country}'s assessment is incomplete")
        for stream in STREAMS:
            average, threshold = assessment.average(stream), self.thresholds[stream]
            if round(average, 6) < threshold:
                reasons.append(f"{country}'s {stream} average {average:.2f} is below {threshold}")
        return reasons

    def qualifies(self, first: str, second: str) -> Level:
        """The level a pair of countries qualifies for: CIE when both do, SIE otherwise."""
        return min(self.level(first), self.level(second), key=_RANK.__getitem__)


_RANK = {Level.SIE: 0, Level.CIE: 1}


def load_readiness(file: Path) -> Readiness:
    """Read and check the readiness file; InvalidAgreement names the file, YAML path and reason."""
    place = Place(file)
    data = place.mapping(
        read_yaml(file),
        frozenset({"source", "areas", "thresholds", "countries"}),
        frozenset({"source", "scale", "areas", "thresholds", "countries"}),
    )
    areas = _areas(place / "areas", data["areas"])
    thresholds, complete = _thresholds(place / "thresholds", data["thresholds"])
    countries = place / "countries"
    assessments = {
        code: _assessment(countries / str(code), code, spec, areas)
        for code, spec in countries.table(data["countries"]).items()
    }
    return Readiness(place.text(data["source"]), areas, thresholds, complete, assessments)


def _areas(place: Place, value: Any) -> dict[str, tuple[str, ...]]:
    areas = place.mapping(value, frozenset(STREAMS), frozenset(STREAMS))
    return {stream: tuple((place / stream).sequence(areas[stream])) for stream in STREAMS}


def _thresholds(place: Place, value: Any) -> tuple[dict[str, float], bool]:
    cie = (place / "CIE").mapping(
        place.mapping(value, frozenset({"CIE"}), frozenset({"CIE"}))["CIE"],
        frozenset(STREAMS),
        frozenset({*STREAMS, "complete"}),
    )
    thresholds = {stream: _score(place / "CIE" / stream, cie[stream]) for stream in STREAMS}
    return thresholds, bool(cie.get("complete", True))


def _assessment(place: Place, code: Any, value: Any, areas: dict[str, tuple[str, ...]]) -> Assessment:
    if not isinstance(code, str) or pycountry.countries.get(alpha_2=code) is None:
        raise place.fail(f"{code!r} is not an ISO 3166 alpha-2 country code")
    spec = place.mapping(
        value, frozenset({"name", *STREAMS}), frozenset({"name", *STREAMS, "printed_average"})
    )
    scores = {stream: _scores(place / stream, spec[stream], len(areas[stream])) for stream in STREAMS}
    if all(score is None for score in scores["readiness"]) or all(s is None for s in scores["maturity"]):
        raise place.fail("a country needs at least one assessed area in each stream")
    return Assessment(code, place.text(spec["name"]), scores)


def _scores(place: Place, value: Any, count: int) -> tuple[float | None, ...]:
    scores = place.sequence(value)
    if len(scores) != count:
        raise place.fail(f"has {len(scores)} scores for {count} key areas")
    return tuple(
        None if score is None else _score(place / index, score) for index, score in enumerate(scores)
    )


def _score(place: Place, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
        raise place.fail(f"a score is a number from 1 to 5, not {value!r}")
    return float(value)
