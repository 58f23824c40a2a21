"""The shortcuts of the exact look-up (session 14) give what the walks they replace gave.

`fold_confusables` skips its walk of the letters when the text lacks Latin or Cyrillic letters; `term_key`
keeps the keys of short texts; `without_address_words` tries only the address words whose first word the
text has; `split_legal_form` sorts the glossary's legal forms once per glossary. Each is compared here
with the walk it replaces (the reference, as the code read before), on generated texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.glossary import Glossary, term_key
from gateway.glossary.entry import _term_key
from gateway.names import confusables
from gateway.names.confusables import ConfusableFinding, fold_confusables
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve import party, variants
from gateway.resolve.party import PartyName, _as_cyrillic, _han_form, split_legal_form
from gateway.resolve.variants import _abbreviation_apart, _cut_han, address_keys, without_address_words
from gateway.settings import PROJECT_ROOT

GLOSSARY = Glossary.load(PROJECT_ROOT / "glossary")
ADDRESS_KEYS = address_keys(entry.term for entry in GLOSSARY.of_kind("address"))
ADDRESS_WORDS = sorted({word for key in ADDRESS_KEYS for word in key.split(" ")})
LETTERS = "AaCcEeOoPpTtXxKkMHBhwšçéАаСсЕеОоРрТтХхКкМНВҺһшжқңәöü阿拉木图 -.«»\"'5"


def _folded_by_walking(text: str) -> tuple[str, list[ConfusableFinding]]:
    """`fold_confusables` as it read before its shortcut: every word walked."""
    if text.isascii():
        return text, []
    context = confusables._firm_majority(text)
    characters = list(text)
    findings: list[ConfusableFinding] = []
    for match in confusables._WORD.finditer(text):
        target = confusables._word_script(match.group(), context)
        if target is not None:
            findings.extend(confusables._fold_word(characters, match.start(), match.group(), target))
    return "".join(characters), findings


def _without_by_trying_every_word(text: str, keys: frozenset[str]) -> tuple[str, list[str]]:
    """`without_address_words` as it read before: every address word tried at every place."""
    if detect_script(text) in HAN_FAMILY:
        return _cut_han(text.strip(), sorted(keys, key=len, reverse=True))
    tokens = [part for token in variants._TOKEN.findall(text) for part in _abbreviation_apart(token, keys)]
    token_keys = [term_key(token) for token in tokens]
    removed: list[str] = []
    for words in sorted((key.split(" ") for key in keys), key=len, reverse=True):
        for start in range(len(tokens) - len(words), -1, -1):
            if token_keys[start : start + len(words)] == words and len(tokens) > len(words):
                removed[:0] = tokens[start : start + len(words)]
                del tokens[start : start + len(words)], token_keys[start : start + len(words)]
    return " ".join(tokens), removed


texts = st.text(alphabet=LETTERS, max_size=40)
place_names = st.lists(
    st.one_of(st.sampled_from(ADDRESS_WORDS), st.text(alphabet="АлматыОшКордайсг.", min_size=1, max_size=8)),
    max_size=8,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_folding_finds_what_the_walk_of_every_word_finds(text: str) -> None:
    assert fold_confusables(text) == _folded_by_walking(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_a_kept_key_is_the_key(text: str) -> None:
    assert term_key(text) == _term_key(text) == term_key(text)


@settings(max_examples=300, deadline=None)
@given(place_names)
def test_address_words_are_taken_out_as_trying_every_one_took_them(text: str) -> None:
    assert without_address_words(text, ADDRESS_KEYS) == _without_by_trying_every_word(text, ADDRESS_KEYS)


def test_address_words_examples() -> None:
    assert without_address_words("Алматы қаласы", ADDRESS_KEYS) == ("Алматы", ["қаласы"])
    assert without_address_words("с.Кордай", ADDRESS_KEYS) == ("Кордай", ["с."])


def _split_sorting_every_time(text: str, language: str | None) -> PartyName:
    """`split_legal_form` as it read before: the legal forms sorted for every name."""
    plain = " ".join(party._QUOTES.sub(" ", text).split())
    primary = (language or "").split("-")[0]
    forms = sorted(
        GLOSSARY.of_kind("legal-form"),
        key=lambda entry: (-len(term_key(entry.term)), entry.language.split("-")[0] != primary),
    )
    if detect_script(plain) in HAN_FAMILY:
        return _han_form(plain, forms)
    tokens = party._TOKEN.findall(plain)
    readings = ([term_key(token) for token in tokens], [term_key(_as_cyrillic(token)) for token in tokens])
    for entry in forms:
        form = term_key(entry.term).split(" ")
        size = len(form)
        if size >= len(tokens):
            continue
        if any(keys[:size] == form for keys in readings):
            return PartyName(" ".join(tokens[size:]), entry)
        if any(keys[-size:] == form for keys in readings):
            return PartyName(" ".join(tokens[:-size]), entry)
    return PartyName(plain, None)


LEGAL_FORMS = sorted({entry.term for entry in GLOSSARY.of_kind("legal-form")})
party_names = st.tuples(
    st.sampled_from(LEGAL_FORMS),
    st.text(alphabet="АстанаТрансBishkekTOO «»", min_size=1, max_size=20),
    st.booleans(),
).map(lambda parts: f"{parts[0]} {parts[1]}" if parts[2] else f"{parts[1]} {parts[0]}")


@settings(max_examples=300, deadline=None)
@given(party_names, st.sampled_from(["kk", "ru", "ky", "tg", "uz", "mn", "zh", None]))
def test_legal_forms_sorted_once_split_as_sorting_every_time(text: str, language: str | None) -> None:
    assert split_legal_form(text, GLOSSARY, language) == _split_sorting_every_time(text, language)


def test_legal_form_examples() -> None:
    split = split_legal_form("ТОО «Астана Транс»", GLOSSARY, "kk")
    assert split.name == "Астана Транс" and split.legal_form is not None and split.legal_form.term == "ТОО"
