"""Resolve a name: code list first, then the glossary exactly, then fuzzily, then transliteration.

`Resolver.resolve(text, kind, country)` gives a `Resolution` that keeps the original and says how it was
obtained. Exact matches compare native keys (look-alike letters folded, case, quotes and ё ignored).
Fuzzy matches compare Latin keys (`gateway.resolve.keys`): the fuzzy index shortlists, the resolver
rescores the shortlist with rapidfuzz's `ratio` on the Latin keys and on the native keys and keeps the
better; an entry of the sender's country wins a tie. Below the threshold an entry is a candidate, never
the result. The same text, kind, country and glossary version always give the same result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from gateway.glossary import Glossary, LiveGlossary, term_key
from gateway.names.confusables import fold_confusables
from gateway.names.language import detect_language
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve.catalog import (
    CYRILLIC_FORMS,
    Catalog,
    CodeListSource,
    Listed,
    Term,
    build_catalog,
    listed,
    without_port,
)
from gateway.resolve.consonants import abjad_alike, alike_in_vowel_places, is_abjad, read_by_letters
from gateway.resolve.homophones import alike_note, read_alike, weightier, weightier_note
from gateway.resolve.inflection import (
    FORM_FLOOR,
    FORM_MARGIN,
    Form,
    document_languages,
    in_own_languages,
)
from gateway.resolve.inflection import forms as inflected_forms
from gateway.resolve.kazakh import written_in_kazakh
from gateway.resolve.keys import (
    latin_form,
    latin_form_noting,
    persian_letters,
    plain_letters,
    readings,
    simplified_chinese,
)
from gateway.resolve.larger import without_larger_places
from gateway.resolve.party import legal_form_country, split_legal_form
from gateway.resolve.recent import Recent
from gateway.resolve.result import Candidate, Resolution
from gateway.resolve.scoring import (
    ADJECTIVE_STEM,
    CHINESE_WRITING,
    CONSONANT_MATCH,
    FUZZY_CEILING,
    INFLECTED,
    OTHER_CHINESE_NAME,
    OTHER_SYLLABLES,
    SEPARATED,
    TOWN,
    TOWN_BY_SOUND,
    TRANSCRIPTION_TIE,
    WEIGHTIER_READING,
    chinese_exonym,
    other_syllables,
    other_syllables_score,
    pinyin_rank,
    same_consonants,
    transcription_rank,
    weighted_rank,
)
from gateway.resolve.separation import alone_note, standing_alone
from gateway.resolve.shared import near_note, undecided, undecided_note, unsure
from gateway.resolve.syllables import written_as_chinese
from gateway.resolve.town_sounds import cyrillic_readings, heard_as
from gateway.resolve.variants import (
    address_keys,
    adjective_stems,
    name_variants,
    without_address_words,
)

KINDS = ("place", "office", "country", "package", "goods", "party")
SHORTLIST = 10
RECENT = 4096
"""How many recent resolutions are kept (first in, first out) unless told (GATEWAY_RESOLVE_MEMO_SIZE)."""
CANDIDATES = 4
CANDIDATE_FLOOR = 0.6
"""Entries scoring below this are not worth an officer's look: they are not listed as candidates."""
COUNTRY_TIE = 0.02
"""How much an entry of the sender's country may score below another and still rank first."""
OWN_OVER_ABROAD = 0.9
"""An entry of the sender's country scoring this much beats an exact name of another country's entry."""
NOT_SEARCHED = "looked up exactly only: the document's names to search were spent"
"""The note of a name resolved without a search (`Resolver.resolve(search=False)`)."""


