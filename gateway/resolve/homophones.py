"""Names that read as two places of one country, and the one a customs gateway reads them as.

Сучжоу is 苏州 (Suzhou, Jiangsu) and 宿州 (Suzhou, Anhui); Фучжоу is 福州 and 抚州: the letters cannot
tell them apart (`read_alike`). For a customs gateway the two places are not equal, though: UN/LOCODE's
function column (UNECE Recommendation No. 16, UN/LOCODE Manual, "Function") says what each is for goods:
1 a port, 2 a rail terminal, 3 a road terminal, 4 an airport, 5 a postal exchange office, 6 a multimodal
function such as an inland clearance depot, 7 a fixed transport installation, B a border crossing. A
port, an airport and a border crossing are where goods enter and leave a country (ENTRY_POINTS), so
where declarations of goods in transit name a place; the other functions serve goods inland. When one
reading is an entry point and no other is, and no other is the seat of a higher division of China
(`Catalog.more_prominent`), the name is read as it (`weightier`), with a score just above the default
threshold (`scoring.WEIGHTIER_READING`) and a note naming both and why; else the officer chooses.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.resolve.catalog import FUNCTIONS, Catalog, Term
from gateway.resolve.scoring import ownership

ENTRY_POINTS = {"1": "port", "4": "airport", "B": "border crossing"}
"""UN/LOCODE's functions of the places where goods enter or leave a country."""
INLAND = {
    "2": "rail terminal",
    "3": "road terminal",
    "5": "postal exchange office",
    "6": "inland clearance depot",
    "7": "fixed transport installation",
}
"""UN/LOCODE's functions of places that serve goods inland."""
COUNTS = {2: "two", 3: "three", 4: "four"}


def functions_of(term: Term) -> list[str]:
    """What UN/LOCODE says the place of `term` is for goods, in the column's order ("port", ...)."""
    named = ENTRY_POINTS | INLAND
    return [named[mark] for mark in term.functions[:FUNCTIONS] if mark in named]


def is_entry_point(term: Term) -> bool:
    """Whether the place is a port, an airport or a border crossing (ENTRY_POINTS)."""
    return any(mark in ENTRY_POINTS for mark in term.functions[:FUNCTIONS])


def read_alike(catalog: Catalog, ranked: Sequence[tuple[float, Term]]) -> list[Term]:
    """The first place of `ranked` and the other places of its country that tie with it (Сучжоу:
    苏州 and 宿州), or [] when none does. A tie with a place the ranking already puts after the first
    (a port named after a city, a derived spelling against a name of the list's own, a county against
    a prefecture-level city) is no homophone; twins of one city are none either."""
    score, first = ranked[0]
    alike = [first]
    for other_score, other in ranked[1:]:
        if other_score != score:
            break
        if catalog.more_prominent(first, other) or ownership(other.derived) != ownership(first.derived):
            continue
        if catalog.different_places(first, other):
            alike.append(other)
    return alike if len(alike) > 1 else []


def alike_note(alike: Sequence[Term]) -> str:
    """ "reads alike as CNSZH and CNSUH, two places of CN"."""
    codes = [term.code or term.name for term in alike]
    listed = f"{', '.join(codes[:-1])} and {codes[-1]}"
    return f"reads alike as {listed}, {COUNTS.get(len(codes), str(len(codes)))} places of {alike[0].country}"


def weightier(catalog: Catalog, alike: Sequence[Term]) -> Term | None:
    """The one place of `alike` that is an entry point of goods when no other is, and the seat of no
    lower division than any other; None when there is no such place (the weights are equal)."""
    entry_points = [term for term in alike if is_entry_point(term)]
    if len(entry_points) != 1:
        return None
    chosen = entry_points[0]
    others = [term for term in alike if term is not chosen]
    return None if any(catalog.more_prominent(term, chosen) for term in others) else chosen


def weightier_note(chosen: Term, alike: Sequence[Term]) -> str:
    """Why `chosen` is given: "CNSZH given, an entry point: port, postal exchange office, inland
    clearance depot; CNSUH: road terminal (UN/LOCODE functions)"."""
    described = [
        f"{term.code}: {', '.join(functions_of(term)) or 'no function known'}"
        for term in alike
        if term is not chosen
    ]
    return (
        f"{chosen.code} given, an entry point: {', '.join(functions_of(chosen))}; "
        f"{'; '.join(described)} (UN/LOCODE functions)"
    )
