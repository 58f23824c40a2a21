"""The full filter of share(), made cheaper, gives what the filter it replaced gave: on the expected message
of every golden case, under every direction of every demo agreement and the narrow control agreement. And
what the engine never writes (a comment, a processing instruction, text beside elements, anything inside
a Field or a data element, an unknown element or section) still never leaves, in the Header, the
Declaration or the Annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, Readiness
from gateway.agreements.agreement import load_agreement_file
from gateway.agreements.share import _filtered
from gateway.model import load_model
from tests.agreements.conftest import HERE
from tests.agreements.reference_share import reference_filter
from tests.golden_cases import GOLDEN

MESSAGES = sorted(GOLDEN.glob("*/*/expected.xml"))


@pytest.fixture(scope="module")
def directions(readiness: Readiness, demo_agreements: Agreements) -> list[Agreement]:
    narrow = load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions
    return [*narrow, *demo_agreements]


@pytest.mark.parametrize(
    "message", MESSAGES, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_the_filter_equals_the_one_it_replaced(message: Path, directions: list[Agreement]) -> None:
    model, data = load_model(), message.read_bytes()
    tree = etree.fromstring(data)
    for agreement in directions:
        expected = reference_filter(data, agreement, model)
        assert _filtered(data, agreement, model) == expected, f"{agreement.sender}->{agreement.recipient}"
        assert _filtered(tree, agreement, model) == expected, f"{agreement.sender}->{agreement.recipient}"
    assert etree.tostring(tree) == etree.tostring(etree.fromstring(data))  # the tree was left as it was


_SECRETS = {
    b"<Header>": b"<Header><!-- secret-1 --><?secret-2?>secret-3",
    b"<Declaration>": b"<Declaration><!-- secret-4 -->secret-5<?secret-6?>",
    b"</Consignor>": b"</Consignor>secret-7",
    b"<Annotations>": b"<Annotations>secret-8<!-- secret-9 -->",
    b'<Field pointer="D014" source="pi:EDocId[1]" line="4"/>': (
        b'<Field pointer="D014" source="pi:EDocId[1]" line="4">secret-10<X>secret-11</X></Field>'
    ),
    b"<Form ": b"<!-- secret-12 --><Form ",
    b"</ModelVersion>": b"</ModelVersion>secret-13",
    b"</SourceCountry>": b"</SourceCountry><Secret>secret-14</Secret>",
    b"<ModelVersion>": b"<ModelVersion><X>secret-15</X>",
    b"</Header>": b"</Header><Secret>secret-16</Secret>",
}


@pytest.mark.parametrize("secret", sorted(_SECRETS))
def test_what_the_engine_never_writes_never_leaves(
    secret: bytes, directions: list[Agreement], demo_agreements: Agreements
) -> None:
    message = (GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml").read_bytes()
    assert secret in message
    tampered = message.replace(secret, _SECRETS[secret], 1)
    agreement = demo_agreements.between("KZ", "UZ")  # every element of the model leaves
    assert agreement is not None
    shared = _filtered(tampered, agreement, load_model())
    assert b"secret" not in shared
    assert b"secret" not in _filtered(etree.fromstring(tampered), agreement, load_model())


def test_a_field_decision_is_kept_per_parent_class(directions: list[Agreement]) -> None:
    """The filter decides a Field once per (parent class, pointer): the same relative pointer that is
    listed under the Declaration (42A/D014, 42A/18A/R011) is not listed under a consignment, and so
    never leaves from there, before or after the listed one was decided."""
    narrow, model = directions[0], load_model()
    data = (GOLDEN / "kz-eaeu-pi/error-bad-date/expected.xml").read_bytes()
    planted = b'<Field pointer="D014" line="901"/><Field pointer="18A/R011" line="902"/>'
    data = data.replace(b'line="51">', b'line="51">' + planted, 1)
    for _ in range(2):  # the second time, every decision comes from what the first one kept
        shared = _filtered(data, narrow, model)
        assert b'pointer="D014"' in shared and b'pointer="18A/R011"' in shared
        assert b'line="901"' not in shared and b'line="902"' not in shared
        assert shared == reference_filter(data, narrow, model)
