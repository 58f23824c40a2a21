"""Towns of China named in Cyrillic: a name read as the pinyin of a town's name, looked up exactly.

A Kazakh or Kyrgyz manifest written in Russian names a Chinese town as Russian writes Chinese, in
Palladius Cyrillic (Сунлин for 松陵, Хэдэ or Хеде for 合德), or with the Dungan and Kazakh letters
(`gateway.resolve.dungan`, `gateway.resolve.kazakh`). The town's characters are not there to look up
(`gateway.resolve.towns`), but its sound is: each town gets a second key, the toneless pinyin of its
name (every reading of its characters, heteronyms included: 合德 is hede and gede), with and without
the word of its kind. A key names its town only where it is

* unique among all the country's towns (every row of `cn-township`, joined to a place or not: Сунлин
  must not be one of two towns whose names sound alike), and
* no key of a division (any reading of its name, with and without its suffix) nor of a UN/LOCODE place
  of China (its Latin name, and the readings of its Chinese names): a name that sounds as a place or a
  division is not a town by sound.

A Cyrillic name is read into pinyin by the syllable tables the resolver already compares Chinese places
with (`gateway.resolve.syllables.spellings`: Palladius, Dungan, Kazakh, and the variants Russian texts
print, such as е for Palladius э: Хеде), each syllable as a table writes it or with one such variant
(SLIP), at most MOST_COST in all, and each reading is looked up exactly: a town is never met fuzzily.
A name with any reading that is a key of a division or place gives no town (the place is the bigger
and the listed one); else its cheapest readings that are keys decide, and they must name towns of one
place. The resolver asks only when no exact name was found (`resolver._town_by_sound`).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pypinyin import Style, pinyin

from gateway.resolve.divisions import Entry, division_stem
from gateway.resolve.keys import ascii_key, mongolian_reading
from gateway.resolve.syllables import (
    LONGEST_SPELLING,
    MIXED,
    VARIANT,
    cyrillic_letters,
    spellings,
)

if TYPE_CHECKING:
    from gateway.resolve.key_table import KeyTable
    from gateway.resolve.towns import Town

READINGS = 64
"""At most this many readings of one Chinese name (the product of its characters' heteronyms) become
keys; the dictionary's readings come first."""
SLIP = VARIANT
"""The most one Cyrillic syllable may cost to read as a pinyin syllable: as a table writes it (0), or
with one variant spelling (`syllables.VARIANT`: Хе for Хэ, Сунлинь for Сунлин)."""
MOST_COST = 2 * VARIANT
"""The most a whole name may cost to read (two variant syllables, or tables changed within the name:
`syllables.MIXED` each): Хеде, two syllables with е for э, is hede."""
NAME_READINGS = 64
"""At most this many readings of a Cyrillic name are looked up, the cheapest first."""


@functools.cache
def character_readings(character: str) -> tuple[str, ...]:
    """Every pinyin reading of one character (its heteronyms), without tones."""
    return tuple(pinyin(character, style=Style.NORMAL, heteronym=True)[0])


def sounds(name: str) -> frozenset[str]:
    """The toneless pinyin keys of a Chinese name, letters only: every reading of its characters (at
    most READINGS), ü written v as pypinyin writes it (绿 lv); none for a name with a character that
    has no such reading (a digit, a letter, a mark)."""
    per_character = [character_readings(character) for character in name]
    if not all(reading.isascii() and reading.isalpha() for each in per_character for reading in each):
        return frozenset()
    return frozenset(map("".join, itertools.islice(itertools.product(*per_character), READINGS)))


TAKEN = -2
"""A key of a division or a place (`SoundIndex.heard`)."""
NO_TOWN = -1
"""A key of towns of two places, or of a town of no place: it names no town (`SoundIndex.heard`)."""


@dataclass(frozen=True)
class SoundIndex:
    """The pinyin keys of towns' names and of divisions and places, each with what it names: a town
    (its number in `towns`), NO_TOWN (a key of towns of two places or of a town of no place), or TAKEN
    (a key of a division or a place). The keys are packed (`gateway.resolve.key_table`): 121,000 of
    the 168,000 only say "no town"."""

    keys: KeyTable = field(default_factory=lambda: _key_table({}))
    towns: tuple[Town, ...] = ()

    def heard(self, key: str) -> Town | int | None:
        """What a key names: its town, NO_TOWN or TAKEN; None when it is no key."""
        number = self.keys.numbers([key])[0]
        return self.towns[number] if number is not None and number >= 0 else number

    def find(self, name: str) -> tuple[Town, str] | None:
        """The town a Cyrillic name reads as, with the reading, or None. None when any reading is the
        key of a division or a place (Чөндү reads chendu, and with н for ң chengdu: Chengdu, not a town
        whose characters read chendu); else the cheapest readings that are keys decide (Сунлин is
        Palladius songling before Dungan-style sunlin): none when they name no town by sound or towns
        of two places."""
        readings = cyrillic_readings(name)
        numbers = self.keys.numbers([key for key, _ in readings])
        if TAKEN in numbers:
            return None
        found: list[tuple[Town | None, str, float]] = []
        for (key, cost), number in zip(readings, numbers, strict=True):
            if found and cost > found[0][2]:
                break
            if number is not None:
                found.append((self.towns[number] if number >= 0 else None, key, cost))
        places = {town.place if town else None for town, _, _ in found}
        town, key, _ = found[0] if len(places) == 1 else (None, "", 0.0)
        return (town, key) if town is not None else None


def sound_index(
    towns: Sequence[Town], names: Sequence[str], places: Iterable[Entry], divisions: Iterable[Entry]
) -> SoundIndex:
    """The keys of `towns` (those joined to a place) that are unique among `names` (every row of the
    township list: full names and names without their kind word) and no key of a division or place;
    the others name no town by sound."""
    divisions = list(divisions)
    _read_characters(names, divisions)
    numbered, named = _numbered(towns, names, _division_sounds(divisions) | _place_sounds(places))
    return SoundIndex(_key_table(numbered), named)


def _key_table(numbered: dict[str, int]) -> KeyTable:
    """The keys packed (`gateway.resolve.key_table`, numpy: imported when the keys are first built, not
    by a process that only meets names exactly)."""
    from gateway.resolve.key_table import KeyTable  # noqa: PLC0415  # numpy on first use only

    return KeyTable(numbered)


def _numbered(
    towns: Sequence[Town], names: Sequence[str], taken: frozenset[str]
) -> tuple[dict[str, int], tuple[Town, ...]]:
    """Each key with what it names: the number of the one town it names (in the tuple of those towns),
    NO_TOWN or TAKEN. The keys of every name and their counts go when this returns, before they are
    packed."""
    from gateway.resolve.towns import town_stem  # noqa: PLC0415  # towns imports this module

    keys = {name: _town_keys(name, town_stem(name)) for name in set(names)}
    shared = Counter(key for name in names for key in keys[name])
    numbered = dict.fromkeys(shared.keys() - taken, NO_TOWN) | dict.fromkeys(taken, TAKEN)
    named: list[Town] = []
    for town in towns:
        for key in keys.get(town.full, frozenset()):
            if shared[key] == 1 and key not in taken:
                if not named or named[-1] is not town:
                    named.append(town)
                numbered[key] = len(named) - 1
    return numbered, tuple(named)


def _read_characters(names: Iterable[str], divisions: Iterable[Entry]) -> None:
    """Every character's readings, cached before the keys are made: the cache outlives the build and
    the keys (and their counts) do not, so the memory they free is whole, not pinned by the cache's
    entries made among them (the process's RSS after the first build: +29 MB without this, +16 with:
    plans/tools/left11_sounds.py)."""
    for name in itertools.chain(names, (entry.names.get("zh-Hans", "") for entry in divisions)):
        for character in name:
            character_readings(character)


def _town_keys(full: str, stem: str | None) -> frozenset[str]:
    return sounds(full) | (sounds(stem) if stem else frozenset())


def _division_sounds(divisions: Iterable[Entry]) -> frozenset[str]:
    """The keys of every division's name, full and without its suffix, and its Mongolian reading."""
    found: set[str] = set()
    for entry in divisions:
        full = entry.names.get("zh-Hans", "")
        stem = division_stem(full)
        found |= sounds(full) | sounds(stem)
        found.add(mongolian_reading(stem))
    return frozenset(found - {""})


def _place_sounds(places: Iterable[Entry]) -> frozenset[str]:
    """The keys of UN/LOCODE's places of China: their Latin names (and the parts of them) in letters
    only, and the readings of their names and aliases in Chinese characters."""
    from gateway.resolve.catalog import locode_parts  # noqa: PLC0415  # the catalog imports towns

    found: set[str] = set()
    for entry in places:
        if (entry.attributes.get("country") or entry.code[:2]) != "CN":
            continue
        written = [*entry.names.values(), *(alias.text for alias in getattr(entry, "aliases", ()))]
        for name in written:
            for part in (name, *locode_parts(name)):
                found.add(_letters(ascii_key(part)) if part.isascii() else "")
            found |= sounds(name) if not name.isascii() else frozenset()
    return frozenset(found - {""})


def heard_as(latin_name: str, readings: Iterable[str]) -> bool:
    """Whether a place's Latin name ("Xi'an", "Saran") is, in letters only, one of the pinyin
    `readings` of a name: the name sounds as that place."""
    return _letters(ascii_key(latin_name)) in set(readings)


def _letters(text: str) -> str:
    return "".join(letter for letter in text if letter.isalpha())


@functools.lru_cache(maxsize=4096)
def cyrillic_readings(name: str) -> tuple[tuple[str, float], ...]:
    """The toneless pinyin a Cyrillic name reads as, with what each reading costs, the cheapest first:
    the name split into syllables of the tables of `syllables.spellings` (one table throughout, or
    MIXED for each change), each syllable at most SLIP, the whole at most MOST_COST; at most
    NAME_READINGS. Empty when the name does not split so (Бишкек is no Chinese name)."""
    letters = cyrillic_letters(name)
    tables = spellings()
    # reached[position]: (reading so far, table of the last syllable) -> the least cost
    reached: list[dict[tuple[str, int], float]] = [{} for _ in range(len(letters) + 1)]
    reached[0] = {("", -1): 0.0}
    for start in range(len(letters)):
        for (reading, last), cost in reached[start].items():
            for end in range(start + 1, min(len(letters), start + LONGEST_SPELLING) + 1):
                for number, table in enumerate(tables):
                    mixed = MIXED if last not in (-1, number) else 0.0
                    for syllable, price in table.get(letters[start:end], {}).items():
                        total = round(cost + price + mixed, 3)
                        if price <= SLIP and total <= MOST_COST:
                            key = (reading + syllable.replace("ü", "v"), number)
                            reached[end][key] = min(total, reached[end].get(key, math.inf))
    ends: dict[str, float] = {}
    for (reading, _), cost in reached[len(letters)].items():
        ends[reading] = min(cost, ends.get(reading, math.inf))
    return tuple(sorted(ends.items(), key=lambda item: (item[1], item[0]))[:NAME_READINGS])
