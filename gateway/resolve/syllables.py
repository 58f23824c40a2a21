"""Cyrillic names of Chinese places compared with the place's pinyin syllable by syllable.

A Cyrillic name of a Chinese place is a transcription: each syllable of the pinyin written by a table
(Palladius, the Dungan letters, Kazakh), or by a variant of one that Russian texts also print. Compared
letter by letter (the fuzzy index), a variant of a final weighs as much as another initial, so
Шининг (Xining with the English -ng) met Yining and Гуейянг (Guiyang with the final uei written in
full) met Yueyang. Here the name is read into the pinyin syllables each of its Cyrillic syllables can
stand for, and aligned with the place's syllables: a syllable that a table writes so costs nothing, a variant
spelling VARIANT, another final FINAL and another initial INITIAL. A name that does not split into such
syllables (Жезказган) gets no syllable score: it is no transcription of Chinese.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from pypinyin.pinyin_dict import pinyin_dict
from rapidfuzz.distance import Levenshtein

from gateway.resolve import dungan, kazakh, palladius

VARIANT = 0.1
"""The cost of a syllable spelt by a variant of a table (Шининг's нинг for ning, Гуей for gui)."""
FINAL = 0.35
"""The cost of a syllable whose final differs from the place's (нань for nang)."""
INITIAL = 0.65
"""The cost of a syllable whose initial differs from the place's (си for yi, гуй for yue): another
initial is another word, where another spelling of a final is often only a variant."""
SYSTEMS: tuple[tuple[Callable[[str], str], bool], ...] = (
    (palladius.syllable, False),
    (dungan.syllable, True),
    (kazakh.syllable, True),
)
"""The tables a syllable is written by, and whether the table is Kazakh-style (ү also written for u)."""

_SEPARATORS = re.compile(r"[\s\-'’ʼʻ`ъ]+")
_INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")


def variants(spelling: str, pinyin: str) -> list[tuple[str, float]]:
    """Other spellings of a syllable that Russian texts print, with their cost: Bulgarian and
    Belarusian дж дз for чж цз and older мын фын пын for мэн фэн пэн (`palladius.VARIANT_SPELLINGS`,
    cost 0); then each of the slips of `_SLIPS` (VARIANT each, at most two in one syllable)."""
    systematic = {spelling, spelling.replace("чж", "дж").replace("цз", "дз")}
    systematic |= {spelling.replace(standard, older) for older, standard in palladius.VARIANT_SPELLINGS[2:]}
    found = {one: 0.0 for one in systematic}
    for _ in range(2):
        for one, price in list(found.items()):
            for slip in _SLIPS:
                for other in slip(one, pinyin):
                    found.setdefault(other, price + VARIANT)
    return list(found.items())


def _soft_sign(spelling: str, pinyin: str) -> list[str]:
    """-нь written -н (Бенцзин for Бэньцзин), and -ng written -нь (Нанкинь), -нг (English: Синьсянг)
    or -н for ң."""
    if spelling.endswith("нь"):
        return [spelling[:-1]]
    if pinyin.endswith("ng") and spelling[-1:] in ("н", "ң"):
        return [spelling[:-1] + "нг", spelling[:-1] + "н", spelling[:-1] + "нь"]
    return []


def _full_finals(spelling: str, pinyin: str) -> list[str]:
    """The finals uei and uen written in full, as pinyin's own scheme has them before it shortens them
    to ui and un (Scheme for the Chinese Phonetic Alphabet, 1958, note 5: Гуейдэ Guide, Чанчуен
    Changchun); Wade-Giles and postal ien and üen for ian and üan (Тиеншуй Tianshui, Сюенчэн
    Xuancheng)."""
    endings = {
        "ui": ("уй", ("уэй", "уей")),
        "un": ("унь", ("уэнь", "уэн", "уен")),
        "ian": ("янь", ("иен", "ен", "ьен")),
        "uan": ("юань", ("юен", "юан")),
    }
    return [
        spelling.removesuffix(written) + other
        for final, (written, fuller) in endings.items()
        if pinyin.endswith(final) and spelling.endswith(written)
        for other in fuller
    ]


def _russian_letters(spelling: str, pinyin: str) -> list[str]:
    """Russian habits: е for Palladius э after a consonant (Лайфен), ю for юй (Ючжоу), в for the w of
    wu as for wa, wo, wei (Вучжоу), й before a syllable и of y after a vowel, postal k for j before i
    and ü (Nanking: Кинчжоу for Jinzhou), and ц for the z of pinyin as Wade-Giles writes it ts or tz
    (Wade 1867, Giles 1892: Ho-tse, Хеце for Heze; not for j, which Wade-Giles writes ch)."""
    found = [spelling.replace("э", "е")] if "э" in spelling[1:] else []
    if spelling.endswith("юй"):
        found.append(spelling[:-1])
    if pinyin == "wu":
        found.append("в" + spelling)
    if pinyin.startswith("y") and spelling.startswith("и"):
        found.append("й" + spelling)
    if pinyin[:1] == "j" and spelling.startswith(("цз", "дз")):
        found.append("к" + spelling[2:])
    if pinyin[:1] == "z" and pinyin[:2] != "zh" and spelling.startswith("цз"):
        found.append("ц" + spelling[2:])  # Wade-Giles ts, tz for z: Ho-tse, Хеце (Heze)
    return found


def _after_tse(spelling: str, pinyin: str) -> list[str]:
    """ы for и after a bare ц and и for ы (Дацын for Дацин, Daqing): Russian ц is always hard, so ци
    and цы sound alike, and Russian spelling writes both after it (цирк, цыган: Правила русской
    орфографии и пунктуации, 1956, § 7). Not after цз, where и (ji) and ы (zi) are other initials."""
    if spelling[:2] in ("ци", "цы"):
        return [spelling[0] + ("ы" if spelling[1] == "и" else "и") + spelling[2:]]
    return []


def _dungan_letters(spelling: str, pinyin: str) -> list[str]:
    """Kazakh-style tables: ү also written у; and the final ou written у, as the Dungan alphabet
    writes it (its letter у is [ɤu], ў [u]: Dungan Cyrillic alphabet, 1953): Гуаңҗу for Guangzhou."""
    found = [spelling.replace("у", "ү")]
    if pinyin.endswith("ou") and spelling.endswith("оу"):
        found.append(spelling[:-2] + "у")
    return found


_SLIPS = (_soft_sign, _full_finals, _russian_letters, _after_tse)


MIXED = 0.05
"""The cost of a syllable written by another table than the one before it (Чинхуа: Dungan чин for qing,
Palladius хуа): a name is usually written by one system."""


def real_syllables() -> frozenset[str]:
    """The pinyin syllables Mandarin has, of those the Palladius table combines: j, q and x only before i
    and ü; zh, ch, sh, r, z, c, s, g, k and h never before them (zhi, ci: their own i); ü only after n,
    l, j, q, x."""
    found = set()
    for pinyin in palladius.pinyin_syllables():
        initial, final = _parts(pinyin)
        front = final[:1] in ("i", "v", "ü")
        if initial in ("j", "q", "x") and not (front or final[:1] == "u"):
            continue
        if initial in ("zh", "ch", "sh", "r", "z", "c", "s", "g", "k", "h") and front and final != "i":
            continue
        if final[:1] in ("v", "ü") and initial not in ("n", "l"):
            continue
        found.add(pinyin)
    return frozenset(found)


@cache
def spellings() -> tuple[dict[str, dict[str, float]], ...]:
    """Per table of SYSTEMS: every Cyrillic spelling of a syllable, with the pinyin syllables it stands
    for and what reading it so costs."""
    tables = []
    for (write, kazakh_style), (initials, _) in zip(SYSTEMS, _TABLES, strict=True):
        table: dict[str, dict[str, float]] = {}
        for pinyin in real_syllables():
            spelling = write(pinyin).lower()
            found = [*variants(spelling, pinyin), *((one, VARIANT) for one in _mixed(pinyin, initials))]
            if kazakh_style:
                found += [(one, VARIANT) for one in _dungan_letters(spelling, pinyin)]
            for one, price in found:
                known = table.setdefault(one, {})
                known[pinyin] = min(price, known.get(pinyin, price))
        tables.append(table)
    return tuple(tables)


_TABLES: tuple[tuple[dict[str, str], dict[str, str]], ...] = (
    (palladius.INITIALS, palladius.FINALS),
    (dungan.INITIALS, dungan.FINALS),
    (kazakh.INITIALS, kazakh.FINALS),
)
"""The initials and finals of each table of SYSTEMS."""
_SIBILANTS = ("zh", "ch", "sh", "r", "z", "c", "s")


def _mixed(pinyin: str, initials: dict[str, str]) -> set[str]:
    """A syllable whose initial is written by one table (its `initials`) and its final
    by another, as writers mix them (Жючэн: Kazakh ж for j with Palladius ю; Чинхуа)."""
    initial, final = _parts(pinyin)
    if initial in ("", "y", "w") or (final == "i" and initial in _SIBILANTS):
        return set()
    finals = {final, "ü" + final[1:], "v" + final[1:]} if initial in "jqx" and final[:1] == "u" else {final}
    return {
        initials[initial] + written for _, table in _TABLES for one in finals if (written := table.get(one))
    }


def _parts(pinyin: str) -> tuple[str, str]:
    initial = next((head for head in _INITIALS if pinyin.startswith(head)), "")
    return initial, pinyin[len(initial) :]


@lru_cache(maxsize=65536)
def cost(system: int, spelling: str, pinyin: str) -> float:
    """What it costs to read a Cyrillic syllable of a table of SYSTEMS as a pinyin syllable (0 to 1)."""
    readings = spellings()[system].get(spelling)
    if not readings:
        return float("inf")
    if pinyin in readings:
        return readings[pinyin]
    initial, final = _parts(pinyin)
    return min(
        min(1.0, price + INITIAL * (_parts(one)[0] != initial) + FINAL * (_parts(one)[1] != final))
        for one, price in readings.items()
    )


def cyrillic_letters(name: str) -> str:
    """A Cyrillic name as the syllable tables write it: lower case, ё as е, Ukrainian and Kazakh і as и,
    ў as у (the Dungan alphabet's ў is [u]; Uzbek Cyrillic writes the diphthong of Чжоу оў: Сучжоў),
    without spaces, hyphens, apostrophes and the hard sign (Цзи'ань, Цзиъань)."""
    folded = unicodedata.normalize("NFC", name).lower().replace("ё", "е").replace("і", "и")
    folded = folded.replace("ў", "у")
    return _SEPARATORS.sub("", folded)


def place_syllables(name: str) -> tuple[str, ...] | None:
    """The pinyin syllables of a place's Latin name ("Xi'an": xi, an), None if it is not pinyin."""
    syllables: list[str] = []
    for word in name.lower().replace("-", " ").replace("’", "'").split():
        for part in word.split("'"):
            found = palladius.split_pinyin(part)
            if not found:
                return None
            syllables += found
    return tuple(syllables) or None


@cache
def mandarin_syllables() -> frozenset[str]:
    """The toneless syllables of pypinyin's dictionary (ü kept): the syllables Mandarin has (about 420;
    `real_syllables` also holds combinations of the tables no word has, harmless where a spelling is
    compared with a known place's pinyin, not where a name is judged Chinese by its sound)."""
    readings = {reading for value in set(pinyin_dict.values()) for reading in value.split(",")}
    return frozenset(_toneless(reading) for reading in readings)


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == _DIAERESIS)
    return unicodedata.normalize("NFC", kept)