class Resolver:
    """Resolves names against code lists and a glossary (fixed, following its folder, or a function
    giving the current one)."""

    def __init__(
        self,
        codelists: CodeListSource | None,
        glossary: Glossary | LiveGlossary | Callable[[], Glossary],
        threshold: float = 0.85,
        memo_size: int = RECENT,
    ) -> None:
        self.codelists = codelists
        self.live = glossary if isinstance(glossary, LiveGlossary) else None
        """The glossary following its folder, when given one (a serving process sweeps it)."""
        if isinstance(glossary, LiveGlossary):
            glossary = glossary.current
        self._glossary = glossary if callable(glossary) else (lambda: glossary)
        self.threshold = threshold
        self._catalogs: dict[tuple[str, str], Catalog] = {}
        self._listed: dict[str, Listed] = {}
        self._addresses: dict[str, frozenset[str]] = {}
        self.memo_size = memo_size
        self._recent: Recent[tuple[str, str, str | None, str | None, str], Resolution] = Recent(memo_size)
        self._building = threading.Lock()

    def glossary(self) -> Glossary:
        """The glossary in force."""
        return self._glossary()

    def catalog(self, kind: str, glossary: Glossary) -> Catalog:
        """The catalog of `kind` for this glossary version, built on first use."""
        key = (kind, glossary.version)
        catalog = self._catalogs.get(key)
        if catalog is None:
            with self._building:  # one thread builds it; the others wait for it
                catalog = self._catalogs.get(key)
                if catalog is None:
                    if kind not in self._listed:  # the code lists' part: kept for every glossary version
                        self._listed[kind] = listed(kind, self.codelists)
                    catalog = build_catalog(kind, self.codelists, glossary, self._listed[kind])
                    kept = {old: value for old, value in self._catalogs.items() if old[0] != kind}
                    self._catalogs = {**kept, key: catalog}  # swapped whole: readers never see it half-made
        return catalog

    def _address_keys(self, glossary: Glossary) -> frozenset[str]:
        keys = self._addresses.get(glossary.version)
        if keys is None:
            self._addresses = {glossary.version: address_keys(e.term for e in glossary.of_kind("address"))}
            keys = self._addresses[glossary.version]
        return keys

    def resolve(
        self,
        text: str,
        kind: str,
        country: str | None = None,
        language: str | None = None,
        keep: bool = True,
        search: bool = True,
    ) -> Resolution:
        """The resolution of `text`, a name of `kind` (one of KINDS) from a document of `country`.

        Names repeat from document to document: the last RECENT results are kept, by their input and
        the glossary version, so a repeated name costs a dictionary lookup. `keep` False: a one-off
        look-up, not kept (the unresolved queue's check must not push out the names documents repeat).
        `search` False: the name is looked up exactly (code lists, glossary) and otherwise transliterated,
        with the note NOT_SEARCHED and an exact name abroad as a candidate, never searched for near
        names, which costs milliseconds a name (a document's names beyond the stage's budget: it keeps
        one document from holding a worker for minutes). Such a result is not kept: it is cheap, and not
        the name's answer."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of name {kind!r}: one of {', '.join(KINDS)}")
        glossary = self.glossary()
        if not search:
            return self._resolve(text, kind, country, language, glossary, search=False)
        key = (text, kind, country, language, glossary.version)
        self._recent.keep_version(glossary.version)  # a reload empties the memo
        return self._recent.get(key, lambda: self._resolve(text, kind, country, language, glossary), keep)

    def _resolve(
        self,
        text: str,
        kind: str,
        country: str | None,
        language: str | None,
        glossary: Glossary,
        search: bool = True,
    ) -> Resolution:
        folded, findings = fold_confusables(text.strip())
        notes = tuple(f"look-alike {f.original!r} read as {f.replacement!r}" for f in findings)
        prior = country
        if kind == "party" and country is None and (form := legal_form_country(folded, glossary)):
            prior, notes = form.country, (*notes, form.note)  # ТОО: Kazakhstan's, letters aside
        guess = detect_language(folded, [language] if language else (), prior)
        base = _transliterated(text, folded, kind, guess.language, country, glossary.version, notes)
        if kind == "party":
            return self._party(base, folded, glossary)
        return self._name(base, folded, kind, country, glossary, language, search)

    def _name(
        self,
        base: Resolution,
        folded: str,
        kind: str,
        country: str | None,
        glossary: Glossary,
        language: str | None = None,
        search: bool = True,
    ) -> Resolution:
        catalog = self.catalog(kind, glossary)
        words = self._address_keys(glossary)
        variants = name_variants(folded, words)
        variants, country, notes = self._country_part(kind, variants, country, glossary)
        if kind == "place":
            variants, country, larger = self._larger_places(
                catalog, folded, words, variants, country, glossary
            )
            notes += larger
        base = replace(base, notes=base.notes + notes)
        cyrillic = base.script == "Cyrl"
        exact, definite = _exact_name(catalog, kind, folded, variants, country)
        if (exact is not None and definite) or not search:
            return _exactly(base, *exact) if exact is not None and definite else _unsearched(base, exact)
        names = [variant for variant, _ in variants]
        office = cyrillic and kind == "office"  # Russian names offices after their city's adjective
        stems = [stem for name in names if (stem := adjective_stems(name))] if office else []
        worded = frozenset(name for name in names if without_address_words(name, words)[1])
        ranked = self._ranked(
            catalog, names + stems, base.language, country, cyrillic, (frozenset(stems), worded)
        )
        if exact is not None and not (ranked and _own_over_abroad(ranked[0], country)):
            if abroad := _named_abroad(exact[2], ranked, country):
                return replace(base, candidates=_candidates(ranked), notes=base.notes + abroad)
            return _exactly(base, *exact)
        if exact is None and kind == "place" and cyrillic:
            forms = [form for name in names for form in _forms(name, words, country)]
            tongues = document_languages(language, base.language, country)
            ranked, read = self._inflected(catalog, forms, base.language, country, ranked, tongues)
            base = replace(base, notes=base.notes + read)
        town = self._town_named(catalog, variants, ranked, country, cyrillic) if exact is None else None
        if town is not None:
            others = [(score, term) for score, term in ranked if term.code != town[0].code]
            return _resolved(base, *town, "town", (), _candidates(others))
        if kind == "place":
            ranked, alone = _standing_alone(ranked, country, base.script, variants[0][0] if variants else "")
            base = replace(base, notes=base.notes + alone)
        sure = bool(ranked) and ranked[0][0] >= self.threshold
        margin = TRANSCRIPTION_TIE if cyrillic and written_in_kazakh(folded) else 0.0
        ranked = _larger_first(catalog, ranked, margin) if sure else ranked
        alike = read_alike(catalog, ranked) if sure else []
        shared = _shared_note(catalog, ranked[0], folded, country) if sure else ()
        if sure and not alike and not shared:
            score, best = ranked[0]
            return _resolved(base, best, score, "fuzzy", (), _candidates(ranked[1:]))
        if shared:  # candidates only, however alike: the name's places are of several countries
            base, alike = replace(base, notes=base.notes + shared), []
        return self._read_alike(base, catalog, ranked, alike)

    def _town_named(
        self,
        catalog: Catalog,
        variants: list[tuple[str, list[str]]],
        ranked: list[tuple[float, Term]],
        country: str | None,
        cyrillic: bool,
    ) -> tuple[Term, float] | None:
        """The place of the town a variant names by its characters, at TOWN (an entry of the sender's
        country at OWN_OVER_ABROAD beats a town abroad); else, for a Cyrillic name, by its sound, at
        TOWN_BY_SOUND (`_town_by_sound`)."""
        town = _town(catalog, variants)
        if town is not None and not (
            ranked and _abroad(town, country) and _own_over_abroad(ranked[0], country)
        ):
            return town, TOWN
        heard = _town_by_sound(catalog, variants, ranked, country, self.threshold) if cyrillic else None
        return (heard, TOWN_BY_SOUND) if heard is not None else None

    def _read_alike(
        self, base: Resolution, catalog: Catalog, ranked: list[tuple[float, Term]], alike: list[Term]
    ) -> Resolution:
        """Candidates, with a note when the name reads as several places of one country (`alike`); the
        one that weighs far more as a customs place (`homophones.weightier`) as the result, at
        WEIGHTIER_READING, when that passes the threshold."""
        notes = base.notes + ((alike_note(alike),) if alike else ())
        chosen = weightier(catalog, alike) if alike and self.threshold <= WEIGHTIER_READING else None
        if chosen is None:
            return replace(base, candidates=_candidates(ranked), notes=notes)
        others = [(score, term) for score, term in ranked if term.code != chosen.code]
        why = (weightier_note(chosen, alike),)
        given = replace(base, notes=notes)
        return _resolved(given, chosen, WEIGHTIER_READING, "fuzzy", why, _candidates(others))

    def _country_part(
        self, kind: str, variants: list[tuple[str, list[str]]], country: str | None, glossary: Glossary
    ) -> tuple[list[tuple[str, list[str]]], str | None, tuple[str, ...]]:
        """A part of a place name that names a country ("Қорғас (Хоргос), ҚХР") says where the place
        is: it replaces the sender as the preferred country, and is not looked up as a place."""
        if kind not in ("place", "office") or len(variants) < 2:
            return variants, country, ()
        countries = self.catalog("country", glossary)
        for variant, _ in variants[1:]:
            named = [term.code for term in countries.exact(variant) if term.code]
            if named:
                kept = [item for item in variants if item[0] != variant]
                return kept, named[0], (f"{variant} names the country {named[0]}",)
        return variants, country, ()

    def _larger_places(
        self,
        catalog: Catalog,
        folded: str,
        words: frozenset[str],
        variants: list[tuple[str, list[str]]],
        country: str | None,
        glossary: Glossary,
    ) -> tuple[list[tuple[str, list[str]]], str | None, tuple[str, ...]]:
        """A Chinese place name that begins with its country or province (中国上海, 安徽省宿州市): the
        variants of the rest first, then the others, and the country named as the preferred one
        (`gateway.resolve.larger`)."""
        countries = self.catalog("country", glossary)
        country_of = lambda part: next((t.code for t in countries.exact(part) if t.code), None)  # noqa: E731
        rest, named, removed = without_larger_places(folded, country_of, catalog.provinces)
        if not removed:
            return variants, country, ()
        first = [(variant, [*removed, *cut]) for variant, cut in name_variants(rest, words)]
        note = f"larger places set apart: {' '.join(removed)}"
        return [*first, *(item for item in variants if item not in first)], named or country, (note,)

    def _inflected(
        self,
        catalog: Catalog,
        forms: list[Form],
        language: str,
        country: str | None,
        ranked: list[tuple[float, Term]],
        tongues: frozenset[str] = frozenset(),
    ) -> tuple[list[tuple[float, Term]], tuple[str, ...]]:
        """The ranking with the entry one of `forms` of the name meets first, at INFLECTED times its
        score, when that beats the name as written by more than FORM_MARGIN (в Лхасе: Lhasa; Алматыдан:
        Almaty) or when its stem is a name exactly and the name as written only resembles another place
        (Хамилаар, instrumental of Хами, is Hami, not Хайлаар with a letter changed), and a note saying
        which ending was read. A name met at FUZZY_CEILING as written is not read otherwise. The endings
        of the document's own languages (`tongues`) are read first: another language's only when none
        of those meets an entry (Ошто from a Kyrgyz document, Ошта from a Kazakh one)."""
        best = ranked[0][0] if ranked else 0.0
        found = None
        for group in in_own_languages(forms, tongues) if best < FUZZY_CEILING else ():
            found = found or self._best_form(catalog, group, language, country)
        if found is None:
            return ranked, ()
        score, term, reading, exact_stem = found
        elsewhere = not ranked or _place_of(ranked[0][1]) != _place_of(term)
        if score <= best + FORM_MARGIN and not (exact_stem and elsewhere):
            return ranked, ()
        rest = [item for item in ranked if _place_of(item[1]) != _place_of(term)]
        return [(score, term), *rest], (f"read as an inflected form: {reading}",)

    def _best_form(
        self, catalog: Catalog, forms: list[Form], language: str, country: str | None
    ) -> tuple[float, Term, str, bool] | None:
        """The entry the `forms` meet best, at INFLECTED times the score, with what was read and
        whether the form is the entry's name exactly (looked up as a name first: a fuzzy ranking may
        miss it behind the sender's country's entries); only forms meeting an entry at FORM_FLOOR
        count."""
        found: tuple[float, Term, str, bool] | None = None
        for form in forms:
            exact = _exact(catalog, form.name, country)
            met = [(FUZZY_CEILING, exact)] if exact else []
            for score, term in met or self._ranked(catalog, [form.name], language, country, True)[:1]:
                weighted = round(score * INFLECTED, 3)
                if score >= FORM_FLOOR and (found is None or weighted > found[0]):
                    found = (weighted, term, form.reading, score >= FUZZY_CEILING)
        return found

    def _ranked(
        self,
        catalog: Catalog,
        variants: list[str],
        language: str,
        country: str | None,
        cyrillic: bool,
        roles: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    ) -> list[tuple[float, Term]]:
        """Entries near any variant, best first: (score, term), one per code. Between equal scores: the
        entry of the sender's country, then a name of the list's own over a derived one ("Guangzhou"
        over the part of "Huangpu (Guangzhou)"), then the closer native spelling (Иньчуань is Yinchuan,
        not Yingchuan, whose Palladius form Инчуань has the same skeleton), then the closer ASCII
        spelling, then the code. `roles`: the place names inside Russian adjectives, which count
        ADJECTIVE_STEM, and the variants that keep an address word (景德镇 whole), which are Chinese
        names, never compared by consonants as transcriptions are. Terms in Persian, Pashto or Urdu,
        keyed by their letters without short vowels, are compared only with names read the same way."""
        stems, worded = roles
        best: dict[str, tuple[tuple[float, int, float, float], Term]] = {}

        def keep(rank: tuple[float, int, float, float], term: Term) -> None:
            if weaker:
                rank = (round(rank[0] * ADJECTIVE_STEM, 3), *rank[1:])
            if han and _another_chinese_name(catalog, variant, term):
                rank = (round(rank[0] * OTHER_CHINESE_NAME, 3), *rank[1:])
            identity = _place_of(term)
            if identity not in best or rank > best[identity][0]:
                best[identity] = (rank, term)

        for variant in variants:
            weaker = variant in stems
            script = detect_script(variant)
            han = script in HAN_FAMILY
            abjad = read_by_letters(language, script)
            in_pinyin = script == "Latn" and written_as_chinese(variant)
            sounds_chinese = in_pinyin or (cyrillic and written_as_chinese(variant))
            read = readings(variant, language, country)
            for number, (plain, key) in enumerate(read):
                shortlist = catalog.near(key, SHORTLIST)
                if country:
                    shortlist += catalog.near(key, SHORTLIST, country)
                for term in shortlist:
                    if term.derived in CYRILLIC_FORMS and not cyrillic:
                        continue  # Palladius and Dungan forms are for Cyrillic names only
                    if not abjad and is_abjad(term.language):
                        continue  # a letter reading (هرات "hrat") is compared with letter readings only
                    if not (han or cyrillic) and chinese_exonym(term):
                        continue  # 奥什 Aoshi is Osh in Chinese: no Latin writer spells it so
                    rank = weighted_rank(variant, plain, key, term, cyrillic, han and number > 0)
                    if cyrillic:
                        rank = transcription_rank(variant, term, rank)
                    elif in_pinyin:
                        rank = pinyin_rank(variant, term, rank)
                    if (
                        sounds_chinese
                        and rank[0] > OTHER_SYLLABLES
                        and other_syllables(variant, term, country)
                    ):
                        rank = (other_syllables_score(rank[0]), *rank[1:])
                    keep(rank, term)
            plain, key = read[0]
            consonants = [] if variant in worded else same_consonants(catalog, variant, language, country)
            for term in _consonants_hold(consonants, variant, read, best, abjad):
                rank = weighted_rank(variant, plain, key, term, False, False)
                keep((max(rank[0], CONSONANT_MATCH), *rank[1:]), term)

        def order(item: tuple[str, tuple[tuple[float, int, float, float], Term]]) -> tuple[object, ...]:
            identity, ((score, own, native, spelling), term) = item
            bonus = COUNTRY_TIE if country and term.country == country else 0.0
            return (-(score + bonus), -own, -native, -spelling, identity)

        return [(rank[0], term) for _, (rank, term) in sorted(best.items(), key=order)]

    def _party(self, base: Resolution, folded: str, glossary: Glossary) -> Resolution:
        found = glossary.exact("party", folded)
        if found:
            entry = found[0]
            term = Term(
                entry.term,
                entry.language,
                None,
                entry.english,
                entry.latin or None,
                None,
                f"glossary {entry.reference} ({glossary.version})",
                "",
                "",
            )
            return _resolved(base, term, 1.0, "glossary", ())
        party = split_legal_form(folded, glossary, base.language)
        if party.legal_form is None:
            return base
        latin, _, _, scheme = latin_form(party.name, base.language)
        form = party.legal_form
        form_latin = form.latin or latin_form(form.term, form.language)[0]
        return replace(
            base,
            latin=f"{latin} {form_latin}",
            english=f"{plain_letters(latin)} {form.english}",
            scheme=scheme,
            method="legal-form",
            source=f"glossary {form.reference} ({glossary.version})",
            legal_form=form.term,
        )


def _forms(name: str, words: frozenset[str], country: str | None) -> list[Form]:
    """The forms a name may be inflected from (`gateway.resolve.inflection`); from a document of a
    Chinese-writing country, a name that is Mandarin syllables only those that are too and end in a
    consonant (Линьцзяне, в Линьцзяне, of Линьцзян; Шанхая of Шанхай): Russian declines a foreign
    name that ends in a consonant, never one that ends in a vowel (Токио, Баку, Сочи), and a Chinese
    name with its last vowel changed is another syllable, not a case (Цзиньши, 今是, is no -и of
    Цзиньша, Jingzhou; Даши, 大石, none of Даша); Хэси (хэ си) is no form of Хэсь, which no syllables
    spell."""
    found = inflected_forms(name, words)
    if country in CHINESE_WRITING and written_as_chinese(name):
        return [form for form in found if _declined(form.name) and written_as_chinese(form.name)]
    return found


def _declined(name: str) -> bool:
    """Whether a name ends as Russian declines a foreign name: in a consonant, й or ь (Линьцзян,
    Шанхай, Сиань), not in a vowel."""
    return name[-1:].lower() not in CYRILLIC_VOWELS


CYRILLIC_VOWELS = frozenset("аэоуыияюеёәөүұіў")


def _transliterated(
    original: str,
    folded: str,
    kind: str,
    language: str,
    country: str | None,
    version: str,
    notes: tuple[str, ...],
) -> Resolution:
    latin, language, script, scheme, unruled = latin_form_noting(folded, language, country)
    return Resolution(
        original,
        kind,
        language,
        script,
        latin,
        scheme,
        None,
        None,
        "transliteration",
        0.0,
        None,
        version,
        (),
        None,
        notes + unruled,
    )


def _exact_name(
    catalog: Catalog, kind: str, folded: str, variants: list[tuple[str, list[str]]], country: str | None
) -> tuple[tuple[str, list[str], Term] | None, bool]:
    """The first variant that is a name of the catalog exactly, and whether that settles it: an entry of
    the sender's country, or an office named in full (looked up first: Таможня Хоргос is the Chinese
    office, Кашгарская таможня is Kashgar's), at home or abroad."""
    whole = " ".join(folded.split())
    looked_up = [(whole, []), *variants] if kind == "office" else variants
    exact = next(((v, r, t) for v, r in looked_up if (t := _exact(catalog, v, country))), None)
    if exact is None:
        return None, False
    return exact, not _abroad(exact[2], country) or (kind == "office" and exact[0] == whole)


