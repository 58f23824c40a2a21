"""Reading the agreements' YAML files: duplicate keys refused, every fault named by file and YAML path.

A repeated key in plain YAML silently replaces the first one; in an agreement that could widen what a
country shares without anyone seeing it, so the loader refuses it.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from gateway.errors import InvalidAgreement
from gateway.yaml_dates import SafeDatesLoader


class _UniqueKeyLoader(SafeDatesLoader):
    """A safe YAML loader (libyaml's parser) that refuses a key given twice in one mapping, and a date that
    does not exist."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} is given twice (line {line})")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_yaml(file: Path) -> dict[str, Any]:
    """The mapping at the top of `file`; InvalidAgreement when it is not YAML or not a mapping."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidAgreement(str(file), "(file)", f"cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InvalidAgreement(
            str(file), "(file)", f"not UTF-8 text: {exc.reason} at byte {exc.start}"
        ) from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader that refuses duplicate keys
    except yaml.YAMLError as exc:
        raise InvalidAgreement(str(file), "(file)", f"not readable YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidAgreement(str(file), "(file)", "the file must hold a mapping of keys to values")
    return data


class Place:
    """Where in a file a value sits: raises InvalidAgreement naming the file and the YAML path."""

    def __init__(self, file: Path, path: str = "") -> None:
        self.file = file
        self.path = path

    def __truediv__(self, key: str | int) -> Place:
        if isinstance(key, int):
            return Place(self.file, f"{self.path}[{key}]")
        return Place(self.file, f"{self.path}.{key}" if self.path else key)

    def fail(self, reason: str) -> InvalidAgreement:
        """The error to raise for a fault at this place."""
        return InvalidAgreement(str(self.file), self.path or "(file)", reason)

    def mapping(self, value: Any, required: frozenset[str], allowed: frozenset[str]) -> dict[str, Any]:
        """`value` as a mapping with all `required` keys and no key outside `allowed`."""
        if not isinstance(value, dict):
            raise self.fail(f"must be a mapping, not {type(value).__name__}")
        unknown = sorted(str(key) for key in value if key not in allowed)
        if unknown:
            raise (self / unknown[0]).fail(f"unknown key; known keys: {', '.join(sorted(allowed))}")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(f"missing key {missing[0]!r}")
        return value

    def table(self, value: Any) -> dict[Any, Any]:
        """`value` as a non-empty mapping whose keys the caller checks."""
        if not isinstance(value, dict) or not value:
            raise self.fail("must be a non-empty mapping")
        return value

    def sequence(self, value: Any) -> list[Any]:
        """`value` as a non-empty list."""
        if not isinstance(value, list) or not value:
            raise self.fail("must be a non-empty list")
        return value

    def text(self, value: Any) -> str:
        """`value` as a non-empty string."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail("must be a non-empty string")
        return value
