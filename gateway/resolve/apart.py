"""A harmonized message whose Resolutions are in its bytes but not yet in its element tree.

The resolution stage writes the Resolutions as text and splices them into the message's bytes. Putting them
into the parsed tree as well costs a second parse (a wrapper of ~23 KB of Forms for bench/ingest.py's
manifest, ~0.3 ms) that the service seldom needs: routing reads the Header and the Declaration, and
`share()` writes a partner's Resolutions, filtered, from the `ResolvedName`s themselves
(`gateway.agreements.share`). So the tree stays "bare" (Header, Declaration and the engine's Annotations)
until something asks for the whole tree (`tree()`), which then gets the Resolutions added as before.

The engine's Annotations (its provenance: ~30 KB of the manifest's ~48 KB message) are not parsed either
until something reads them: the stage parses the message up to them (`EngineMessage`), the names, routing
and the Declaration's share read that head, and the share of the engine's own message cuts the
Annotations as text (`gateway.agreements.cut_text`). `bare_tree()` adds them, parsed, when asked.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from gateway.model import Model
from gateway.normalize.message import HarmonizedMessage
from gateway.resolve.annotation import ResolvedName

CLOSE = b"</HarmonizedMessage>"
_SECTION = b"<Annotations"


class EngineMessage:
    """The engine's message bytes, parsed up to its Annotations (`root`: the Header and the Declaration);
    `with_annotations()` parses them too, into the same tree, when something reads them."""

    def __init__(self, xml: bytes) -> None:
        self.xml = xml
        self.split = annotations_at(xml)
        self.root = etree.fromstring(xml if self.split is None else xml[: self.split] + CLOSE)

    def with_annotations(self) -> etree._Element:
        """The tree of the whole message: the Annotations parsed and added (once)."""
        if self.split is not None:
            add_annotations(self.root, self.xml[self.split :])
            self.split = None
        return self.root

    def serialized(self) -> bytes:
        """The message's bytes after a change of the tree (an element inserted in the Declaration): the
        tree written again, and the engine's Annotations as they are when they were not parsed."""
        written = etree.tostring(self.root, encoding="utf-8")
        return written if self.split is None else written[: -len(CLOSE)] + self.xml[self.split :]

    def tail(self) -> bytes | None:
        """The bytes from the Annotations to the end, while they are not parsed."""
        return None if self.split is None else self.xml[self.split :]


def annotations_at(xml: bytes) -> int | None:
    """Where the message's Annotations section begins (the engine writes it last, before the closing tag,
    as ``<Annotations>...</Annotations>``), or None when there is none or it is not written that way.
    Text and attribute values hold no ``<``: the first ``<Annotations`` is the section's start tag."""
    start = xml.find(_SECTION)
    if start < 0 or xml[start + len(_SECTION) : start + len(_SECTION) + 1] != b">":
        return None
    if not xml.endswith(b"</Annotations>" + CLOSE):
        return None
    return start


def add_annotations(root: etree._Element, tail: bytes) -> None:
    """The Annotations section `tail` (``<Annotations>...</Annotations></HarmonizedMessage>``) parsed and
    added at the end of `root`, as if it had been parsed with it."""
    namespace = etree.QName(root).namespace
    section = etree.SubElement(root, f"{{{namespace}}}Annotations")
    opened = b'<Annotations xmlns="' + (namespace or "").encode() + b'"' + tail[len(_SECTION) : -len(CLOSE)]
    move_children(section, etree.fromstring(opened))


SMALL = 64
"""The most children an element moved whole between documents may have (`move_children`)."""


def move_children(target: etree._Element, source: etree._Element) -> None:
    """The children of `source`, an element of another document, moved to the end of `target`, in order.

    lxml moves an element between documents at a cost that grows with the square of its subtree: the
    Annotations of 4,000 consignments (~124,000 elements, nested like the Declaration) took 2.4 s in one
    move and 0.05 s in moves of 31 elements. So an element with element grandchildren, or more than SMALL
    children, is rebuilt in `target` as a shell (its tag, attributes in order, text and tail) and its own
    children are moved the same way; a smaller element is moved whole."""
    for child in list(source):
        if not isinstance(child.tag, str) or (len(child) <= SMALL and not any(len(below) for below in child)):
            target.append(child)
            continue
        attributes: dict[str, str] = {str(name): str(value) for name, value in child.attrib.items()}
        shell = etree.SubElement(target, child.tag, attributes)
        shell.text, shell.tail = child.text, child.tail
        move_children(shell, child)


