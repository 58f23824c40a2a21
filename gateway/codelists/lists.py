"""Load every code list of a folder once: `codelists/<name>/list.yaml` with its CSV files and aliases.

Files are read in the order `list.yaml` gives them; glob patterns are expanded in sorted order. A code in
a later file updates the entry of an earlier one (validity and attributes replaced, names merged): the
official rows that `gateway codelists import-locode` writes refine the project's authored extract. Files
matched by `official` make the list complete for the codes that start with the file's name (a country).

Every list's metadata is read and checked at once. A large list (its files over DEFERRED_BYTES, or codes
from a package: `cn-township`, `hs`) that no list references and that references none is read on first
use instead (`CodeLists.lists` loads it when asked for it; `gateway.once`): a command that never needs it
never pays for it. `load_all()` reads those too: `gateway check` calls it, so a broken shipped list is
still refused before the gateway runs (docs/operations.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from gateway.codelists.entry import Alias, CodeEntry, CodeList
from gateway.codelists.metadata import ListMetadata, read_metadata
from gateway.codelists.providers import provided_entries
from gateway.codelists.table import read_aliases, read_codes
from gateway.errors import InvalidCodeList
from gateway.once import Once

METADATA = "list.yaml"
DEFERRED_BYTES = 256 * 1024
"""A list whose CSV files hold more than this is read on first use (cn-township: 1.2 MB, 41,352 rows,
~0.3 s and ~33 MB; the next largest, cn-division, is 130 KB and every place catalog reads it)."""


class CodeLists:
    """The code lists in a folder: metadata read and checked at once, entries loaded once (large lists
    on first use, `deferred`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        found = [read_metadata(path) for path in sorted(folder.glob(f"*/{METADATA}"))]
        self._names = {metadata.name: metadata.name for metadata in found}
        for metadata in found:
            for other in metadata.also_called:
                self._names.setdefault(other, metadata.name)
        self.deferred = _deferred(found)
        """The names of the lists read on first use."""
        self._lists = _Lists({metadata.name: _loader(metadata) for metadata in found})
        self.lists: Mapping[str, CodeList] = self._lists
        for metadata in found:
            if metadata.name not in self.deferred:
                self._lists.load(metadata.name)
        for metadata in found:
            _check_references(metadata, self)

    @classmethod
    def load(cls, folder: Path) -> CodeLists:
        """The code lists in `folder`; `InvalidCodeList` (file, line, reason) when one is wrong (a deferred
        list's files: when it is first used, or by `load_all`)."""
        return cls(folder)

    def load_all(self) -> CodeLists:
        """Every list read and checked now, deferred ones included (`gateway check`)."""
        for name in self.lists:
            self._lists.load(name)
        return self

    def get(self, name: str) -> CodeList | None:
        """The list called `name` (or by another name the model uses), or None when the project has none."""
        found = self._names.get(name)
        return None if found is None else self._lists.load(found)

    def entries(self, kind: str) -> Iterable[CodeEntry]:
        """Every entry of list `kind`, whatever its validity; nothing when the list is not held."""
        found = self.get(kind)
        return found.entries.values() if found else ()

    def entry(self, kind: str, code: str) -> CodeEntry | None:
        """The entry for `code` in list `kind` (by an alternative key or a national extension too)."""
        found = self.get(kind)
        return found.entry(code) if found else None

    def is_valid(self, kind: str, code: str, on: date | None = None) -> bool:
        """Whether `code` is in list `kind` and in force on `on` (the list and the code; any time when
        `on` is None)."""
        found = self.get(kind)
        if found is None or not found.in_force(on):
            return False
        entry = found.entry(code)
        return entry is not None and entry.in_force(on)


class _Lists(Mapping[str, CodeList]):
    """The lists by name, each loaded when it is first looked up (names and length need no loading)."""

    def __init__(self, loaders: dict[str, Once[CodeList]]) -> None:
        self._loaders = loaders

    def __getitem__(self, name: str) -> CodeList:
        return self.load(name)

    def load(self, name: str) -> CodeList:
        """The list called `name`, read now if it was not yet (`KeyError` when there is none)."""
        return self._loaders[name].get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaders)

    def __len__(self) -> int:
        return len(self._loaders)


def _loader(metadata: ListMetadata) -> Once[CodeList]:
    return Once(lambda: list_from(metadata))


def _deferred(found: list[ListMetadata]) -> frozenset[str]:
    """The lists read on first use: large ones (files over DEFERRED_BYTES, or a package's codes) that
    reference no list and that no list references, so that loading one never needs another."""
    referenced = {target for metadata in found for target in metadata.references.values()}
    return frozenset(
        metadata.name
        for metadata in found
        if not metadata.references
        and referenced.isdisjoint({metadata.name, *metadata.also_called})
        and (metadata.provider or sum(path.stat().st_size for path in _all_files(metadata)) > DEFERRED_BYTES)
    )


