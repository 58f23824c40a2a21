"""The entries a name of one kind is compared with: code-list names and aliases, and glossary terms.

Each entry becomes one or more `Term`s (one per name, alias or glossary row) with a native key and a
Latin key (`gateway.resolve.keys`). The catalog looks native keys up exactly and Latin keys through the
fuzzy index, which holds each distinct Latin key once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from gateway.glossary import Glossary, GlossaryEntry, term_key
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.once import Once
from gateway.resolve.consonants import is_pinyin, latin_consonants
from gateway.resolve.divisions import ChineseName, chinese_names, division_level, division_names
from gateway.resolve.dungan import DUNGAN, dungan
from gateway.resolve.kazakh import KAZAKH, kazakh
from gateway.resolve.keys import ascii_key, latin_keys, readings, russian_reading
from gateway.resolve.larger import province_names
from gateway.resolve.palladius import palladius
from gateway.resolve.towns import Town, TownIndex, town_index
from gateway.resolve.variants import address_keys, adjective_stems, without_address_words

if TYPE_CHECKING:  # imported when first built (`_fuzzy_index`): numpy only for fuzzy matches
    from gateway.names.index import FuzzyIndex

CODE_LISTS: Mapping[str, str] = {
    "place": "locode",
    "office": "office",
    "country": "country",
    "package": "package-type",
    "goods": "hs",
}
"""The code list each kind of name is resolved against (contract with the `codelists` branch)."""
DIVISIONS = "cn-division"
"""China's administrative divisions: the Chinese names of UN/LOCODE's places in China."""
TOWNSHIPS = "cn-township"
"""China's towns, townships and subdistricts: names of the place of their county (`resolve/towns.py`)."""

GLOSSARY_KINDS: Mapping[str, tuple[str, ...]] = {
    "place": ("place",),
    "office": ("office",),
    "country": (),
    "package": ("package",),
    "goods": ("goods",),
    "party": ("party",),
}
"""The glossary kinds each kind of name is compared with."""
OF_PART = " of part"
"""Marks a form derived from a part of a UN/LOCODE name (Таншань from "Tangshan Pt"): it ranks after
the forms of a whole name (the city Tangshan), as parts do."""
CYRILLIC_FORMS = tuple(form + part for part in ("", OF_PART) for form in ("palladius", DUNGAN, KAZAKH))
"""Derived Cyrillic forms of Chinese names: compared with Cyrillic names only."""


NO_DIVISION = 2
"""The rank of a place joined to no division of China: a county's (`divisions.division_level`). The
division list names every prefecture-level city, so such a place is none; it may be a county-level
city or a town as well (Jing'an, the seat of Doumen, against 靖安 county): no rank below a county's."""


class Alias(Protocol):
    """Another spelling of a code-list entry (`gateway.codelists.Alias`)."""

    @property
    def text(self) -> str: ...
    @property
    def language(self) -> str: ...


class CodeEntry(Protocol):
    """What resolution reads of a code-list entry (`gateway.codelists.CodeEntry`)."""

    @property
    def code(self) -> str: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def aliases(self) -> Sequence[Alias]: ...
    @property
    def attributes(self) -> Mapping[str, str]: ...


class CodeListSource(Protocol):
    """The code lists (`gateway.codelists.CodeLists`): their entries by kind."""

    def entries(self, kind: str) -> Iterable[CodeEntry]: ...


