"""The letters that mark each language of the CAREC documents, and the languages of each country.

Data only; `gateway.names.language` scores a text against it. A marking letter is one beyond the
basic alphabet of its script (the Russian alphabet for Cyrillic, ASCII for Latin): the more
languages share a letter, the less it says (қ is Kazakh, Tajik, Uzbek or Uyghur; ҷ only Tajik, җ only
Uyghur). A foreign
letter is a basic letter the language does not write (Tajik dropped ц щ ы ь in 1998).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageProfile:
    """What a text in one language and script looks like."""

    tag: str
    """BCP 47 tag returned for it (uz-Cyrl, mn-Mong, zh-Hans)."""
    script: str
    """ISO 15924 code of its script."""
    name: str
    marking_letters: frozenset[str] = frozenset()
    """Lowercase letters beyond its script's basic alphabet."""
    foreign_letters: frozenset[str] = frozenset()
    """Basic letters of its script that it does not write."""
    hints: tuple[tuple[re.Pattern[str], float], ...] = field(default=())
    """Letter sequences typical of it, with the points each is worth."""
    shared_letters: frozenset[str] = frozenset()
    """Letters it writes that mark another language: neither for it nor against it (Ukrainian і,
    which marks Kazakh)."""

    @property
    def language(self) -> str:
        """The primary language subtag (uz for uz-Cyrl)."""
        return self.tag.split("-")[0]


_DOUBLED_VOWEL = re.compile(r"аа|оо|уу|өө|үү|ыы")
_MONGOLIAN_EE = re.compile(r"ээ")
_UZBEK_APOSTROPHE = re.compile(r"[og][ʻ‘'`’ʼ]")
_ARABIC_KEYBOARD = frozenset("يكىة")
"""Arabic's yeh, kaf, alef maksura and teh marbuta, which Persian, Dari, Pashto and Urdu text typed on
an Arabic keyboard carries for ی and ک (and Arabic loanwords for ة): no evidence against them. Pashto
writes ي as a letter of its own (final ī): it marks Pashto as much as Arabic."""

PROFILES: tuple[LanguageProfile, ...] = (
    LanguageProfile("ru", "Cyrl", "Russian"),
    LanguageProfile("kk", "Cyrl", "Kazakh", frozenset("әғқңөұүһі")),
    LanguageProfile("ky", "Cyrl", "Kyrgyz", frozenset("ңөү"), hints=((_DOUBLED_VOWEL, 0.3),)),
    LanguageProfile(
        "mn",
        "Cyrl",
        "Mongolian",
        frozenset("өү"),
        hints=((_DOUBLED_VOWEL, 0.3), (_MONGOLIAN_EE, 0.3)),
    ),
    LanguageProfile("tg", "Cyrl", "Tajik", frozenset("ғӣқӯҳҷ"), frozenset("цщыь")),
    LanguageProfile("uz-Cyrl", "Cyrl", "Uzbek (Cyrillic)", frozenset("ўқғҳ"), frozenset("щы")),
    LanguageProfile("ug-Cyrl", "Cyrl", "Uyghur (Cyrillic)", frozenset("әғҗқңөүһ")),
    LanguageProfile(
        "uk", "Cyrl", "Ukrainian", frozenset("ґєї"), frozenset("ёыэъ"), shared_letters=frozenset("і")
    ),
    LanguageProfile("az", "Latn", "Azerbaijani", frozenset("əğıçşöü")),
    LanguageProfile("tk", "Latn", "Turkmen", frozenset("äçňöşüýž")),
    LanguageProfile("kk-Latn", "Latn", "Kazakh (Latin, 2021)", frozenset("äğıŋñöşūü")),
    LanguageProfile("tr", "Latn", "Turkish", frozenset("çğıöşü")),
    LanguageProfile("uz", "Latn", "Uzbek (Latin)", frozenset("ʻ"), hints=((_UZBEK_APOSTROPHE, 1.0),)),
    LanguageProfile("en", "Latn", "English"),
    LanguageProfile("ka", "Geor", "Georgian"),
    LanguageProfile("mn-Mong", "Mong", "Mongolian (traditional script)"),
    LanguageProfile("ps", "Arab", "Pashto", frozenset("ټډړښږڼۍځڅېیيپچژگ"), shared_letters=_ARABIC_KEYBOARD),
    LanguageProfile("fa", "Arab", "Persian (Dari)", frozenset("پچژگیک"), shared_letters=_ARABIC_KEYBOARD),
    LanguageProfile("ur", "Arab", "Urdu", frozenset("ٹڈڑںےھپچژگیک"), shared_letters=_ARABIC_KEYBOARD),
    LanguageProfile("ug", "Arab", "Uyghur", frozenset("ېۆۈۇەئپچژگڭك")),
    LanguageProfile("ar", "Arab", "Arabic", frozenset("ةىكي")),
)

NATIONAL_PRIOR = 0.6
"""Points for the national language of the sender country."""
SECONDARY_PRIOR = 0.25
"""Points for another language in common official use there (Russian in Central Asia)."""

COUNTRY_LANGUAGES: Mapping[str, tuple[tuple[str, float], ...]] = {
    "KZ": (("kk", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "KG": (("ky", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "TJ": (("tg", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "UZ": (("uz", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "TM": (("tk", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "AZ": (("az", NATIONAL_PRIOR), ("ru", SECONDARY_PRIOR)),
    "MN": (("mn", NATIONAL_PRIOR),),
    "RU": (("ru", NATIONAL_PRIOR),),
    "GE": (("ka", NATIONAL_PRIOR), ("en", SECONDARY_PRIOR)),
    "CN": (("zh", NATIONAL_PRIOR), ("ug", SECONDARY_PRIOR), ("mn", SECONDARY_PRIOR)),
    "AF": (("ps", NATIONAL_PRIOR), ("fa", NATIONAL_PRIOR)),
    "PK": (("ur", NATIONAL_PRIOR), ("en", SECONDARY_PRIOR)),
    "TR": (("tr", NATIONAL_PRIOR),),
}
"""Languages whose documents each sender country (ISO 3166-1 alpha-2) sends, as priors."""

DEFAULT_PRIOR: Mapping[str, float] = {"ru": 0.05, "ka": 1.0, "mn-Mong": 1.0}
"""Points a language gets without evidence: plain Cyrillic in these documents is mostly Russian, and
the Georgian and traditional Mongolian scripts write one language each here."""

TRADITIONAL_CHINESE_COUNTRIES = frozenset({"TW", "HK", "MO"})
"""Senders whose Chinese is traditional when the characters do not say."""
