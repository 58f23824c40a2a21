"""Chinese in Hanyu Pinyin that reads words, not characters: 喀什 Kashi, 长春 Changchun, 西安 Xi'an.

Follows the Basic rules of the Chinese phonetic alphabet orthography (GB/T 16159-2012) for proper
names: the syllables of a word are joined; a syllable that starts with a, o or e inside a word is
set off with an apostrophe (Xi'an, Huo'erguosi); each word is capitalised; a generic term at the
end of a place or company name is a word of its own (二连浩特市 Erlianhaote Shi, 有限公司 Youxian
Gongsi). Tones are left out, as on maps and in customs documents; ü keeps its dots (吕梁 Lüliang).

Readings come from pypinyin's phrase dictionary, which is simplified Chinese: traditional text is
converted with ICU's Hant-Hans first (長春 would otherwise read zhǎng). Words: a name of up to four
characters is one word unless the dictionary splits it into words of two or more characters
(中国银行 Zhongguo Yinhang); longer names take the dictionary's words, with runs of single
characters joined (新疆维吾尔 Xinjiang Weiwu'er). Conventional English forms (乌鲁木齐 Urumqi,
霍尔果斯 Khorgos) are the glossary's business: pinyin gives Wulumuqi and Huo'erguosi.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.mmseg import seg

from gateway.names.icu_transforms import icu_transform

_HAN_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]+")
_WORD_CHARACTER = re.compile(r"\w")
RUN_CACHE_SIZE = 16384
"""Runs of Chinese characters whose pinyin is kept: a run costs about 40 µs the first time."""
SHORT_NAME = 4
"""Names of up to this many characters are read as one word unless the dictionary splits them."""

GENERIC_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("股份有限公司", ("股份", "有限", "公司")),
    ("有限责任公司", ("有限", "责任", "公司")),
    ("有限公司", ("有限", "公司")),
    ("自治区", ("自治区",)),
    ("自治州", ("自治州",)),
    ("自治县", ("自治县",)),
    ("口岸", ("口岸",)),
    ("公司", ("公司",)),
    ("集团", ("集团",)),
    ("省", ("省",)),
    ("市", ("市",)),
    ("县", ("县",)),
    ("区", ("区",)),
    ("镇", ("镇",)),
)
"""Generic terms that end place and company names (simplified), longest first, with their words."""


def pinyin_words(text: str) -> str:
    """`text` with every run of Chinese characters written in pinyin words; other text is kept."""
    simplified = icu_transform("Hant-Hans").transliterate(text)
    pieces: list[str] = []
    end = 0
    for match in _HAN_RUN.finditer(simplified):
        pieces.append(text[end : match.start()])
        words = run_in_pinyin(match.group())
        pieces.append(_spaced(words, text, match.start(), match.end()))
        end = match.end()
    pieces.append(text[end:])
    return "".join(pieces)


def _spaced(words: str, text: str, start: int, end: int) -> str:
    """Words with a space against any letter or digit that touches the run."""
    before = " " if start and _WORD_CHARACTER.match(text[start - 1]) else ""
    after = " " if end < len(text) and _WORD_CHARACTER.match(text[end]) else ""
    return before + words + after


def _words(run: str) -> list[str]:
    """The words of a run of simplified characters: the name, then its generic terms."""
    for term, term_words in GENERIC_TERMS:
        if run.endswith(term) and len(run) > len(term) + 1:
            return [*_words(run[: -len(term)]), *term_words]
    return _name_words(run)


def _name_words(name: str) -> list[str]:
    segments = list(seg.cut(name))
    if len(name) <= SHORT_NAME and any(len(segment) == 1 for segment in segments):
        return [name]
    words: list[str] = []
    joining_singles = False
    for segment in segments:
        single = len(segment) == 1
        if single and joining_singles:
            words[-1] += segment
        else:
            words.append(segment)
        joining_singles = single
    return words


@lru_cache(maxsize=RUN_CACHE_SIZE)
def run_in_pinyin(run: str) -> str:
    """A run of simplified Chinese characters in pinyin words (cached: names repeat)."""
    words = _words(run)
    syllables = lazy_pinyin(run, style=Style.NORMAL, v_to_u=True, errors="default")
    if len(syllables) != len(run):  # a character without a reading came back grouped
        return " ".join(_pinyin_word(_syllables(word)) for word in words)
    pinyin = []
    for word in words:
        pinyin.append(_pinyin_word(syllables[: len(word)]))
        syllables = syllables[len(word) :]
    return " ".join(pinyin)


def _syllables(word: str) -> list[str]:
    return lazy_pinyin(word, style=Style.NORMAL, v_to_u=True, errors="default")


def _pinyin_word(syllables: list[str]) -> str:
    """Syllables joined into one capitalised word, with an apostrophe before a, o, e inside it."""
    joined = syllables[0] + "".join(
        f"'{syllable}" if syllable[:1] in ("a", "o", "e") else syllable for syllable in syllables[1:]
    )
    return joined[:1].upper() + joined[1:]
