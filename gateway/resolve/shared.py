"""A name that places in different countries bear or bore: glossary rows of one term, one per country.

Ленинск was Baikonur (Kazakhstan, 1966-1995) and Asaka (Uzbekistan, 1937-1991): a Kazakh officer
reading it means Baikonur, an Uzbek one Asaka. The glossary holds one row per country (the country
is the code's: `gateway.glossary.reader.meanings_clash` refuses two in one country), the resolver
takes the row of the sender's country (`resolver._exact`, as among code-list names of one spelling),
and for a sender of another country, or none, `undecided` gives the rows, which the resolver lists as
candidates without choosing one: no country's reading is the document's. A name only near such a name
(Ленинское, a village name of its own, against Ленинск) is no reading of it either (`unsure`): a name
given to so many places has kin (Ленинское, Лениногорск, Ленинабад) that are other places.
"""

from __future__ import annotations

from gateway.resolve.catalog import Catalog, Term
from gateway.resolve.scoring import FUZZY_CEILING

GLOSSARY_SOURCE = "glossary "


def sharing_places(catalog: Catalog, term: Term) -> list[Term]:
    """The glossary rows whose term is `term`'s name, one per meaning in file order, when `term` is such
    a row and the name has more than one meaning (places of different countries); else none."""
    if term.derived or not term.source.startswith(GLOSSARY_SOURCE):
        return []
    meanings: dict[tuple[str | None, str | None], Term] = {}
    for other in catalog.exact(term.name):
        if other.source.startswith(GLOSSARY_SOURCE):
            meanings.setdefault((other.code, other.english), other)
    return list(meanings.values()) if len(meanings) > 1 else []


def undecided(catalog: Catalog, term: Term, country: str | None) -> list[Term]:
    """The places sharing `term`'s name (`sharing_places`) when none lies in the sender's `country`
    (a sender of a third country, or none): the sender's country cannot decide among them."""
    places = sharing_places(catalog, term)
    if country and any(place.country == country for place in places):
        return []
    return places


def unsure(catalog: Catalog, best: tuple[float, Term], country: str | None) -> list[Term]:
    """The places sharing the name the best fuzzy entry is met by, when that does not settle them: the
    sender's `country` has none of them (`undecided`), or the document's name is only near theirs
    (below FUZZY_CEILING: Ленинское is not Ленинск)."""
    score, term = best
    places = sharing_places(catalog, term)
    return places if score < FUZZY_CEILING else undecided(catalog, term, country)


def near_note(written: str, places: list[Term]) -> str:
    """Why a name near a shared name was not read as it."""
    return (
        f"{written} is near {places[0].name}, a name of {_listed(places)}: "
        "a name given to several places is taken only as written"
    )


def undecided_note(places: list[Term], country: str | None) -> str:
    """Why no place was chosen: the places that bear the name, and the sender's country."""
    sender = f"a document of {country}" if country else "a document of no known country"
    return f"{places[0].name} names {_listed(places)}; {sender} does not say which"


def _listed(places: list[Term]) -> str:
    """The places as an officer reads them: "Ganja (AZGAN), Panj (no code)"."""
    return ", ".join(f"{place.english} ({place.code or 'no code'})" for place in places)