def _consonants_hold(
    found: list[Term],
    variant: str,
    read: list[tuple[str, str]],
    spelled: dict[str, tuple[tuple[float, int, float, float], Term]],
    abjad: bool = False,
) -> list[Term]:
    """The entries a name meets by its consonants (`scoring.same_consonants`, through readings that spell
    the whole name) that the sign holds for: a Chinese name's all; for a name written in letters, where
    another place is spelled nearer than the entry (`spelled`, the ranking so far), only with the vowels
    where the entry has them (`consonants.alike_in_vowel_places`: Чоржўй, Chardzhou, nearer the
    glossary's Чарджоу, is not Sary-Assiya; Қўнғирот, nearest Kungrad, is Kungrad though Russian drops a
    vowel); a name in a script without short vowels (`abjad`), with a short vowel allowed between any
    two consonants (`consonants.abjad_alike`: هرات Herat)."""
    if not found or detect_script(variant) in HAN_FAMILY:
        return found
    plains = [plain for plain, _ in read]
    held = []
    for term in found:
        place = _place_of(term)
        own = spelled[place][0][0] if place in spelled else 0.0
        nearer = any(rank[0] > own for other, (rank, _) in spelled.items() if other != place)
        alike = abjad_alike if abjad else alike_in_vowel_places
        if not nearer or alike(variant, plains, term.ascii_key):
            held.append(term)
    return held