@dataclass(frozen=True, slots=True)
class Term:
    """One name of one entry, ready to be compared."""

    name: str
    language: str
    code: str | None
    english: str | None
    latin: str | None
    country: str | None
    source: str
    native_key: str
    latin_key: str
    derived: str = ""
    """How the project derived this spelling from the list's ("part": a part of a UN/LOCODE name;
    "palladius" and "dungan": Cyrillic forms of a pinyin name; "distinctive" and "stem": an office
    name without the words of its kind, and the place name in its Russian adjective; "cn-division": a
    Chinese name known, never matched; "cn-township": a town of the place's county, `Catalog.town`);
    empty for the list's own. Derived spellings match fuzzily only."""
    ascii_key: str = ""
    """The Latin form in lower-case ASCII before the skeleton: breaks ties between equal skeletons."""
    consonants: str = ""
    """The consonant skeleton of the name (`gateway.resolve.consonants`), for transcriptions into
    Chinese and spellings that disagree on vowels; empty for derived Palladius forms."""
    pinyin_named: bool = False
    """Whether the entry's English name is pinyin: a Chinese name, which Chinese text meets by its
    pinyin, never by consonants."""
    standing: float = 0.0
    """The entry's standing in UN/LOCODE (`standing`): between two places of one name, the one the list
    knows better."""
    division: str = ""
    """The GB/T 2260 code of the division a Chinese name of a place comes from (`division_terms`)."""
    functions: str = ""
    """The entry's UN/LOCODE function column ("1--45---": port, airport, postal exchange office), what
    kind of customs place it is (`gateway.resolve.homophones`)."""


