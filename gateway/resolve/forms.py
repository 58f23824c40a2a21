"""The names of a resolved entry in the partners' languages: the `Form` children of a Resolution.

A Resolution whose code-list entry has names in several languages lists one `Form` per language: the
code list's own name (`name:<lang>` column) where it has one, else the first alias in that language,
with its BCP 47 tag and ISO 15924 script. A partner's agreement names the languages it reads, and
`share()` keeps only those Forms. The list is sorted by language tag, so that it is the same for the
same entry every time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gateway.names.script import detect_script
from gateway.normalize.xmltext import attributes, escape_text

if TYPE_CHECKING:  # a protocol: the catalog (and pypinyin) is not imported for it
    from gateway.resolve.catalog import CodeEntry


@dataclass(frozen=True, slots=True)
class Form:
    """The name of an entry in one language: `<Form languageID="zh-Hans" scriptCode="Hans">`."""

    language: str
    script: str
    name: str


def forms_of(entry: CodeEntry) -> list[Form]:
    """One Form per language of `entry`, the list's preferred name first, sorted by language tag."""
    chosen: dict[str, Form] = {}
    for language, name in entry.names.items():
        if name.strip() and language not in ("", "und"):
            chosen[language] = Form(language, _script(language, name), name)
    for alias in entry.aliases:
        if alias.text.strip() and alias.language not in chosen and alias.language not in ("", "und"):
            # the code lists' Alias records its script; the resolver's protocol (catalog.Alias) does not
            script = getattr(alias, "script", "") or _script(alias.language, alias.text)
            chosen[alias.language] = Form(alias.language, script, alias.text)
    return [chosen[language] for language in sorted(chosen)]


def forms_xml(forms: Iterable[Form]) -> str:
    """The Form elements, as XML text."""
    return "".join(
        f"<Form{attributes({'languageID': f.language, 'scriptCode': f.script})}>{escape_text(f.name)}</Form>"
        for f in forms
    )


def _script(language: str, name: str) -> str:
    """The script subtag of `language` (zh-Hans, uz-Latn), else the script the name is written in."""
    for subtag in language.split("-")[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            return subtag.title()
    return detect_script(name)


class EntryIndex:
    """The entries of the code lists by list and code, read once per list (for the Forms)."""

    def __init__(self) -> None:
        self._lists: dict[str, dict[str, CodeEntry]] = {}

    def load(self, list_name: str, entries: Iterable[CodeEntry]) -> dict[str, CodeEntry]:
        """The entries of `list_name` by code, from `entries` the first time."""
        found = self._lists.get(list_name)
        if found is None:
            found = self._lists[list_name] = {entry.code: entry for entry in entries}
        return found
