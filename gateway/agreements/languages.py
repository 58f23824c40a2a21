"""Which names in other languages a partner receives: the `Form`s of a Resolution against an agreement's
`languages`.

A Resolution lists the resolved entry's name in each language the code list knows, one
`<Form languageID="zh-Hans" scriptCode="Hans">霍尔果斯</Form>` per language. A partner receives the Forms
that one of its agreement's languages matches, by BCP 47 basic filtering (RFC 4647, section 3.3.1): a
language range matches a tag equal to it, or one that starts with it followed by ``-``, ignoring case. So
``zh-Hans`` matches ``zh-Hans`` (and ``zh-Hans-CN``), ``uz`` matches ``uz-Latn`` and ``uz-Cyrl``, and
``uz-Latn`` does not match ``uz-Cyrl``. A Form's tag is its `languageID`, with its `scriptCode` added when
the `languageID` names no script (``ru`` written in ``Cyrl`` is ``ru-Cyrl``, which ``ru`` matches), so
``zh-Hans`` also matches a Form ``zh`` in ``Hans`` script.

English Forms (``en``) always leave: the Resolution's `english` attribute leaves whatever the languages,
so the code list's English name beside it withholds nothing, and every partner gets a name in the
working language of the exchange. A Form without a `languageID` never leaves (fail closed).
"""

from __future__ import annotations

from functools import lru_cache

ALWAYS_SHARED = ("en",)
"""Language ranges whose Forms leave under every agreement."""


def form_tag(language_id: str, script_code: str | None) -> str:
    """The BCP 47 tag of a Form: its language, with its script inserted when the language names none."""
    subtags = language_id.split("-")
    has_script = len(subtags) > 1 and len(subtags[1]) == 4 and subtags[1].isalpha()
    if script_code and not has_script:
        subtags.insert(1, script_code)
    return "-".join(subtags)


def matches(language_range: str, tag: str) -> bool:
    """Whether `language_range` matches `tag` by basic filtering (RFC 4647 3.3.1), ignoring case."""
    wanted, tag = language_range.lower(), tag.lower()
    return tag == wanted or tag.startswith(wanted + "-")


@lru_cache(maxsize=4096)
def shares_form(languages: tuple[str, ...], language_id: str | None, script_code: str | None) -> bool:
    """Whether a Form in `language_id` and `script_code` leaves under an agreement reading `languages`."""
    if not language_id:
        return False
    tag = form_tag(language_id, script_code)
    return any(matches(wanted, tag) for wanted in languages + ALWAYS_SHARED)
