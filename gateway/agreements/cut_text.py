"""The cut of the engine's message on its bytes: what the share's tree filter (`share_filter.
ElementFilter.annotations` and `cut_below`, `MappingCut.remove`) keeps of its Annotations and its head under a
`MappingCut`, without parsing the one or writing the other again.

The engine writes its Annotations section as tags only, as lxml writes them: each Field empty
(``<Field pointer=.../>``, its pointer first), each Annotation holding Fields and Annotations, nothing
between tags, every ``<``, ``>`` and ``"`` inside an attribute escaped. So one pass over the bytes
finds what the tree filter decides on a parsed section: a Field stays when its full pointer (positions
left out) is a listed element, an Annotation when its is a shared class, cut the same way below when
something is withheld beneath it (`MappingCut.dirty`), else whole, its bytes copied; an Annotation left
with no child is written ``<Annotation .../>``, as lxml writes an element with no child. The pass is the
compiled module's (`gateway.mapping._fastread.cut_annotations`, one C loop: a Python loop over the tags
costs what the parse and the walk it saves cost). Without it, or for a section that holds anything the
engine does not write (text, a comment, another tag, a namespace declaration, an entity in a pointer,
``<Annotation ...></Annotation>``), the cut answers None and the caller runs the tree filter, the
reference (tests/agreements/test_share_text.py compares both on every golden case and agreement).

The head (the root's start tag, the Header, the Declaration) is cut the same way (`cut_head`,
`_fastread.cut_head`): an element whose name path below the Declaration the cut withholds is left out
with everything in it, an element left with no child is written empty, the rest is copied; a Header
element that is not one of the four, text beside elements, a prefix, a namespace declaration, a
comment or a processing instruction answers None.
"""

from __future__ import annotations

from collections.abc import Collection

from gateway.agreements.elements import SharedElements
from gateway.mapping.child_index import ACCELERATOR


def cut_annotations(section: bytes, shared: SharedElements, dirty: Collection[str]) -> bytes | None:
    """`section` (``<Annotations>...</Annotations>``, as the engine wrote it) as `shared` lets it leave
    under a cut whose `dirty` classes hold something withheld; None when it cannot be cut as bytes."""
    compiled = getattr(ACCELERATOR, "cut_annotations", None)
    if compiled is None or b"xmlns" in section:  # a namespace declared inside: tags may mean others
        return None
    cut: bytes | None = compiled(section, shared.classes, shared.elements, frozenset(dirty))
    return cut


def cut_head(head: bytes, withheld_paths: tuple[bytes, ...]) -> bytes | None:
    """`head` (a message's bytes up to its Annotations: the root's start tag, the Header and the
    Declaration, as the engine or lxml wrote them) with every element whose name path below the
    Declaration `withheld_paths` holds removed, as the tree filter leaves them under the cut; None when
    it cannot be cut as bytes (the caller filters the head's tree)."""
    compiled = getattr(ACCELERATOR, "cut_head", None)
    if compiled is None:
        return None
    cut: bytes | None = compiled(head, withheld_paths)
    return cut