class Catalog:
    """The terms of one kind of name, with exact lookup by native key and a fuzzy index of Latin keys.

    Only the exact lookup is built at once; the fuzzy index, the Chinese readings, the consonant
    skeletons and the towns (which read the township list) are built on first use, once, whichever
    thread asks first (`gateway.once`): a name found exactly never pays for them, and the answers are
    those of a catalog built whole."""

    def __init__(
        self,
        terms: Sequence[Term],
        towns: TownIndex | Callable[[], TownIndex] | None = None,
        provinces: Mapping[str, str] | None = None,
        china: frozenset[str] = frozenset(),
    ) -> None:
        self.terms = tuple(terms)
        self.provinces: Mapping[str, str] = provinces or {}
        """China's province-level divisions by name (`gateway.resolve.larger`)."""
        self.china = china
        """Every name of China's divisions, full and without its kind (`divisions.division_names`)."""
        self._by_native: dict[str, list[Term]] = {}
        self._by_latin: dict[str, list[Term]] = {}
        for term in self.terms:
            if not term.derived:  # derived spellings are never exact matches
                self._by_native.setdefault(term.native_key, []).append(term)
            if term.latin_key:
                self._by_latin.setdefault(term.latin_key, []).append(term)
        self.latin_keys = list(self._by_latin)
        self._index = Once(functools.partial(_fuzzy_index, self.latin_keys))
        self._countries: dict[str, tuple[list[str], FuzzyIndex]] = {}
        self._chinese = Once(functools.partial(_ChineseNames, self.terms))
        self._consonants = Once(functools.partial(_by_consonants, self.terms))
        self._towns = Once(towns if callable(towns) else functools.partial(_given, towns))
        self._town_places = Once(functools.partial(_town_places, self.terms, self._towns))

    @property
    def index(self) -> FuzzyIndex:
        """The fuzzy index of every Latin key (`latin_keys`), built on first use."""
        return self._index.get()

    @property
    def towns(self) -> TownIndex:
        """The towns that name places (`gateway.resolve.towns`), joined on first use: the township list
        is read only then."""
        return self._towns.get()

    def warm(self) -> None:
        """Build now what is otherwise built on first use: the indexes, and the towns with the keys of
        their sounds (a serving process
        does this before it reports ready, so that no document waits for them)."""
        for lazy in (self._index, self._chinese, self._consonants, self._towns, self._town_places):
            lazy.get()
        self.towns.sounds.get()

    def exact(self, text: str) -> list[Term]:
        """The terms whose native key is that of `text`."""
        return list(self._by_native.get(term_key(text), ()))

    def town(self, text: str) -> Term | None:
        """The place whose county holds the town named `text` (`gateway.resolve.towns`: by a name of its
        own, or after its county's), as a derived "cn-township" term, or None: never exact (a town is
        inside the place) and never fuzzy (no Latin key). The source names the town and its county."""
        town = self.towns.find(text.strip())
        return self._town_term(town, "") if town else None

    def town_by_sound(self, text: str) -> Term | None:
        """The place whose county holds the town a Cyrillic name reads as (`gateway.resolve.town_sounds`:
        Сунлин is 松陵, a town of Wujiang), as `town` gives it, the source also saying how it was read."""
        found = self.towns.by_sound(text)
        return self._town_term(found[0], f", read as {found[1]}") if found else None

    def _town_term(self, town: Town, reading: str) -> Term | None:
        place = self._town_places.get().get(town.place)
        if place is None:
            return None
        town_of = f"{TOWNSHIPS} {town.code} {town.full}, town of {town.county_name}{reading}"
        source = f"code-list locode {place.code} ({town_of})"
        named = term_key(town.full)
        return replace(place, name=town.full, language="zh-Hans", source=source, native_key=named,
                       latin_key="", derived=TOWNSHIPS, ascii_key="", consonants="")  # fmt: skip

    def other_chinese_name(self, term: Term, chinese: str) -> bool:
        """Whether `term`'s entry is a place of China with known Chinese names and `chinese` (a name in
        Chinese characters) reads as none of them: 亭江 (Tingjiang) against Yingjiang, whose name is 盈江.
        Names of one reading pass (常徳, written with a Japanese form of 德, is 常德 Changde); places
        abroad have several Chinese transcriptions (泰尔梅兹, 铁尔梅兹 Termez): they are not held to one."""
        known = self._chinese.get().readings.get(term.code or "", set()) if term.country == "CN" else set()
        return bool(known) and not known & _pinyin_readings(chinese)

    def different_places(self, first: Term, second: Term) -> bool:
        """Whether two entries are known to be different places of one country: both have Chinese
        names (the division list's, the code list's own) and share none, as 苏州 (Suzhou, Jiangsu) and
        宿州 (Suzhou, Anhui); UN/LOCODE's twin codes of one city share theirs (泰州 CNTZO and CNTZU)."""
        han_names = self._chinese.get().names
        names = [han_names.get(term.code or "", set()) for term in (first, second)]
        return first.country == second.country and all(names) and not names[0] & names[1]

    def more_prominent(self, first: Term, second: Term) -> bool:
        """Whether `first` is the seat of a higher division of China than `second` (a province-level city
        over a prefecture-level one, that over a county or district: GB/T 2260's codes say which), so that a
        name both read as means the larger place, as a gazetteer reads "Jinan": 济南, Shandong's
        capital, not Shanghai's district 静安. A place of China joined to no division (no Chinese name:
        "Jinzhou" CNJZI) ranks as a county (NO_DIVISION), below a prefecture-level city (锦州 CNJNZ,
        "Jinzhou Pt")."""
        rank = self._chinese.get().division_rank
        first_rank = rank.get(first.code or "")
        if first_rank is None or first.country != second.country:
            return False
        return first_rank < rank.get(second.code or "", NO_DIVISION)

    def near(self, key: str, limit: int, country: str | None = None) -> list[Term]:
        """The terms of the `limit` Latin keys nearest `key`, as the fuzzy index ranks them; with a
        `country`, the keys nearest among the names of that country's entries."""
        keys, index = self._country_index(country) if country else (self.latin_keys, self.index)
        if not key or not keys:
            return []
        found: list[Term] = []
        for match in index.search(key, limit=limit):
            found.extend(
                t for t in self._by_latin[keys[match.position]] if not country or t.country == country
            )
        return found

    def _country_index(self, country: str) -> tuple[list[str], FuzzyIndex]:
        """The Latin keys of one country's entries and their fuzzy index, built on first use."""
        built = self._countries.get(country)
        if built is None:
            keys = sorted(
                {term.latin_key for term in self.terms if term.country == country and term.latin_key}
            )
            built = self._countries[country] = (keys, _fuzzy_index(keys))
        return built

    def same_consonants(self, country: str, consonants: str, chinese: bool) -> list[Term]:
        """The entries of `country` with a name of these consonants, one term each; for a `chinese`
        name only the entries whose name is not pinyin."""
        found = self._consonants.get().get((country, consonants), {}).values()
        return [term for term in found if not (chinese and term.pinyin_named)]


