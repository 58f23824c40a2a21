"""Case endings of Kazakh, Kyrgyz, Uzbek, Uyghur and Mongolian nouns, made by each language's harmony.

A Turkic or Mongolian case ending is not one string but a set of allomorphs: its vowel follows the
vowels of the stem (front or back; in Kyrgyz and Mongolian also rounded or not) and its first consonant
the stem's last sound (after a vowel, a voiced or a voiceless consonant, a nasal). Each `Grammar` below
writes a case once, as a template per class of last sound, with capitals for the letters that harmony
chooses (A the low vowel, I the high one, G and K the velars, AA and UU Mongolian long vowels, Y the
Mongolian genitive's vowel); `endings` spells out every allomorph with the stems it may follow, and
`read_off` gives an ending of a word only where the stem before it takes that allomorph: Түркістан
is no ablative of Түркіс (a front stem takes -тен), Карабалта no locative of Карабал (after л it is
-да). Where a stem's class is not written in its letters (only neutral vowels: и, у, ю in Kazakh),
every class is allowed.

Sources (the declension of nouns in each):
* Kazakh: Қазақ грамматикасы (Астана, 2002), септік жалғаулары: dative -ға/-ге after vowels and voiced
  consonants, -қа/-ке after voiceless ones, -на/-не after the third person's possessive; locative -да/
  -де, -та/-те, -нда/-нде; ablative -дан/-ден, -тан/-тен, -нан/-нен after м н ң and the possessive;
  genitive -ның/-нің after vowels and м н ң, -дың/-дің after ж з л р й у, -тың/-тің; accusative -ны/-ні,
  -ды/-ді, -ты/-ті; instrumental -мен, -бен after ж з, -пен.
* Kyrgyz: Кыргыз тилинин грамматикасы (Фрунзе, 1987): four-way harmony (а ы; е и; о у; ө ү), the
  dative -га/-ка, locative -да/-та, ablative -дан/-тан, genitive -нын/-дын/-тын and accusative
  -ны/-ды/-ты in their four vowels, -на, -нда, -нан after the possessive.
* Uzbek (Cyrillic): Ўзбек тили грамматикаси (Тошкент, 1975): no harmony; dative -га, -ка after к г,
  -қа after қ ғ; locative -да, ablative -дан, genitive -нинг, accusative -ни after every stem.
* Uyghur, as Kazakhstan's Uyghurs write it in Cyrillic: Һазирқи заман уйғур тили (Алма-Ата, 1966) and
  Engesæth, Yakup & Dwyer, Greetings from the Teklimakan: a handbook of Modern Uyghur (University of
  Kansas, 2009): back (а о у) and front (ә ө ү) stems, е and и neutral; dative -ға/-қа, -гә/-кә;
  locative -да/-та, -дә/-тә; ablative -дин/-тин; genitive -ниң and accusative -ни after every stem.
  A stem of two syllables or more whose last letter is а or ә writes it и before a case ending
  (Engesæth et al. 2009, p. 68; F. de Jong, A Grammar of Modern Uyghur, Utrecht, 2007, p. 45: the
  low vowel of an open last syllable is raised): Ғулҗа Ғулҗиға, Ғулҗида; Куча Кучиниң; so a stem
  in и before a Uyghur ending is read back with а (back) or ә (front), as its other vowels say.
* Mongolian (Khalkha, Cyrillic): Монгол хэлний зүй (Улаанбаатар, 1966) and N. Poppe, Mongolian Language
  Handbook (Washington, 1970): four classes (а у; о; э ү е; ө), и neutral; dative-locative -д, -т after
  г в р с, -ад/-эд/-од/-өд after other consonants, -ид after ж ч ш; ablative -аас/-ээс/-оос/-өөс and
  instrumental -аар/-ээр/-оор/-өөр after consonants; genitive -ын/-ийн, after н -ы/-ий; directional
  -руу/-рүү. After a long vowel (аа ээ оо өө уу үү) the ablative and instrumental take г
  (-гаас, -гаар ...) and the genitive is -гийн; after ий and a diphthong in й (ай ой уй эй үй)
  the ablative and instrumental take г too and the genitive is -н (Өлгий Өлгийгөөс, Өлгийн;
  Их Хүрээ Их Хүрээгээс, Их Хүрээгийн).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
"""The letters every Cyrillic alphabet here has; each language adds `Grammar.letters_of_its_own`."""
SILENT = "ьъ"
"""Letters that end a stem without a sound of their own: the class is read from the letter before."""


@dataclass(frozen=True)
class Grammar:
    """One language's declension: the harmony classes of its stems, the classes of their last sounds,
    and each case as a template per class of last sound."""

    language: str
    letters_of_its_own: str
    """The letters the language adds to Russian's: a stem with another language's letters is no stem of
    it (Хотән, with ә, takes no Uzbek ending)."""
    vowels: Mapping[str, str]
    """Harmony class: the stem vowels that put a stem in it (the last such vowel decides)."""
    letters: Mapping[str, Mapping[str, str]]
    """Harmony class: what each capital of a template is written as in that class."""
    sounds: Mapping[str, str]
    """Class of a stem's last sound: the letters that end such a stem (a letter may be in several)."""
    cases: Mapping[str, Mapping[str, str]]
    """Case: class of last sound: template of the ending."""
    finals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Classes of last sound told by the stem's last two letters (a Mongolian long vowel, аа, is no
    short а): the class and the letters that end such a stem."""
    raised: Mapping[str, str] = field(default_factory=dict)
    """Harmony class: the stem's last vowel that the language writes и before a case ending (Uyghur
    Ғулҗа, Ғулҗиға), read back so."""


def _kazakh_like(back: dict[str, str], front: dict[str, str]) -> dict[str, dict[str, str]]:
    return {"back": back, "front": front}


KAZAKH = Grammar(
    "kk",
    "әғқңөұүһі",
    {"back": "аоұыя", "front": "әөүіеэ"},
    _kazakh_like({"A": "а", "I": "ы", "G": "ғ", "K": "қ"}, {"A": "е", "I": "і", "G": "г", "K": "к"}),
    {
        "vowel": "аоұыяәөүіеэиюё",
        "possessive": "ыі",
        "nasal": "мнң",
        "sonorant": "лрйуи",
        "sibilant": "жз",
        "voiceless": "бвгдкқпстфхцчшщһ",
    },
    {
        "dative": {"vowel": "GA", "nasal": "GA", "sonorant": "GA", "sibilant": "GA", "voiceless": "KA",
                   "possessive": "нA"},
        "locative": {"vowel": "дA", "nasal": "дA", "sonorant": "дA", "sibilant": "дA", "voiceless": "тA",
                     "possessive": "ндA"},
        "ablative": {"vowel": "дAн", "nasal": "нAн", "sonorant": "дAн", "sibilant": "дAн",
                     "voiceless": "тAн", "possessive": "нAн"},
        "genitive": {"vowel": "нIң", "nasal": "нIң", "sonorant": "дIң", "sibilant": "дIң",
                     "voiceless": "тIң"},
        "accusative": {"vowel": "нI", "nasal": "дI", "sonorant": "дI", "sibilant": "дI", "voiceless": "тI"},
        "instrumental": {"vowel": "мен", "nasal": "мен", "sonorant": "мен", "sibilant": "бен",
                         "voiceless": "пен"},
    },
)  # fmt: skip

KYRGYZ = Grammar(
    "ky",
    "ңөү",
    {"a": "аыя", "e": "еиэ", "o": "оуёю", "ö": "өү"},
    {
        "a": {"A": "а", "I": "ы"},
        "e": {"A": "е", "I": "и"},
        "o": {"A": "о", "I": "у"},
        "ö": {"A": "ө", "I": "ү"},
    },
    {
        "vowel": "аыяеиэоуёюөү",
        "possessive": "ыиуү",
        "voiced": "бвгджзйлмнңр",
        "voiceless": "кпстфхцчшщ",
    },
    {
        "dative": {"vowel": "гA", "voiced": "гA", "voiceless": "кA", "possessive": "нA"},
        "locative": {"vowel": "дA", "voiced": "дA", "voiceless": "тA", "possessive": "ндA"},
        "ablative": {"vowel": "дAн", "voiced": "дAн", "voiceless": "тAн", "possessive": "нAн"},
        "genitive": {"vowel": "нIн", "voiced": "дIн", "voiceless": "тIн"},
        "accusative": {"vowel": "нI", "voiced": "дI", "voiceless": "тI"},
    },
)

_CYRILLIC = RUSSIAN_LETTERS + "ўқғҳ"
UZBEK = Grammar(
    "uz",
    "ўқғҳ",
    {"any": ""},
    {"any": {}},
    {
        "any": _CYRILLIC,
        "velar": "кг",
        "uvular": "қғ",
        "other": _CYRILLIC.translate({ord(c): None for c in "кгқғ"}),
    },
    {
        "dative": {"other": "га", "velar": "ка", "uvular": "қа"},
        "locative": {"any": "да"},
        "ablative": {"any": "дан"},
        "genitive": {"any": "нинг"},
        "accusative": {"any": "ни"},
    },
)

UYGHUR = Grammar(
    "ug",
    "әөүңғқҗһ",
    {"back": "аоуя", "front": "әөү"},
    _kazakh_like({"A": "а", "G": "ғ", "K": "қ"}, {"A": "ә", "G": "г", "K": "к"}),
    {"vowel": "аоуяәөүеию", "voiced": "бвгғдҗжзлмнңрй", "voiceless": "пткқчфсшхһцщ"},
    {
        "dative": {"vowel": "GA", "voiced": "GA", "voiceless": "KA"},
        "locative": {"vowel": "дA", "voiced": "дA", "voiceless": "тA"},
        "ablative": {"vowel": "дин", "voiced": "дин", "voiceless": "тин"},
        "genitive": {"vowel": "ниң", "voiced": "ниң", "voiceless": "ниң"},
        "accusative": {"vowel": "ни", "voiced": "ни", "voiceless": "ни"},
    },
    raised={"back": "а", "front": "ә"},
)

MONGOLIAN = Grammar(
    "mn",
    "өү",
    {"a": "ауяы", "o": "оё", "e": "эеү", "ö": "ө"},
    {
        "a": {"AA": "аа", "A": "а", "UU": "уу", "Y": "ы"},
        "o": {"AA": "оо", "A": "о", "UU": "уу", "Y": "ы"},
        "e": {"AA": "ээ", "A": "э", "UU": "үү", "Y": "ий"},
        "ö": {"AA": "өө", "A": "ө", "UU": "үү", "Y": "ий"},
    },
    {
        "vowel": "аэиоуөүыеёюяй",
        "n": "н",
        "sonorant": "лм",
        "t": "гврс",
        "obstruent": "бдзкптфхц",
        "sibilant": "жчш",
    },
    {
        "dative-locative": {"vowel": "д", "n": "д", "sonorant": "д", "t": "т", "obstruent": "Aд",
                            "sibilant": "ид"},
        "ablative": {"n": "AAс", "sonorant": "AAс", "t": "AAс", "obstruent": "AAс", "sibilant": "AAс",
                     "long": "гAAс", "diphthong": "гAAс"},
        "instrumental": {"n": "AAр", "sonorant": "AAр", "t": "AAр", "obstruent": "AAр", "sibilant": "AAр",
                         "long": "гAAр", "diphthong": "гAAр"},
        "genitive": {"n": "Y", "sonorant": "Yн", "t": "Yн", "obstruent": "Yн", "sibilant": "Yн",
                     "long": "гийн", "diphthong": "н"},
        "directional": {"vowel": "рUU", "n": "рUU", "sonorant": "рUU", "t": "рUU", "obstruent": "рUU",
                        "sibilant": "рUU"},
    },
    finals={"long": ("аа", "ээ", "оо", "өө", "уу", "үү"), "diphthong": ("ий", "ай", "ой", "уй", "эй", "үй")},
)  # fmt: skip

GRAMMARS = (KAZAKH, KYRGYZ, UZBEK, UYGHUR, MONGOLIAN)
"""The languages whose case endings are read off place names, whatever language the name was guessed."""

Condition = tuple[str, str]
"""(harmony class, class of last sound) of the stems an allomorph follows."""


def endings(grammar: Grammar) -> dict[str, frozenset[Condition]]:
    """Every allomorph of the grammar's cases, with the stems it may follow."""
    found: dict[str, set[Condition]] = {}
    for templates in grammar.cases.values():
        for sound, template in templates.items():
            for harmony, letters in grammar.letters.items():
                found.setdefault(_spelt(template, letters), set()).add((harmony, sound))
    return {ending: frozenset(conditions) for ending, conditions in found.items()}


