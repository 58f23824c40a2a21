"""Uyghur case endings where an officer sees them: a Kazakh manifest (the Khorgos road manifest,
kz-eaeu-pi) whose place of unloading is written in Uyghur, declined, and without its code, and
`gateway resolve` on the command line. None of these names is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

UNLOADING = "42A/28A[1]/38B/X018"


def manifest_unloading_at(name: str) -> bytes:
    """The Khorgos manifest whose first consignment is unloaded at `name`, given without its code."""
    data = KHORGOS.read_bytes().replace(b"<pi:LocationCode>CNURM</pi:LocationCode>", b"", 1)
    return data.replace("Урумчи</pi:PlaceName>".encode(), f"{name}</pi:PlaceName>".encode(), 1)


@pytest.mark.parametrize(
    ("name", "code", "english", "reading"),
    [
        ("Қәшқәргә", "CNKSS", "Kashgar", "case ending -гә of Қәшқәр"),  # Uyghur dative: to Kashgar
        ("Үрүмчигә", "CNURM", "Urumqi", "case ending -гә of Үрүмчи"),  # to Urumqi
    ],
)
def test_a_uyghur_place_of_unloading_in_the_dative_is_read_back_and_not_filled(
    normalizer: Normalizer, name: str, code: str, english: str, reading: str
) -> None:
    """The partner's officer sees the place and how it was read; the code stays empty (a reading is a
    guess, and only an exact name fills a code that routes)."""
    result = normalized(normalizer, manifest_unloading_at(name))
    resolution = resolution_at(result, UNLOADING)
    assert (resolution["method"], resolution["code"], resolution["english"]) == ("fuzzy", code, english)
    assert f"read as an inflected form: {reading}" in resolution["notes"]
    assert "filled" not in resolution
    assert result.message is not None
    tree = result.message.tree()
    assert tree.xpath("//h:Consignment[1]/h:UnloadingLocation/h:ID/text()", namespaces=NS) == []
    assert tree.xpath("//h:Consignment[1]/h:UnloadingLocation/h:Name/text()", namespaces=NS) == [name]


def test_gateway_resolve_reads_a_uyghur_locative() -> None:
    result = CliRunner().invoke(main, ["resolve", "Хотәндә", "--country", "KZ", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["code"], data["english"], data["method"]) == ("CNHTN", "Hotan", "fuzzy")
    assert "read as an inflected form: case ending -дә of Хотән" in data["notes"]
