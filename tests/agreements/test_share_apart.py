"""A message whose Resolutions the stage kept out of its tree (`ResolvedApart`) is shared exactly as its
bytes are: on every golden case's input, normalized, under every direction of every demo agreement and
the narrow control agreement, on a copy of the bare tree and on the bare tree itself (the last
recipient's). And the whole tree, when something asks for it, is the tree of the message's bytes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, Readiness
from gateway.agreements.agreement import load_agreement_file
from gateway.agreements.share import _filtered, share
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.annotation import resolution_xml
from gateway.resolve.apart import ResolvedApart
from tests.agreements.conftest import HERE
from tests.golden_cases import GOLDEN

INPUTS = sorted(GOLDEN.glob("*/*/input.*"))


@pytest.fixture(scope="module")
def directions(readiness: Readiness, demo_agreements: Agreements) -> list[Agreement]:
    narrow = load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions
    return [*narrow, *demo_agreements]


def _apart(normalizer: Normalizer, document: Path) -> ResolvedApart | None:
    result = normalizer.normalize(document.read_bytes())
    message = result.message
    return message if isinstance(message, ResolvedApart) else None


def _again(message: ResolvedApart) -> ResolvedApart:
    """Another message like `message`, with its own copy of the bare tree."""
    bare = message.bare_or_none()
    assert bare is not None
    text = "".join(resolution_xml(name) for name in message.names)
    return ResolvedApart(message.xml, message.model, copy.deepcopy(bare), message.names, text)


@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_sharing_apart_equals_sharing_the_bytes(
    normalizer: Normalizer, document: Path, directions: list[Agreement]
) -> None:
    message = _apart(normalizer, document)
    if message is None:
        pytest.skip("no message, or nothing resolved in it")
    model = message.model
    for agreement in directions:
        expected = _filtered(message.xml, agreement, model)
        mine = _again(message)
        assert share(mine, agreement, model) == expected, f"{agreement.sender}->{agreement.recipient}"
        assert mine.bare_or_none() is not None  # a copy was filtered, the bare tree is untouched
        assert share(mine, agreement, model, consume=True) == expected
        assert mine.bare_or_none() is None  # the last recipient took it
    assert b"<Resolution " in message.xml


@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_the_whole_tree_is_the_tree_of_the_bytes(normalizer: Normalizer, document: Path) -> None:
    message = _apart(normalizer, document)
    if message is None:
        pytest.skip("no message, or nothing resolved in it")
    resolution = message.tag("Resolution")
    assert next(message.bare_tree().iter(resolution), None) is None  # routing reads no Resolutions
    assert message.declaration() is not None
    whole = message.tree()
    assert etree.tostring(whole) == etree.tostring(etree.fromstring(message.xml))
    assert message.bare_or_none() is None and message.bare_tree() is whole
    assert len(list(whole.iter(resolution))) == len(message.names)
