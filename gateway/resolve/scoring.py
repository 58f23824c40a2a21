"""How an entry is scored for a name: Latin and native similarity, and the weights of weaker signs.

`weighted_rank` gives (score, own name or not, native similarity, ASCII similarity) of a term for one
reading of a name; `same_consonants` the entry of the sender's country that a consonant skeleton
names (`gateway.resolve.consonants`). The weights are measured on the accuracy set (bench/names.py).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from gateway.glossary import term_key
from gateway.names.language_profiles import TRADITIONAL_CHINESE_COUNTRIES
from gateway.names.pinyin import pinyin_words
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve.catalog import Catalog, Term, locode_parts, without_port
from gateway.resolve.consonants import (
    MIN_CONSONANTS,
    MIN_HAN_CHARACTERS,
    MIN_HAN_CONSONANTS,
    latin_consonants,
    pinyin_consonants,
    whole_readings,
)
from gateway.resolve.keys import latin_key, readings
from gateway.resolve.palladius import palladius
from gateway.resolve.syllables import (
    chinese_syllables,
    in_latin_letters,
    other_name,
    place_syllables,
    similarity,
    written_as_chinese,
)

Rank = tuple[float, int, float, float]

PINYIN_MISMATCH = 0.95
"""The Latin similarity of a Chinese name is multiplied by this when its pinyin is not the entry's:
another pinyin is another character, so another name (太仓 Taicang is not Taiyang), not a spelling
variant as between transliterations. It trades 0.6 points of top-1 for 2.8 fewer wrong codes on the
accuracy set (bench/names.py)."""
FUZZY_CEILING = 0.99
"""A fuzzy match never scores 1, even when the Latin keys agree: only an exact match does."""
PINYIN_FOR_CYRILLIC = 0.9
"""The score of a Cyrillic name against the pinyin name of a Chinese place is multiplied by this:
Russian, Kazakh and Kyrgyz write Chinese places in Palladius (compared through the derived Palladius
form at full weight), so a transliteration that meets the pinyin through the skeleton (ch = sh)
is a weaker sign. It trades 0.6 points of Cyrillic top-1 for 0.5 fewer wrong codes (bench/names.py)."""
OTHER_READING = 0.88
"""The score of a Chinese name read with another reading of its characters than the dictionary's
(长治 Changzhi, not Zhangzhi) is multiplied by this: the dictionary's reading wins when both match,
and another reading that names another place stays a guess near the threshold."""
ADJECTIVE_STEM = 0.9
"""The score of a name read through the place name inside a Russian adjective (Хоргосская таможня:
Хоргос) is multiplied by this: the stem is a guess at the name the adjective was made from."""
INFLECTED = 0.9
"""The score of a place name read through the dictionary form of an inflected one (в Лхасе: Лхаса;
Алматыда: Алматы; Ошская: Ош; `gateway.resolve.inflection`) is multiplied by this: the ending read is a
guess, so only a form that meets an entry at 0.945 or more clears the usual threshold."""
CONSONANT_MATCH = 0.86
"""The score of the one entry of the sender's country whose name has the consonants of the name
(`gateway.resolve.consonants`), when no spelling scores higher: at the default threshold, a result."""
OTHER_CHINESE_NAME = 0.8
"""A Chinese name against a place whose Chinese names are known (the division list, the code list's
own) and differ: characters name a Chinese place, and another name of one pinyin is another place
(亭江 Tingjiang is not 盈江 Yingjiang, 百城 not 白城 Baicheng). Its score counts this much: a candidate,
never a result."""
OTHER_SYLLABLES = 0.8
"""A name that is Mandarin syllables (`syllables.written_as_chinese`: Синюань, Xingyuan) against a
place of China whose pinyin is other syllables (Xinyuan: `syllables.other_name`), or, from a
document of a Chinese-writing country, against a place abroad (Сыван, "siwang", is not Shirvan): its
score above this keeps a fifth of its excess (`other_syllables_score`), so that letters alone make it
a candidate, never a result (0.99 is 0.838). Mandarin tells xin from xing, zi from zhi and si from
shi, and another syllable is another character: two names that differ in one are two places, however
near their letters (Xingyuan and Xinyuan 0.95 by syllables; Сыван and Shirvan 0.909 by letters), as
with OTHER_CHINESE_NAME for characters. A score already under it (Yanjin for Tianjin, 0.675) stays."""


def other_syllables_score(score: float) -> float:
    """A score squeezed under OTHER_SYLLABLES's mark, the order of places kept."""
    return score if score <= OTHER_SYLLABLES else round(OTHER_SYLLABLES + (score - OTHER_SYLLABLES) / 5, 3)


