"""The transliteration schemes of the gateway, each named after the standard it follows.

Every scheme is one row of `SCHEMES`, keyed by its ID. ICU schemes are a rule file in
`gateway/names/rules/`: either the project's own rule set, or a thin wrapper that runs one of ICU's
built-in transforms with the project's overrides where ICU's output differs from the published
examples (each override is explained in its file and pinned by a test). `scheme_for` picks the
scheme that fits a language and script; docs/transliteration.md lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Engine = Literal["icu", "pinyin", "uzbek-apostrophes", "identity"]


@dataclass(frozen=True)
class Scheme:
    """One way of writing a language's names in Latin letters."""

    scheme_id: str
    """The ID results cite, e.g. ru-ru_Latn/BGN; own rule sets are named like Tajik-Latin/BGN."""
    name: str
    standard: str
    """The published standard the scheme follows."""
    source_script: str
    """ISO 15924 code of the script it reads."""
    languages: tuple[str, ...]
    """Primary language subtags it is meant for."""
    engine: Engine = "icu"
    rules_file: str | None = None
    """File name under gateway/names/rules/ (ICU engine only)."""
    icu_built_in: str | None = None
    """The ICU built-in transform the rule file wraps, if any."""
    letter_reading: bool = False
    """The script leaves short vowels unwritten (an abjad: Persian, Pashto, Urdu): the Latin form
    reads the consonants and long vowels, not the pronunciation, and a resolution says so."""


RUSSIAN_BGN = Scheme(
    "ru-ru_Latn/BGN",
    "Russian, BGN/PCGN",
    "BGN/PCGN 1947 romanization of Russian",
    "Cyrl",
    ("ru",),
    rules_file="russian-bgn-pcgn.txt",
    icu_built_in="ru-ru_Latn/BGN",
)
"""BGN/PCGN 1947 (Москва = Moskva, Улан-Удэ = Ulan-Ude); overrides ICU's "·e" for э."""

KAZAKH_BGN = Scheme(
    "kk-kk_Latn/BGN",
    "Kazakh, BGN/PCGN",
    "BGN/PCGN 1979 romanization of Kazakh",
    "Cyrl",
    ("kk",),
    rules_file="kazakh-bgn-pcgn.txt",
    icu_built_in="kk-kk_Latn/BGN",
)
"""BGN/PCGN 1979 (Қорғас = Qorghas, Семей = Semey); overrides ICU's "ī̆" for й."""

KYRGYZ_BGN = Scheme(
    "ky-ky_Latn/BGN",
    "Kyrgyz, BGN/PCGN",
    "BGN/PCGN 1979 romanization of Kyrgyz",
    "Cyrl",
    ("ky",),
    rules_file="kyrgyz-bgn-pcgn.txt",
    icu_built_in="ky-ky_Latn/BGN",
)
"""BGN/PCGN 1979 (Чүй = Chüy, Жалал-Абад = Jalal-Abad); overrides ICU's ĭ for й."""

MONGOLIAN_MNS = Scheme(
    "mn-mn_Latn/MNS",
    "Mongolian, MNS 5217",
    "Mongolian national standard MNS 5217:2012",
    "Cyrl",
    ("mn",),
    rules_file="mongolian-mns-5217.txt",
    icu_built_in="mn-mn_Latn/MNS",
)
"""MNS 5217:2012, Mongolia's official system (Замын-Үүд = Zamyn-Üüd); ICU as is."""

MONGOLIAN_BGN = Scheme(
    "mn-mn_Latn/BGN",
    "Mongolian, BGN/PCGN 1964",
    "BGN/PCGN 1964 romanization of Mongolian",
    "Cyrl",
    ("mn",),
    rules_file="mongolian-bgn-pcgn.txt",
    icu_built_in="mn-mn_Latn/BGN",
)
"""BGN/PCGN 1964 (Зүүнхөвөө = Dzüünhövöö), for older gazetteers; overrides ICU's DZ casing."""

