"""The compiled form of a mapping: rules that the engine runs, built and checked by the loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from gateway.mapping.transforms import Transform
from gateway.model import ModelClass, ModelElement


class SourcePath(Protocol):
    """A compiled path into a source document of some syntax (XML, JSON, CSV, EDIFACT)."""

    text: str

    def nodes(self, context: Any) -> list[tuple[Any, str]]:
        """The nodes the path selects from `context`, each with its relative source path."""
        ...

    def values(self, context: Any) -> Any:
        """The (value, node, relative source path) triples the path selects from `context`."""
        ...


@dataclass(frozen=True, slots=True)
class ValueRule:
    """Where a single value comes from: a constant or a path, then transforms."""

    constant: str | None = None
    path: SourcePath | None = None
    transforms: tuple[Transform, ...] = ()


@dataclass(frozen=True, slots=True)
class ElementRule:
    """How one model element is filled."""

    model: ModelElement
    tag: str
    pointer_id: str
    constant: str | None = None
    path: SourcePath | None = None
    paths: tuple[SourcePath, ...] = ()
    join: str = " "
    each: bool = False
    position: bool = False
    transforms: tuple[Transform, ...] = ()
    default: str | None = None
    language: ValueRule | None = None
    unit: ValueRule | None = None
    currency: ValueRule | None = None


@dataclass(frozen=True, slots=True)
class RequiredChild:
    """A child of a class that some document kinds require."""

    name: str
    wco_id: str
    kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class ClassRule:
    """How one model class is filled: which source nodes, and the rules of its children in model order."""

    model: ModelClass
    name: str
    tag: str
    pointer_id: str
    repeats: bool
    path: SourcePath | None = None
    each: SourcePath | None = None
    children: tuple[ElementRule | ClassRule, ...] = ()
    required: tuple[RequiredChild, ...] = ()


@dataclass(frozen=True, slots=True)
class Detection:
    """How a format is recognised from its bytes."""

    namespace: str | None = None
    root: str | None = None
    keys: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    message_type: str | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    """A loaded, checked mapping of one national format."""

    format: str
    title: str
    country: str
    stand_in: bool
    syntax: str
    file: Path
    languages: tuple[str, ...]
    detection: Detection
    namespaces: dict[str, str]
    kind: ValueRule
    declaration: ClassRule
    spec: str | None = None
