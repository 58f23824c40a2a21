"""The canonical model loaded from `harmonized.yaml`: classes and elements with their WCO IDs.

The model is data. This module reads it once, checks that it is consistent (every class referenced is
defined, every type is known, every kind named in `required` exists) and offers it as frozen objects that
the mapping loader, the message builder, the XSD generator and the JSON writer all share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from gateway.errors import InvalidModel

ELEMENT_TYPES = frozenset({"identifier", "code", "text", "date", "datetime", "integer", "measure", "amount"})


@dataclass(frozen=True, slots=True)
class ModelElement:
    """A data element of the model: a leaf with a WCO element ID and a type."""

    name: str
    wco_id: str
    type: str
    required_for: frozenset[str]
    repeats: bool = False
    length: int | None = None
    digits: int | None = None
    codelist: str | None = None
    unit: str | None = None
    doc: str = ""


@dataclass(frozen=True, slots=True)
class ModelClass:
    """A class of the model (Declaration, Consignment, ...): an ordered list of children."""

    name: str
    wco_id: str
    doc: str
    children: dict[str, ModelChild] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ModelClassUse:
    """A class used as a child of another class, under a name, with its cardinality."""

    name: str
    target: str
    required_for: frozenset[str]
    repeats: bool = False


ModelChild = ModelElement | ModelClassUse


@dataclass(frozen=True, slots=True)
class Model:
    """The whole canonical model."""

    version: str
    namespace: str
    kinds: dict[str, str]
    root: str
    classes: dict[str, ModelClass]

    def root_class(self) -> ModelClass:
        """The Declaration class."""
        return self.classes[self.root]

    def class_of(self, use: ModelClassUse) -> ModelClass:
        """The class definition behind a class use."""
        return self.classes[use.target]


@cache
def load_model() -> Model:
    """The canonical model shipped with the package, loaded once."""
    text = resources.files("gateway.model").joinpath("harmonized.yaml").read_text("utf-8")
    return parse_model(yaml.safe_load(text))


def parse_model(data: dict[str, Any]) -> Model:
    """Build and check a model from its YAML data."""
    kinds = dict(data["kinds"])
    classes = {name: _parse_class(name, spec, kinds) for name, spec in data["classes"].items()}
    model = Model(str(data["version"]), data["namespace"], kinds, data["root"], classes)
    _check_references(model)
    return model


def _parse_class(name: str, spec: dict[str, Any], kinds: dict[str, str]) -> ModelClass:
    children: dict[str, ModelChild] = {}
    for child_name, child in spec["children"].items():
        required = _required(child.get("required"), kinds, f"{name}/{child_name}")
        repeats = child.get("max") == "unbounded"
        if "class" in child:
            children[child_name] = ModelClassUse(child_name, child["class"], required, repeats)
        else:
            children[child_name] = _parse_element(child_name, child, required, repeats, name)
    return ModelClass(name, str(spec["id"]), spec.get("doc", ""), children)


def _parse_element(
    name: str, spec: dict[str, Any], required: frozenset[str], repeats: bool, owner: str
) -> ModelElement:
    if spec.get("type") not in ELEMENT_TYPES:
        raise InvalidModel(f"{owner}/{name}: unknown type {spec.get('type')!r}")
    return ModelElement(
        name=name,
        wco_id=str(spec["id"]),
        type=spec["type"],
        required_for=required,
        repeats=repeats,
        length=spec.get("length"),
        digits=spec.get("digits"),
        codelist=spec.get("codelist"),
        unit=spec.get("unit"),
        doc=spec.get("doc", ""),
    )


def _required(value: Any, kinds: dict[str, str], where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if value == "all":
        return frozenset(kinds)
    unknown = set(value) - set(kinds)
    if unknown:
        raise InvalidModel(f"{where}: unknown document kinds {sorted(unknown)}")
    return frozenset(value)


def _check_references(model: Model) -> None:
    if model.root not in model.classes:
        raise InvalidModel(f"root class {model.root!r} is not defined")
    for owner in model.classes.values():
        for child in owner.children.values():
            if isinstance(child, ModelClassUse) and child.target not in model.classes:
                raise InvalidModel(f"{owner.name}/{child.name}: unknown class {child.target!r}")
