"""The resolution stage of the pipeline: names and places of a harmonized message, resolved and annotated.

After the mapping, every name the table `NAME_ELEMENTS` lists (parties, places, offices, cities) is
resolved, and every goods description read for the glossary's goods terms. Each gets a `Resolution`
element at the end of the message's Annotations, keyed by the pointer of its text element, with the
entry's names in other languages as `Form` children. A location or office that the national document named
but did not code gets its code element filled from the resolution, only when the resolution is not a guess
below the threshold (code list, glossary, or fuzzy at or above it); its Resolution says so (`filled`). A
code element that the mapping fills with `name_to_code` from a name (Хятад, мешок) gets a Resolution too,
at the pointer of the code. The original text is never changed. When nothing is filled, the message's
bytes are kept and the Resolutions are spliced in as text (no re-serialization). The stage parses the
message once (about 75 ms for the 3.9 MB message of bench/normalize.py's kz document, most of its cost)
and hands the tree on with the bytes, without the Resolutions: `apply_apart` gives a `ResolvedApart`
whose tree gets them (a second parse, of their text) only when something asks for the whole tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from gateway.issues import Issue
from gateway.model import Model, ModelClass, ModelClassUse
from gateway.normalize.message import HarmonizedMessage
from gateway.resolve.annotation import ResolvedName, resolution_xml
from gateway.resolve.apart import ResolvedApart, append_to_text
from gateway.resolve.catalog import CODE_LISTS, CodeEntry
from gateway.resolve.descriptions import GoodsDescriptions, annotation_source, hs_mismatch
from gateway.resolve.forms import EntryIndex, Form, forms_of
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Resolution

__all__ = ["NAME_ELEMENTS", "NameResolution", "ResolvedName", "resolution_xml"]

NAME_ELEMENTS: Mapping[tuple[str, str], tuple[str, str | None]] = {
    ("LoadingLocation", "Name"): ("place", "ID"),
    ("UnloadingLocation", "Name"): ("place", "ID"),
    ("Address", "CityName"): ("place", None),
    ("DepartureOffice", "Name"): ("office", "ID"),
    ("TransitOffice", "Name"): ("office", "ID"),
    ("ExitOffice", "Name"): ("office", "ID"),
    ("EntryOffice", "Name"): ("office", "ID"),
    ("DestinationOffice", "Name"): ("office", "ID"),
    ("Consignor", "Name"): ("party", None),
    ("Consignee", "Name"): ("party", None),
    ("NotifyParty", "Name"): ("party", None),
    ("Carrier", "Name"): ("party", None),
    ("Declarant", "Name"): ("party", None),
    ("Submitter", "Name"): ("party", None),
    ("Agent", "Name"): ("party", None),
    ("Commodity", "Description"): ("goods", None),
}
"""(class, text element): the kind of name it holds and the code element it may fill. An office's ID is
required, so a mapping that lacks it has said so (`element.missing`); the pipeline withdraws that issue
when the stage fills the ID. A goods description (WCO 137) is read for the glossary's goods terms
(`gateway.resolve.descriptions`), not resolved as a name."""
LIST_KINDS: Mapping[str, str] = {list_name: kind for kind, list_name in CODE_LISTS.items()}
"""The kind of name of each code list (`name_to_code: country` resolves names of kind `country`)."""
FILLING_METHODS = frozenset({"code-list", "glossary", "fuzzy"})
EXACT_METHODS = frozenset({"code-list", "glossary"})
ROUTING_LISTS = frozenset({"country", "locode", "office"})
"""Code lists whose codes decide who receives a message (gateway.routing.mentions reads countries,
places and offices). A code of these lists is filled only from an exact name (code list or glossary),
never from a fuzzy match: a near miss («Хоргосская таможня» meets a Kyrgyz office at 0.88) would send
the document to a country it never named. Package types and other lists fill from fuzzy matches too."""


class _Wanted(NamedTuple):
    """A child element of a class that the stage visits: a class below (`target`), or a text to resolve."""

    wco_id: str
    target: ModelClass | None
    repeats: bool
    kind: str | None
    code_name: str | None


class NameResolution:
    """Resolves the names of harmonized messages with a resolver, for the model they follow."""

    def __init__(self, resolver: Resolver, model: Model) -> None:
        self.resolver = resolver
        self.model = model
        self._namespace = f"{{{model.namespace}}}"
        self._holding = _classes_holding_names(model)
        self._entries = EntryIndex()
        self._forms_of: dict[tuple[str, str], tuple[Form, ...]] = {}
        self.goods = GoodsDescriptions(resolver)
        self._wanted: dict[str, dict[object, _Wanted]] = {}

    def apply(
        self, xml: bytes, country: str | None, coded: Mapping[str, str] | None = None
    ) -> tuple[bytes, etree._Element, list[ResolvedName], list[Issue]]:
        """The message with its names resolved, its element tree (parsed once here, for the stages after
        this one), the resolutions, and the issues they raise (goods descriptions that disagree with their
        HS code). `coded` maps the WCO IDs of code elements that the mapping fills with `name_to_code` to
        their code list: each such value written from a name gets a Resolution."""
        message, names, issues = self.apply_apart(xml, country, coded)
        return message.xml, message.tree(), names, issues

    def apply_apart(
        self, xml: bytes, country: str | None, coded: Mapping[str, str] | None = None
    ) -> tuple[HarmonizedMessage, list[ResolvedName], list[Issue]]:
        """As `apply`, with the message as one whose tree gets the Resolutions only when asked for
        (`ResolvedApart`; a plain message when there is nothing to resolve)."""
        root = etree.fromstring(xml)
        declaration = root.find(self._namespace + self.model.root)
        if declaration is None:
            return HarmonizedMessage(xml, self.model, root), [], []
        resolved: list[ResolvedName] = []
        issues: list[Issue] = []
        changed = False
        for pointer, model_class, element, kind, code_name in self._names(declaration):
            if kind == "goods":
                resolved.append(self._description(root, pointer, element, country, issues))
                continue
            resolution = self.resolver.resolve(element.text or "", kind, country, _language(element))
            filled = self._fill(element.getparent(), model_class, code_name, resolution)
            changed |= filled is not None
            resolved.append(ResolvedName(pointer, resolution, filled, self._forms(resolution)))
        resolved += self._coded(xml, root, country, coded or {})
        if not resolved:
            return HarmonizedMessage(xml, self.model, root), [], issues
        text = "".join(resolution_xml(name) for name in resolved)
        if changed:
            xml = etree.tostring(root, encoding="utf-8")
        return ResolvedApart(append_to_text(xml, text), self.model, root, resolved, text), resolved, issues

    def _description(
        self,
        root: etree._Element,
        pointer: str,
        element: etree._Element,
        country: str | None,
        issues: list[Issue],
    ) -> ResolvedName:
        """The Resolution of a goods description; a `goods.hs-mismatch` in `issues` when the terms found
        disagree with the item's classification (Commodity/Classification/ID)."""
        script = element.get("scriptCode")
        resolution = self.goods.describe(element.text or "", _language(element), country, script)
        commodity = element.getparent()
        if resolution.candidates and commodity is not None:
            ids = commodity.iterfind(f"{self._namespace}Classification/{self._namespace}ID")
            issue = hs_mismatch(resolution, [code.text.strip() for code in ids if code.text], pointer)
            if issue is not None:
                issues.append(replace(issue, **annotation_source(root, self._namespace, pointer)))
        return ResolvedName(pointer, resolution, None)

    def code_of(self, list_name: str, country: str | None, text: str) -> str | None:
        """The code of list `list_name` that `text` is or names (exactly, or fuzzily at or above the
        threshold), or None: the coder of the mapping transform `name_to_code`."""
        value = text.strip()
        if value in self._list(list_name):
            return value
        resolution = self.resolver.resolve(value, LIST_KINDS[list_name], country)
        return resolution.code if self._fills(resolution, list_name in ROUTING_LISTS) else None

    def _coded(
        self, xml: bytes, root: etree._Element, country: str | None, coded: Mapping[str, str]
    ) -> list[ResolvedName]:
        """A Resolution for each value that `name_to_code` wrote from a name (its Field keeps the name).
        The bytes are searched first: most documents write codes, and a regular expression over the
        bytes costs a few milliseconds where a walk of the annotations of 2,000 goods items costs 60."""
        if not coded or not _coded_pattern(tuple(sorted(coded))).search(xml):
            return []
        found = []
        for field in self._changed_fields(root):
            original, leaf = field.get("original", ""), field.get("pointer", "").split("[")[0]
            if leaf not in coded:
                continue
            resolution = self.resolver.resolve(original.strip(), LIST_KINDS[coded[leaf]], country)
            if self._fills(resolution, coded[leaf] in ROUTING_LISTS):
                forms = self._forms(resolution)
                found.append(ResolvedName(_field_pointer(field), resolution, leaf, forms))
        return found

    def _changed_fields(self, root: etree._Element) -> list[etree._Element]:
        """The Fields whose value a transform changed (they keep the `original`)."""
        found = root.xpath(".//h:Field[@original]", namespaces={"h": self.model.namespace})
        return (
            [field for field in found if isinstance(field, etree._Element)] if isinstance(found, list) else []
        )

    def _fills(self, resolution: Resolution, routes: bool) -> bool:
        """Whether `resolution` may fill a code: not a guess below the threshold, and, for a code that
        `routes` (ROUTING_LISTS), not a fuzzy match at all."""
        return (
            resolution.code is not None
            and resolution.method in (EXACT_METHODS if routes else FILLING_METHODS)
            and resolution.score >= self.resolver.threshold
        )

    def _list(self, list_name: str) -> Mapping[str, CodeEntry]:
        source = self.resolver.codelists
        return self._entries.load(list_name, source.entries(list_name) if source else ())

    def _forms(self, resolution: Resolution) -> tuple[Form, ...]:
        """The names of the resolved entry in its list's languages (none for a name without a code)."""
        list_name = CODE_LISTS.get(resolution.kind)
        if resolution.code is None or list_name is None:
            return ()
        forms = self._forms_of.get((list_name, resolution.code))
        if forms is None:  # the code lists do not change while the gateway runs (EntryIndex keeps them)
            entry = self._list(list_name).get(resolution.code)
            forms = tuple(forms_of(entry)) if entry is not None else ()
            self._forms_of[(list_name, resolution.code)] = forms
        return forms

    def _names(
        self, element: etree._Element, model_class: ModelClass | None = None, pointer: str = ""
    ) -> Iterator[tuple[str, ModelClass, etree._Element, str, str | None]]:
        model_class = model_class or self.model.root_class()
        pointer = pointer or model_class.wco_id
        wanted = self._wanted_children(model_class)
        counts: dict[object, int] = {}
        for child in element:
            found = wanted.get(child.tag)  # packages, equipment, values: nothing to resolve below them
            if found is None:
                continue
            if found.target is not None:
                counts[child.tag] = number = counts.get(child.tag, 0) + 1
                segment = f"{found.wco_id}[{number}]" if found.repeats else found.wco_id
                yield from self._names(child, found.target, f"{pointer}/{segment}")
            elif found.kind is not None and (child.text or "").strip():
                yield f"{pointer}/{found.wco_id}", model_class, child, found.kind, found.code_name

    def _wanted_children(self, model_class: ModelClass) -> Mapping[object, _Wanted]:
        """The children of `model_class` worth visiting, by their namespaced tag: the classes that hold a
        name or description, and the names and descriptions themselves (computed once per class)."""
        wanted = self._wanted.get(model_class.name)
        if wanted is None:
            wanted = self._wanted[model_class.name] = {}
            for name, use in model_class.children.items():
                key, tag = (model_class.name, name), self._namespace + name
                if isinstance(use, ModelClassUse) and use.target in self._holding:
                    target = self.model.class_of(use)
                    wanted[tag] = _Wanted(target.wco_id, target, use.repeats, None, None)
                elif not isinstance(use, ModelClassUse) and key in NAME_ELEMENTS:
                    wanted[tag] = _Wanted(use.wco_id, None, False, *NAME_ELEMENTS[key])
        return wanted

    def _fill(
        self,
        parent: etree._Element | None,
        model_class: ModelClass,
        code_name: str | None,
        resolution: Resolution,
    ) -> str | None:
        """Insert the resolved code as `code_name` when `parent` has none; its WCO ID, or None."""
        if parent is None or code_name is None or resolution.code is None:
            return None
        if not self._fills(resolution, routes=True):  # location and office IDs route (mentions)
            return None
        if parent.find(self._namespace + code_name) is not None:
            return None
        order = list(model_class.children)
        position = sum(
            1 for child in parent if order.index(etree.QName(child).localname) < order.index(code_name)
        )
        code = etree.Element(self._namespace + code_name)
        code.text = resolution.code
        parent.insert(position, code)
        use = model_class.children[code_name]
        return use.wco_id if not isinstance(use, ModelClassUse) else None


