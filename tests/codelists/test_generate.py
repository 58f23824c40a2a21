"""The country and currency lists are generated from CLDR and ISO (babel, pycountry): the committed files
must be exactly what the generator writes, so an upgrade of either shows up as a reviewed diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.codelists.generate import GENERATED, main

FOLDER = Path(__file__).parent.parent.parent / "codelists"


@pytest.mark.parametrize("relative", sorted(GENERATED))
def test_the_committed_list_has_not_drifted_from_its_generator(relative: str) -> None:
    committed = (FOLDER / relative).read_text(encoding="utf-8")
    assert committed == GENERATED[relative](), (
        f"codelists/{relative} differs from its generator: run python -m gateway.codelists.generate and "
        "review the diff"
    )


def test_the_generator_writes_every_file_into_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for relative in GENERATED:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
    main(tmp_path)
    for relative in GENERATED:
        assert (tmp_path / relative).read_bytes() == (FOLDER / relative).read_bytes()
    assert capsys.readouterr().out.count("wrote ") == len(GENERATED)
