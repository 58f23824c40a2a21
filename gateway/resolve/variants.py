"""The forms of a place or office name worth looking up: without address words, and each of its parts.

"Алматы қаласы" is looked up as "Алматы" (қаласы is an address word of the glossary: city),
"Таможенный пост «Хоргос»" as "«Хоргос»" (a word group of the glossary: customs post);
"二连浩特市" as "二连浩特"; "Қорғас (Хоргос), ҚХР" as the whole and as "Қорғас", "Хоргос" and "ҚХР".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from gateway.glossary import term_key
from gateway.names.script import HAN_FAMILY, detect_script

_PARTS = re.compile(r"[(),;/]")
_TOKEN = re.compile(r"\S+")
MIN_HAN_NAME = 2
"""A Chinese name keeps at least this many characters when an address word is cut off its end."""
_RELATIVE_ADJECTIVE = re.compile(r"(?<=[а-яё]{2})ск(?:ая|ий|ой|ое|ие|их|ого|ому|ую|ом|ым|ими)$")
"""The endings of a Russian relative adjective made from a place name with the suffix -ск- and its
case endings (Ошская таможня, the customs of Osh; Хоргосская, Кашгарская; Бишкекской таможни): the
formation of relative adjectives in Русская грамматика (USSR Academy of Sciences, 1980), as Russian
names customs offices after their city."""


def address_keys(address_terms: Iterable[str]) -> frozenset[str]:
    """The keys of the address words, as `without_address_words` takes them."""
    return frozenset(term_key(term) for term in address_terms)


def without_address_words(text: str, keys: frozenset[str]) -> tuple[str, list[str]]:
    """`text` without its address words (given by their keys), and the words removed."""
    if detect_script(text) in HAN_FAMILY:
        return _cut_han(text.strip(), sorted(keys, key=len, reverse=True))
    tokens = [part for token in _TOKEN.findall(text) for part in _abbreviation_apart(token, keys)]
    token_keys = [term_key(token) for token in tokens]
    removed: list[str] = []
    ordered, by_first = _address_words(keys)
    for number in sorted({number for key in token_keys for number in by_first.get(key, ())}):
        words = ordered[number]  # only the address words whose first word the text has: removing
        for start in range(len(tokens) - len(words), -1, -1):  # words makes no new ones
            if token_keys[start : start + len(words)] == words and len(tokens) > len(words):
                removed[:0] = tokens[start : start + len(words)]
                del tokens[start : start + len(words)], token_keys[start : start + len(words)]
    return " ".join(tokens), removed


@lru_cache(maxsize=16)
def _address_words(keys: frozenset[str]) -> tuple[list[list[str]], dict[str, list[int]]]:
    """The address words' keys as lists of words, longest first (the order they are taken out in), and
    the numbers of those that begin with each word: worked out once per set of keys."""
    ordered = sorted((key.split(" ") for key in keys), key=len, reverse=True)
    by_first: dict[str, list[int]] = {}
    for number, words in enumerate(ordered):
        by_first.setdefault(words[0], []).append(number)
    return ordered, by_first


def _abbreviation_apart(token: str, keys: frozenset[str]) -> list[str]:
    """A token that begins with an abbreviated address word written without its space, as two tokens
    ("с.Кордай": "с.", "Кордай"; "г.Ош"; "п.Нарын"); any other token whole. Only an abbreviation of the
    glossary's address words, ended by its full stop, and only before a letter."""
    head, dot, rest = token.partition(".")
    if dot and rest[:1].isalpha() and term_key(head + dot) in keys:
        return [head + dot, rest]
    return [token]


def _cut_han(text: str, keys: list[str]) -> tuple[str, list[str]]:
    removed: list[str] = []
    cut = True
    while cut:
        cut = False
        for key in keys:
            if text.endswith(key) and len(text) - len(key) >= MIN_HAN_NAME:
                text, cut = text[: -len(key)], True
                removed.insert(0, key)
                break
    return text, removed


def adjective_stems(text: str) -> str:
    """The place names inside Russian relative adjectives ("Хоргосская" is "Хоргос", "Ошской" "Ош"),
    other words unchanged; "" when no word is such an adjective. Only ever compared fuzzily: the stem of
    an adjective is a guess at the name it was made from (Алматинская: Алматы)."""
    words = text.split()
    stems = [_RELATIVE_ADJECTIVE.sub("", word.lower()) if len(word) > 4 else word for word in words]
    if all(stem == word or stem == word.lower() for stem, word in zip(stems, words, strict=True)):
        return ""
    return " ".join(stems)


def name_variants(text: str, keys: frozenset[str]) -> list[tuple[str, list[str]]]:
    """The forms of `text` to look up, best first, each with the address words taken out of it."""
    variants: list[tuple[str, list[str]]] = []
    candidates = [text, _PARTS.sub(" ", text), *(part for part in _PARTS.split(text) if part.strip())]
    seen: set[str] = set()
    for candidate in candidates:
        stripped, removed = without_address_words(candidate, keys)
        stripped = " ".join(stripped.split())
        if stripped and stripped not in seen:
            seen.add(stripped)
            variants.append((stripped, removed))
    whole = " ".join(text.split())
    if whole not in seen and detect_script(whole) in HAN_FAMILY:
        variants.append((whole, []))  # 景德镇 Jingdezhen: 镇 (town) is part of the name, too
    return variants
