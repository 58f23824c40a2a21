"""The engine's Annotations, parsed apart and added to the message's tree when something reads them
(`apart.add_annotations`), make the tree a parse of the whole message makes, however large: they are
moved in small pieces (`apart.move_children`), since lxml moves one large subtree between documents at a
cost that grows with the square of its size (a manifest of 4,000 consignments took 13 s, now 0.5 s)."""

from __future__ import annotations

import sys

from lxml import etree

from gateway.normalize.pipeline import Normalizer
from gateway.resolve.apart import SMALL, EngineMessage, move_children
from gateway.settings import PROJECT_ROOT, Settings

sys.path.insert(0, str(PROJECT_ROOT))
from bench.names_budget import manifest  # the bench's stand-in manifest of many consignments


def test_a_large_message_gets_the_annotations_a_whole_parse_gives() -> None:
    normalizer = Normalizer.from_settings(Settings(resolve_names=False))
    result = normalizer.normalize(manifest(3 * SMALL))  # consignments past SMALL: moved piece by piece
    assert result.message is not None
    xml = result.message.xml
    added = EngineMessage(xml).with_annotations()
    assert etree.tostring(added) == etree.tostring(etree.fromstring(xml))


def test_children_are_moved_in_order_with_their_text_tails_and_attributes() -> None:
    wide = "".join(f'<i n="{n}" b="2" a="1">t{n}<j/>u</i>x{n}' for n in range(SMALL + 5))
    source = etree.fromstring(
        f'<s xmlns="urn:t"><!-- c -->lead<w k="v">{wide}</w>mid<leaf a="1"/>end<?p d?></s>'.encode()
    )
    expected = etree.tostring(etree.fromstring(etree.tostring(source)))
    target = etree.fromstring(b'<s xmlns="urn:t"/>')
    move_children(target, source)
    assert etree.tostring(target) == expected
    assert [len(left) for left in source] == [0]  # the wide one, rebuilt: its children all moved
