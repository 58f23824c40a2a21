"""The Russian conventional reading of Uzbek, Tajik, Kazakh and Kyrgyz Cyrillic place names.

UN/LOCODE's Latin names of Uzbekistan's, Tajikistan's and many of Kazakhstan's and Kyrgyzstan's places
are romanized from the Russian form of the name (Karaulbazar, Khamza, Taldy-Kurgan), while a national
document writes the national form. The two differ by regular correspondences that Soviet and Russian
gazetteers follow when they render these languages' names in Russian; `conventional_reading` writes a
national name as they do, so that its Latin key meets the Russian-based one (Қоровулбозор: Каровулбазар,
Karaulbazar; Конибодом: Канибадам, Kanibadam).

Sources. The rules below are the ones the established Russian forms of these names show (every example
given is such a pair). The works named are where these correspondences are published; their printed
tables were not at hand when the rules were written, so they were not checked line by line against them
(plans/notes-turkic7.md): a terminologist with the texts should add page references.
* ГУГК при СМ СССР, «Инструкция по русской передаче географических названий Узбекской ССР» and
  «... Таджикской ССР» (the Soviet instructions for maps and gazetteers), and Р. С. Гиляревский,
  Б. А. Старостин, «Иностранные имена и названия в русском тексте» (3rd ed., Moscow, 1985), which
  follows them: Uzbek and Tajik о (the open back vowel that continues Persian and Turkic a) is
  written а in Russian (Тошкент Ташкент, Бухоро Бухара, Андижон Андижан, Гулистон Гулистан, Хуҷанд
  Худжанд, Конибодом Канибадам, -обод -абад); Uzbek ў is written у (Қўнғирот Кунград, Ўртачирчиқ
  Уртачирчик); a final ё (Persian ā) is written я (Сирдарё Сырдарья, Сариосиё Сариасия). The
  letters Russian lacks (қ ғ ҳ ҷ ӣ ӯ) are read by `keys.russian_reading`.
* For Kazakh, the Kazakhstani recommendation on rendering the Republic's geographic names from
  Kazakh into Russian («Қазақстан Республикасының географиялық атауларының қазақ тілінен орыс тіліне
  берілуі бойынша ұсынымы», after the ГУГК instruction for the Kazakh SSR): ә а, ө о, ұ and ү у, і и,
  қ к, ғ г, ң н, which `keys.russian_reading` already does letter for letter; it adds no vowel rule of
  its own, so Kazakh and Kyrgyz get only the geographic terms below.
* Geographic terms inside names keep the traditional Russian form these instructions list as
  exceptions to the letter rules (Талдықорған Талды-Курган, Қурғонтеппа Курган-Тюбе, Ысык-Көл
  Иссык-Куль, Жаңаөзен Новый Узень): the term at the end of a name or of a
  part of it.
"""

from __future__ import annotations

import re

from gateway.glossary import term_key
from gateway.names.language_profiles import COUNTRY_LANGUAGES

LANGUAGES = frozenset({"uz", "tg", "kk", "ky"})
"""The primary language subtags whose names have a conventional Russian reading here."""

LETTERS: dict[str, dict[str, str]] = {
    "uz": {"о": "а", "ў": "у"},
    "tg": {"о": "а"},
}
"""Vowels of the national orthography and the Russian letter the instructions write for them."""
SECOND_LETTERS: dict[str, dict[str, str]] = {"uz": {"ў": "о"}}
"""Letters that Russian writes a second way too, read so in a second key: Uzbek ў, the rounded mid vowel
that continues Turkic o and ö (where Uzbek о continues a), is у in most Russian forms (Қўнғирот
Кунград, Ғўзор Гузар, Ўзган Узген) but о in others (Қўқон Коканд, Хўжаобод Ходжаабад, Ўш Ош, Сўх
Сох): both are established, and no rule of the word tells which (Кошкупыр, Қўшкўпир, has both)."""
WORD_ENDS: dict[str, dict[str, str]] = {"uz": {"ё": "я"}, "tg": {"ё": "я"}}
"""Letters that Russian writes otherwise at the end of a word: Uzbek and Tajik final ё, Persian ā, is я
(Сирдарё Сырдарья, Амударё Амударья, Сариосиё Сариасия)."""