_DIAERESIS = "\u0308"


@cache
def _written_syllables() -> frozenset[str]:
    """Every syllable Mandarin has as each table of SYSTEMS writes it (no variant)."""
    return frozenset(write(pinyin).lower() for write, _ in SYSTEMS for pinyin in mandarin_syllables())


@lru_cache(maxsize=65536)
def chinese_syllables(name: str) -> int:
    """How many syllables of Mandarin a Cyrillic name is, each as a table of SYSTEMS writes it (Жунчэн:
    жун чэн, Rongcheng, 2; Жөңжоу 2), the fewest when it splits several ways (Жандуан: жан дуан, not
    жан ду ан), or a name in Latin letters in pinyin (Zhangyi 2; Dushanbe, with be, none); 0 when it
    does not split so (Жезказган, Хужант, Бишкек, Korla). Such a name is a Chinese name by its sound,
    which other Chinese names share by the hundred; a short Turkic or Mongolian word may split too
    (Баян: ба ян)."""
    if in_latin_letters(name):
        found = place_syllables(name)
        return len(found) if found and mandarin_syllables().issuperset(found) else 0
    letters = cyrillic_letters(palladius.as_palladius(name.lower()))
    written = _written_syllables()
    # fewest[i]: the fewest syllables that spell letters[:i] (NONE when none do)
    fewest = [0] + [NONE] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - LONGEST_SPELLING), end):
            if fewest[start] < NONE and letters[start:end] in written:
                fewest[end] = min(fewest[end], fewest[start] + 1)
    return fewest[-1] if fewest[-1] < NONE else 0


