"""The dictionary forms a place name in running text may stand for: case endings and adjectives read back.

National documents write place names inside sentences: "в Лхасе", "из Тюмени" (Russian case forms),
"Алматыда", "Бишкекке", "Тошкентдан", "Қәшқәргә", "Хатгалаар" (Kazakh, Kyrgyz, Uzbek, Uyghur and
Mongolian case endings), "Ошская область", "Тюменский" (Russian adjectives made from the name), "дар
Душанбе" (Tajik prepositions). `forms` gives, for a name that is no entry as written, the names it may
be an inflected form of, each with what was read, so that the resolver can look them up at a lower
score (`scoring.INFLECTED`) and say so.

Sources of the tables:
* Russian nouns: А. А. Зализняк, Грамматический словарь русского языка (1977), the declension of nouns
  (types 1 and 2 of masculine -Ø/-ь/-й and neuter -о, feminine -а/-я, type 8 of feminine -ь): the case
  ending and the nominative endings it may replace (Лхасе: Лхаса; Тюмени: Тюмень; Бишкека: Бишкек).
* Russian relative adjectives in -ск-: Русская грамматика (USSR Academy of Sciences, 1980), §§ 585-600
  (Ошская: Ош; Алтайская: Алтай; Тюменский: Тюмень; Алматинская: Алматы, with the -ин- of names in -ы
  and -а; Актюбинская: Актюбинск, the adjective of a name in -ск).
* Russian prepositions of place governing a case (в, во, из, на, с, со, к, ко, до, от, у, под, около,
  через, близ): Русская грамматика (1980), § 1658.
* Kazakh, Kyrgyz, Uzbek, Uyghur and Mongolian case endings, each allomorph read only after a stem of its
  harmony class and last sound: `gateway.resolve.case_endings`, which cites the grammars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.glossary import term_key
from gateway.names.language_profiles import COUNTRY_LANGUAGES
from gateway.resolve.case_endings import readings_of
from gateway.resolve.variants import without_address_words

FORM_FLOOR = 0.95
"""A form read off a name must meet an entry at least this well: an ending read off a name that only
resembles an entry is two guesses (Цзиньша is no case form of Цзиньш, near Jinshi)."""
FORM_MARGIN = 0.02
"""A form is read only when it beats the name as written by more than this: Қарағанды (Kazakh for
Karaganda, 0.889 as written) is not claimed to be the genitive of Қарағанда (0.891)."""
MIN_STEM = 2
"""A stem keeps at least this many letters (Ошта is Ош, Kazakh locative)."""

PREPOSITIONS = frozenset(
    {"в", "во", "из", "на", "с", "со", "к", "ко", "до", "от", "у", "под", "около", "через", "близ"}
    | {"дар", "аз", "ба", "то"}
)
"""Russian and Tajik prepositions that may stand before a place name (see the sources above)."""

RUSSIAN_CASES: dict[str, tuple[str, ...]] = {
    "а": ("", "о"),
    "я": ("ь", "й"),
    "ы": ("а",),
    "и": ("а", "ь", "я"),
    "у": ("", "а", "о"),
    "ю": ("ь", "й", "я"),
    "е": ("", "а", "я", "ь", "о"),
    "ом": ("", "о"),
    "ем": ("ь", "й"),
    "ём": ("ь",),
    "ой": ("а",),
    "ей": ("я", "ь", "а"),
    "ью": ("ь",),
}
"""A Russian case ending and the nominative endings it replaces (Зализняк 1977)."""

_ADJECTIVE = re.compile(r"^(?P<stem>[а-яё]{2,}?)ск(?:ая|ий|ой|ое|ие|их|ого|ому|ую|ом|ым|ыми|ими|ых|ей)$")
"""A Russian relative adjective in -ск- with its ending (Русская грамматика 1980)."""
ADJECTIVE_NAMES = ("", "ск", "ь", "а", "я")
"""The endings a place name may have had before -ск- (Ош, Актюбинск, Тюмень, Караганда ...)."""

_WORD_END = re.compile(r"(?P<head>.*?)(?P<word>[^\W\d_]+)$", re.DOTALL)


@dataclass(frozen=True)
class Form:
    """A name an inflected text may stand for, and what was read to get it."""

    name: str
    reading: str
    """What was read, for the resolution's notes ("case ending -е of Лхаса")."""
    languages: tuple[str, ...] = ()
    """The languages whose case ending was read (`case_endings.readings_of`); empty for what any
    document may write (Russian cases and adjectives, prepositions, kind words)."""