WEIGHTIER_READING = 0.86
"""The score of the place a name that reads as two places of one country is read as, when one weighs far
more as a customs place (`gateway.resolve.homophones.weightier`): just above the default threshold, so
that it is given, with its note, and no stricter threshold takes it for sure."""

SEPARATED = 0.86
"""The score of a fuzzy best entry under it that stands alone (`gateway.resolve.separation`: of the
sender's country, far nearer than any other place): just above the default threshold, so that it is
given, with its note, and no stricter threshold takes it for sure."""

TRANSCRIPTION_TIE = 0.05
"""How far below the first a place may score for a name in Kazakh letters and still tie with it when the
seat of a higher division of China is preferred (`resolver._larger_first`): what one variant spelling
(`syllables.VARIANT`) costs a name of two syllables. Kazakh writers often print н for ң (a Russian
keyboard's habit: Жөнжоу for Жөңжоу), so a name read exactly as a small place and with ң as a city
means the city, as a gazetteer reads it. Russian's Palladius tells -н from -нь (Цинчжоу is 青州
Qingzhou, Циньчжоу 钦州 Qinzhou): no margin for it."""

TOWN = 0.9
"""The score of a name that is a town of the place's county (`gateway.resolve.towns`, method `town`): the
town is inside the place, not the place, so never 1; it still passes the default threshold."""
TOWN_BY_SOUND = 0.87
"""The score of a Cyrillic name that reads as the pinyin of a town of the place's county
(`gateway.resolve.town_sounds`, method `town`): under TOWN, since a sound says less than the town's
characters (other characters read alike, and the reading of the Cyrillic is a guess), and still over
the default threshold."""


def weighted_rank(
    variant: str, plain: str, key: str, term: Term, cyrillic: bool, other_reading: bool
) -> Rank:
    """The rank of a term for one reading of a name, with the weights of the weaker signs: a Cyrillic
    name meeting a pinyin name (PINYIN_FOR_CYRILLIC), another reading of Chinese characters
    (OTHER_READING)."""
    ranked = rank(variant, plain, key, term)
    weight = PINYIN_FOR_CYRILLIC if cyrillic and term.pinyin_named and term.name.isascii() else 1.0
    weight *= OTHER_READING if other_reading else 1.0
    return (round(ranked[0] * weight, 3), *ranked[1:]) if weight < 1 else ranked


STANDING_TIE = 0.0001
"""The standing of a place (`catalog.standing`, 0 to 1) is added to its ASCII similarity times this:
it decides only between places whose names are spelt alike (two cities of one name), where the code's
alphabet decided before."""


def rank(variant: str, plain: str, key: str, term: Term) -> Rank:
    """(score, own name or not, native similarity, ASCII similarity with the place's standing as the
    last tie-break, STANDING_TIE) of a term for a name."""
    native = _native_ratio(variant, term) / 100
    latin = _latin_ratio(key, term.latin_key)
    if detect_script(variant) in HAN_FAMILY and plain.replace(" ", "") != term.ascii_key.replace(" ", ""):
        latin *= PINYIN_MISMATCH
    score = round(min(max(latin, native), FUZZY_CEILING), 3)
    spelling = fuzz.ratio(plain, term.ascii_key) / 100 if term.ascii_key else 0.0
    return score, ownership(term.derived), native, spelling + STANDING_TIE * term.standing


def transcription_rank(variant: str, term: Term, ranked: Rank) -> Rank:
    """The rank of a Cyrillic name against a place of China named in pinyin, with the similarity of
    their syllables (`gateway.resolve.syllables`) as the score when the name reads as syllables: for
    the place's pinyin name, its derived Cyrillic forms and its own Cyrillic names that transcribe the
    pinyin (Сиань). An own name that does not (Пекин, an exception) is compared as written. Against a
    place abroad's name in Chinese characters (`chinese_exonym`: 浩罕, Kokand), and against any name in
    characters when the name is Mandarin syllables (`syllables.written_as_chinese`), the similarity of
    the syllables alone, 0 when the name does not read as syllables: the pinyin's letters are no
    spelling of such a name (Каньши, "kanshi", is not 喀什, "kashi", for being near it); so are a
    Chinese place's names in pinyin whatever its English name (Kashi, an alias of Kashgar)."""
    characters = han_pinyin(term.name)
    if characters is not None and (chinese_exonym(term) or written_as_chinese(variant)):
        read = similarity(variant, characters)
        return (0.0 if read is None else min(read, FUZZY_CEILING), *ranked[1:])
    if term.country == "CN" and characters is None and written_as_chinese(variant):
        own = name_pinyin(term)  # Kashi, an alias of Kashgar: pinyin too
        read = similarity(variant, own) if own else None
        if read is not None:
            return (min(read, FUZZY_CEILING), *ranked[1:])
    english = term.english or ""
    pinyin = without_port(english) if ownership(term.derived) == 0 else english  # Таншань: Tangshan Pt
    named = term.pinyin_named or (term.name.isascii() and place_syllables(english) is not None)
    if term.country != "CN" or not named or not pinyin:  # a glossary's English name is pinyin too
        return ranked
    if not term.derived and not term.name.isascii() and (similarity(term.name, pinyin) or 0) < 1:
        return ranked
    read = similarity(variant, pinyin)
    return ranked if read is None else (min(read, FUZZY_CEILING), *ranked[1:])