class ResolvedApart(HarmonizedMessage):
    """A message (its bytes hold the Resolutions `text` of `names`) and its bare tree, without them; with
    `tail`, the bare tree holds the Header and Declaration only, and `tail` is the engine's Annotations
    section (``<Annotations>...</Annotations></HarmonizedMessage>``, before the Resolutions went in)."""

    def __init__(
        self,
        xml: bytes,
        model: Model,
        bare: etree._Element,
        names: Sequence[ResolvedName],
        text: str,
        tail: bytes | None = None,
    ) -> None:
        super().__init__(xml, model)
        self.names = tuple(names)
        self._bare: etree._Element | None = bare
        self._text = text
        self._tail = tail

    def tree(self) -> etree._Element:
        """The whole tree, Resolutions included (added to the bare tree on first use)."""
        if self._tree is None and self._bare is not None:
            self._tree, self._bare = self._bare_whole(), None
            append_to_tree(self._tree, f"{{{self.model.namespace}}}", self._text)
        return super().tree()

    def head_tree(self) -> etree._Element:
        """The tree holding the Header and the Declaration (the bare tree, its Annotations perhaps not
        parsed): for what reads nothing else."""
        return self._bare if self._bare is not None else self.tree()

    def bare_tree(self) -> etree._Element:
        """The tree without the Resolutions (or the whole tree, once something asked for it): for what
        reads the Header, the Declaration or the engine's annotations only."""
        return self._bare_whole() if self._bare is not None else self.tree()

    def bare_or_none(self) -> etree._Element | None:
        """The bare tree, or None when the whole tree was asked for (or the bare one taken)."""
        return self._bare_whole() if self._bare is not None else None

    def take_bare_tree(self) -> etree._Element | None:
        """The bare tree, handed over to the caller, who may change it; None when it is gone (the whole
        tree was asked for, or taken). A later `tree()` parses the bytes again."""
        bare, self._bare = self.bare_or_none(), None
        return bare

    def engine_annotations(self) -> bytes | None:
        """The engine's Annotations section as bytes, while the bare tree holds the head only."""
        return self._tail if self._bare is not None else None

    def take_head_tree(self) -> etree._Element | None:
        """The head-only bare tree (with `engine_annotations()`), handed over as `take_bare_tree` does;
        None when there is none."""
        if self._bare is None or self._tail is None:
            return None
        head, self._bare, self._tail = self._bare, None, None
        return head

    def _bare_whole(self) -> etree._Element:
        assert self._bare is not None
        if self._tail is not None:
            add_annotations(self._bare, self._tail)
            self._tail = None
        return self._bare


def append_to_tree(root: etree._Element, namespace: str, text: str) -> None:
    """The Resolutions `text` parsed and added at the end of the Annotations (opened when missing)."""
    section = root.find(namespace + "Annotations")
    if section is None:
        section = etree.SubElement(root, namespace + "Annotations")
    wrapper = etree.fromstring(f'<Annotations xmlns="{namespace[1:-1]}">{text}</Annotations>')
    move_children(section, wrapper)


def append_to_text(xml: bytes, text: str) -> bytes:
    """`text` spliced in at the end of the Annotations (which it opens when the message has none, or
    closes when they are written empty)."""
    data = text.encode("utf-8")
    end = xml.rfind(b"</Annotations>")
    if end >= 0:
        return xml[:end] + data + xml[end:]
    empty = xml.rfind(b"<Annotations/>")
    if empty >= 0:
        return xml[:empty] + b"<Annotations>" + data + b"</Annotations>" + xml[empty + 14 :]
    close = xml.rfind(b"</HarmonizedMessage>")
    return xml[:close] + b"<Annotations>" + data + b"</Annotations>" + xml[close:]