@dataclass(frozen=True)
class Listed:
    """What the catalog of a kind takes from the code lists, which no glossary changes: the terms of
    its list's entries (with the Chinese names of the divisions they are seats of), the towns (joined,
    and keyed by sound, on first use) and China's provinces. A resolver builds it once and gives it to
    the catalog of every glossary version, so a reloaded glossary rebuilds none of it."""

    terms: tuple[Term, ...] = ()
    towns: Callable[[], TownIndex] | None = None
    provinces: Mapping[str, str] = field(default_factory=dict)
    china: frozenset[str] = frozenset()


def listed(kind: str, codelists: CodeListSource | None) -> Listed:
    """The code lists' part of the catalog of `kind` (empty for a kind of glossary terms only)."""
    list_name = CODE_LISTS.get(kind)
    if codelists is None or list_name is None:
        return Listed()
    entries = list(codelists.entries(list_name))
    chinese = chinese_names(entries, codelists.entries(DIVISIONS)) if list_name == "locode" else {}
    provinces = province_names(codelists.entries(DIVISIONS)) if list_name == "locode" else {}
    china = division_names(codelists.entries(DIVISIONS)) if list_name == "locode" else frozenset()
    terms: list[Term] = []
    for code_entry in entries:
        terms.extend(code_terms(list_name, code_entry))
        terms.extend(division_terms(code_entry, chinese.get(code_entry.code, ())))
    towns = Once(functools.partial(_towns, entries, codelists, chinese))
    return Listed(tuple(terms), towns.get, provinces, china)


def build_catalog(
    kind: str, codelists: CodeListSource | None, glossary: Glossary, part: Listed | None = None
) -> Catalog:
    """The catalog of `kind` from the code lists (if any; `part`, when given, is what `listed` made of
    them) and the glossary (the towns of a place catalog joined on first use)."""
    part = part or listed(kind, codelists)
    terms = list(part.terms)
    if kind == "office":
        words = address_keys(entry.term for entry in glossary.of_kind("address"))
        terms += distinctive_terms(terms, words)
    for glossary_entry in glossary.of_kind(*GLOSSARY_KINDS.get(kind, ())):
        terms.extend(glossary_terms(glossary_entry, glossary.version))
    return Catalog(terms, part.towns, part.provinces, part.china)


def code_terms(list_name: str, entry: CodeEntry) -> list[Term]:
    """A term for each name and alias of a code-list entry, and for the spellings derived from them:
    the parts of a UN/LOCODE name and the Palladius form of a Chinese one (fuzzy matches only)."""
    english = entry.names.get("en") or _latin_name(entry.names)
    country = entry.attributes.get("country") or (
        entry.code[:2] if list_name in ("locode", "office") else None
    )
    spellings = [
        *((language, name, "") for language, name in entry.names.items()),
        *((alias.language, alias.text, "") for alias in entry.aliases),
    ]
    if list_name == "locode":
        spellings += [("", part, "part") for _, name, _ in list(spellings) for part in locode_parts(name)]
        if english and country == "CN":
            pinyin = without_port(english)  # "Tangshan Pt" is Таншань too, after the city's own
            of_part = "" if pinyin == english else OF_PART
            spellings.append(("ru", palladius(pinyin) or "", "palladius" + of_part))
            spellings.append(("kk", dungan(pinyin) or "", DUNGAN + of_part))
            spellings.append(("kk", kazakh(pinyin) or "", KAZAKH + of_part))
    chinese_name = is_pinyin(ascii_key(english or ""))  # pinyin decides, not consonants
    seen: set[str] = set()
    terms = []
    for language, name, derived in spellings:
        if name and name not in seen:
            seen.add(name)
            dungan_form = derived.startswith((DUNGAN, KAZAKH))  # letters Russian lacks
            reading = russian_reading(name) if dungan_form else name
            plain, key = latin_keys(reading, "ru" if dungan_form else language or None)
            source = f"code-list {list_name} {entry.code}"
            consonants = "" if derived in CYRILLIC_FORMS else latin_consonants(plain)
            terms.append(
                Term(name, language, entry.code, english, english, country, source, term_key(name), key,
                     derived, plain, consonants, chinese_name, standing(entry.attributes),
                     functions=entry.attributes.get("function", ""))
            )  # fmt: skip
    return terms