def pinyin_rank(variant: str, term: Term, ranked: Rank) -> Rank:
    """The rank of a name in pinyin (Yanjin: `syllables.written_as_chinese`) against a place of China
    named in pinyin or in characters: the similarity of their syllables (its Palladius form read against
    the place's pinyin, `syllables.similarity`), not of their letters. Another syllable is another
    character, so another name: Yanjin is not Tianjin (0.923 letter by letter; ян is not тянь), Antai not
    Yantai; Tianjing (-ng for -n) scores 0.95 here, and, being other syllables than Tianjin's, counts
    OTHER_SYLLABLES in `Resolver._ranked`: a candidate."""
    if term.country not in CHINESE_WRITING:
        return ranked
    target = name_pinyin(term)
    written = palladius(variant) if target else None
    read = similarity(written, target) if written and target else None
    return ranked if read is None else (min(read, FUZZY_CEILING), *ranked[1:])


CHINESE_WRITING = frozenset({"CN", *TRADITIONAL_CHINESE_COUNTRIES})
"""The countries whose own names of places are written in Chinese characters."""


def other_syllables(variant: str, term: Term, country: str | None) -> bool:
    """Whether a name that is Mandarin syllables is another name than the term's place
    (OTHER_SYLLABLES): the place is of China and none of its pinyin names (`place_pinyin`) is the
    name's syllables, or the name comes from a document of a Chinese-writing `country` and the place
    is abroad (but for its Chinese name read: Хаохань is 浩罕, Kokand). A place whose pinyin is unknown
    (Urumqi, Kashgar) is left to the name's letters."""
    if not written_as_chinese(variant):
        return False
    if term.country not in CHINESE_WRITING:  # abroad: unless the name is its Chinese name (Хаохань, 浩罕)
        characters = han_pinyin(term.name)
        own = characters is not None and other_name(variant, characters) is False
        return country in CHINESE_WRITING and term.country is not None and not own
    found = [other_name(variant, one) for one in place_pinyin(term, in_latin_letters(variant))]
    return True in found and False not in found


def place_pinyin(term: Term, pinyin: bool = False) -> tuple[str, ...]:
    """The pinyin names a term is of its place: its own name's (`name_pinyin`: characters read, or the
    name in pinyin), and for a Cyrillic form of them (derived, or the list's own that transcribes the
    pinyin, as Баотоу) its English name's parts that are pinyin ("Tangshan Pt": Tangshan). None for a
    name that is no transcription of the pinyin (Пекин, Shigatse, Санжы): a Cyrillic name meets such a
    name by its letters. For a name in `pinyin`, whatever the term, the English name's pinyin parts:
    pinyin writes the place's pinyin, never its Russian or Kazakh name (Nanqi is not Нанкин, Nanjing)."""
    return _place_pinyin(term.name, term.english or "", bool(term.derived) or pinyin)


@lru_cache(maxsize=1 << 16)
def _place_pinyin(name: str, english: str, derived: bool) -> tuple[str, ...]:
    own = han_pinyin(name)  # as `name_pinyin`
    if own is None and name.isascii() and place_syllables(name) is not None:
        own = name
    parts = [one for one in (english, *locode_parts(english)) if place_syllables(one) is not None]
    if own is not None:
        return tuple(dict.fromkeys([own, *parts]))
    if not parts or (name.isascii() and not derived):
        return ()
    if derived or any(similarity(name, one) == 1 for one in parts):
        return tuple(parts)
    return ()