TERMS: dict[str, dict[str, str]] = {
    "uz": {},
    "tg": {"теппа": "тюбе", "тепа": "тюбе"},
    "kk": {"қорған": "курган", "өзен": "узень"},
    "ky": {"коргон": "курган", "көл": "куль"},
}
"""Geographic terms (hill, fortress, river, lake) whose traditional Russian form the letter rules do not
give, by language. The others follow from the letters (Uzbek қўрғон and Tajik қӯрғон are курган,
кўл and кӯл куль). Uzbek тепа stays тепа in Russian (Қизилтепа Кызылтепа), and Kazakh төбе is written
тобе today (Бестөбе Бестобе): neither is read as тюбе."""

_WORD_PART = re.compile(r"[^\s\-]+")
_WORD_END = re.compile(r"\w(?=$|[\s\-])")


def language_of(language: str | None, country: str | None) -> str | None:
    """The language whose conventional reading applies: the name's, else its sender country's national
    language (`language_profiles.COUNTRY_LANGUAGES`, the detector's priors)."""
    if language:
        tongue: str | None = language.split("-")[0].lower()
    else:
        national = COUNTRY_LANGUAGES.get((country or "").upper(), ())
        tongue = national[0][0] if national else None
    return tongue if tongue in LANGUAGES else None


def conventional_readings(text: str, language: str | None, country: str | None = None) -> list[str]:
    """The conventional reading of `text`, and a second one where a letter has a second Russian
    spelling (`SECOND_LETTERS`: Қўқон is "кукан" and "кокан", Коканд); none when no rule applies."""
    tongue = language_of(language, country)
    if tongue is None:
        return []
    second = SECOND_LETTERS.get(tongue, {})
    readings = [_reading(text, tongue)]
    if any(letter in text.lower() for letter in second):
        readings.append(_reading(text, tongue, second))
    return [reading for reading in dict.fromkeys(readings) if reading]


def conventional_reading(
    text: str, language: str | None, country: str | None = None, second: dict[str, str] | None = None
) -> str:
    """`text` (Cyrillic) as the Russian conventional spelling writes a name of its language, in the
    folded form of `term_key` ("Қоровулбозор" is "қаровулбазар"; the letters Russian lacks are left to
    `keys.russian_reading`), with the `second` spellings of some letters if given; "" when no rule
    applies or the language has no reading here."""
    tongue = language_of(language, country)
    return "" if tongue is None else _reading(text, tongue, second)


def _reading(text: str, tongue: str, second: dict[str, str] | None = None) -> str:
    """`conventional_reading` for a language that has one."""
    plain = term_key(text)
    key = plain
    if ends := WORD_ENDS.get(tongue):  # read before term_key, which writes ё as е
        key = term_key(_WORD_END.sub(lambda end: ends.get(end.group(), end.group()), text.lower()))
    terms, letters = TERMS[tongue], LETTERS.get(tongue, {}) | (second or {})
    read = _WORD_PART.sub(lambda word: _word(word.group(), terms, letters), key)
    return read if read != plain else ""


def _word(word: str, terms: dict[str, str], letters: dict[str, str]) -> str:
    """One word: a geographic term at its end in its Russian form, the rest by the letter rules."""
    for term, russian in terms.items():
        if word.endswith(term):
            return _letters(word[: -len(term)], letters) + russian
    return _letters(word, letters)


def _letters(text: str, letters: dict[str, str]) -> str:
    return "".join(letters.get(letter, letter) for letter in text)


__all__ = [
    "LANGUAGES",
    "LETTERS",
    "SECOND_LETTERS",
    "TERMS",
    "WORD_ENDS",
    "conventional_reading",
    "conventional_readings",
    "language_of",
]