def _all_files(metadata: ListMetadata) -> list[Path]:
    return _files(metadata) + _expand(metadata, metadata.aliases)


def load_list(path: Path) -> CodeList:
    """The list whose metadata is at `path`, with its entries and aliases."""
    return list_from(read_metadata(path))


def list_from(metadata: ListMetadata) -> CodeList:
    """The list that `metadata` describes, with its entries and aliases."""
    rows = _Rows(metadata)
    known = frozenset(rows.entries)
    entries = {code: entry for code, entry in rows.entries.items() if rows.holds(code)}
    found: dict[str, list[Alias]] = {}
    for file in _expand(metadata, metadata.aliases):
        for code, aliases in read_aliases(file, known).items():
            found.setdefault(code, []).extend(aliases)
    for code, aliases in found.items():
        if code in entries:
            entries[code] = _with_aliases(entries[code], aliases)
    return CodeList(
        metadata.name,
        metadata.title,
        metadata.standard,
        metadata.source,
        metadata.version,
        metadata.licence,
        metadata.complete,
        metadata.valid_from,
        metadata.valid_to,
        entries,
        _keys(metadata, entries),
        metadata.extension_lengths,
        tuple(sorted({len(code) for code in entries}, reverse=True)) if metadata.extension_lengths else (),
        frozenset(rows.complete_for),
        rows.origins,
        metadata.outside_extract == "warning",
    )


class _Rows:
    """The entries of a list's provider and codes files, merged in order, with where each comes from and
    the countries (code prefixes) whose official release was read."""

    def __init__(self, metadata: ListMetadata) -> None:
        self.entries = dict(provided_entries(metadata.provider)) if metadata.provider else {}
        self.origins: dict[str, str] = {}
        self.complete_for: set[str] = set()
        self.official: set[str] = set()
        for file in _files(metadata):
            self.read(file, metadata)

    def read(self, file: Path, metadata: ListMetadata) -> None:
        rows = read_codes(file, metadata)
        for code, (line, entry) in rows.items():
            self.entries[code] = _merge(self.entries.get(code), entry)
            self.origins[code] = f"{file}:{line}"
        if metadata.official and file.match(metadata.official):
            self.complete_for.add(file.stem)
            self.official.update(rows)

    def holds(self, code: str) -> bool:
        """False for a code of a country whose official release does not hold it."""
        return code in self.official or not code.startswith(tuple(self.complete_for))


def _files(metadata: ListMetadata) -> list[Path]:
    return _expand(metadata, (*metadata.files, *filter(None, [metadata.official])))


def _expand(metadata: ListMetadata, patterns: tuple[str, ...]) -> list[Path]:
    """The files that `patterns` name in the list's folder: a glob may match none, a name must exist."""
    files: list[Path] = []
    for pattern in patterns:
        if any(character in pattern for character in "*?["):
            matched = sorted(metadata.folder.glob(pattern))
        else:
            matched = [metadata.folder / pattern]
            if not matched[0].is_file():
                raise InvalidCodeList(
                    str(metadata.folder / METADATA), 1, f"the file {pattern!r} does not exist"
                )
        files.extend(path for path in matched if path not in files)
    return files


def _with_aliases(entry: CodeEntry, aliases: list[Alias]) -> CodeEntry:
    """The entry with more aliases (built directly: `dataclasses.replace` costs twice as much)."""
    return CodeEntry(
        entry.code,
        entry.names,
        entry.aliases + tuple(aliases),
        entry.valid_from,
        entry.valid_to,
        entry.attributes,
    )


def _merge(earlier: CodeEntry | None, later: CodeEntry) -> CodeEntry:
    """A later file's entry, keeping the earlier entry's names in languages the later one lacks."""
    if earlier is None:
        return later
    return replace(
        later, names={**earlier.names, **later.names}, attributes={**earlier.attributes, **later.attributes}
    )


def _keys(metadata: ListMetadata, entries: dict[str, CodeEntry]) -> dict[str, str]:
    """Alternative codes (attributes listed under `keys`) to the code they name."""
    return {
        entry.attributes[attribute]: entry.code
        for entry in entries.values()
        for attribute in metadata.keys
        if entry.attributes.get(attribute)
    }


def _check_references(metadata: ListMetadata, lists: CodeLists) -> None:
    """Every attribute that names a code of another list (`references`) names one that exists."""
    if not metadata.references:
        return  # nothing to load: a deferred list has no references
    code_list = lists.lists[metadata.name]
    for attribute, target in metadata.references.items():
        if lists.get(target) is None:
            raise InvalidCodeList(
                str(metadata.folder / METADATA), 1, f"references: no list called {target!r}"
            )
        for entry in code_list.entries.values():
            value = entry.attributes.get(attribute)
            if value and lists.entry(target, value) is None:
                file, _, line = code_list.origins.get(entry.code, ":0").rpartition(":")
                reason = f"{attribute} {value!r} of {entry.code} is not a code of the list {target!r}"
                raise InvalidCodeList(file, int(line), reason)