def chinese_exonym(term: Term) -> bool:
    """Whether the term is a place outside the Chinese-writing countries named in Chinese characters (奥什,
    Aoshi, for Osh): its pinyin is Chinese's transcription of the place's own name, which a Latin name
    never follows and a Cyrillic one only as a transcription of the characters, syllable by syllable
    (Хаохань for 浩罕, Kokand: `transcription_rank`; Чаочэн, "chaochen", is not Osh for being near
    "aoshen")."""
    return term.language.startswith("zh") and term.country not in (None, *CHINESE_WRITING)


def name_pinyin(term: Term) -> str | None:
    """The pinyin of a term's own name: its characters read (`han_pinyin`), or the name itself when it
    is pinyin (Kashi); None for any other name."""
    characters = han_pinyin(term.name)
    if characters is not None:
        return characters
    return term.name if term.name.isascii() and place_syllables(term.name) is not None else None


@lru_cache(maxsize=1 << 16)
def han_pinyin(name: str) -> str | None:
    """The pinyin words of a name in Chinese characters ("Xi'an" for 西安), None for a name in letters."""
    return pinyin_words(name) if detect_script(name) in HAN_FAMILY else None


def ownership(derived: str) -> int:
    """How near a spelling is to the list's own: its own name 2, a form derived from a whole name 1,
    a part of a name or a form derived from one 0 (between equal scores the nearer wins)."""
    if not derived:
        return 2
    return 0 if derived == "part" or derived.endswith(" of part") else 1


def same_consonants(catalog: Catalog, variant: str, language: str, country: str | None) -> list[Term]:
    """The entry of `country` whose consonants are the name's, when only one entry has them: a Chinese
    transcription of a Turkic or Mongolian name (库尔勒 Korla), a spelling with other vowels (Хужант
    Khujand), by a reading that spells every word of the name (Ғулҗада, read "ghul ada", is not
    Huludao). Only within a known country; a Chinese name never meets a pinyin-named entry
    (`gateway.resolve.consonants`): its syllables are compared with theirs. A name that is Mandarin
    syllables, in pinyin or as a Cyrillic table writes them (`syllables.chinese_syllables`), is a Chinese
    name too among the places of China: Жунчэн (Rongcheng) is not Chongqing, Чунцин, nor Цзиньдань
    Canton, nor Zhangyi Shanghai; as with
    characters, one of MIN_HAN_CHARACTERS syllables or more may be a transcription (Манасы) of a name
    not in pinyin. Elsewhere such a name is Russian spelling that happens to split so (Андижань)."""
    if not country:
        return []
    plain = readings(variant, language, country)
    if detect_script(variant) not in HAN_FAMILY:
        syllables = chinese_syllables(variant) if country in CHINESE_WRITING else 0
        if 2 <= syllables < MIN_HAN_CHARACTERS:
            return []
        whole = whole_readings(variant, [ascii_text for ascii_text, _ in plain])
        skeletons = {latin_consonants(ascii_text) for ascii_text in whole}
        chinese = syllables >= MIN_HAN_CHARACTERS
        return [term for one in sorted(skeletons) for term in _only(catalog, country, one, False, chinese)]
    if len(variant) < MIN_HAN_CHARACTERS or (country not in CHINESE_WRITING and variant in catalog.china):
        return []  # a name of China's divisions is China's place (阿拉山口), no transcription of Oral's
    for skeleton in pinyin_consonants(plain[0][0]):  # the fuller skeleton first
        if catalog.same_consonants(country, skeleton, True):
            return _only(catalog, country, skeleton, True, True)
    return []


def _only(catalog: Catalog, country: str, skeleton: str, han: bool, chinese: bool) -> list[Term]:
    """The entries of `country` with these consonants when they are one place (their names have one
    Latin key: UN/LOCODE's twins TJKHU Khujand and TJLBD Khudzhand), and the consonants are enough (`han`:
    a name in characters); for a `chinese` name only entries not named in pinyin."""
    enough = MIN_HAN_CONSONANTS if han else MIN_CONSONANTS
    found = catalog.same_consonants(country, skeleton, chinese) if len(skeleton) >= enough else []
    places = {latin_key(term.english or term.name) for term in found}
    return found if len(places) == 1 else []


def _latin_ratio(key: str, other: str) -> float:
    """The similarity of two Latin keys, also as one word: a compound name is written hyphenated,
    apart or as one word (Жалал-Абад, Жалалабат), and a space costs as much as a letter otherwise."""
    ratio = fuzz.ratio(key, other)
    if " " in key or " " in other:
        ratio = max(ratio, fuzz.ratio(key.replace(" ", ""), other.replace(" ", "")))
    return ratio / 100


def _native_ratio(variant: str, term: Term) -> float:
    return fuzz.ratio(term_key(variant), term.native_key)
