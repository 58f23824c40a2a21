"""Measure the text layer: `python -m gateway.names.speed [seconds per measurement]`.

Prints calls per second, in one thread, for every transliteration scheme over real names in its
script, and for script detection, language detection and confusable folding. docs/transliteration.md
quotes its output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

from gateway.names.confusables import fold_confusables
from gateway.names.language import detect_language
from gateway.names.pinyin import run_in_pinyin
from gateway.names.schemes import SCHEMES
from gateway.names.script import detect_script
from gateway.names.transliteration import transliterate

SAMPLES: dict[str, tuple[str, ...]] = {
    "Cyrl": ("Қорғас", "Торугарт", "Улаанбаатар", "Хуҷанд", "Самарқанд", "ТОО «Астана Транс»"),
    "Hani": ("喀什", "长春", "西安", "霍尔果斯口岸", "中国银行有限公司"),
    "Mong": ("ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "ᠡᠷᠢᠶᠡᠨ ᠬᠣᠲᠠ"),
    "Geor": ("თბილისი", "წითელი ხიდი"),
    "Latn": ("O'zbekiston", "Gəncə", "steel pipes"),
    "Arab": ("ئۈرۈمچى", "قەشقەر", "سائەت", "ئۈرۈمچى شەھىرى"),
}
"""Names per script of the scheme; every scheme reads the names of its own script."""
LANGUAGE_SAMPLES: dict[str, tuple[str, ...]] = {
    "fa": ("هرات", "مزار شریف", "حیرتان", "اسلام قلعه"),
    "ps": ("سپین بولدک", "تورخم", "کندهار", "جلال آباد"),
    "ur": ("پشاور", "کوئٹہ", "کراچی", "اسلام آباد"),
}
"""Names for a scheme whose script other languages share (Persian, Pashto, Urdu: not Uyghur's)."""


def calls_per_second(function: Callable[[str], object], texts: Sequence[str], seconds: float) -> float:
    """How many times per second `function` runs, cycling over `texts` for about `seconds`."""
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for text in texts:
            function(text)
        calls += len(texts)
    return calls / (time.perf_counter() - start)


def measurements(seconds: float) -> list[tuple[str, float]]:
    """(what, calls per second) for every scheme and detector."""
    results = []
    for scheme_id, scheme in SCHEMES.items():
        texts = (
            LANGUAGE_SAMPLES.get(scheme.languages[0] if scheme.languages else "")
            or SAMPLES["Hani" if scheme.source_script == "Hani" else scheme.source_script]
        )
        transliterate(texts[0], scheme_id)  # build the transliterator outside the timing
        results.append(
            (scheme_id, calls_per_second(partial(transliterate, scheme_id=scheme_id), texts, seconds))
        )
    results.append(
        ("Han-Latin/Words, cache cleared", calls_per_second(_uncached_pinyin, SAMPLES["Hani"], seconds))
    )
    every_text = [text for texts in SAMPLES.values() for text in texts]
    results.append(("detect_script", calls_per_second(detect_script, every_text, seconds)))
    results.append(("detect_language", calls_per_second(detect_language, every_text, seconds)))
    results.append(("fold_confusables", calls_per_second(fold_confusables, every_text, seconds)))
    return results


def _uncached_pinyin(text: str) -> str:
    run_in_pinyin.cache_clear()
    return transliterate(text, "Han-Latin/Words")


def main(arguments: Sequence[str]) -> None:
    seconds = float(arguments[0]) if arguments else 1.0
    for what, rate in measurements(seconds):
        print(f"{what:32} {rate:>12,.0f} per second")


if __name__ == "__main__":
    main(sys.argv[1:])
