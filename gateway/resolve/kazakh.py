"""Chinese place names as Kazakh writes them from Mandarin: Zhengzhou is Жөңжоу, Shenzhen Шөнжөн, Hebi Хөби.

Kazakh texts of Xinjiang and, more and more, of Kazakhstan write Chinese names from Mandarin itself, not
through Russian (Шаңхай): pinyin zh, j and r are ж, ch and q ч, sh and x ш, the final -ng ң, and
the vowel e ө (Kazakh has no ɤ; ә and е are also written). The rules are those of the spelling
dictionary of Kazakh published in China, as Kalibekuly T., "Problems of writing person and place names
in the Chinese language on the basis of Cyrillic graphic", Bulletin of Ablai Khan KazUIRandWL,
Philology 64(1), 2022 (doi:10.48371/PHILS.2022.64.1.010), and Koibakova A. et al., "The issue of
writing Chinese onomastic names in the Kazakh-Cyrillic and Kazakh-Latin scripts", Global Chinese 2025
(1), 109-127, describe them. The letters are the Dungan alphabet's (`gateway.resolve.dungan`) but for
ж where Dungan has җ, ө for e (Dungan ә, ы before a nasal), and ү for the syllable wu. The resolver
derives this form of each Chinese pinyin name of the code list and compares it, like the Dungan one,
through the Russian reading of Cyrillic names; a derived form is only ever a fuzzy match.
"""

from __future__ import annotations

from gateway.resolve import dungan
from gateway.resolve.palladius import written_syllables

KAZAKH = "kazakh"
"""How the catalog marks the derived Kazakh form of a name (`Term.derived`)."""
INITIALS: dict[str, str] = dungan.INITIALS | {"zh": "ж", "j": "ж"}
FINALS: dict[str, str] = dungan.FINALS | {"e": "ө", "en": "өн", "eng": "өң", "er": "әр"}
ZERO_INITIAL: dict[str, str] = dungan.ZERO_INITIAL | {"wu": "ү", "wen": "уөн", "weng": "уөң"}
LETTERS = frozenset("әғқңөұүһі")
"""The letters of the Kazakh Cyrillic alphabet that Russian lacks (Kazakh Cyrillic, 1940 reform)."""


def written_in_kazakh(name: str) -> bool:
    """Whether a name shows letters of the Kazakh alphabet that Russian lacks (Жөнжоу, Қорғас)."""
    return not LETTERS.isdisjoint(name.lower())


def syllable(pinyin: str) -> str:
    """One toneless pinyin syllable as Kazakh writes it."""
    return dungan.written(pinyin, INITIALS, FINALS, ZERO_INITIAL)


def kazakh(name: str) -> str | None:
    """A pinyin place name as Kazakh writes it ("Zhengzhou" is "Жөңжоу"), or None if it is not pinyin."""
    return written_syllables(name, syllable)
