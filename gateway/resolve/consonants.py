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

Spellings of one name in the scripts of the region disagree on which vowel stands between two
consonants, not on whether one does: Хужант and Khujand, Тошканд and Tashkent, Кобдо and Khovd keep
their consonant clusters, while Чоржўй (Chardzhou) and Sary-Assiya only share the consonant classes
s r s, one with a cluster (rj) where the other has a vowel (ry-a). A name written in letters
(not a Chinese transcription, which adds a vowel after every consonant) meets an entry by consonants
only when the vowels stand where the entry's do (`vowel_places`), and only through a reading that
spells every word of the name (`whole_readings`: a letter the language's scheme lacks, Uyghur җ read
as Kazakh, leaves a gap, and the skeleton of what is left is another name's: Ғулҗада, read "ghul
ada", has Huludao's).

Persian (Dari), Pashto and Urdu write no short vowels (an abjad), and their letters و ی ا stand for a
long vowel or a consonant: their Latin form is a letter reading (هرات Hrāt, Herat; پشاور Pshāwr,
Peshawar). Such a name meets an entry by consonants with a short vowel allowed between any two of its
consonants, a vowel where it writes one (`abjad_alike`), and its و read as a vowel and as w, its
final ه as a vowel and as h (`abjad_readings`); within the sender's country, as every skeleton.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gateway.names.schemes import SCHEMES, scheme_for
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
VOWEL = "."
_VOWEL_PLACES = str.maketrans("qgxhjzcpvwftlaeiouy", "kkkksssbbbbdr" + VOWEL * 6)
_NOT_LETTER = re.compile(r"[^a-z]")
_BETWEEN_WORDS = re.compile(r"[\s\-]+")
_NASAL_END = re.compile(r"ng?$")
ABJAD_LANGUAGES = frozenset(
    {language for scheme in SCHEMES.values() if scheme.letter_reading for language in scheme.languages}
    | {"ar"}
)
"""Languages whose script leaves short vowels unwritten, their names read by consonants: those of the
schemes that read letters (`Scheme.letter_reading`: Persian, Dari, Pashto, Urdu) and Arabic, which the
Arabic script's default scheme reads (the Persian one: `schemes.scheme_for`)."""
JOINED_WORDS = frozenset({"آباد"})
"""Words the schemes write with the word before them (BGN/PCGN's ābād: جلال آباد Jlālābād)."""
_VOWEL_OF_WAW = re.compile(r"(?<=\w)[ūōo]")
"""و read as a long vowel after a consonant (Persian ū, Pashto ō, Urdu o): it may be the consonant w."""
_FINAL_HEH = re.compile(r"(?<=[ea])h\b")
"""Final ه read as the vowel it marks (Persian eh, Pashto and Urdu ah): it may be that vowel alone."""


def latin_consonants(ascii_text: str) -> str:
    """The consonant skeleton of a Latin name in lower-case ASCII: "khujand" and "hujant" are "ksnd"."""
    text = ascii_text.replace(" ", "")
    for spelling, common in _LATIN_DIGRAPHS:
        text = text.replace(spelling, common)
    return _DOUBLED.sub(r"\1", text.translate(_LATIN_CLASSES))


def vowel_places(ascii_text: str) -> str:
    """The skeleton with VOWEL where vowels stand between consonants, the vowels at either end left
    out (they come and go between spellings: Кобдо, Khovd): "tashkent" and "toshkand" are "d.sk.nd",
    "chorjoy" "s.rs", "sary-assiya" "s.r.s"."""
    text = _NOT_LETTER.sub("", ascii_text)
    for spelling, common in _LATIN_DIGRAPHS:
        text = text.replace(spelling, common)
    return _DOUBLED.sub(r"\1", text.translate(_VOWEL_PLACES)).strip(VOWEL)


def whole_readings(name: str, plain_readings: list[str]) -> list[str]:
    """The readings (lower-case ASCII) that spell every word of `name`: as many words as it has (a
    word of JOINED_WORDS counted with the one before it)."""
    words = len([word for word in _BETWEEN_WORDS.split(name.strip()) if word not in JOINED_WORDS])
    return [plain for plain in plain_readings if len(_BETWEEN_WORDS.split(plain.strip())) == words]


LANGUAGES_KEPT = 1024
"""How many language tags' answers are kept (a document names its own tags: bounded)."""


@lru_cache(maxsize=LANGUAGES_KEPT)
def is_abjad(language: str | None) -> bool:
    """Whether a BCP 47 language writes no short vowels (`ABJAD_LANGUAGES`)."""
    return language is not None and language.split("-")[0].lower() in ABJAD_LANGUAGES


@lru_cache(maxsize=LANGUAGES_KEPT)
def read_by_letters(language: str | None, script: str) -> bool:
    """Whether a name of `language` in `script` is read without its short vowels: its scheme is a letter
    reading (Persian, Pashto, Urdu; Arabic-script text of a language not known, read as Persian)."""
    return SCHEMES[scheme_for(language or "und", script)].letter_reading


def abjad_readings(latin: str) -> list[str]:
    """The other letter readings of an abjad name's Latin form: its و as w and its final ه as the vowel
    alone, each and both ("Tōrkhm": "Twrkhm"; "Ql‘eh": "Ql‘e")."""
    waw = _VOWEL_OF_WAW.sub("w", latin)
    others = [waw, _FINAL_HEH.sub("", latin), _FINAL_HEH.sub("", waw)]
    return [other for other in dict.fromkeys(others) if other != latin]


def abjad_alike(name: str, plain_readings: list[str], entry: str) -> bool:
    """Whether a reading that spells the whole `name`, written without its short vowels, is `entry`
    (lower-case ASCII) by its consonants with a short vowel allowed between any two of them and a
    vowel where the reading writes one: "hrat" is "herat", not "hairatan"; "mzar shrif" is "mazar i
    sharif"."""
    places = vowel_places(entry)
    return any(
        re.fullmatch(_short_vowels_allowed(_letter_places(plain)), places)
        for plain in whole_readings(name, plain_readings)
    )


def _letter_places(ascii_text: str) -> str:
    """`vowel_places` with a letter written twice kept twice: in a letter reading (ممبر "mmbr",
    Mambar) a short vowel may stand between them."""
    text = _NOT_LETTER.sub("", ascii_text)
    for spelling, common in _LATIN_DIGRAPHS:
        text = text.replace(spelling, common)
    return re.sub(rf"\{VOWEL}+", VOWEL, text.translate(_VOWEL_PLACES)).strip(VOWEL)


def _short_vowels_allowed(places: str) -> str:
    """A pattern of `_letter_places` with an optional vowel between two consonants ("kr.d": k.?r.d),
    and a consonant written twice read once or with a vowel between ("mmbr": m(.m)?.?b.?r)."""
    pattern = []
    for before, place in zip(" " + places, places, strict=False):
        if place == before:
            pattern.append(f"(?:{re.escape(VOWEL + place)})?")
            continue
        if place != VOWEL and before not in (" ", VOWEL):
            pattern.append(f"{re.escape(VOWEL)}?")
        pattern.append(re.escape(place))
    return "".join(pattern)


def alike_in_vowel_places(name: str, plain_readings: list[str], entry: str) -> bool:
    """Whether a reading that spells the whole `name` has its vowels where `entry` (lower-case ASCII)
    has them (`vowel_places`, `whole_readings`)."""
    places = vowel_places(entry)
    return any(vowel_places(plain) == places for plain in whole_readings(name, plain_readings))


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
    words = [word for word in ascii_text.split() if len(word) > 2 and word not in LOCODE_WORDS]
    return bool(words) and all(split_pinyin(word) for word in words)


LOCODE_WORDS = frozenset(
    {"apt", "international", "railway", "station", "port", "new", "island", "terminal", "area", "town"}
)
"""English words UN/LOCODE adds to a Chinese place's pinyin name ("Wuhan Tianhe International Apt",
"Beijingdong Railway Station", "Foshan New Pt"): the name is pinyin all the same."""