def forms(text: str, address_keys: frozenset[str] = frozenset()) -> list[Form]:
    """The names `text` may be an inflected form of, without repeats, the text itself left out; with the
    keys of the glossary's address words, a declined kind word is set apart too (в городе Алматы,
    Бишкек шаарынан: the form's address words are taken out as the name's are)."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in PREPOSITIONS:
        text = " ".join(words[1:])
    found = [Form(text, f"preposition {words[0]} set apart")] if text != " ".join(words) else []
    rest = text.split()
    if len(rest) > 1 and any(term_key(name) in address_keys for name, _, _ in _word_forms(rest[0])):
        text = " ".join(rest[1:])
        found.append(Form(text, f"kind word {rest[0]} set apart"))
    match = _WORD_END.fullmatch(text)
    if match is not None:
        head = match["head"]
        found += [
            Form(head + name, reading, tongues) for name, reading, tongues in _word_forms(match["word"])
        ]
    return _unique(found, " ".join(words), address_keys)


def _unique(found: list[Form], text: str, address_keys: frozenset[str]) -> list[Form]:
    """The forms without their address words, each once, `text` itself left out."""
    seen = {text.lower()}
    unique: list[Form] = []
    for form in found:
        name = without_address_words(form.name, address_keys)[0] if address_keys else form.name
        if name and name.lower() not in seen:
            seen.add(name.lower())
            unique.append(Form(name, form.reading, form.languages))
    return unique


def _word_forms(word: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The dictionary forms of one word: Russian adjective, Russian case, Turkic and Mongolian case
    endings (with the languages that read them)."""
    lower = word.lower()
    found: list[tuple[str, str, tuple[str, ...]]] = []
    adjective = _ADJECTIVE.match(lower)
    if adjective:
        stem = word[: len(adjective["stem"])]
        names = [stem + end for end in ADJECTIVE_NAMES]
        if stem.lower().endswith("ин"):  # Алматинская: Алматы; Карагандинская: Караганда
            names += [stem[:-2] + "ы", stem[:-2] + "а"]
        found += [(name, f"adjective {word} read as {name}", ()) for name in names]
    for ending, nominatives in RUSSIAN_CASES.items():
        if lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            found += [(stem + end, f"case ending -{ending} of {stem + end}", ()) for end in nominatives]
    for stem, ending, tongues in readings_of(word, MIN_STEM):
        raised = f", its {stem[-1]} written и before it" if word[: -len(ending)] != stem else ""
        found.append((stem, f"case ending -{ending} of {stem}{raised}", tongues))
    return found


def document_languages(given: str | None, guessed: str, country: str | None) -> frozenset[str]:
    """The languages whose case endings a document's names are read in first: the language it is
    tagged with, the one its name was guessed in, and its sender country's
    (`language_profiles.COUNTRY_LANGUAGES`: Kyrgyz and Russian for KG, Chinese, Uyghur and Mongolian
    for CN), as primary subtags."""
    tags = [given or "", guessed, *(language for language, _ in COUNTRY_LANGUAGES.get(country or "", ()))]
    return frozenset(tag.split("-")[0].lower() for tag in tags if tag)


def in_own_languages(forms: list[Form], languages: frozenset[str]) -> tuple[list[Form], list[Form]]:
    """The forms read by an ending of one of `languages` or by none (Russian cases, adjectives,
    prepositions, kind words: any document writes them), and the forms only other languages read."""
    own = [form for form in forms if not form.languages or languages.intersection(form.languages)]
    return own, [form for form in forms if form not in own]
