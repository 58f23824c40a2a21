"""A place abroad whose name the Cyrillic reads as keeps that name from a Chinese town of the same
sound (`resolver._town_by_sound`: a place the fuzzy ranking holds at the threshold whose own name the
variant reads as is a place of its own, not a town).

The case is real: Kokand (UZKOK) is 浩罕 in Chinese, and 浩罕乡 is a township of Kashgar city (喀什市,
cn-township 653101203). A Russian text that writes Kokand's Chinese name in Palladius writes Хаохань,
which reads haohan: the township's key, unique among China's towns. The guard keeps Kokand; without
it, the name would take Kashgar's code (CNKSS) as a town by sound."""

from __future__ import annotations

import pytest
from place_table import place, resolver_with_towns, unlocode

from gateway.glossary import Glossary
from gateway.resolve import Resolver

PLACES = (
    unlocode("CNKSS", "Kashi", "XJ", "--3-----", "AS", ""),
    # codelists/locode's row of Kokand, with its Chinese name
    place("UZKOK", "Kokand", ru="Коканд", uz="Qoʻqon", uz_Cyrl="Қўқон", zh_Hans="浩罕"),
)


@pytest.fixture(scope="module")
def resolver(glossary: Glossary) -> Resolver:
    return resolver_with_towns(PLACES, glossary)


def test_the_sound_is_a_town_s_alone(resolver: Resolver) -> None:
    catalog = resolver.catalog("place", resolver.glossary())
    town = catalog.town_by_sound("Хаохань")
    assert town is not None and town.code == "CNKSS"
    assert town.source.endswith("(cn-township 653101203 浩罕乡, town of 喀什市, read as haohan)")


@pytest.mark.parametrize("sender", ["KZ", "KG", "CN", None])
def test_a_place_abroad_read_with_the_same_sound_keeps_its_name_from_the_town(
    resolver: Resolver, sender: str | None
) -> None:
    result = resolver.resolve("Хаохань", "place", sender)
    assert (result.code, result.method) == ("UZKOK", "fuzzy")
    assert "CNKSS" not in {candidate.code for candidate in result.candidates}
