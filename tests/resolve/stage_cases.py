"""What the resolution stage's tests share: the Khorgos road manifest, normalized and checked against the
published schema, and the Resolutions of its message by pointer."""

from __future__ import annotations

from typing import Any

from lxml import etree

from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.settings import PROJECT_ROOT

KHORGOS = PROJECT_ROOT / "tests" / "golden" / "kz-eaeu-pi" / "road-manifest-khorgos" / "input.xml"
SCHEMA = etree.XMLSchema(etree.parse(str(PROJECT_ROOT / "schemas" / "harmonized-1.0.xsd")))
NS = {"h": "urn:carec-gateway:harmonized:1"}


def normalized(normalizer: Normalizer, data: bytes) -> Normalization:
    """`data` normalized as kz-eaeu-pi; its message is valid against the schema."""
    result = normalizer.normalize(data, "kz-eaeu-pi")
    assert result.message is not None
    SCHEMA.assertValid(result.message.tree())
    return result


def resolution_at(result: Normalization, pointer: str) -> dict[str, Any]:
    """The one Resolution of the message at `pointer`, as JSON."""
    assert result.message is not None
    (found,) = [item for item in result.message.to_json()["resolutions"] if item["pointer"] == pointer]
    return found
