"""Party names: the legal form set apart from the name (ТОО «Астана Транс» = Astana Trans LLP).

A legal form is a glossary `legal-form` term at the start or the end of the name, abbreviated or in
full, in any case and with or without quotes around the rest ("«Ақ Бидай Диірмені» ЖШС"), also when
typed in Latin look-alike letters ("TOO" for ТОО); in Chinese,
at the end, without a space (新疆金河进出口有限责任公司). The longest form found wins.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from gateway.glossary import Glossary, GlossaryEntry, term_key
from gateway.names.confusables import LATIN_TO_CYRILLIC
from gateway.names.language import country_of_languages
from gateway.names.script import HAN_FAMILY, detect_script

_QUOTES = re.compile(r"[«»\"“”„‟「」『』《》]")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class PartyName:
    """A party name split into its name proper and its legal form (None when it has none)."""

    name: str
    legal_form: GlossaryEntry | None


def split_legal_form(text: str, glossary: Glossary, language: str | None = None) -> PartyName:
    """The name and the legal form of `text`; a form in the name's own language is preferred."""
    plain = " ".join(_QUOTES.sub(" ", text).split())
    forms = _legal_forms(glossary, (language or "").split("-")[0])
    if detect_script(plain) in HAN_FAMILY:
        return _han_form(plain, [entry for entry, _ in forms])
    tokens = _TOKEN.findall(plain)
    readings = ([term_key(token) for token in tokens], [term_key(_as_cyrillic(token)) for token in tokens])
    for entry, form in forms:
        size = len(form)
        if size >= len(tokens):
            continue
        if any(keys[:size] == form for keys in readings):
            return PartyName(" ".join(tokens[size:]), entry)
        if any(keys[-size:] == form for keys in readings):
            return PartyName(" ".join(tokens[:-size]), entry)
    return PartyName(plain, None)


_Forms = tuple[tuple[GlossaryEntry, list[str]], ...]
_SORTED: weakref.WeakKeyDictionary[Glossary, dict[str, _Forms]] = weakref.WeakKeyDictionary()
"""The sorted legal forms of each glossary still in use, per primary language: kept with the glossary
(dropped when the resolver drops its version), never by it (an `lru_cache` kept 16 old glossaries)."""
LANGUAGES_KEPT = 32
"""How many primary languages' orders are kept per glossary (the language comes from a document)."""


def _legal_forms(glossary: Glossary, primary: str) -> _Forms:
    """The glossary's legal forms, each with its key's words, longest first, a form in the language
    `primary` first among equals (the same for every party name of a glossary version: sorted once)."""
    orders = _SORTED.get(glossary)
    if orders is None:
        orders = _SORTED.setdefault(glossary, {})
    found = orders.get(primary)
    if found is not None:
        return found
    forms = sorted(
        glossary.of_kind("legal-form"),
        key=lambda entry: (-len(term_key(entry.term)), entry.language.split("-")[0] != primary),
    )
    if len(orders) >= LANGUAGES_KEPT:
        orders.clear()
    orders[primary] = found = tuple((entry, term_key(entry.term).split(" ")) for entry in forms)
    return found


def _as_cyrillic(token: str) -> str:
    """A word of Latin look-alike letters only ("TOO") as its Cyrillic twin ("ТОО"); others as they are."""
    if all(letter in LATIN_TO_CYRILLIC or not letter.isalpha() for letter in token):
        return "".join(LATIN_TO_CYRILLIC.get(letter, letter) for letter in token)
    return token


def _han_form(plain: str, forms: list[GlossaryEntry]) -> PartyName:
    for entry in forms:
        if plain.endswith(entry.term) and len(plain) > len(entry.term):
            return PartyName(plain[: -len(entry.term)].strip(), entry)
    return PartyName(plain, None)


@dataclass(frozen=True, slots=True)
class FormCountry:
    """The country a party name's legal form points to, and the note that says so."""

    country: str
    note: str


def legal_form_country(text: str, glossary: Glossary) -> FormCountry | None:
    """The country of the legal form `text` carries, by every language the glossary writes that form in
    (ТОО: ru and kk, so Kazakhstan; ОсОО: ru and ky, Kyrgyzstan; ООО: ru alone, Russia), or None when it
    carries none or its languages fit no one country (`country_of_languages`). A prior for the name's
    language when the sender's country is not known: the letters still decide where they can."""
    form = split_legal_form(text, glossary).legal_form
    if form is None:
        return None
    key = term_key(form.term)
    languages = [entry.language for entry in glossary.of_kind("legal-form") if term_key(entry.term) == key]
    country = country_of_languages(languages)
    if country is None:
        return None
    note = (
        f"no sender country: the legal form {form.term} points to {country}, whose languages are the priors"
    )
    return FormCountry(country, note)