UZBEK_LATIN = Scheme(
    "uz_Cyrl-uz_Latn",
    "Uzbek, official Latin alphabet",
    "Uzbek Latin alphabet (law of 2 September 1993, amended 1995) and its 1995 spelling rules",
    "Cyrl",
    ("uz",),
    rules_file="uzbek-latin.txt",
    icu_built_in="uz_Cyrl-uz_Latn",
)
"""Official Uzbek Latin (Ўзбекистон = Oʻzbekiston, U+02BB); overrides ICU's ts for ц."""

UZBEK_APOSTROPHES = Scheme(
    "uz_Latn-uz_Latn/Apostrophes",
    "Uzbek Latin, apostrophes normalized",
    "Uzbek Latin alphabet: oʻ and gʻ with U+02BB, tutuq belgisi with U+02BC",
    "Latn",
    ("uz",),
    engine="uzbek-apostrophes",
)
"""Latin Uzbek as sent, with ʻ ‘ ' ` ’ folded to the official ʻ and ʼ."""

KAZAKH_LATIN_2021 = Scheme(
    "Kazakh-Latin/2021",
    "Kazakh, Latin alphabet of 2021",
    "Kazakh Latin alphabet presented by the government of Kazakhstan on 28 January 2021",
    "Cyrl",
    ("kk",),
    rules_file="kazakh-latin-2021.txt",
)
"""The 31-letter Kazakh Latin alphabet of 2021 (Қорғас = Qorğas); the project's own rules."""

TAJIK_BGN = Scheme(
    "Tajik-Latin/BGN",
    "Tajik, BGN/PCGN 1994",
    "BGN/PCGN 1994 romanization of Tajik",
    "Cyrl",
    ("tg",),
    rules_file="tajik-bgn-pcgn-1994.txt",
)
"""BGN/PCGN 1994 (Хуҷанд = Khujand); the project's own rules, ICU has no Tajik."""

UYGHUR_LATIN = Scheme(
    "Uyghur-Latin/ULY",
    "Uyghur Cyrillic, Uyghur Latin Yéziqi",
    "Uyghur Latin Yéziqi (ULY), agreed at Xinjiang University in 2006",
    "Cyrl",
    ("ug",),
    rules_file="uyghur-latin-uly.txt",
)
"""Uyghur Cyrillic in ULY (Ғулҗа = Ghulja, Қәшқәр = Qeshqer); the project's own rules, ICU has no
Uyghur Cyrillic."""

UYGHUR_ARABIC_LATIN = Scheme(
    "Uyghur-Arabic-Latin/ULY",
    "Uyghur Arabic script, Uyghur Latin Yéziqi",
    "Uyghur Latin Yéziqi (ULY), agreed at Xinjiang University in 2006",
    "Arab",
    ("ug",),
    rules_file="uyghur-arabic-uly.txt",
)
"""Uyghur in its Arabic script in ULY (ئۈرۈمچى = Ürümchi, سائەت = Sa'et); the project's own rules,
ICU has no Uyghur."""

PERSIAN_BGN = Scheme(
    "Persian-Latin/BGN-1958",
    "Persian and Dari, BGN/PCGN 1958",
    "BGN/PCGN 1958 romanization of Persian, read letter by letter from unpointed text",
    "Arab",
    ("fa", "prs"),
    rules_file="persian-bgn-pcgn-1958.txt",
    icu_built_in="fa-fa_Latn/BGN",
    letter_reading=True,
)
"""Persian and Dari (هرات = Hrāt, مزار شریف = Mzār Shrīf); the project's own rules: ICU's leaves the
alef of unpointed text unread (کابل = "kاbl")."""

PASHTO_BGN = Scheme(
    "Pashto-Latin/BGN-1968",
    "Pashto, BGN/PCGN 1968",
    "BGN/PCGN 1968 romanization of Pashto, read letter by letter from unpointed text",
    "Arab",
    ("ps",),
    rules_file="pashto-bgn-pcgn-1968.txt",
    icu_built_in="ps-ps_Latn/BGN",
    letter_reading=True,
)
"""Pashto (سپین بولدک = Spīn Bōldk); the project's own rules: ICU's leaves the alef and ک of
unpointed text unread (پشاور = "pshاwr")."""