def _abroad(term: Term, country: str | None) -> bool:
    return bool(country and term.country and term.country != country)


def _own_over_abroad(best: tuple[float, Term], country: str | None) -> bool:
    """Whether the best fuzzy entry, of the sender's country, beats an exact name of another country
    (Алтай in a Mongolian document is Altai MNLTI, not Altay CNAAT)."""
    score, term = best
    return score >= OWN_OVER_ABROAD and term.country == country


def _larger_first(
    catalog: Catalog, ranked: list[tuple[float, Term]], margin: float = 0.0
) -> list[tuple[float, Term]]:
    """The ranking with the seat of the highest division first among the places tied with the first
    (Цзинань: 济南, a prefecture-level city, before 静安, a district), when one is higher than every
    other: a name two places read alike as means the larger, as gazetteers read it. A name in Kazakh
    letters ties within `margin` (TRANSCRIPTION_TIE: н printed for ң, Жөнжоу for Жөңжоу, is 郑州
    Zhengzhou, a provincial capital, not Zhenzhou, a place of no division), if a place leads those."""
    for within in dict.fromkeys((margin, 0.0)):  # the nearest ties when no place leads the wider ones
        tied = [item for item in ranked if item[0] >= ranked[0][0] - within]
        for item in tied:
            if all(catalog.more_prominent(item[1], other) for _, other in tied if other.code != item[1].code):
                return [item, *(other for other in ranked if other is not item)]
    return ranked


