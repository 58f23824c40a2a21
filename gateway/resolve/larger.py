"""Chinese addresses name the larger place first: 中国上海, 安徽省宿州市, 哈萨克斯坦阿拉木图.

A Chinese place name may begin with its country (any name of the country list: 中国, 哈萨克斯坦) and,
in China, its province (a province-level division of GB/T 2260, full or without the word of its kind:
安徽省, 安徽, 内蒙古自治区, 内蒙古), written without a space: in Chinese script an address goes from the
largest unit to the smallest (Universal Postal Union, Postal addressing systems in member countries:
China). The rest is looked up as the name, before the whole; the country named becomes the sender's
country, as a country part after a comma does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from gateway.names.script import HAN_FAMILY, detect_script
from gateway.resolve.divisions import Entry, division_level, division_stem

MIN_REST = 2
"""The name left after the larger places keeps at least two characters (中国上海 is 上海; 上海 stays)."""
LONGEST_PREFIX = 8
"""The longest country or province name looked for (广西壮族自治区 has seven characters)."""


def province_names(divisions: Iterable[Entry]) -> dict[str, str]:
    """The names of China's province-level divisions, full and without their kind (安徽省, 安徽), each
    with its two-digit GB/T 2260 code."""
    names: dict[str, str] = {}
    for entry in divisions:
        name = entry.names.get("zh-Hans", "")
        if division_level(entry.code) == 0 and name:
            names[name] = names[division_stem(name)] = entry.code[:2]
    return names


def without_larger_places(
    text: str, country_of: Callable[[str], str | None], provinces: Mapping[str, str]
) -> tuple[str, str | None, list[str]]:
    """`text` without the country and province it begins with, the country named (or None), and the
    names removed; `text` unchanged when it is not Chinese or begins with neither."""
    if detect_script(text) not in HAN_FAMILY:
        return text, None, []
    removed: list[str] = []
    country = None
    prefix = _prefix(text, lambda part: country_of(part) is not None)
    if prefix:
        country, text = country_of(prefix), text[len(prefix) :]
        removed.append(prefix)
    province = _prefix(text, lambda part: part in provinces) if country in (None, "CN") else ""
    if province:
        text = text[len(province) :]
        removed.append(province)
    return text, country, removed


def _prefix(text: str, known: Callable[[str], bool]) -> str:
    """The longest beginning of `text` that is `known`, leaving MIN_REST characters; "" when none."""
    for cut in range(min(LONGEST_PREFIX, len(text) - MIN_REST), 1, -1):
        if known(text[:cut]):
            return text[:cut]
    return ""