URDU_BGN = Scheme(
    "Urdu-Latin/BGN-2007",
    "Urdu, BGN/PCGN 2007",
    "BGN/PCGN 2007 romanization of Urdu (Hunterian), read letter by letter from unpointed text",
    "Arab",
    ("ur",),
    rules_file="urdu-bgn-pcgn-2007.txt",
    icu_built_in="ur-ur_Latn/BGN",
    letter_reading=True,
)
"""Urdu (کراچی = Krāchī, کوئٹہ = Ko'ṭah); the project's own rules: ICU's reads Arabic's table and
leaves Urdu's own letters (ٹ ڈ ڑ ں ے ھ) and the alef as they are."""

UKRAINIAN_NATIONAL = Scheme(
    "Ukrainian-Latin/2010",
    "Ukrainian, national system",
    "National system of Ukraine (Cabinet of Ministers resolution No. 55, 2010), BGN/PCGN since 2019",
    "Cyrl",
    ("uk",),
    rules_file="ukrainian-national-2010.txt",
)
"""Ukraine's national system (Київ = Kyiv, Знам'янка = Znamianka); the project's own rules: ICU's
uk-uk_Latn/BGN is the BGN/PCGN system of 1965 (Kyyiv), retired in 2019."""

CHINESE_PINYIN = Scheme(
    "Han-Latin/Words",
    "Chinese, pinyin by words",
    "Hanyu Pinyin (ISO 7098:2015) with the word rules of GB/T 16159-2012",
    "Hani",
    ("zh",),
    engine="pinyin",
)
"""Pinyin that reads words (长春 = Changchun, 西安 = Xi'an), by pypinyin's phrase dictionary."""

MONGOLIAN_SCRIPT = Scheme(
    "Mongolian-Latin/Poppe",
    "Mongolian script, scholarly transliteration",
    "Transliteration of written Mongolian after N. Poppe, Grammar of Written Mongolian (1954)",
    "Mong",
    ("mn",),
    rules_file="mongolian-script-latin.txt",
)
"""Traditional Mongolian script (ᠮᠣᠩᠭᠣᠯ = mongɣol); the project's own rules."""

ICAO_9303 = Scheme(
    "Cyrillic-Latin/ICAO9303",
    "Person names, ICAO Doc 9303",
    "ICAO Doc 9303 Machine Readable Travel Documents, Part 3, transliteration of Cyrillic",
    "Cyrl",
    (),
    rules_file="icao-9303-cyrillic.txt",
)
"""Travel-document spelling of Cyrillic person names (Юрий = Iurii); the project's own rules."""

GEORGIAN_NATIONAL = Scheme(
    "Georgian-Latin/National",
    "Georgian, national system",
    "National romanization system of Georgia (2002), adopted by BGN/PCGN in 2009",
    "Geor",
    ("ka",),
    rules_file="georgian-national.txt",
    icu_built_in="Georgian-Latin",
)
"""Georgia's national system (წითელი ხიდი = tsiteli khidi); overrides ICU's ʼ for ejectives."""

IDENTITY = Scheme(
    "Latin-Latin/Identity",
    "No transliteration",
    "none: the text is kept as sent",
    "Latn",
    (),
    engine="identity",
)
"""For text that needs no transliteration (Latin) or has no scheme (a script the gateway does not read)."""

SCHEMES: Mapping[str, Scheme] = {
    scheme.scheme_id: scheme
    for scheme in (
        RUSSIAN_BGN,
        KAZAKH_BGN,
        KYRGYZ_BGN,
        MONGOLIAN_MNS,
        MONGOLIAN_BGN,
        UZBEK_LATIN,
        UZBEK_APOSTROPHES,
        KAZAKH_LATIN_2021,
        TAJIK_BGN,
        UYGHUR_LATIN,
        UYGHUR_ARABIC_LATIN,
        PERSIAN_BGN,
        PASHTO_BGN,
        URDU_BGN,
        UKRAINIAN_NATIONAL,
        CHINESE_PINYIN,
        MONGOLIAN_SCRIPT,
        ICAO_9303,
        GEORGIAN_NATIONAL,
        IDENTITY,
    )
}
"""Every scheme, by ID."""