def in_latin_letters(name: str) -> bool:
    """Whether a name is written in the letters of pinyin without tones: ASCII, and ü (Lüliang)."""
    return name.replace("ü", "").replace("Ü", "").isascii()


def written_as_chinese(name: str) -> bool:
    """Whether a name is two or more syllables of Mandarin as a table or pinyin writes them
    (`chinese_syllables`)."""
    return chinese_syllables(name) >= 2


LONGEST_SPELLING = 7
NONE = 1 << 30


@lru_cache(maxsize=65536)
def similarity(cyrillic: str, pinyin_name: str) -> float | None:
    """How well a Cyrillic name reads as a place's pinyin name, 0 to 1 (1 less the mean cost of its
    syllables aligned one to one, MIXED for each change of table), None if the name does not split
    into Cyrillic syllables or the place's name is not pinyin."""
    syllables = place_syllables(pinyin_name)
    letters = cyrillic_letters(cyrillic)
    if syllables is None or not letters:
        return None
    systems = range(len(SYSTEMS))
    # best[end][done][system]: the least cost of reading letters[:end] as the first `done` syllables,
    # the last written by `system`
    best = [[[INFINITE] * len(SYSTEMS) for _ in range(len(syllables) + 1)] for _ in range(len(letters) + 1)]
    best[0][0] = [0.0] * len(SYSTEMS)
    for start, done in itertools.product(range(len(letters)), range(len(syllables))):
        before = best[start][done]
        if min(before) == INFINITE:
            continue
        for end in range(start + 1, min(len(letters), start + LONGEST_SPELLING) + 1):
            for system in systems:
                price = _syllable_cost(system, letters, start, end, syllables[done])
                if price < INFINITE:
                    lowest = min(before[system], min(before) + MIXED if done else INFINITE)
                    cell = best[end][done + 1]
                    cell[system] = min(cell[system], lowest + price)
    total = min(best[len(letters)][len(syllables)])
    return None if total == INFINITE else round(max(0.0, 1 - total / len(syllables)), 3)


