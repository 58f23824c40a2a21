"""Chinese place names as Russian writes them (the Palladius system): Jiuquan is Цзюцюань, Zhuzhou Чжучжоу.

Kazakh, Kyrgyz and Russian documents write Chinese places in Palladius Cyrillic, which neither pinyin
nor a Latin transliteration of the Cyrillic (Tszyutsyuan') brings near the pinyin of UN/LOCODE. The
resolver therefore derives a Palladius form of each Chinese code-list name written in pinyin (split into
syllables, each written by the Palladius table below) and compares documents' names with it; a derived
form is only ever a fuzzy match (never an exact one), since it is the project's spelling, not the list's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

INITIALS: dict[str, str] = {
    "zh": "чж", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т",
    "n": "н", "l": "л", "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "r": "ж",
    "z": "цз", "c": "ц", "s": "с",
}  # fmt: skip
FINALS: dict[str, str] = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань",
    "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е",
    "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн",
    "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь",
    "uang": "уан", "ü": "юй", "üe": "юэ", "ün": "юнь", "v": "юй", "ve": "юэ",
}  # fmt: skip
"""Finals after an initial; after j, q, x the u of pinyin is ü (ju цзюй, xuan сюань)."""
ZERO_INITIAL: dict[str, str] = {
    "yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь",
    "yang": "ян", "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
    "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь",
    "wang": "ван", "weng": "вэн",
}  # fmt: skip
_U_AS_U_UMLAUT = {"u": "ü", "ue": "üe", "uan": "üan", "un": "ün"}
_AFTER_SIBILANT_I = {"z": "ы", "c": "ы", "s": "ы"}
LONGEST_SYLLABLE = 6


BARE_FINALS = ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er")


@cache
def pinyin_syllables() -> frozenset[str]:
    """The toneless pinyin syllables the table writes: every initial with every final, and the
    syllables without an initial (a few combinations that no word has are harmless here)."""
    combined = {initial + final for initial in INITIALS for final in FINALS if final not in ("v", "ve")}
    combined |= {initial + final for initial in ("j", "q", "x") for final in _U_AS_U_UMLAUT}
    return frozenset(combined | set(ZERO_INITIAL) | set(BARE_FINALS))


def syllable(pinyin: str) -> str:
    """One toneless pinyin syllable in Palladius Cyrillic."""
    if pinyin in ZERO_INITIAL:
        return ZERO_INITIAL[pinyin]
    initial = next((head for head in ("zh", "ch", "sh") if pinyin.startswith(head)), pinyin[:1])
    if initial not in INITIALS:
        return FINALS.get(pinyin, pinyin)
    final = pinyin[len(initial) :]
    if final == "i" and initial in _AFTER_SIBILANT_I:
        return INITIALS[initial] + _AFTER_SIBILANT_I[initial]
    if initial in ("j", "q", "x"):
        final = _U_AS_U_UMLAUT.get(final, final)
    cyrillic = FINALS.get(final)
    if cyrillic is None:
        cyrillic = "ю" + FINALS.get(final[1:], final[1:]) if final.startswith("ü") else final
    return INITIALS[initial] + cyrillic


def split_pinyin(word: str) -> list[str] | None:
    """The syllables of a pinyin word, None if it is not pinyin. Pinyin writes an apostrophe before a
    syllable that starts with a, o or e inside a word (Xi'an; Basic Rules of Hanyu Pinyin Orthography,
    GB/T 16159-2012), so a word without one is read without such a syllable where it can be: "Jingan"
    is jin-gan, "Jinan" ji-nan; then the longest syllables first."""
    word = umlaut_read(word.lower())
    strict = _split(word, True)
    return strict if strict is not None else _split(word, False)


def umlaut_read(word: str) -> str:
    """A lower-case pinyin word with ü typed v read as ü: pinyin has no letter v, and Chinese keyboards
    and many national systems type ü so (Lvliang, Nvshan, Pinglve for Lüliang, Nüshan, Pinglüe). Only
    after l and n, where pinyin writes ü (lü, lüe, nü, nüe: after j, q, x and y it writes u); a word
    with any other v is left as it is (no pinyin)."""
    if "v" not in word:
        return word
    read = _V_AS_U_UMLAUT.sub("ü", word)
    return word if "v" in read else read


_V_AS_U_UMLAUT = re.compile("(?<=[ln])v")


SPLITS_KEPT = 8192
"""How many words' (and their endings') splits are kept: the words come from documents, so the cache is
bounded (unbounded, each new word of n letters kept up to 2n entries for the life of the process)."""


@lru_cache(maxsize=SPLITS_KEPT)
def _split(word: str, apostrophes_kept: bool) -> list[str] | None:
    if not word:
        return []
    known = pinyin_syllables()
    for size in range(min(LONGEST_SYLLABLE, len(word)), 0, -1):
        head = word[:size]
        if head in known:
            rest = _split(word[size:], apostrophes_kept)
            if rest is not None and not (apostrophes_kept and rest and rest[0][0] in _NEEDS_APOSTROPHE):
                return [head, *rest]
    return None


_NEEDS_APOSTROPHE = "aoe"


def palladius(name: str) -> str | None:
    """A pinyin place name in Palladius Cyrillic ("Jiuquan" is "Цзюцюань"), or None if it is not pinyin."""
    return written_syllables(name, syllable)


def written_syllables(name: str, write: Callable[[str], str]) -> str | None:
    """A pinyin place name with each syllable written by `write` (a Cyrillic system's table), its words
    capitalized; None if it is not pinyin."""
    words = []
    for word in name.replace("-", " ").split():
        parts = [split_pinyin(part) for part in word.replace("’", "'").split("'")]
        if not all(parts):
            return None
        words.append("".join(write(one) for part in parts if part for one in part).capitalize())
    return " ".join(words) or None


VARIANT_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("дж", "чж"),
    ("дз", "цз"),
    ("мын", "мэн"),
    ("фын", "фэн"),
    ("пын", "пэн"),
)
"""Spellings of other Cyrillic transcriptions of Chinese, in Palladius: Bulgarian and Belarusian write
zh and j with дж and дз (Belarusian Ханджоў Hangzhou, Дзілінь Jilin; Palladius Ханчжоу, Цзилинь; the
Russian reading has made Belarusian і and ў и and у before); older Russian documents write мын, мынь,
фын, фынь, пын for мэн, мэнь, фэн, фэнь, пэн (Аомынь Aomen). Source: "Cyrillization of Chinese"
(Wikipedia, the Russian system's variants and exceptions) and the Belarusian Wikipedia's guide to
Chinese names."""
_VARIANT = re.compile("|".join(spelling for spelling, _ in VARIANT_SPELLINGS))
_STANDARD = dict(VARIANT_SPELLINGS)


def as_palladius(cyrillic: str) -> str:
    """A lower-case Cyrillic name with the spellings of other transcriptions of Chinese written as
    Palladius writes them ("джуджоу" is "чжучжоу", "аомынь" "аомэнь"); other names change only
    where they have those letters, and are only ever compared, never shown."""
    return _VARIANT.sub(lambda found: _STANDARD[found.group()], cyrillic)
