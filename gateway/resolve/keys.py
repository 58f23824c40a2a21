"""The forms names are compared in: a native key (the text as written, folded) and a Latin key.

The Latin key lets a Kazakh spelling meet a Russian entry and a Cyrillic name meet the Latin name of a
code list: the name is written in Latin letters by the scheme of its language (BGN/PCGN, MNS 5217,
pinyin by words, ...), reduced to lower-case ASCII, and then to a skeleton where the spellings that
the schemes of the region disagree on are made one: kh, h and x (Хоргос Khorgos, Uzbek x); q and k
(Қарағанды Qaraghandy, Караганда Karaganda); gh and g; zh, dzh and j; sh, ch and s (Kazakh ш for
Russian ч: Шыңғырлау, Чингирлау); ts and c; y and i; doubled letters once. The skeleton only finds
candidates and scores them; the result always gives the real Latin form of the name and of the entry.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin

from gateway.glossary.entry import term_key
from gateway.names.icu_transforms import icu_transform
from gateway.names.language import detect_language
from gateway.names.schemes import letter_reading_notes, scheme_for
from gateway.names.script import HAN_FAMILY, detect_script
from gateway.names.transliteration import transliterate_noting
from gateway.resolve.consonants import abjad_readings, read_by_letters
from gateway.resolve.conventional import conventional_readings
from gateway.resolve.palladius import as_palladius

_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("dzh", "j"),
    ("sh", "s"),
    ("ch", "s"),
    ("kh", "h"),
    ("x", "h"),
    ("zh", "j"),
    ("gh", "g"),
    ("q", "k"),
    ("ts", "c"),
    ("w", "v"),
    ("y", "i"),
)
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['ʹʻʼ’‘`]")
_DOUBLED = re.compile(r"(.)\1+")
_EXTRA_ASCII = str.maketrans({"ə": "a", "Ə": "a", "ı": "i", "ʹ": "", "ʺ": "", "·": ""})
_SOFT_SIGNS = str.maketrans({"ʹ": "", "ʺ": "", "·": "", "ə": "a", "Ə": "A", "ı": "i"})
SHORT_HAN_NAME = 4
"""Chinese names up to this long are also read with their characters' other readings."""
MAX_PINYIN_READINGS = 8
"""At most this many readings of a Chinese name are compared."""


def latin_form(
    text: str, language: str | None = None, country: str | None = None
) -> tuple[str, str, str, str]:
    """(Latin form, language, script, scheme ID) of `text`, by the scheme of its language and script."""
    latin, language, script, scheme, _ = latin_form_noting(text, language, country)
    return latin, language, script, scheme


def latin_form_noting(
    text: str, language: str | None = None, country: str | None = None
) -> tuple[str, str, str, str, tuple[str, ...]]:
    """`latin_form`, and a note for each letter the scheme has no rule for (`transliterate_noting`) and
    for a reading of letters where short vowels are unwritten (`schemes.letter_reading_notes`)."""
    text = unicodedata.normalize("NFC", text)
    script = detect_script(text)
    if language is None:
        language = detect_language(text, country=country).language
    scheme = scheme_for(language, script)
    latin, notes = transliterate_noting(text, scheme)
    return latin, language, script, scheme, notes + letter_reading_notes(scheme, latin)


def ascii_key(latin: str) -> str:
    """Lower-case ASCII words of a Latin text: "Ustʹ-Kamenogorsk" is "ust kamenogorsk"."""
    ascii_text = icu_transform("Any-Latin; Latin-ASCII").transliterate(latin.translate(_EXTRA_ASCII)).lower()
    return _NOT_ALPHANUMERIC.sub(" ", _APOSTROPHES.sub("", ascii_text)).strip()