def _standing_alone(
    ranked: list[tuple[float, Term]], country: str | None, script: str, name: str
) -> tuple[list[tuple[float, Term]], tuple[str, ...]]:
    """The ranking with its best entry at SEPARATED and a note, when it scores less and stands alone
    (`gateway.resolve.separation`: a spelling of a place of the sender's country far nearer than any
    other place)."""
    if not ranked or ranked[0][0] >= SEPARATED:
        return ranked, ()
    runner = standing_alone(ranked, country, script, name)
    if runner is None:
        return ranked, ()
    score, best = ranked[0]
    return [(SEPARATED, best), *ranked[1:]], (alone_note(score, runner),)


def _named_abroad(exact: Term, ranked: list[tuple[float, Term]], country: str | None) -> tuple[str, ...]:
    """A note when an exact name of a place abroad is as well the name of a place of a third country
    (Алтай in a Kazakh document: Altay, China, by its Russian name, and Altai, Mongolia, by its Latin
    one): the document's country favours neither, so neither is given. A name of the sender's own
    country (`_own_over_abroad`) or of one country abroad settles it."""
    if not country or exact.country in (None, country):
        return ()
    third = [t for score, t in ranked if score >= FUZZY_CEILING and t.country not in (exact.country, country)]
    return (f"names places of {exact.country} and {third[0].country}",) if third else ()