def _spelt(template: str, letters: Mapping[str, str]) -> str:
    for capital in sorted(letters, key=len, reverse=True):  # AA before A
        template = template.replace(capital, letters[capital])
    return template


def stem_classes(grammar: Grammar, stem: str) -> set[Condition]:
    """The (harmony class, class of last sound) pairs a stem may be in; none for a stem written with
    letters the language does not have."""
    lower = stem.lower().rstrip(SILENT)
    alphabet = RUSSIAN_LETTERS + grammar.letters_of_its_own
    if any(letter.isalpha() and letter not in alphabet for letter in lower):
        return set()
    harmonies = next(
        (
            {name for name, vowels in grammar.vowels.items() if letter in vowels}
            for letter in reversed(lower)
            if any(letter in vowels for vowels in grammar.vowels.values())
        ),
        set(grammar.vowels),
    )
    last = lower[-1:] or " "
    sounds = {name for name, letters in grammar.sounds.items() if last in letters}
    sounds |= {name for name, ends in grammar.finals.items() if lower.endswith(ends)}
    return {(harmony, sound) for harmony in harmonies for sound in sounds}


def declined(grammar: Grammar, stem: str) -> list[str]:
    """The allomorphs of the grammar's endings that `stem` takes, one or more per case (more where the
    stem's letters leave its class open): Хотән takes -гә, -дә, -дин, -ниң, -ни in Uyghur."""
    classes = stem_classes(grammar, stem)
    spelt = ENDINGS[grammar.language]
    return [ending for ending, conditions in spelt.items() if not conditions.isdisjoint(classes)]


