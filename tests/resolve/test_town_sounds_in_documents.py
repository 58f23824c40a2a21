"""A town of China named in Russian where an officer sees it: a Kazakh manifest (the Khorgos road
manifest, kz-eaeu-pi) whose place of unloading is a town of Manas county written in Palladius Cyrillic,
without its code, and `gateway resolve` on the command line. The code lists are the project's with rows
of the official UN/LOCODE release imported (tests/resolve/unlocode-towns.csv: Manas, and the places of
China's offices, which the lists must keep), as a deployment imports the release. None of these names is
a row of bench/accuracy/places.csv."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.scoring import TOWN_BY_SOUND
from gateway.settings import PROJECT_ROOT, Settings
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

RELEASE = Path(__file__).parent / "unlocode-towns.csv"
UNLOADING = "42A/28A[1]/38B/X018"
TOWN = "code-list locode CNMAN (cn-township 652324101 乐土驿镇, town of 玛纳斯县, read as letuyi)"


def gateway(*arguments: str, codelists: Path) -> Result:
    return CliRunner().invoke(main, list(arguments), env={"GATEWAY_CODELISTS_DIR": str(codelists)})


@pytest.fixture(scope="module")
def codelists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lists") / "codelists"
    shutil.copytree(PROJECT_ROOT / "codelists", folder)
    imported = gateway("codelists", "import-locode", "--country", "CN", str(RELEASE), codelists=folder)
    assert imported.exit_code == 0, imported.output
    return folder


def manifest_unloading_at(name: str) -> bytes:
    """The Khorgos manifest whose first consignment is unloaded at `name`, given without its code."""
    data = KHORGOS.read_bytes().replace(b"<pi:LocationCode>CNURM</pi:LocationCode>", b"", 1)
    return data.replace("Урумчи</pi:PlaceName>".encode(), f"{name}</pi:PlaceName>".encode(), 1)


def test_a_kazakh_manifest_unloading_at_a_town_named_in_russian_names_its_county_s_place(
    codelists: Path,
) -> None:
    """The partner's officer sees Manas and which town of which county the name was read as; the code
    stays empty (a town is inside its place, and only an exact name fills a code that routes)."""
    normalizer = Normalizer.from_settings(Settings(codelists_dir=codelists))
    result = normalized(normalizer, manifest_unloading_at("Лэтуи"))
    resolution = resolution_at(result, UNLOADING)
    assert (resolution["method"], resolution["code"], resolution["english"]) == ("town", "CNMAN", "Manas")
    assert (float(resolution["score"]), resolution["source"]) == (TOWN_BY_SOUND, TOWN)
    assert "filled" not in resolution
    assert result.message is not None
    tree = result.message.tree()
    assert tree.xpath("//h:Consignment[1]/h:UnloadingLocation/h:ID/text()", namespaces=NS) == []


def test_gateway_resolve_reads_a_town_in_palladius_cyrillic(codelists: Path) -> None:
    result = gateway("resolve", "Лэтуи", "--country", "KZ", "--json", codelists=codelists)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["code"], data["english"], data["method"], data["source"]) == ("CNMAN", "Manas", "town", TOWN)
