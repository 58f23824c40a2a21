"""The fallback for a letter a scheme has no rule for: no Latin form keeps a letter of another script.

A scheme's rules cover the letters of its language; a name may still carry a letter of another one
(җ of Uyghur in a name read as Mongolian, ԥ of Abkhaz). Such a letter of the script the scheme
reads is never left as it is. It is folded, in this order: by ICU's Any-Latin transform; else by
the letter it is built on, as its Unicode name says (җ, CYRILLIC SMALL LETTER ZHE WITH DESCENDER:
ж, which Any-Latin reads ž; ү, STRAIGHT U: у); else by a table of the CAREC letters neither reads
(һ: h); else (the old letters ѣ ѫ, the palochka Ӏ) it is dropped. `fold_unruled` returns the
folded text and a note for each letter, which the resolution reports.

A letter folded at the start of a word takes the case the scheme gives that place. A letter of a
cased script keeps its own (Ԥ: P). A script without capitals (Arabic) has none to keep: its scheme
writes a word's first letter as a capital itself, and before a first letter it has no rule for it
leaves WORD_START, which the fallback turns into a capital (ڤولگا: Volga, not volga).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import icu

from gateway.names.icu_transforms import icu_transform

_NAME_WORDS_KEPT = 3
"""The words of a Unicode letter name before the letter's own (CYRILLIC SMALL LETTER)."""


_OTHER_SCRIPT = icu.UnicodeSet("[[:Letter:]-[:Script=Latin:]-[:Script=Common:]-[:Script=Inherited:]]")
"""Letters of a script other than Latin (modifier letters such as ʻ and ʹ are Common: kept)."""

FIRST_OTHER_SCRIPT_LETTER = "\u0370"
"""Below the Greek block every letter is Latin or Common: a text below it needs no look-up."""

_BEYOND_FIRST = re.compile(f"[^\\x00-{chr(ord(FIRST_OTHER_SCRIPT_LETTER) - 1)}]")

WORD_START = "\ue000"
"""The mark a scheme of a script without capitals leaves before a word's first letter that it has no
rule for (rules/uyghur-arabic-uly.txt): the fallback writes that letter's reading with a capital.
A private-use character, never in a text that reaches a scheme and never left in its output."""

_NAMED_NOWHERE = {"Һ": "H", "һ": "h"}
"""Letters of the CAREC alphabets that neither Any-Latin nor their Unicode name read (Kazakh and
Uyghur һ, SHHA, built on no other letter): their sound, as every scheme here writes it."""


def has_other_script(latin: str) -> bool:
    """Whether a Latin form still holds a letter of another script (Cyrillic җ, Greek α)."""
    return not latin.isascii() and any(map(_of_other_script, _BEYOND_FIRST.findall(latin)))


@cache
def _of_other_script(character: str) -> bool:
    return character >= FIRST_OTHER_SCRIPT_LETTER and bool(_OTHER_SCRIPT.contains(character))


def fold_unruled(latin: str, scheme_id: str, script: str = "Cyrl") -> tuple[str, tuple[str, ...]]:
    """`latin` with every letter of `script` (the script the scheme reads) folded; a note for each.

    Letters of other scripts are the text's, not the scheme's: they pass through, as in a mixed
    text (ТОО «Астана» / 长春), which `gateway.names.confusables` reports.

    >>> fold_unruled("Җyelilyuzi 长春", "ru-ru_Latn/BGN")
    ('Žyelilyuzi 长春', ("letter 'Җ' has no rule in ru-ru_Latn/BGN: read as 'Ž' by the fallback",))
    """
    if not has_other_script(latin):
        return latin, ()
    letters = dict.fromkeys(c for c in _BEYOND_FIRST.findall(latin) if _of_script(c, script))
    if not letters:
        return latin, ()
    folded = "".join(fallback_letter(c) if c in letters else c for c in latin)
    if WORD_START in folded:
        head, *words = folded.split(WORD_START)
        folded = head + "".join(map(_first_capital, words))
    return folded, tuple(_note(letter, fallback_letter(letter), scheme_id) for letter in letters)


def _first_capital(word: str) -> str:
    """`word` with its first letter that has a capital written as one (a dropped letter's mark falls
    on the next: the word still starts with a capital)."""
    for position, character in enumerate(word):
        if character != character.upper():
            return word[:position] + character.upper() + word[position + 1 :]
        if not character.isalpha():
            break
    return word


@cache
def _of_script(character: str, script: str) -> bool:
    return bool(_script_letters(script).contains(character))


@cache
def _script_letters(script: str) -> icu.UnicodeSet:
    return icu.UnicodeSet(f"[[:Letter:]&[:Script={script}:]]")


@cache
def _note(letter: str, replacement: str, scheme_id: str) -> str:
    if replacement:
        return f"letter {letter!r} has no rule in {scheme_id}: read as {replacement!r} by the fallback"
    return f"letter {letter!r} has no rule in {scheme_id}: dropped by the fallback"


@cache
def fallback_letter(letter: str) -> str:
    """The Latin letters the fallback reads one letter of another script as ("" if none)."""
    if letter in _NAMED_NOWHERE:
        return _NAMED_NOWHERE[letter]
    for candidate in (letter, _base_letter(letter)):
        if candidate and not has_other_script(latin := icu_transform("Any-Latin").transliterate(candidate)):
            return str(latin)
    return ""


def _base_letter(letter: str) -> str | None:
    """The letter `letter` is built on, by its Unicode name (ZHE WITH DESCENDER: ZHE; STRAIGHT U: U)."""
    words = unicodedata.name(letter, "").split(" WITH ")[0].split()
    for start in range(len(words) - 1, _NAME_WORDS_KEPT - 1, -1):
        try:
            return unicodedata.lookup(" ".join(words[:_NAME_WORDS_KEPT] + words[start:]))
        except KeyError:
            continue
    return None
