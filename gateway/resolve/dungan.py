"""Chinese place names as Kazakh, Kyrgyz and Dungan Cyrillic write them: Chengdu is Чыңду, Nanjing Нәнҗиң.

Besides Palladius (`gateway.resolve.palladius`), Cyrillic documents of the region write Chinese names
with the letters of the Dungan alphabet (the Cyrillic orthography of the Dungan language, Kazakhstan and
Kyrgyzstan, 1953), which Kazakh and Kyrgyz share: pinyin zh and j are җ (tʂ, tɕ), ch and q ч (tʂʰ, tɕʰ),
sh ш and x щ (ʂ, ɕ; Kazakh writes ш), r ж (ʐ), the final -ng ң, ü ү, e ә, and e before a nasal ы (жын
人 ren, фың 风 feng). Neither Palladius (Чэнду, Цзинань) nor a Latin reading of the Cyrillic meets these
spellings: чы against the pinyin's che, җ against j and zh. The resolver derives this form of each
Chinese pinyin name of the code list, and compares Cyrillic names with it by the same Russian reading
that it gives them (`gateway.resolve.keys.russian_reading`); a derived form is only ever a fuzzy match.
"""

from __future__ import annotations

from gateway.resolve.palladius import written_syllables

INITIALS: dict[str, str] = {
    "zh": "җ", "ch": "ч", "sh": "ш", "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т",
    "n": "н", "l": "л", "g": "г", "k": "к", "h": "х", "j": "җ", "q": "ч", "x": "ш", "r": "ж",
    "z": "з", "c": "ц", "s": "с",
}  # fmt: skip
FINALS: dict[str, str] = {
    "a": "а", "o": "о", "e": "ә", "ai": "ай", "ei": "ей", "ao": "ау", "ou": "оу", "an": "ан",
    "en": "ын", "ang": "аң", "eng": "ың", "ong": "уң", "er": "әр", "i": "и", "ia": "я", "ie": "е",
    "iao": "яу", "iu": "ю", "ian": "ян", "in": "ин", "iang": "яң", "ing": "иң", "iong": "юң",
    "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уан", "un": "ун",
    "uang": "уаң", "v": "ү", "ve": "үе", "vn": "үн",
}  # fmt: skip
"""Finals after an initial; after j, q and x the u of pinyin is ü (ju җү, xuan шүан)."""
ZERO_INITIAL: dict[str, str] = {
    "yi": "и", "ya": "я", "ye": "е", "yao": "яу", "you": "ю", "yan": "ян", "yin": "ин",
    "yang": "яң", "ying": "иң", "yong": "юң", "yu": "ү", "yue": "үе", "yuan": "үан", "yun": "үн",
    "wu": "у", "wa": "уа", "wo": "уо", "wai": "уай", "wei": "уй", "wan": "уан", "wen": "уын",
    "wang": "уаң", "weng": "уың",
}  # fmt: skip
DUNGAN = "dungan"
"""How the catalog marks the derived Dungan form of a name (`Term.derived`)."""
_U_AS_U_UMLAUT = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}
_SIBILANTS = ("zh", "ch", "sh", "r", "z", "c", "s")


def syllable(pinyin: str) -> str:
    """One toneless pinyin syllable in Dungan-style Cyrillic."""
    return written(pinyin, INITIALS, FINALS, ZERO_INITIAL)


def written(
    pinyin: str, initials: dict[str, str], finals: dict[str, str], zero_initial: dict[str, str]
) -> str:
    """One toneless pinyin syllable by a table of the Dungan alphabet's kind (this module's, or the
    Kazakh one of `gateway.resolve.kazakh`): i after a sibilant ы, u after j, q and x ü."""
    if pinyin in zero_initial:
        return zero_initial[pinyin]
    initial = next((head for head in ("zh", "ch", "sh") if pinyin.startswith(head)), pinyin[:1])
    if initial not in initials:
        return finals.get(pinyin, pinyin)
    final = pinyin[len(initial) :].replace("ü", "v")  # pinyin writes lü and lv alike
    if final == "i" and initial in _SIBILANTS:
        return initials[initial] + "ы"
    if initial in ("j", "q", "x"):
        final = _U_AS_U_UMLAUT.get(final, final)
    if final.startswith("v") and final not in finals:
        return initials[initial] + "ү" + finals.get(final[1:], final[1:])
    return initials[initial] + finals.get(final, final)


def dungan(name: str) -> str | None:
    """A pinyin place name in Dungan-style Cyrillic ("Chengdu" is "Чыңду"), or None if it is not pinyin."""
    return written_syllables(name, syllable)