def _unsearched(base: Resolution, exact: tuple[str, list[str], Term] | None) -> Resolution:
    """A name not searched for near names: transliterated, an exact name abroad as a candidate."""
    found = _candidates([(1.0, exact[2])]) if exact is not None else ()
    return replace(base, candidates=found, notes=(*base.notes, NOT_SEARCHED))


def _exactly(base: Resolution, variant: str, removed: list[str], found: Term) -> Resolution:
    note = (f"address words set apart: {' '.join(removed)}",) if removed else ()
    return _resolved(base, found, 1.0, "code-list" if found.source.startswith("code") else "glossary", note)


def _exact(catalog: Catalog, variant: str, country: str | None) -> Term | None:
    """The entry named `variant` exactly (a Chinese name in traditional characters also by its simplified
    form: the division list and most code lists write simplified; an Arabic-script name typed on an
    Arabic keyboard also with Persian ی and ک), the sender's country's first; of
    places of one name (UN/LOCODE's twins of a city, 泰州 Taizhou CNTZO and CNTZU), the better standing.
    None for a glossary name of places of several countries none of which is the sender's
    (`shared.undecided`): the ranking lists them (`_shared_note`)."""
    terms = catalog.exact(variant)
    if not terms and detect_script(variant) in HAN_FAMILY:
        terms = catalog.exact(simplified_chinese(variant))
    elif not terms and detect_script(variant) == "Arab":
        terms = catalog.exact(persian_letters(variant))
    if not terms:
        return None
    code_terms = [term for term in terms if term.source.startswith("code")] or terms
    own = [term for term in code_terms if country and term.country == country]
    found = max(own or code_terms, key=lambda term: term.standing)  # the first of equal standing
    return None if undecided(catalog, found, country) else found


