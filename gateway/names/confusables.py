"""Latin look-alikes inside Cyrillic words, and Cyrillic look-alikes inside Latin words.

Keyboards switched half-way through a word produce "AСТАНА" with a Latin A, or "Toшкент" with a
Latin T and o: the word reads right and matches nothing. `fold_confusables` finds every word that
mixes the two scripts, decides the script the word is written in, replaces each look-alike letter
of the other script by its twin, and reports every replacement. Letters without a twin stay as they
are: `mixed_script_words` reports the words that still mix scripts.

A word's script is decided, in this order, by its letters that have no twin ("firm" letters: ш, ж,
w), by all its letters, and by the firm letters of the whole text. Folding changes no firm letter
and only moves letters towards the decided script, so folding twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LATIN_TO_CYRILLIC: dict[str, str] = dict(
    zip("ABCEHIKMOPTXYaceioxypəƏËëhÏï", "АВСЕНІКМОРТХҮасеіохурәӘЁёһЇї", strict=True)
)
"""Latin letters and their Cyrillic twins (from Unicode's confusables for the two scripts)."""

CYRILLIC_TO_LATIN: dict[str, str] = {
    **{cyrillic: latin for latin, cyrillic in LATIN_TO_CYRILLIC.items()},
    **dict(zip("ѕјԁԛԝ", "sjdqw", strict=True)),
}
"""Cyrillic letters and their Latin twins."""

LOOK_ALIKES = (
    frozenset(LATIN_TO_CYRILLIC) | frozenset(CYRILLIC_TO_LATIN) | frozenset(CYRILLIC_TO_LATIN.values())
)
"""Every letter that has a twin in the other script, or is one."""

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u02FF\u1E00-\u1EFF]")
"""Where `letter_script` says Latn, for a letter (a character of `_WORD`)."""
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052F]")


def has_latin_letter(text: str) -> bool:
    """Whether `text` has a letter that `letter_script` reads as Latin (one search in C)."""
    return _LATIN_LETTER.search(text) is not None


@dataclass(frozen=True)
class ConfusableFinding:
    """One look-alike letter replaced by its twin."""

    position: int
    """Index of the letter in the text (folding keeps every index)."""
    original: str
    replacement: str
    script: str
    """ISO 15924 code of the script the word was folded to."""


@dataclass(frozen=True)
class MixedScriptWord:
    """A word whose letters belong to more than one script."""

    position: int
    word: str
    scripts: tuple[str, ...]


def letter_script(letter: str) -> str | None:
    """Latn, Cyrl, or None for a letter of another script."""
    code = ord(letter)
    if 0x0400 <= code <= 0x052F:
        return "Cyrl"
    if letter.isascii() or 0x00C0 <= code <= 0x02FF or 0x1E00 <= code <= 0x1EFF:
        return "Latn"
    return None


def fold_confusables(text: str) -> tuple[str, list[ConfusableFinding]]:
    """`text` with the look-alike letters of mixed Latin-Cyrillic words folded, and the findings.

    >>> folded, findings = fold_confusables("AСТАНА")
    >>> folded == "АСТАНА", findings[0].position, findings[0].original
    (True, 0, 'A')
    """
    if text.isascii() or not (has_latin_letter(text) and _CYRILLIC_LETTER.search(text)):
        return text, []  # no word can mix the two scripts: one search in C instead of a walk of letters
    context = _firm_majority(text)
    characters = list(text)
    findings: list[ConfusableFinding] = []
    for match in _WORD.finditer(text):
        target = _word_script(match.group(), context)
        if target is not None:
            findings.extend(_fold_word(characters, match.start(), match.group(), target))
    return "".join(characters), findings


def mixed_script_words(text: str) -> list[MixedScriptWord]:
    """The words of `text` whose letters belong to more than one script."""
    mixed = []
    for match in _WORD.finditer(text):
        scripts = {letter_script(letter) or "other" for letter in match.group()}
        if len(scripts) > 1:
            mixed.append(MixedScriptWord(match.start(), match.group(), tuple(sorted(scripts))))
    return mixed


def _twins(script: str) -> dict[str, str]:
    return LATIN_TO_CYRILLIC if script == "Latn" else CYRILLIC_TO_LATIN


def _firm_counts(letters: str) -> dict[str, int]:
    """How many letters of each script have no twin in the other (and are no twin themselves)."""
    counts = {"Latn": 0, "Cyrl": 0}
    for letter in letters:
        script = letter_script(letter)
        if script is not None and letter not in LOOK_ALIKES:
            counts[script] += 1
    return counts


def _majority(counts: dict[str, int]) -> str | None:
    if counts["Latn"] == counts["Cyrl"]:
        return None
    return "Latn" if counts["Latn"] > counts["Cyrl"] else "Cyrl"


def _firm_majority(text: str) -> str | None:
    return _majority(_firm_counts(text))


def _word_script(word: str, context: str | None) -> str | None:
    """The script a mixed Latin-Cyrillic word is written in; None for a word that does not mix."""
    scripts = [letter_script(letter) for letter in word]
    if "Latn" not in scripts or "Cyrl" not in scripts:
        return None
    totals = {"Latn": scripts.count("Latn"), "Cyrl": scripts.count("Cyrl")}
    return _majority(_firm_counts(word)) or _majority(totals) or context


def _fold_word(characters: list[str], start: int, word: str, target: str) -> list[ConfusableFinding]:
    source = "Cyrl" if target == "Latn" else "Latn"
    twins = _twins(source)
    findings = []
    for offset, letter in enumerate(word):
        if letter_script(letter) == source and letter in twins:
            characters[start + offset] = twins[letter]
            findings.append(ConfusableFinding(start + offset, letter, twins[letter], target))
    return findings