_DEFAULT_FOR: Mapping[tuple[str, str], str] = {
    ("ru", "Cyrl"): RUSSIAN_BGN.scheme_id,
    ("kk", "Cyrl"): KAZAKH_BGN.scheme_id,
    ("ky", "Cyrl"): KYRGYZ_BGN.scheme_id,
    ("mn", "Cyrl"): MONGOLIAN_MNS.scheme_id,
    ("uz", "Cyrl"): UZBEK_LATIN.scheme_id,
    ("uz", "Latn"): UZBEK_APOSTROPHES.scheme_id,
    ("tg", "Cyrl"): TAJIK_BGN.scheme_id,
    ("ug", "Cyrl"): UYGHUR_LATIN.scheme_id,
    ("ug", "Arab"): UYGHUR_ARABIC_LATIN.scheme_id,
    ("fa", "Arab"): PERSIAN_BGN.scheme_id,
    ("prs", "Arab"): PERSIAN_BGN.scheme_id,
    ("ps", "Arab"): PASHTO_BGN.scheme_id,
    ("ur", "Arab"): URDU_BGN.scheme_id,
    ("uk", "Cyrl"): UKRAINIAN_NATIONAL.scheme_id,
    ("mn", "Mong"): MONGOLIAN_SCRIPT.scheme_id,
}
"""The scheme each language and script gets unless the caller names one."""

_DEFAULT_FOR_SCRIPT: Mapping[str, str] = {
    "Cyrl": RUSSIAN_BGN.scheme_id,
    "Hani": CHINESE_PINYIN.scheme_id,
    "Hans": CHINESE_PINYIN.scheme_id,
    "Hant": CHINESE_PINYIN.scheme_id,
    "Mong": MONGOLIAN_SCRIPT.scheme_id,
    "Geor": GEORGIAN_NATIONAL.scheme_id,
    "Arab": PERSIAN_BGN.scheme_id,
}
"""The scheme for a script whatever its language (BGN/PCGN Russian for unknown Cyrillic; for the
Arabic script, the Persian table, which BGN/PCGN made from Arabic's: no Latin form keeps an Arabic
letter)."""


def scheme_for(language: str, script: str) -> str:
    """The ID of the scheme for a BCP 47 language and an ISO 15924 script.

    Kazakh gets BGN/PCGN by default: gazetteers and code lists still spell Kazakh places that way;
    the 2021 alphabet is there by its ID. Persian (Dari), Pashto and Urdu get their BGN/PCGN letter
    readings; Arabic-script text of another language (Arabic) the Persian one. Text in scripts without
    a scheme (Latin) gets `IDENTITY`: transliterate leaves it as it is.

    >>> scheme_for("kk", "Cyrl"), scheme_for("zh-Hant", "Hant"), scheme_for("uz-Cyrl", "Cyrl")
    ('kk-kk_Latn/BGN', 'Han-Latin/Words', 'uz_Cyrl-uz_Latn')
    """
    primary = language.split("-", maxsplit=1)[0].lower()
    return _DEFAULT_FOR.get((primary, script)) or _DEFAULT_FOR_SCRIPT.get(script, IDENTITY.scheme_id)


def letter_reading_notes(scheme_id: str, latin: str) -> tuple[str, ...]:
    """The note a Latin form read letter by letter carries (`Scheme.letter_reading`), else none.

    >>> letter_reading_notes("Pashto-Latin/BGN-1968", "Hrāt")
    ("short vowels are not written: 'Hrāt' reads the letters (Pashto-Latin/BGN-1968), not the pronunciation",)
    """
    if not SCHEMES[scheme_id].letter_reading:
        return ()
    return (
        f"short vowels are not written: {latin!r} reads the letters ({scheme_id}), not the pronunciation",
    )
