"""The official UN/LOCODE release that the import tests read as an operator's import would: the shared
reference folder beside the project (../shared/reference/unlocode/), skipped when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).parent.parent.parent
CANDIDATES = (PROJECT.parent / "shared", PROJECT.parent.parent / "shared")


@pytest.fixture(scope="session")
def unlocode_reference() -> Path:
    """The folder of official UN/LOCODE CSV files, one per CAREC member."""
    for folder in CANDIDATES:
        if (folder / "reference" / "unlocode" / "KZ.csv").is_file():
            return folder / "reference" / "unlocode"
    pytest.skip(f"the UN/LOCODE reference files are not in {' or '.join(map(str, CANDIDATES))}")
