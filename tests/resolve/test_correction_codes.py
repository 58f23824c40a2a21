"""An officer's proposed code is checked as the intake checks a document's code: a place's or an
office's code outside the project's extract, in the list's shape, is a real code the project does not
hold yet (the extract is there for its names) and is kept for the terminologists; once a country's
official UN/LOCODE rows are imported, a code of that country outside them is refused, as it is in a
document. Before, 阿拉山口's real code CNAKL was refused ("not in the UN/LOCODE code list") while a
document writing CNAKL was accepted."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from gateway.cli.main import main as cli
from gateway.codelists import CodeLists
from gateway.resolve.corrections import Refusal, code_problem
from gateway.settings import PROJECT_ROOT

RELEASE = PROJECT_ROOT / "tests" / "cli" / "unlocode-cn.csv"
"""Rows of the official UN/LOCODE release for China (UN/CEFACT, MIT), as `tests/cli` imports them."""


@pytest.fixture(scope="module")
def shipped() -> CodeLists:
    return CodeLists.load(PROJECT_ROOT / "codelists")


@pytest.fixture(scope="module")
def china_imported(tmp_path_factory: pytest.TempPathFactory) -> CodeLists:
    folder = tmp_path_factory.mktemp("lists") / "codelists"
    shutil.copytree(PROJECT_ROOT / "codelists", folder)
    imported = CliRunner().invoke(
        cli, ["codelists", "import-locode", "--country", "CN", str(RELEASE)],
        env={"GATEWAY_CODELISTS_DIR": str(folder)},
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    return CodeLists.load(folder)


def test_a_real_place_code_outside_the_extract_is_kept(shipped: CodeLists) -> None:
    assert shipped.entry("locode", "CNAKL") is None, "not in the project's extract"
    assert code_problem("place", "CNAKL", shipped) is None
    assert code_problem("place", "CNHRS", shipped) is None, "in the extract"


@pytest.mark.parametrize(("kind", "code"), [("place", "KZ551010"), ("place", "CN-AK"), ("office", "55208")])
def test_a_code_not_in_the_list_s_shape_is_refused(shipped: CodeLists, kind: str, code: str) -> None:
    refusal = code_problem(kind, code, shipped)
    assert isinstance(refusal, Refusal) and refusal.message_id == "correction.not-in-list"


def test_a_code_of_an_imported_country_outside_its_official_rows_is_refused(
    china_imported: CodeLists,
) -> None:
    refusal = code_problem("place", "CNZZZ", china_imported)
    assert refusal == Refusal(
        "correction.not-in-list", {"code": "CNZZZ", "list": "UN/LOCODE", "kind": "place"}
    )
    assert code_problem("place", "KZZZZ", china_imported) is None, "Kazakhstan's rows are not imported"


def test_a_package_code_outside_its_extract_is_still_refused(shipped: CodeLists) -> None:
    # Rec 21's extract warns about a code outside it (it is not there for names only): a typo stays out
    assert code_problem("package", "QQ", shipped) is not None
