"""Consonant skeletons: how a transcription is compared with the name it transcribes.

Chinese writes a Kazakh, Uyghur, Mongolian or Russian name with characters whose pinyin keeps its
consonants and changes its vowels (库尔勒 Kuerle is Korla, 卡尔希 Kaerxi Karshi, 二连浩特 Erlianhaote
Erenhot); Kazakh, Tajik and Uzbek spellings of one place disagree on vowels too (Хужант, Khujand;
Тошканд, Tashkent). The skeleton keeps the consonants only, folded into classes that the scripts of
the region confuse: k g h q x(kh); s sh ch zh j z c ts; b p v w f; d t; l r. A pinyin skeleton reads
pinyin's own letters (x and q are s-like, w and y glides, the syllable 尔 er is r), and is taken
with and without the nasal endings of its syllables (-n, -ng), which Chinese adds to fit them.

Skeletons are compared only within one country, and only with names that are not themselves pinyin
(the catalog's `consonant` index): among Chinese names pinyin decides, not consonants.
"""

from __future__ import annotations

import re

from gateway.resolve.palladius import split_pinyin

MIN_CONSONANTS = 3
"""A skeleton shorter than this says too little to match on (and a match must be the only one of its
country: Aral and Oral, both rl, match neither)."""
MIN_HAN_CONSONANTS = 2
"""A Chinese transcription of three characters or more (库尔勒 Korla: kr) may have fewer consonants:
Chinese spends a character on each of the name's syllables."""
MIN_HAN_CHARACTERS = 3
"""Names of one or two characters are Chinese names (呼市, 珲春), not transcriptions."""
_LATIN_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "s"), ("shch", "s"), ("kh", "k"), ("gh", "k"), ("sh", "s"), ("ch", "s"), ("zh", "s"),
    ("ts", "s"),
)  # fmt: skip
_LATIN_CLASSES = str.maketrans("qgxhjzcpvwftl", "kkkksssbbbbdr", "aeiouy")
_PINYIN_DIGRAPHS: tuple[tuple[str, str], ...] = (("zh", "s"), ("ch", "s"), ("sh", "s"))
_PINYIN_CLASSES = str.maketrans("qxjzcghkpftl", "ssssskkkbbdr", "aeiouvüyw")
_DOUBLED = re.compile(r"(.)\1+")
_NASAL_END = re.compile(r"ng?$")


def latin_consonants(ascii_text: str) -> str:
    """The consonant skeleton of a Latin name in lower-case ASCII: "khujand" and "hujant" are "ksnd"."""
    text = ascii_text.replace(" ", "")
    for spelling, common in _LATIN_DIGRAPHS:
        text = text.replace(spelling, common)
    return _DOUBLED.sub(r"\1", text.translate(_LATIN_CLASSES))


def pinyin_consonants(pinyin: str) -> tuple[str, ...]:
    """The consonant skeletons of a pinyin name ("kuerle": "krr" read as "kr"), with the syllables'
    nasal endings, then without them (乌兰浩特 Ulan Hot before Arhaxat); empty when it is not pinyin."""
    syllables = split_pinyin(pinyin.replace(" ", "").replace("'", ""))
    if not syllables:
        return ()
    full = _pinyin_skeleton(syllables)
    reduced = _pinyin_skeleton([_NASAL_END.sub("", one) or one for one in syllables])
    readings = (full,) if reduced == full else (full, reduced)
    return tuple(reading for reading in readings if len(reading) >= MIN_HAN_CONSONANTS)


def _pinyin_skeleton(syllables: list[str]) -> str:
    text = "".join("r" if syllable == "er" else syllable for syllable in syllables)
    for spelling, common in _PINYIN_DIGRAPHS:
        text = text.replace(spelling, common)
    return _DOUBLED.sub(r"\1", text.translate(_PINYIN_CLASSES))


def is_pinyin(ascii_text: str) -> bool:
    """Whether a Latin name splits into pinyin syllables ("Urumqi" does not, "Changji" does, and
    "Yuyue Pt" and "Dadeng I." do: qualifiers of two letters or less are not read)."""
    words = [word for word in ascii_text.split() if len(word) > 2]
    return bool(words) and all(split_pinyin(word) for word in words)