def plain_letters(latin: str) -> str:
    """A Latin form in the letters of English: marks and soft signs dropped ("Aq Bīday Dīirmeni" is
    "Aq Biday Diirmeni", "Sinʹtszyan" is "Sintszyan", "Abşeron Çörək" is "Abseron Corak"); apostrophes
    that are letters (Oʻzbekiston) kept."""
    decomposed = unicodedata.normalize("NFD", latin.translate(_SOFT_SIGNS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def skeleton(ascii_text: str) -> str:
    """The skeleton of an ASCII key: "qaraghandy" and "karaganda" become "karagandi" and "karaganda"."""
    for spelling, common in _SKELETON_RULES:
        ascii_text = ascii_text.replace(spelling, common)
    return _DOUBLED.sub(r"\1", ascii_text)


_RUSSIAN_READING = str.maketrans(
    {
        **dict(zip("қғүұөіңҳәһӣ", "кгууоинхахи", strict=True)),
        **dict(zip("ҚҒҮҰӨІҢҲӘҺӢ", "КГУУОИНХАХИ", strict=True)),
        **{"ҷ": "дж", "Ҷ": "Дж", "җ": "ж", "Җ": "Ж", "ӯ": "у", "Ӯ": "У", "ў": "у", "Ў": "У"},
    }
)
"""How a Russian reader writes the letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic that Russian
lacks (Қарағанды Караганды, Хуҷанд Худжанд, Нүкіс Нукис): the spelling gazetteers in Russian use."""


_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def persian_letters(text: str) -> str:
    """`text` with the Arabic keyboard's yeh, alef maksura and kaf written as Persian, Pashto and Urdu
    write them (مزار شريف مزار شریف): the letters the glossary's terms in those languages use."""
    return text.translate(_PERSIAN_LETTERS)


def simplified_chinese(text: str) -> str:
    """`text` with traditional Chinese characters written simplified (ICU Hant-Hans: 營口 营口)."""
    return str(icu_transform("Hant-Hans").transliterate(unicodedata.normalize("NFC", text)))


def russian_reading(text: str) -> str:
    """The key of a Cyrillic text with the letters Russian lacks read the Russian way (Қорғас: коргас)."""
    return term_key(text).translate(_RUSSIAN_READING)


def readings(text: str, language: str | None = None, country: str | None = None) -> list[tuple[str, str]]:
    """The (ASCII key, skeleton) pairs of `text` worth comparing, the reading by the scheme of its
    language first; for Cyrillic also BGN/PCGN Russian after the Russian reading of the letters
    Russian lacks, and with other transcriptions' spellings of Chinese in Palladius (`as_palladius`);
    for an Uzbek, Tajik, Kazakh or Kyrgyz name also as Russian gazetteers spell that language's names
    (`conventional.conventional_readings`: Тошкент Ташкент, Tashkent; Қўқон Кукан and Кокан,
    Kokand); for a short Chinese name also the other readings of its characters (长治 is read
    Zhangzhi by the dictionary, Changzhi by the city); for a name in Persian, Pashto or Urdu also its
    و as w and its final ه as a vowel (`consonants.abjad_readings`)."""
    keys = [latin_keys(text, language, country)]
    script = detect_script(text)
    if script in HAN_FAMILY and (mongolian := mongolian_reading(text)):
        keys.insert(0, (mongolian, skeleton(mongolian)))
    if script == "Cyrl":
        russian = russian_reading(text)
        keys.append(latin_keys(russian, "ru", country))
        keys.append(latin_keys(as_palladius(russian), "ru", country))
        for conventional in conventional_readings(text, language, country):
            keys.append(latin_keys(russian_reading(conventional), "ru", country))
    elif script in HAN_FAMILY:
        keys += [(plain, skeleton(plain)) for plain in other_pinyin(text)]
    elif script == "Arab":
        keys += _abjad_keys(text, language, country)
    return list(dict.fromkeys(keys))


def _abjad_keys(text: str, language: str | None, country: str | None) -> list[tuple[str, str]]:
    """The keys of the other letter readings of a name in Persian, Pashto or Urdu (`abjad_readings`:
    و as w, final ه as a vowel)."""
    latin, language, script, _ = latin_form(term_key(text), language, country)
    if not read_by_letters(language, script):
        return []
    return [(plain, skeleton(plain)) for plain in map(ascii_key, abjad_readings(latin))]


MONGOLIAN_GENERIC_WORDS: dict[str, str] = {
    "浩特": "hot",
    "淖尔": "nur",
    "郭勒": "gol",
    "鄂博": "obo",
    "敖包": "obo",
}
"""Mongolian generic words of place names in Chinese characters (city, lake, river, cairn), as the
official transcription of Mongolian place names writes them ("少数民族语地名汉语拼音字母音译转写法",
1976, and the official names it gives: Hohhot, Xilinhot, Ulanhot, Erenhot, Bayannur, Xilin Gol,
Bayan Obo), not as pinyin reads the characters (haote, naoer, guole, ebo, aobao)."""
MONGOLIAN_WORDS: dict[str, str] = {"乌兰": "ulan", "呼和": "hoh", "二连": "eren", "察布": "qab"}
"""Other Mongolian words in those official names (ulaan red, khökh blue, ereen, tsav), read so only in a
name with a generic word: Ulanhot, Hohhot, Erenhot, Ulanqab."""


def mongolian_reading(text: str) -> str:
    """The reading of a Chinese name with a Mongolian generic word by the official transcription of
    Mongolian words (锡林浩特 is "xilinhot", 巴彦淖尔 "bayannur"), in lower-case ASCII; "" for other names."""
    simplified = icu_transform("Hant-Hans").transliterate(unicodedata.normalize("NFC", text))
    if not any(word in simplified for word in MONGOLIAN_GENERIC_WORDS):
        return ""
    words = MONGOLIAN_GENERIC_WORDS | MONGOLIAN_WORDS
    parts = re.split(f"({'|'.join(words)})", simplified)
    return ascii_key("".join(words.get(part) or "".join(lazy_pinyin(part)) for part in parts))


def other_pinyin(text: str) -> list[str]:
    """Readings of a Chinese name of up to SHORT_HAN_NAME characters with each character read every
    way pypinyin knows (heteronyms), at most MAX_PINYIN_READINGS, in lower-case ASCII."""
    simplified = icu_transform("Hant-Hans").transliterate(unicodedata.normalize("NFC", text))
    if len(simplified) > SHORT_HAN_NAME or not all(detect_script(c) in HAN_FAMILY for c in simplified):
        return []
    per_character = pinyin(simplified, style=Style.NORMAL, heteronym=True)
    combinations = itertools.islice(itertools.product(*per_character), MAX_PINYIN_READINGS)
    return [ascii_key("".join(combination)) for combination in combinations]


def latin_key(text: str, language: str | None = None, country: str | None = None) -> str:
    """The skeleton of the Latin form of any text, the key the fuzzy index holds."""
    return latin_keys(text, language, country)[1]


def latin_keys(text: str, language: str | None = None, country: str | None = None) -> tuple[str, str]:
    """The ASCII key and the skeleton of the Latin form of any text: the skeleton finds and scores
    candidates, the ASCII key breaks ties between equal skeletons (pinyin Changji and Changzhi)."""
    if not text.isascii():
        text, _, _, _ = latin_form(term_key(text), language, country)
    plain = ascii_key(text)
    return plain, skeleton(plain)


__all__ = [
    "ascii_key",
    "latin_form",
    "latin_key",
    "latin_keys",
    "mongolian_reading",
    "persian_letters",
    "plain_letters",
    "readings",
    "russian_reading",
    "simplified_chinese",
    "skeleton",
    "term_key",
]
