"""A recipient's Resolutions are kept by name (`share_filter.ElementFilter._resolution`): the stage hands
back the same `ResolvedName` for a name that recurs at the same pointer, so the second document of a
sender writes no Resolution text again, and a name resolved anew (another `ResolvedName`, after a
glossary reload) is written anew."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gateway.agreements import Agreements, share, share_filter
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.annotation import ResolvedName
from gateway.resolve.apart import ResolvedApart
from gateway.resolve.forms import Form
from tests.agreements.test_share_cut import MANIFEST


def test_a_recurring_name_is_written_once_for_a_recipient(
    normalizer: Normalizer, demo_agreements: Agreements, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreement = demo_agreements.between("KZ", "CN")
    assert agreement is not None
    mapping = normalizer.registry.mappings["kz-eaeu-pi"]
    first, second = (normalizer.normalize(MANIFEST.read_bytes()).message for _ in range(2))
    assert isinstance(first, ResolvedApart) and isinstance(second, ResolvedApart)
    written: list[str] = []
    resolution_xml = share_filter.resolution_xml

    def counted(name: ResolvedName, forms: tuple[Form, ...] | None = None) -> str:
        written.append(name.pointer)
        return str(resolution_xml(name, forms))

    monkeypatch.setattr(share_filter, "resolution_xml", counted)
    expected = share(first, agreement, first.model, mapping)
    count = len(written)
    assert share(second, agreement, second.model, mapping) == expected
    assert len(written) == count  # nothing written again
    anew = replace(second.names[0], resolution=replace(second.names[0].resolution, english="Elsewhere LLP"))
    renamed = ResolvedApart(second.xml, second.model, second.bare_tree(), [anew, *second.names[1:]], "")
    assert b"Elsewhere LLP" in share(renamed, agreement, second.model, mapping)
    assert written[count:] == [anew.pointer]
