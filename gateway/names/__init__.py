"""Names: scripts, languages and transliteration of the free text in customs documents.

The text layer of name resolution, a pure library (no web, database or network):

- `detect_script` and `script_counts`: ISO 15924 script of a text (`gateway.names.script`);
- `detect_language`: BCP 47 language with a confidence and a reason (`gateway.names.language`);
- `fold_confusables`: Latin look-alikes in Cyrillic words and back (`gateway.names.confusables`);
- `transliterate`, `scheme_for`, `SCHEMES`: named transliteration schemes
  (`gateway.names.transliteration`, `gateway.names.schemes`, rule files in `rules/`);
- `normalize_uzbek_apostrophes`: the official ʻ and ʼ of Latin Uzbek (`gateway.names.uzbek`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gateway.once import lazy_names

if TYPE_CHECKING:
    from gateway.names.confusables import (
        ConfusableFinding,
        MixedScriptWord,
        fold_confusables,
        mixed_script_words,
    )
    from gateway.names.language import LanguageGuess, detect_language
    from gateway.names.schemes import SCHEMES, Scheme, scheme_for
    from gateway.names.script import detect_script, is_mixed_script, same_script, script_counts
    from gateway.names.transliteration import UnknownScheme, transliterate
    from gateway.names.uzbek import normalize_uzbek_apostrophes

_MODULES = {
    "confusables": ("ConfusableFinding", "MixedScriptWord", "fold_confusables", "mixed_script_words"),
    "language": ("LanguageGuess", "detect_language"),
    "schemes": ("SCHEMES", "Scheme", "scheme_for"),
    "script": ("detect_script", "is_mixed_script", "same_script", "script_counts"),
    "transliteration": ("UnknownScheme", "transliterate"),
    "uzbek": ("normalize_uzbek_apostrophes",),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}


# The names above are imported from their module when first asked for: importing one module of the
# package (`gateway.names.script`) does not import transliteration (pypinyin and its dictionaries:
# ~0.4 s and ~64 MB), which `gateway worker` never needs.
__getattr__ = lazy_names(__name__, _WHERE)


__all__ = [
    "SCHEMES",
    "ConfusableFinding",
    "LanguageGuess",
    "MixedScriptWord",
    "Scheme",
    "UnknownScheme",
    "detect_language",
    "detect_script",
    "fold_confusables",
    "is_mixed_script",
    "mixed_script_words",
    "normalize_uzbek_apostrophes",
    "same_script",
    "scheme_for",
    "script_counts",
    "transliterate",
]