def division_terms(entry: CodeEntry, names: Sequence[ChineseName]) -> list[Term]:
    """Terms for the Chinese names a UN/LOCODE place takes from the division list
    (`gateway.resolve.divisions`), without a Latin key, so that 宿州 never meets Suzhou, Jiangsu through
    their one pinyin: exact names, and the others as derived "division" terms (never matched; they tell
    the resolver the place's Chinese names). The source cites the division."""
    english = entry.names.get("en") or _latin_name(entry.names)
    country = entry.attributes.get("country") or entry.code[:2]
    named = is_pinyin(ascii_key(english or ""))
    return [
        Term(name.name, "zh-Hans", entry.code, english, english, country,
             f"code-list locode {entry.code} ({DIVISIONS} {name.division} {name.name})", term_key(name.name),
             "", "" if name.exact else DIVISIONS, pinyin_named=named, standing=standing(entry.attributes),
             division=name.division, functions=entry.attributes.get("function", ""))
        for name in names
    ]  # fmt: skip


def _towns(
    entries: Sequence[CodeEntry], codelists: CodeListSource, chinese: Mapping[str, Sequence[ChineseName]]
) -> TownIndex:
    if not chinese:
        return TownIndex({}, {})  # no place of China joined its county: the township list is not read
    return town_index(entries, codelists.entries(DIVISIONS), codelists.entries(TOWNSHIPS), chinese)


def _given(towns: TownIndex | None) -> TownIndex:
    return towns or TownIndex({}, {})


def _town_places(terms: Sequence[Term], towns: Once[TownIndex]) -> dict[str, Term]:
    """The first own term of each place that towns name."""
    with_towns = towns.get().places
    return {t.code: t for t in reversed(terms) if t.code in with_towns and not t.derived}


def _fuzzy_index(keys: Sequence[str]) -> FuzzyIndex:
    """The fuzzy index of `keys`; numpy and the index are imported only when a name is compared
    fuzzily (a name found exactly never needs them: `gateway resolve` starts ~0.1 s faster)."""
    from gateway.names.index import FuzzyIndex  # noqa: PLC0415

    return FuzzyIndex(keys)


class _ChineseNames:
    """The pinyin readings and Chinese names of the entries that have Chinese names, and the rank of the
    division a place is the seat of (`Catalog.other_chinese_name`, `different_places`, `more_prominent`)."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.readings: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        self.division_rank: dict[str, int] = {}
        for term in terms:
            if term.code and term.derived in ("", DIVISIONS) and detect_script(term.name) in HAN_FAMILY:
                self.readings.setdefault(term.code, set()).update(_pinyin_readings(term.name))
                self.names.setdefault(term.code, set()).add(term.native_key)
                if term.division:
                    level = division_level(term.division)
                    self.division_rank[term.code] = min(level, self.division_rank.get(term.code, level))


def _by_consonants(terms: Sequence[Term]) -> dict[tuple[str | None, str], dict[str, Term]]:
    """The terms by country and consonant skeleton, the first of each code."""
    found: dict[tuple[str | None, str], dict[str, Term]] = {}
    for term in terms:
        if term.consonants and term.code:
            found.setdefault((term.country, term.consonants), {}).setdefault(term.code, term)
    return found


def distinctive_terms(terms: Sequence[Term], words: frozenset[str]) -> list[Term]:
    """Office names without the words that say what kind of office they are (таможня, кеден бекеті,
    bojxona posti, 海关, customs post: address words of the glossary), and with the place name inside a
    Russian adjective ("Ошская таможня": "Ошская", "Ош"), so that a name agrees on its distinctive word
    first, not on the words every office shares. Derived: fuzzy matches only; a candidate shows the
    office's full name."""
    derived: list[Term] = []
    for term in terms:
        if term.derived:
            continue
        distinctive, removed = without_address_words(term.name, words)
        stem = adjective_stems(distinctive)
        for name, how in ((distinctive if removed else "", "distinctive"), (stem, "stem")):
            if name:
                plain, key = latin_keys(name, term.language or None)
                consonants = latin_consonants(plain)
                derived.append(replace(term, native_key=term_key(name), latin_key=key, derived=how,
                                       ascii_key=plain, consonants=consonants))  # fmt: skip
    return derived