INFINITE = float("inf")


def _syllable_cost(system: int, letters: str, start: int, end: int, pinyin: str) -> float:
    """The cost of letters[start:end] as `pinyin`; a syllable н after a final н may have lost its
    first letter (Ганин for Ганьнин, Ganning: VARIANT)."""
    price = cost(system, letters[start:end], pinyin)
    if start and letters[start - 1] == "н" and letters[start] != "н":
        price = min(price, cost(system, "н" + letters[start:end], pinyin) + VARIANT)
    return price


@lru_cache(maxsize=65536)
def other_name(name: str, pinyin_name: str) -> bool | None:
    """Whether a name that is Mandarin syllables (`written_as_chinese`) is another name than a place's
    pinyin name: False when it is that name syllable for syllable, True when it is another, None when
    its letters cannot tell (None too when `pinyin_name` is no pinyin).

    In pinyin, only the same letters are the name (Xian is Xi'an; Xiyan is not, nor Xingyuan Xinyuan):
    pinyin writes each syllable one way, and Mandarin tells xin from xing, zi from zhi. In Cyrillic, a
    syllable written as a table writes the place's or as Russian writers vary it (`variants`: Фуцинь,
    Цинхуандао, Юяо for Fuqing, Qinhuangdao, Yuyao) is the place's (aligned with the place's letters:
    UN/LOCODE's "Jian" is Цзиань, Ji'an, too); the name is another when its syllables, one for one,
    have another final or initial (`similarity` below 1 by FINAL or INITIAL), or when they hold the
    place's with whole syllables more or fewer (Шибаотоу, ши + Баотоу, is not Baotou; Ишань, Wuyishan
    without wu, is not Wuyishan; Changleji is not Changji). Any other difference is left to the
    letters: a letter more or less (Синиин for Синин) is a slip."""
    place = _folded(pinyin_name.lower())
    syllables = place_syllables(pinyin_name)
    if not place or syllables is None:
        return None
    if in_latin_letters(name):
        return _folded(name.lower()) != place
    bounds = tuple(itertools.accumulate(len(_folded(one)) for one in syllables))
    letters = cyrillic_letters(name)
    fewest = [_fewest_changed(letters, place, bounds, added) for added in (True, False)]
    if 0 in fewest:
        return False
    if fewest != [None, None]:
        return True
    if similarity(name, pinyin_name) is not None or _more_syllables(name, letters, pinyin_name, syllables):
        return True
    return None


