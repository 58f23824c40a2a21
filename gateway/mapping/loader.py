"""Load a mapping file and check it against the canonical model, failing with file, YAML path and reason.

Everything that can be wrong with a mapping is found here, at load time: unknown canonical elements,
directives or transforms, crosswalks that do not exist, paths that do not compile, a repeating source for
an element that does not repeat. A mapping that loads runs without configuration errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import yaml

from gateway.errors import InvalidMapping
from gateway.mapping.crosswalks import Crosswalks
from gateway.mapping.csv_paths import compile_csv_path
from gateway.mapping.edifact_paths import compile_edifact_path
from gateway.mapping.json_paths import compile_json_path
from gateway.mapping.rules import (
    ClassRule,
    Detection,
    ElementRule,
    Mapping,
    RequiredChild,
    SourcePath,
    ValueRule,
)
from gateway.mapping.transforms import Transform, build_transform
from gateway.mapping.xml_path_compiler import compile_xml_path
from gateway.model import Model, ModelClass, ModelClassUse, ModelElement, load_model
from gateway.normalize.language import LANGUAGE_TAG
from gateway.yaml_dates import SafeDatesLoader

PathCompiler = Callable[[str, dict[str, str]], SourcePath]

PATH_COMPILERS: dict[str, PathCompiler] = {
    "xml": cast(PathCompiler, compile_xml_path),
    "json": cast(PathCompiler, compile_json_path),
    "csv": cast(PathCompiler, compile_csv_path),
    "edifact": cast(PathCompiler, compile_edifact_path),
}
"""Path languages by syntax; each syntax's intake module registers its own."""

TOP_KEYS = {
    "extends",
    "format",
    "title",
    "country",
    "stand_in",
    "syntax",
    "spec",
    "kind",
    "languages",
    "detect",
    "namespaces",
    "declaration",
}
REQUIRED_TOP_KEYS = {"format", "title", "country", "syntax", "kind", "detect", "declaration"}
CLASS_DIRECTIVES = {"path", "each"}
ELEMENT_KEYS = {
    "path",
    "value",
    "paths",
    "join",
    "each",
    "position",
    "transforms",
    "default",
    "language",
    "unit",
    "currency",
}
DETECT_KEYS = {"namespace", "root", "keys", "header", "message_type"}


class _Context:
    """What the loader needs while it walks one file."""

    def __init__(
        self, file: Path, model: Model, crosswalks: Crosswalks, syntax: str, namespaces: dict[str, str]
    ) -> None:
        self.file, self.model, self.crosswalks = file, model, crosswalks
        self.syntax, self.namespaces = syntax, namespaces

    def fail(self, where: str, reason: str) -> InvalidMapping:
        return InvalidMapping(str(self.file), where, reason)

    def path(self, text: Any, where: str) -> SourcePath:
        try:
            return PATH_COMPILERS[self.syntax](text, self.namespaces)
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None

    def transforms(self, specs: Any, where: str) -> tuple[Transform, ...]:
        if not isinstance(specs, list):
            raise self.fail(where, "transforms must be a list")
        built = []
        for index, spec in enumerate(specs):
            try:
                built.append(build_transform(spec, self.crosswalks))
            except ValueError as exc:
                raise self.fail(f"{where}[{index}]", str(exc)) from None
        return tuple(built)


def load_mapping(file: Path, crosswalks: Crosswalks, model: Model | None = None) -> Mapping:
    """Load and check the mapping in `file`."""
    return _build_mapping(file, read_mapping_data(file), crosswalks, model or load_model())


