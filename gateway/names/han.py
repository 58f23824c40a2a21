"""Simplified (Hans) versus traditional (Hant) Chinese, from the characters that differ.

The two sets are computed once, on first use, from ICU's `Hans-Hant` and `Hant-Hans` transforms
over the CJK Unified Ideographs block (about 40 ms): a character that `Hans-Hant` changes is
simplified-only (长, 图, 尔), one that `Hant-Hans` changes is traditional-only (長, 圖, 爾). Most
characters are common to both (喀什, 西安): a text made only of those is Hani, undecided.
"""

from __future__ import annotations

import re
from functools import cache

import icu

_UNIFIED_IDEOGRAPHS = "".join(chr(code) for code in range(0x4E00, 0xA000))
_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]")


@cache
def simplified_only() -> frozenset[str]:
    """Characters written differently in traditional Chinese (长 for 長)."""
    return _changed_by("Hans-Hant")


@cache
def traditional_only() -> frozenset[str]:
    """Characters written differently in simplified Chinese (長 for 长)."""
    return _changed_by("Hant-Hans")


def _changed_by(transform_id: str) -> frozenset[str]:
    transform = icu.Transliterator.createInstance(transform_id)
    converted = transform.transliterate(_UNIFIED_IDEOGRAPHS)
    if len(converted) != len(_UNIFIED_IDEOGRAPHS):  # pragma: no cover - ICU maps one to one
        raise RuntimeError(f"ICU {transform_id} changed the length of the ideograph block")
    pairs = zip(_UNIFIED_IDEOGRAPHS, converted, strict=True)
    return frozenset(original for original, changed in pairs if original != changed)


def han_counts(text: str) -> tuple[int, int]:
    """How many simplified-only and how many traditional-only characters `text` holds."""
    simplified, traditional = simplified_only(), traditional_only()
    han = _HAN.findall(text)
    return (
        sum(1 for character in han if character in simplified),
        sum(1 for character in han if character in traditional),
    )


def han_variant(text: str) -> str:
    """Hans, Hant, or Hani when `text` has no character that tells them apart (or as many of each)."""
    simplified, traditional = han_counts(text)
    if simplified > traditional:
        return "Hans"
    if traditional > simplified:
        return "Hant"
    return "Hani"
