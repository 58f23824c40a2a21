"""A renamed place whose new name another place has as its code-list name: Zyryanovsk, renamed Altai
(KZZYR; Алтай is also the Russian name of Altay in Xinjiang, CNAAT, and Altai is UN/LOCODE's name of
Mongolia's Altai, MNLTI). A glossary row cannot give it (a code-list name beats a glossary term), so
the extract holds KZZYR with its names today, and among code-list names of one spelling the sender's
country decides (docs/glossary.md, "One name, two places")."""

from __future__ import annotations

import pytest
from renamed_rows import official_resolver

from gateway.normalize.pipeline import Normalizer
from gateway.resolve import Resolver
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

LOADING_CODE = b"<pi:LocationCode>KZALA</pi:LocationCode>"


@pytest.fixture(scope="module")
def official() -> Resolver:
    return official_resolver()


def test_a_kazakh_manifests_altai_is_the_kazakh_town_with_its_names_today(normalizer: Normalizer) -> None:
    data = KHORGOS.read_bytes().replace(LOADING_CODE, b"", 1)
    result = normalized(
        normalizer, data.replace("Алматы</pi:PlaceName>".encode(), "Алтай</pi:PlaceName>".encode(), 1)
    )
    loading = resolution_at(result, "42A/28A[1]/83A/L009")
    assert (loading["method"], loading["code"], loading["english"]) == ("code-list", "KZZYR", "Altai")
    assert {(form["languageID"], form["name"]) for form in loading["forms"]} >= {
        ("kk", "Алтай"),
        ("ru", "Алтай"),
    }
    assert result.message is not None
    codes = result.message.tree().xpath("//h:Consignment[1]/h:LoadingLocation/h:ID/text()", namespaces=NS)
    assert codes == ["KZZYR"]


# one spelling, each sender's own place: (name, {sender country: code})
SENDERS = [
    ("Altai", {"KZ": "KZZYR", "MN": "MNLTI"}),  # MNLTI: UN/LOCODE's own name of Mongolia's Altai
    ("Алтай", {"KZ": "KZZYR", "CN": "CNAAT"}),
]


@pytest.mark.parametrize(("name", "codes"), SENDERS)
def test_the_senders_country_decides_which_altai(
    official: Resolver, name: str, codes: dict[str, str]
) -> None:
    found = {country: official.resolve(name, "place", country) for country in codes}
    assert {country: (result.code, result.score) for country, result in found.items()} == {
        country: (code, 1.0) for country, code in codes.items()
    }
    assert found["KZ"].english == "Altai"


def test_the_former_name_gives_the_town_under_its_name_today(official: Resolver) -> None:
    result = official.resolve("Зыряновск", "place", "KZ")  # UN/LOCODE's own name is Zyryanovsk
    assert (result.code, result.english, result.method, result.score) == ("KZZYR", "Altai", "glossary", 1.0)
