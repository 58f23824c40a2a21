"""The formats the gateway knows: every mapping file in the mappings folder, loaded and checked once."""

from __future__ import annotations

from pathlib import Path

from gateway.errors import InvalidMapping, UnknownFormat
from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.loader import load_mapping
from gateway.mapping.rules import Mapping
from gateway.model import Model, load_model


class FormatRegistry:
    """The loaded mappings, by format name."""

    def __init__(self, mappings: list[Mapping]) -> None:
        self.mappings: dict[str, Mapping] = {}
        for mapping in mappings:
            if mapping.format in self.mappings:
                other = self.mappings[mapping.format].file
                raise InvalidMapping(
                    str(mapping.file), "format", f"format {mapping.format!r} is already defined in {other}"
                )
            self.mappings[mapping.format] = mapping

    @classmethod
    def from_folder(
        cls, mappings_dir: Path, crosswalks_dir: Path, model: Model | None = None
    ) -> FormatRegistry:
        """Load every `*.yaml` mapping in `mappings_dir`; the first broken one raises InvalidMapping."""
        crosswalks = Crosswalks(crosswalks_dir)
        files = sorted(mappings_dir.glob("*.yaml"))
        return cls([load_mapping(file, crosswalks, model or load_model()) for file in files])

    def get(self, name: str) -> Mapping:
        """The mapping of format `name`."""
        try:
            return self.mappings[name]
        except KeyError:
            raise UnknownFormat(f"unknown format {name!r}; known: {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        """The names of every known format, sorted."""
        return sorted(self.mappings)

    def by_syntax(self, syntax: str) -> list[Mapping]:
        """The mappings of one syntax, in name order."""
        return [self.mappings[name] for name in self.names() if self.mappings[name].syntax == syntax]
