"""A fuzzy place of the sender's country that stands alone is given at 0.86, with a note.

The ratio test of nearest-neighbour matching (`gateway.resolve.separation`): «Экибастс» (Ekibastuz with
a letter lost) meets Ekibastuz at 0.82 and no other place nearer than 0.57, so a Kazakh document's
«Экибастс» is Ekibastuz; «Каргалы» (a village name of Kazakhstan) meets Karaganda at 0.75 with a place
of Pakistan as near, so it is not. None of the names is a row of the accuracy set.
"""

from __future__ import annotations

from renamed_rows import official_lists, official_resolver

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.catalog import Term
from gateway.resolve.separation import UNRANKED, same_place, standing_alone
from gateway.settings import PROJECT_ROOT


def test_a_place_of_the_senders_country_far_ahead_of_every_other_is_given() -> None:
    result = official_resolver().resolve("Экибастс", "place", "KZ")
    assert (result.code, result.method, result.score) == ("KZEKB", "fuzzy", 0.86)
    assert any(note.startswith("stands alone: 0.82, the next place 0.57 (KGBYK)") for note in result.notes)


def test_a_place_abroad_standing_alone_stays_a_candidate() -> None:
    for country in ("UZ", None):
        result = official_resolver().resolve("Экибастс", "place", country)
        assert result.code is None
        assert result.candidates[0].code == "KZEKB"


def test_a_place_with_another_as_near_stays_a_candidate() -> None:
    result = official_resolver().resolve("Каргалы", "place", "KZ")
    assert result.code is None
    assert not any(note.startswith("stands alone") for note in result.notes)


def test_a_stricter_threshold_does_not_take_it() -> None:
    strict = Resolver(official_lists(), Glossary.load(PROJECT_ROOT / "glossary"), threshold=0.9)
    result = strict.resolve("Экибастс", "place", "KZ")
    assert result.code is None
    assert result.candidates[0].code == "KZEKB"


def place(code: str, english: str, country: str = "TJ") -> Term:
    return Term(english, "en", code, english, english, country, f"code-list locode {code}", "", "")


def test_twins_of_one_city_are_one_place() -> None:
    khujand, khudzhand = place("TJKHU", "Khujand"), place("TJLBD", "Khudzhand")
    assert same_place(khujand, khudzhand)
    assert not same_place(khujand, place("TJKLB", "Kulob"))
    ranked = [(0.83, khujand), (0.83, khudzhand), (0.73, place("CNHOD", "Hongdong", "CN"))]
    assert standing_alone(ranked, "TJ", "Cyrl") == (0.73, ranked[2][1])


def test_chinese_characters_never_stand_alone() -> None:
    ranked = [(0.82, place("CNZKO", "Zhoukou", "CN"))]
    assert standing_alone(ranked, "CN", "Hans") is None
    assert standing_alone(ranked, "CN", "Cyrl") == (UNRANKED, None)


def test_a_near_runner_up_or_a_weak_best_does_not_stand_alone() -> None:
    best = place("TJKHU", "Khujand")
    assert standing_alone([(0.83, best), (0.77, place("TJKLB", "Kulob"))], "TJ", "Cyrl") is None
    assert standing_alone([(0.7, best)], "TJ", "Cyrl") is None
