"""Renamed places as a Kazakh manifest names them (the Khorgos road manifest, kz-eaeu-pi, with a place
given by name only): the message codes the place from the glossary row of its former name, shows its
names today to the partner, and cites the row, whose note says when the name changed. The names come
from session 7's walk of UN/LOCODE's places (glossary/renamed-places.csv); none is a row of
bench/accuracy/places.csv."""

from __future__ import annotations

import re

import pytest
from renamed_rows import cited_row

from gateway.glossary import Glossary
from gateway.normalize.pipeline import Normalizer
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

LOADING = ("Алматы", "KZALA", "42A/28A[1]/83A/L009", "LoadingLocation")
UNLOADING = ("Урумчи", "CNURM", "42A/28A[1]/38B/X018", "UnloadingLocation")

# (name in the document, the place it replaces, code, English form today, year in the row's note)
PLACES = [
    ("Ералиево", LOADING, "KZKUR", "Kuryk", "1993"),  # Soviet name of a Kazakh settlement
    ("Капчагай", LOADING, "KZKPC", "Konaev", "2022"),  # UN/LOCODE keeps the old name, Kapchagay
    ("Қапшағай", LOADING, "KZKPC", "Konaev", "2022"),  # the Kazakh former name
    ("Их Хүрээ", UNLOADING, "MNULN", "Ulaanbaatar", "1911"),  # Mongolian former name
    ("Кушка", UNLOADING, "TMKUK", "Serhetabat", "2002"),  # UN/LOCODE keeps Kushka
    ("Ханлар", UNLOADING, "AZKHA", "Goygol", "2008"),  # UN/LOCODE keeps Khanlar
    ("Чкаловск", UNLOADING, "TJCHK", "Buston", "2016"),  # UN/LOCODE keeps Chkalovsk
    ("Батум", UNLOADING, "GEBUS", "Batumi", "1936"),
]


def manifest_naming(place: tuple[str, str, str, str], name: str) -> bytes:
    """The Khorgos manifest whose first consignment names `place` `name`, without its code."""
    old, code, _, _ = place
    data = KHORGOS.read_bytes().replace(f"<pi:LocationCode>{code}</pi:LocationCode>".encode(), b"", 1)
    return data.replace(f"{old}</pi:PlaceName>".encode(), f"{name}</pi:PlaceName>".encode(), 1)


@pytest.mark.parametrize(("name", "place", "code", "english", "year"), PLACES)
def test_a_renamed_place_named_in_a_manifest_is_coded_with_its_row_cited(
    normalizer: Normalizer,
    glossary: Glossary,
    name: str,
    place: tuple[str, str, str, str],
    code: str,
    english: str,
    year: str,
) -> None:
    result = normalized(normalizer, manifest_naming(place, name))
    resolution = resolution_at(result, place[2])
    assert (resolution["method"], resolution["code"], resolution["english"]) == ("glossary", code, english)
    assert resolution["source"].startswith("glossary renamed-places.csv:") and "filled" in resolution
    assert re.search(rf"\b{year}\b", cited_row(glossary, resolution["source"]).note)
    assert result.message is not None
    tree = result.message.tree()
    assert tree.xpath(f"//h:Consignment[1]/h:{place[3]}/h:ID/text()", namespaces=NS) == [code]
    assert tree.xpath(f"//h:Consignment[1]/h:{place[3]}/h:Name/text()", namespaces=NS) == [name]
