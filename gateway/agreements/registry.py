"""All agreements of a folder: loaded and checked together, looked up by direction.

The folder holds `readiness.yaml` and one YAML file per pair of countries (any other name ending in
``.yaml``). A pair given in two files is refused, naming both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from gateway.agreements.agreement import Agreement, AgreementFile, load_agreement_file
from gateway.agreements.readiness import READINESS_FILE, Level, Readiness, load_readiness
from gateway.errors import InvalidAgreement
from gateway.model import Model, load_model


class Agreements:
    """The agreements in force, by direction (sender, recipient)."""

    def __init__(self, files: list[AgreementFile], readiness: Readiness) -> None:
        self.files = files
        self.readiness = readiness
        self._by_direction = {(a.sender, a.recipient): a for file in files for a in file.directions}

    @classmethod
    def load(cls, folder: Path, model: Model | None = None, readiness_file: Path | None = None) -> Agreements:
        """Load and check every agreement in `folder` against the readiness file and the model.

        The readiness file is the folder's own `readiness.yaml` unless `readiness_file` names another.
        """
        readiness = load_readiness(readiness_file or folder / READINESS_FILE)
        model = model or load_model()
        files: list[AgreementFile] = []
        for stray in sorted(folder.glob("*.yml")):
            raise InvalidAgreement(
                str(stray), "(file)", "agreement files end in .yaml; this one would be skipped"
            )
        for path in sorted(folder.glob("*.yaml")):
            if path.name != READINESS_FILE:
                files.append(_unique(load_agreement_file(path, readiness, model), files))
        return cls(files, readiness)

    def between(self, sender: str, recipient: str) -> Agreement | None:
        """What `sender` may send `recipient`, or None when no agreement covers that direction."""
        return self._by_direction.get((sender, recipient))

    def partners(self, sender: str) -> list[str]:
        """The countries `sender` may send to, sorted."""
        return sorted(recipient for source, recipient in self._by_direction if source == sender)

    def qualifies(self, first: str, second: str) -> Level:
        """The exchange level a pair of countries qualifies for, from the readiness data."""
        return self.readiness.qualifies(first, second)

    def __iter__(self) -> Iterator[Agreement]:
        return iter(self._by_direction.values())

    def __len__(self) -> int:
        return len(self._by_direction)


def _unique(loaded: AgreementFile, files: list[AgreementFile]) -> AgreementFile:
    for known in files:
        if known.pair == loaded.pair:
            pair = "-".join(loaded.pair)
            reason = f"the pair {pair} already has an agreement in {known.file.name}"
            raise InvalidAgreement(str(loaded.file), "countries", reason)
    return loaded