ENDINGS = {grammar.language: endings(grammar) for grammar in GRAMMARS}
"""Each grammar's allomorphs with the stems they follow, by language."""
ALL_ENDINGS = tuple(
    sorted({ending for spelt in ENDINGS.values() for ending in spelt}, key=lambda e: (-len(e), e))
)
"""Every allomorph of every grammar, longest first."""
_SPELT = frozenset(ALL_ENDINGS)
LONGEST = len(ALL_ENDINGS[0])


def read_off(word: str, min_stem: int) -> list[tuple[str, str]]:
    """(stem, ending) for every case ending of some grammar that `word` ends in after a stem of at
    least `min_stem` letters that takes that allomorph; longest endings first, each stem once."""
    return [(stem, ending) for stem, ending, _ in readings_of(word, min_stem)]


def readings_of(word: str, min_stem: int) -> list[tuple[str, str, tuple[str, ...]]]:
    """(stem, ending, languages) for every case ending `word` may have (`read_off`), with the
    languages whose grammar reads it; a Uyghur stem whose last vowel was written и before the ending
    is given as it is written alone (Ғулҗиға: Ғулҗа)."""
    lower = word.lower()
    found: list[tuple[str, str, tuple[str, ...]]] = []
    for size in range(min(LONGEST, len(word) - min_stem), 0, -1):
        ending, stem = lower[-size:], word[:-size]
        if ending not in _SPELT:
            continue
        if languages := _reading(ending, stem):
            found.append((stem, ending, languages))
        found += [(alone, ending, (language,)) for alone, language in _unraised(ending, stem)]
    return found


