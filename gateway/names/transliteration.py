"""Transliterate text with a named scheme: `transliterate(text, scheme_id)`.

ICU transliterators are built once per scheme and per thread (ICU's transliterator objects are
not meant to be shared between threads while in use), from the scheme's rule file. The input is
put in Unicode normalization form C first, as the rules expect precomposed letters (й, not и with
a combining breve). Transliteration is deterministic: the same text and scheme give the same
output, for a given ICU and pypinyin version (the tests pin the outputs).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from importlib import resources

import icu

from gateway.errors import ConfigurationError, GatewayError
from gateway.names.fallback import fold_unruled
from gateway.names.pinyin import pinyin_words
from gateway.names.schemes import IDENTITY, SCHEMES, Scheme
from gateway.names.uzbek import normalize_uzbek_apostrophes


class UnknownScheme(GatewayError, LookupError):
    """A transliteration scheme ID that `gateway.names.schemes.SCHEMES` does not hold."""

    code = "names.scheme_unknown"


_per_thread = threading.local()


def transliterate(text: str, scheme_id: str) -> str:
    """`text` written in Latin letters by the scheme `scheme_id` (a key of `SCHEMES`); a letter the
    scheme has no rule for is folded by `gateway.names.fallback` (see `transliterate_noting`).

    >>> transliterate("Қорғас", "Kazakh-Latin/2021"), transliterate("西安", "Han-Latin/Words")
    ('Qorğas', "Xi'an")
    """
    return transliterate_noting(text, scheme_id)[0]


def transliterate_noting(text: str, scheme_id: str) -> tuple[str, tuple[str, ...]]:
    """`transliterate`, and a note for each letter of the scheme's script the fallback folded.

    Letters of other scripts pass through (a mixed text); the identity scheme keeps text as sent
    (Arabic other than Uyghur has no scheme yet).

    >>> transliterate_noting("Җимбе", "ru-ru_Latn/BGN")
    ('Žimbe', ("letter 'Җ' has no rule in ru-ru_Latn/BGN: read as 'Ž' by the fallback",))
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    latin = _converter(scheme_id)(text)
    if scheme_id == IDENTITY.scheme_id:
        return latin, ()
    return fold_unruled(latin, scheme_id, SCHEMES[scheme_id].source_script)


def _converter(scheme_id: str) -> Callable[[str], str]:
    """The function that transliterates by `scheme_id`, built once per thread."""
    cache: dict[str, Callable[[str], str]] | None = getattr(_per_thread, "converters", None)
    if cache is None:
        cache = _per_thread.converters = {}
    converter = cache.get(scheme_id)
    if converter is None:
        scheme = SCHEMES.get(scheme_id)
        if scheme is None:
            raise UnknownScheme(f"no transliteration scheme {scheme_id!r}")
        converter = cache[scheme_id] = _make_converter(scheme)
    return converter


def _make_converter(scheme: Scheme) -> Callable[[str], str]:
    if scheme.engine == "pinyin":
        return pinyin_words
    if scheme.engine == "uzbek-apostrophes":
        return normalize_uzbek_apostrophes
    if scheme.engine == "identity":
        return str
    transliterator = _build(scheme)
    if scheme.languages == ("uz",):
        return lambda text: normalize_uzbek_apostrophes(transliterator.transliterate(text))
    return transliterator.transliterate  # type: ignore[no-any-return]


def _build(scheme: Scheme) -> icu.Transliterator:
    if scheme.rules_file is None:
        raise ConfigurationError(f"scheme {scheme.scheme_id} has no rule file")
    rules = rule_text(scheme.rules_file)
    try:
        return icu.Transliterator.createFromRules(scheme.scheme_id, rules, icu.UTransDirection.FORWARD)
    except icu.ICUError as error:
        raise ConfigurationError(f"rules/{scheme.rules_file}: {error}") from error


def rule_text(file_name: str) -> str:
    """The text of a rule file in gateway/names/rules/."""
    return resources.files("gateway.names").joinpath("rules", file_name).read_text("utf-8")