def _town(catalog: Catalog, variants: list[tuple[str, list[str]]]) -> Term | None:
    """The place whose county holds a town that a variant names (a Chinese name in traditional
    characters also by its simplified form), or None."""
    for variant, _ in variants:
        if detect_script(variant) in HAN_FAMILY:
            found = catalog.town(variant) or catalog.town(simplified_chinese(variant))
            if found is not None:
                return found
    return None


def _town_by_sound(
    catalog: Catalog,
    variants: list[tuple[str, list[str]]],
    ranked: list[tuple[float, Term]],
    country: str | None,
    threshold: float,
) -> Term | None:
    """The place whose county holds the town a Cyrillic variant reads as (`gateway.resolve.town_sounds`),
    unless the fuzzy match found a place at the threshold whose own name the variant reads as (its
    Latin key met, or its pinyin one of the readings: a place of its own), or, the town being abroad,
    an entry of the sender's country at OWN_OVER_ABROAD (as for a town named in characters)."""
    for variant, _ in variants:
        town = catalog.town_by_sound(variant)
        if town is None:
            continue
        heard = {reading for reading, _ in cyrillic_readings(variant)}
        own = [
            term
            for score, term in ranked
            if score >= threshold
            and (score >= FUZZY_CEILING or heard_as(without_port(term.english or term.name), heard))
        ]
        abroad = bool(ranked) and _abroad(town, country) and _own_over_abroad(ranked[0], country)
        return None if own or abroad else town
    return None