def _reading(ending: str, stem: str) -> tuple[str, ...]:
    """The languages whose grammar has `ending` after a stem of the classes `stem` is in."""
    return tuple(
        grammar.language
        for grammar in GRAMMARS
        if not ENDINGS[grammar.language].get(ending, frozenset()).isdisjoint(stem_classes(grammar, stem))
    )


def _unraised(ending: str, stem: str) -> list[tuple[str, str]]:
    """(stem as written alone, language) where a grammar writes the stem's last vowel и before
    `ending` (`Grammar.raised`): a stem of two syllables or more, the vowel of its harmony class."""
    found: list[tuple[str, str]] = []
    for grammar in GRAMMARS:
        conditions = ENDINGS[grammar.language].get(ending, frozenset())
        if not grammar.raised or not conditions or not stem.lower().endswith("и"):
            continue
        if not any(letter in grammar.sounds["vowel"] for letter in stem[:-1].lower()):
            continue  # one syllable: not raised so
        for harmony in {harmony for harmony, _ in stem_classes(grammar, stem)} & set(grammar.raised):
            alone = stem[:-1] + grammar.raised[harmony]
            if not conditions.isdisjoint(stem_classes(grammar, alone)):
                found.append((alone, grammar.language))
    return found


__all__ = [
    "ALL_ENDINGS",
    "ENDINGS",
    "GRAMMARS",
    "Grammar",
    "declined",
    "endings",
    "read_off",
    "readings_of",
    "stem_classes",
]
