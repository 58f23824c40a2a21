"""The stage's walk of a message's names in C (`_fastread.names_below`) finds what its Python walk, the
reference (`NameResolution._names_found`), finds: the same names at the same pointers, with the same
classes, kinds and code elements, the same elements in document order, on every golden input and
example; and the stage uses it when the compiled module is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.mapping.child_index import ACCELERATOR
from gateway.normalize.pipeline import Normalizer
from gateway.resolve import stage
from gateway.resolve.apart import EngineMessage
from tests.golden_cases import GOLDEN

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCUMENTS = [*sorted(GOLDEN.glob("*/*/input.*")), *sorted(EXAMPLES.glob("*.*"))]
pytestmark = pytest.mark.skipif(
    not hasattr(ACCELERATOR, "names_below"), reason="the compiled module is not built"
)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_compiled_walk_finds_what_the_python_walk_finds(normalizer: Normalizer, document: Path) -> None:
    message = normalizer.normalize(document.read_bytes()).message
    resolution = normalizer.resolution
    assert resolution is not None
    if message is None:
        pytest.skip("no message")
    declaration = EngineMessage(message.xml).root.find(message.tag(message.model.root))
    assert declaration is not None
    expected = resolution._names_found(declaration)
    found = resolution._names(declaration)
    assert [(p, c, e, k, n) for p, c, e, k, n in found] == expected
    assert all(a[2] is b[2] for a, b in zip(found, expected, strict=True))  # the same elements


def test_the_stage_walks_in_c_when_it_can() -> None:
    assert stage._NAMES_BELOW is ACCELERATOR.names_below  # type: ignore[union-attr]