def _more_syllables(name: str, letters: str, pinyin_name: str, syllables: tuple[str, ...]) -> bool:
    """Whether a one-word Cyrillic name is more Mandarin syllables than the place's and more than a
    letter away from each Cyrillic form of the place's pinyin (Наньшаньлу, nan shan lu, is not Nanchang,
    Наньчан; Синиин, a letter more than Синин, is left to the letters)."""
    if " " in name.strip() or chinese_syllables(name) <= len(syllables):
        return False
    forms = [write(pinyin_name) for write in (palladius.palladius, dungan.dungan, kazakh.kazakh)]
    return all(Levenshtein.distance(letters, cyrillic_letters(one)) > 1 for one in forms if one)


def _fewest_changed(letters: str, place: str, bounds: tuple[int, ...], added: bool) -> int | None:
    """The fewest whole syllables added to (`added`) or else left out of the place's (its letters
    `place`, its syllables ending at `bounds`) that `letters` reads as, the others read in order (0:
    the place's syllables alone), None when it is no such reading."""
    steps_after = {} if added else dict(itertools.pairwise((0, *bounds)))  # a syllable left out
    # fewest[end][done]: the fewest changes reading letters[:end] as place[:done]
    fewest: list[dict[int, int]] = [{} for _ in range(len(letters) + 1)]
    fewest[0][0] = 0
    for start in range(len(letters) + 1):
        for done in sorted(fewest[start]):  # left out, in order: the later entries see the earlier
            after = steps_after.get(done)
            if after is not None and fewest[start][done] + 1 < fewest[start].get(after, NONE):
                fewest[start][after] = fewest[start][done] + 1
        for done, changed in list(fewest[start].items()):
            for end in range(start + 1, min(len(letters), start + LONGEST_SPELLING) + 1):
                read = _readings(letters, start, end)
                steps = [(done + len(one), changed) for one in read if place.startswith(one, done)]
                steps += [(done, changed + 1)] if read and added else []
                for reached, count in steps:
                    if count < fewest[end].get(reached, NONE):
                        fewest[end][reached] = count
    return fewest[len(letters)].get(len(place))


def _folded(letters: str) -> str:
    """Pinyin letters without separators, ü written u as writers do (Lüliang, Luliang, Lvliang)."""
    return re.sub(r"[\s\-'’]", "", letters).replace("ü", "u").replace("v", "u")


def _readings(letters: str, start: int, end: int) -> set[str]:
    """The pinyin syllables (ü as u) letters[start:end] is as a table writes them or as writers vary
    them; also with the н lost after a final н (Ганин for Ганьнин, `_syllable_cost`)."""
    spelling = letters[start:end]
    found = {one for table in spellings() for one in table.get(spelling, ())}
    if start and letters[start - 1] == "н" and letters[start] != "н":
        found |= {one for table in spellings() for one in table.get("н" + spelling, ())}
    return {_folded(one) for one in found}