def _classes_holding_names(model: Model) -> frozenset[str]:
    """The classes that hold a name of NAME_ELEMENTS, themselves or below them."""
    holding = {class_name for class_name, _ in NAME_ELEMENTS}
    grown = True
    while grown:
        grown = False
        for model_class in model.classes.values():
            uses = (use for use in model_class.children.values() if isinstance(use, ModelClassUse))
            if model_class.name not in holding and any(use.target in holding for use in uses):
                holding.add(model_class.name)
                grown = True
    return frozenset(holding)


@lru_cache(maxsize=64)
def _coded_pattern(leaves: tuple[str, ...]) -> re.Pattern[bytes]:
    """The Field of one of `leaves` that keeps an original, as the checker writes it."""
    names = b"|".join(re.escape(leaf.encode()) for leaf in leaves)
    return re.compile(b'<Field pointer="(?:' + names + rb')(?:\[\d+\])?"[^>]*? original="')


def _field_pointer(field: etree._Element) -> str:
    """The whole pointer of a Field: the pointers of its enclosing Annotations, then its own."""
    parts = [field.get("pointer", "")]
    parent = field.getparent()
    while parent is not None and parent.get("pointer") is not None:
        parts.append(parent.get("pointer", ""))
        parent = parent.getparent()
    return "/".join(part for part in reversed(parts) if part)


def _language(element: etree._Element) -> str | None:
    language = element.get("languageID")
    return None if language in (None, "und", "zxx") else language