def read_mapping_data(file: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The YAML data of a mapping file, with the mapping it `extends` merged in below it.

    `extends: NAME` names another mapping file in the same folder (`NAME.yaml`). Its data is the base;
    this file's keys override it, mappings are merged key by key at every depth, and a key set to null
    removes the base's entry. The result is checked as one mapping."""
    if file in seen:
        chain = " -> ".join(path.name for path in (*seen, file))
        raise InvalidMapping(str(file), "extends", f"mappings extend each other in a circle: {chain}")
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=SafeDatesLoader)  # a SafeLoader
    except yaml.YAMLError as exc:
        raise InvalidMapping(str(file), "(file)", f"not valid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidMapping(
            str(file), "(file)", f"not UTF-8 text: {exc.reason} at byte {exc.start}"
        ) from None
    except OSError as exc:
        raise InvalidMapping(str(file), "(file)", f"cannot be read: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise InvalidMapping(str(file), "(file)", "a mapping file must be a YAML mapping")
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    base = file.parent / f"{base_name}.yaml"
    if not isinstance(base_name, str) or not base.is_file():
        raise InvalidMapping(str(file), "extends", f"no mapping {base_name!r} in {file.parent}")
    return _merge(read_mapping_data(base, (*seen, file)), data)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _build_mapping(file: Path, data: dict[str, Any], crosswalks: Crosswalks, model: Model) -> Mapping:
    _check_keys(file, data)
    syntax = data["syntax"]
    if syntax not in PATH_COMPILERS:
        raise InvalidMapping(
            str(file), "syntax", f"unknown syntax {syntax!r}; known: {', '.join(sorted(PATH_COMPILERS))}"
        )
    context = _Context(file, model, crosswalks, syntax, _namespaces(file, data.get("namespaces")))
    return Mapping(
        format=_format_name(file, data["format"]),
        title=str(data["title"]),
        country=_country(file, data["country"]),
        stand_in=bool(data.get("stand_in", False)),
        syntax=syntax,
        file=file,
        languages=_languages(file, data.get("languages", [])),
        detection=_detection(context, data["detect"]),
        namespaces=context.namespaces,
        kind=_kind(context, data["kind"]),
        spec=data.get("spec"),
        declaration=_class_rule(
            context, model.root_class(), model.root, data["declaration"], "declaration", repeats=False
        ),
    )


def _check_keys(file: Path, data: dict[str, Any]) -> None:
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise InvalidMapping(
            str(file), sorted(unknown)[0], f"unknown key; known: {', '.join(sorted(TOP_KEYS))}"
        )
    missing = REQUIRED_TOP_KEYS - set(data)
    if missing:
        raise InvalidMapping(str(file), sorted(missing)[0], "required key is missing")


def _namespaces(file: Path, namespaces: Any) -> dict[str, str]:
    if namespaces is None:
        return {}
    if not isinstance(namespaces, dict) or not all(
        isinstance(prefix, str) and isinstance(uri, str) for prefix, uri in namespaces.items()
    ):
        raise InvalidMapping(str(file), "namespaces", "must map each prefix to a namespace URI")
    return dict(namespaces)


def _format_name(file: Path, name: Any) -> str:
    if not isinstance(name, str) or not name.replace("-", "").isalnum() or name.lower() != name:
        raise InvalidMapping(str(file), "format", "must be a lowercase name of letters, digits and '-'")
    return name


_COUNTRY = re.compile(r"[A-Z]{2}")


def _country(file: Path, country: Any) -> str:
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        raise InvalidMapping(str(file), "country", "must be an ISO 3166-1 alpha-2 code such as KZ")
    return country


def _languages(file: Path, languages: Any) -> tuple[str, ...]:
    if not isinstance(languages, list) or not all(
        isinstance(tag, str) and LANGUAGE_TAG.fullmatch(tag) for tag in languages
    ):
        raise InvalidMapping(
            str(file), "languages", "must be a list of BCP 47 language tags (ru, kk, zh-Hans)"
        )
    return tuple(languages)


def _detection(context: _Context, spec: Any) -> Detection:
    if not isinstance(spec, dict) or not spec or set(spec) - DETECT_KEYS:
        raise context.fail("detect", f"must be a mapping with some of {', '.join(sorted(DETECT_KEYS))}")
    if context.syntax == "xml" and not spec.get("root"):
        raise context.fail("detect.root", "an XML format is detected by its root element")
    return Detection(
        spec.get("namespace"),
        spec.get("root"),
        tuple(spec.get("keys", ())),
        tuple(spec.get("header", ())),
        spec.get("message_type"),
    )


def _kind(context: _Context, spec: Any) -> ValueRule:
    if isinstance(spec, str) and spec in context.model.kinds:
        return ValueRule(constant=spec)
    if isinstance(spec, dict):
        return _value_rule(context, spec, "kind")
    raise context.fail("kind", f"must be one of {', '.join(context.model.kinds)} or a field spec")


def _value_rule(context: _Context, spec: Any, where: str) -> ValueRule:
    if isinstance(spec, str | int | float) and not isinstance(spec, bool):
        return ValueRule(constant=str(spec))
    if not isinstance(spec, dict) or set(spec) - {"path", "value", "transforms"}:
        raise context.fail(where, "must be a constant or a mapping with path, value and transforms")
    if ("path" in spec) == ("value" in spec):
        raise context.fail(where, "needs exactly one of path and value")
    return ValueRule(
        constant=str(spec["value"]) if "value" in spec else None,
        path=context.path(spec["path"], f"{where}.path") if "path" in spec else None,
        transforms=context.transforms(spec.get("transforms", []), f"{where}.transforms"),
    )


def _class_rule(
    context: _Context, model_class: ModelClass, name: str, spec: Any, where: str, repeats: bool
) -> ClassRule:
    if not isinstance(spec, dict):
        raise context.fail(where, f"{name} is a class: it takes a mapping of its children")
    children = []
    for key in spec:
        if key in CLASS_DIRECTIVES:
            continue
        if key not in model_class.children:
            raise context.fail(f"{where}.{key}", _unknown_child(model_class, key))
    for child_name, child in model_class.children.items():
        if child_name in spec:
            children.append(_child_rule(context, child, spec[child_name], f"{where}.{child_name}"))
    if "each" in spec and not repeats:
        raise context.fail(f"{where}.each", f"{name} does not repeat in the model; use path")
    return ClassRule(
        model=model_class,
        name=name,
        tag=f"{{{context.model.namespace}}}{name}",
        pointer_id=model_class.wco_id,
        repeats=repeats,
        path=context.path(spec["path"], f"{where}.path") if "path" in spec else None,
        each=context.path(spec["each"], f"{where}.each") if "each" in spec else None,
        children=tuple(children),
        required=_required_children(context.model, model_class),
    )


def _required_children(model: Model, model_class: ModelClass) -> tuple[RequiredChild, ...]:
    return tuple(
        RequiredChild(
            name,
            child.wco_id if isinstance(child, ModelElement) else model.class_of(child).wco_id,
            child.required_for,
        )
        for name, child in model_class.children.items()
        if child.required_for
    )


def _unknown_child(model_class: ModelClass, key: str) -> str:
    known = ", ".join(model_class.children)
    if key.islower():
        return f"unknown directive {key!r}; a class takes {', '.join(sorted(CLASS_DIRECTIVES))}"
    return f"{model_class.name} (WCO {model_class.wco_id}) has no element {key!r}; it has {known}"


def _child_rule(
    context: _Context, child: ModelElement | ModelClassUse, spec: Any, where: str
) -> ElementRule | ClassRule:
    if isinstance(child, ModelClassUse):
        return _class_rule(context, context.model.class_of(child), child.name, spec, where, child.repeats)
    return _element_rule(context, child, spec, where)


def _element_rule(context: _Context, element: ModelElement, spec: Any, where: str) -> ElementRule:
    if isinstance(spec, str):
        spec = {"path": spec}
    if not isinstance(spec, dict):
        raise context.fail(where, f"{element.name} is an element: give a path or a mapping")
    unknown = set(spec) - ELEMENT_KEYS
    if unknown:
        raise context.fail(
            f"{where}.{sorted(unknown)[0]}",
            f"unknown key; an element takes {', '.join(sorted(ELEMENT_KEYS))}",
        )
    _check_sources(context, element, spec, where)
    return ElementRule(
        model=element,
        tag=f"{{{context.model.namespace}}}{element.name}",
        pointer_id=element.wco_id,
        constant=str(spec["value"]) if "value" in spec else None,
        path=_element_path(context, spec, where),
        paths=_paths(context, spec.get("paths", []), f"{where}.paths"),
        join=str(spec.get("join", " ")),
        each="each" in spec,
        position=bool(spec.get("position", False)),
        transforms=context.transforms(spec.get("transforms", []), f"{where}.transforms"),
        default=str(spec["default"]) if "default" in spec else None,
        language=_optional_rule(context, spec, "language", where),
        unit=_optional_rule(context, spec, "unit", where),
        currency=_optional_rule(context, spec, "currency", where),
    )


def _paths(context: _Context, paths: Any, where: str) -> tuple[SourcePath, ...]:
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        raise context.fail(where, "paths must be a list of paths")
    return tuple(context.path(path, f"{where}[{index}]") for index, path in enumerate(paths))


def _element_path(context: _Context, spec: dict[str, Any], where: str) -> SourcePath | None:
    for key in ("path", "each"):
        if key in spec:
            return context.path(spec[key], f"{where}.{key}")
    return None


def _check_sources(context: _Context, element: ModelElement, spec: dict[str, Any], where: str) -> None:
    sources = [key for key in ("path", "value", "paths", "each", "position") if key in spec]
    if len(sources) != 1:
        raise context.fail(where, "needs exactly one of path, value, paths, each and position")
    if "each" in spec and not element.repeats:
        raise context.fail(f"{where}.each", f"{element.name} does not repeat in the model; use path")
    rules = {"language": "text", "unit": "measure", "currency": "amount"}
    for key, element_type in rules.items():
        if key in spec and element.type != element_type:
            raise context.fail(f"{where}.{key}", f"only a {element_type} element takes {key}")


def _optional_rule(context: _Context, spec: dict[str, Any], key: str, where: str) -> ValueRule | None:
    if key not in spec:
        return None
    rule = _value_rule(context, spec[key], f"{where}.{key}")
    if key == "language" and rule.constant is not None and not LANGUAGE_TAG.fullmatch(rule.constant):
        raise context.fail(
            f"{where}.{key}", f"{rule.constant!r} is not a BCP 47 language tag (ru, kk, zh-Hans)"
        )
    return rule
