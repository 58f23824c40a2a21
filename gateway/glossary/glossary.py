"""The glossary: the terminologists' CSV files, checked and indexed, with a version.

`Glossary.load(folder)` reads every `*.csv` in the folder and raises `InvalidGlossary` with every
problem (file, line, reason) when any file is bad, so a glossary is all good or not loaded at all. The
version is the SHA-256 of the files' names and bytes (first 12 hex digits): the same files give the same
version, whoever loads them, and every resolution cites the version it used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from gateway.glossary.entry import GlossaryEntry, InvalidGlossary, term_key
from gateway.glossary.reader import read_folder

VERSION_DIGITS = 12


class Glossary:
    """The entries of a glossary folder, looked up by kind and term key."""

    def __init__(self, entries: Sequence[GlossaryEntry], version: str) -> None:
        self.entries = tuple(entries)
        self.version = version
        self._by_key: dict[tuple[str, str], list[GlossaryEntry]] = {}
        for entry in self.entries:
            self._by_key.setdefault((entry.kind, term_key(entry.term)), []).append(entry)

    @classmethod
    def load(cls, folder: Path) -> Glossary:
        """The glossary in `folder`; `InvalidGlossary` lists every problem of every file."""
        entries, problems = read_folder(folder)
        if problems:
            raise InvalidGlossary(problems)
        return cls(entries, folder_version(folder))

    @classmethod
    def empty(cls) -> Glossary:
        """A glossary without entries (version "empty")."""
        return cls((), "empty")

    def exact(self, kind: str, text: str) -> list[GlossaryEntry]:
        """The entries of `kind` whose term has the key of `text`, in file order."""
        return list(self._by_key.get((kind, term_key(text)), ()))

    def of_kind(self, *kinds: str) -> list[GlossaryEntry]:
        """The entries of the given kinds, in file order."""
        return [entry for entry in self.entries if entry.kind in kinds]

    def __len__(self) -> int:
        return len(self.entries)


def folder_version(folder: Path) -> str:
    """The content hash of the `*.csv` files in `folder`."""
    return files_version((path.name, path.read_bytes()) for path in sorted(folder.glob("*.csv")))


def files_version(files: Iterable[tuple[str, bytes]]) -> str:
    """The content hash of named files, in the order given."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:VERSION_DIGITS]