@functools.lru_cache(maxsize=4096)
def _pinyin_readings(chinese: str) -> frozenset[str]:
    """The pinyin readings of a Chinese name (`keys.readings`), in lower-case ASCII."""
    return frozenset(plain for plain, _ in readings(chinese, "zh"))


FUNCTIONS = 8
"""The positions of UN/LOCODE's function column (port, rail, road, airport, postal, ... border crossing)."""


def standing(attributes: Mapping[str, str]) -> float:
    """How well UN/LOCODE knows a place, 0 to 1: half for an approved status (A*: approved by a national
    agency, customs, a standards body; not RL recognised, RQ requested, XX to be removed) and half by
    the share of its function codes ("12-45---": port, rail, airport, postal). Changsha CNCSH (AS,
    four functions) stands above Changsha CNCNA (RL, two)."""
    approved = 0.5 if attributes.get("status", "").startswith("A") else 0.0
    functions = sum(1 for mark in attributes.get("function", "")[:FUNCTIONS] if mark not in "-0 ")
    return approved + 0.5 * functions / FUNCTIONS


_QUALIFIER = re.compile(r"\s+Pt\.?$")
_BRACKETED = re.compile(r"\s*\(([^)]*)\)\s*")


def without_port(name: str) -> str:
    """A UN/LOCODE name without its port qualifier: "Tangshan Pt" is Tangshan."""
    return _QUALIFIER.sub("", name)


def locode_parts(name: str) -> list[str]:
    """The names inside a UN/LOCODE name: without its port qualifier ("Tangshan Pt"; airports keep
    theirs: they are other places than their city), and both sides of a bracket ("Taicheng (Taishan)",
    "Bishkek (ex Frunze)" gives Bishkek and Frunze)."""
    parts = [without_port(name)]
    inside = _BRACKETED.search(name)
    if inside:
        parts += [_BRACKETED.sub(" ", name).strip(), inside.group(1).removeprefix("ex ").strip()]
    return [part for part in parts if part and part != name]


def _latin_name(names: Mapping[str, str]) -> str | None:
    """The first name written in Latin letters (official UN/LOCODE rows are `und-Latn`)."""
    latin = (name for language, name in names.items() if language.endswith("-Latn") or name.isascii())
    return next(latin, None)


def glossary_terms(entry: GlossaryEntry, version: str) -> list[Term]:
    """The terms of a glossary row: its term, and its Latin and English forms (names of the same thing)."""
    country = entry.code[:2] if entry.kind in ("place", "office") and entry.code else None
    spellings = {entry.term: entry.language}
    for other in (entry.latin, entry.english):
        if other:
            spellings.setdefault(other, "en")
    source = f"glossary {entry.reference} ({version})"
    terms = []
    for name, language in spellings.items():
        plain, key = latin_keys(name, language)
        terms.append(
            Term(name, language, entry.code or None, entry.english, entry.latin or None, country, source,
                 term_key(name), key, ascii_key=plain)
        )  # fmt: skip
    return terms
