"""The Resolution annotation of a resolved name, written as XML text (docs/resolution.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from gateway.normalize.xmltext import attributes, escape_attribute
from gateway.resolve.forms import Form, forms_xml
from gateway.resolve.result import Resolution


@dataclass(frozen=True, slots=True)
class ResolvedName:
    """A resolved element of the message: its pointer, the resolution, the element it filled (WCO ID),
    and the entry's names in other languages."""

    pointer: str
    resolution: Resolution
    filled: str | None
    forms: tuple[Form, ...] = ()

    @property
    def filled_pointer(self) -> str | None:
        """The pointer of the element filled from the resolution, beside the resolved one."""
        if self.filled is None:
            return None
        parent, _, leaf = self.pointer.rpartition("/")
        return self.pointer if leaf.split("[")[0] == self.filled else f"{parent}/{self.filled}"


def resolution_xml(name: ResolvedName, forms: tuple[Form, ...] | None = None) -> str:
    """The Resolution element of a resolved name, as XML text: its Forms (or `forms`), then its
    candidates."""
    rest = resolution_rest(name.resolution, name.filled, name.forms if forms is None else forms)
    return f'<Resolution pointer="{escape_attribute(name.pointer)}"' + rest


_WRITTEN: dict[tuple[int, str | None, int], tuple[Resolution, tuple[Form, ...], str]] = {}
_WRITTEN_SIZE = 8192
_IN_FORCE = [""]
"""The glossary version of the Resolutions last written: a Resolution of another version (a reload) empties
`_WRITTEN` and `_rest`, whose texts of the old version no document asks for again (kept, they held up to
8192 old Resolutions, some 14 MB, until pushed out; plans/notes-mem16.md)."""


def resolution_rest(resolution: Resolution, filled: str | None, forms: tuple[Form, ...]) -> str:
    """A Resolution element after its pointer, found by the identity of the resolution and the forms
    (the resolver's memo and the stage hand back the same objects for a recurring name), so that a
    recurring name costs no hash of its whole resolution. Each entry holds its objects, so an identity
    cannot be reused while it is kept."""
    key = (id(resolution), filled, id(forms))
    found = _WRITTEN.get(key)
    if found is not None and found[0] is resolution and found[1] is forms:
        return found[2]
    if resolution.glossary_version != _IN_FORCE[0]:
        _IN_FORCE[0] = resolution.glossary_version
        _WRITTEN.clear()
        _rest.cache_clear()
    rest = _rest(resolution, filled, forms)
    if len(_WRITTEN) >= _WRITTEN_SIZE:
        _WRITTEN.clear()
    _WRITTEN[key] = (resolution, forms, rest)
    return rest


@lru_cache(maxsize=8192)
def _rest(resolution: Resolution, filled: str | None, forms: tuple[Form, ...]) -> str:
    """A Resolution element after its pointer: the same carriers, places and offices recur in every
    document, and the resolver hands back the same (frozen) Resolution for them, so each is written once."""
    values = {
        "kind": resolution.kind,
        "method": resolution.method,
        "score": f"{resolution.score:g}",
        "language": resolution.language,
        "script": resolution.script,
        "latin": resolution.latin,
        "scheme": resolution.scheme,
        "english": resolution.english,
        "code": resolution.code,
        "source": resolution.source,
        "legalForm": resolution.legal_form,
        "filled": filled,
        "glossaryVersion": resolution.glossary_version,
        "notes": "; ".join(resolution.notes) or None,
    }
    children = forms_xml(forms) + "".join(
        "<Candidate"
        + _attributes(
            {
                "code": c.code,
                "english": c.english,
                "latin": c.latin,
                "name": c.name,
                "score": f"{c.score:g}",
                "source": c.source,
            }
        )
        + "/>"
        for c in resolution.candidates
    )
    opening = _attributes(values)
    return f"{opening}>{children}</Resolution>" if children else f"{opening}/>"


def _attributes(values: Mapping[str, str | None]) -> str:
    return attributes({key: value for key, value in values.items() if value is not None})