def _resolved(
    base: Resolution,
    term: Term,
    score: float,
    method: str,
    notes: tuple[str, ...],
    candidates: tuple[Candidate, ...] = (),
) -> Resolution:
    return replace(
        base,
        latin=term.latin or base.latin,
        english=term.english,
        code=term.code,
        method=method,
        score=score,
        source=term.source,
        candidates=candidates,
        notes=base.notes + notes,
    )


def _shared_note(
    catalog: Catalog, best: tuple[float, Term], written: str, country: str | None
) -> tuple[str, ...]:
    """A note when the best entry is a glossary name of places of several countries that neither the
    sender's country nor the name as written settles (`gateway.resolve.shared`): no result, candidates."""
    places = unsure(catalog, best, country)
    if not places:
        return ()
    return (near_note(written, places) if best[0] < FUZZY_CEILING else undecided_note(places, country),)


def _another_chinese_name(catalog: Catalog, chinese: str, term: Term) -> bool:
    """Whether `chinese`, a name in characters, is another place's name than `term`'s: a place of China
    whose Chinese names read otherwise (`Catalog.other_chinese_name`), or, when `chinese` names a division
    of China (`Catalog.china`), a place of a country that does not write Chinese, by another name: China's
    own place is no transcription of a place abroad however near the sounds (阿克陶 Akto county is not
    阿克套 Aktau, 敖汉 Aohan not 浩罕 Kokand, 阿拉山口 not Oral)."""
    if catalog.other_chinese_name(term, chinese):
        return True
    if chinese not in catalog.china or term.country in CHINESE_WRITING:
        return False
    return term.native_key != term_key(chinese)


def _place_of(term: Term) -> str:
    """What tells places apart in a ranking: the code, else the entry's source (a row without a code)."""
    return term.code or term.source


def _candidates(ranked: list[tuple[float, Term]]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(term.code, term.english, term.latin, term.name, score, term.source)
        for score, term in ranked[:CANDIDATES]
        if score >= CANDIDATE_FLOOR
    )
