"""A harmonized message whose Resolutions are in its bytes but not yet in its element tree.

The resolution stage writes the Resolutions as text and splices them into the message's bytes. Putting them
into the parsed tree as well costs a second parse (a wrapper of ~23 KB of Forms for bench/ingest.py's
manifest, ~0.3 ms) that the service seldom needs: routing reads the Header and the Declaration, and
`share()` writes a partner's Resolutions, filtered, from the `ResolvedName`s themselves
(`gateway.agreements.share`). So the tree stays "bare" (Header, Declaration and the engine's Annotations)
until something asks for the whole tree (`tree()`), which then gets the Resolutions added as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from gateway.model import Model
from gateway.normalize.message import HarmonizedMessage
from gateway.resolve.annotation import ResolvedName


class ResolvedApart(HarmonizedMessage):
    """A message (its bytes hold the Resolutions `text` of `names`) and its bare tree, without them."""

    def __init__(
        self, xml: bytes, model: Model, bare: etree._Element, names: Sequence[ResolvedName], text: str
    ) -> None:
        super().__init__(xml, model)
        self.names = tuple(names)
        self._bare: etree._Element | None = bare
        self._text = text

    def tree(self) -> etree._Element:
        """The whole tree, Resolutions included (added to the bare tree on first use)."""
        if self._tree is None and self._bare is not None:
            self._tree, self._bare = self._bare, None
            append_to_tree(self._tree, f"{{{self.model.namespace}}}", self._text)
        return super().tree()

    def bare_tree(self) -> etree._Element:
        """The tree without the Resolutions (or the whole tree, once something asked for it): for what
        reads the Header, the Declaration or the engine's annotations only."""
        return self._bare if self._bare is not None else self.tree()

    def bare_or_none(self) -> etree._Element | None:
        """The bare tree, or None when the whole tree was asked for (or the bare one taken)."""
        return self._bare

    def take_bare_tree(self) -> etree._Element | None:
        """The bare tree, handed over to the caller, who may change it; None when it is gone (the whole
        tree was asked for, or taken). A later `tree()` parses the bytes again."""
        bare, self._bare = self._bare, None
        return bare


def append_to_tree(root: etree._Element, namespace: str, text: str) -> None:
    """The Resolutions `text` parsed and added at the end of the Annotations (opened when missing)."""
    section = root.find(namespace + "Annotations")
    if section is None:
        section = etree.SubElement(root, namespace + "Annotations")
    wrapper = etree.fromstring(f'<Annotations xmlns="{namespace[1:-1]}">{text}</Annotations>')
    section.extend(list(wrapper))


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
