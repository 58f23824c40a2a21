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
message once, up to the engine's Annotations (`apart.EngineMessage`: the Header and the Declaration, a
third of bench/ingest.py's manifest's message; the Annotations only when a goods description disagrees
with its HS code or a `name_to_code` value keeps its name), and hands that tree on with the bytes,
without the Resolutions: `apply_apart` gives a `ResolvedApart` whose tree gets the engine's Annotations
and the Resolutions (parses of their text) only when something asks for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from gateway.issues import Issue, warning
from gateway.mapping.child_index import ACCELERATOR
from gateway.model import Model, ModelClass, ModelClassUse
from gateway.normalize.message import HarmonizedMessage
from gateway.resolve.annotation import ResolvedName, resolution_xml
from gateway.resolve.apart import EngineMessage, ResolvedApart, append_to_text
from gateway.resolve.catalog import CODE_LISTS, CodeEntry
from gateway.resolve.descriptions import GoodsDescriptions, annotation_source, hs_mismatch
from gateway.resolve.forms import EntryIndex, Form, forms_of
from gateway.resolve.recent import Recent
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Resolution
from gateway.resolve.searches import EXACT_METHODS, Searches, of_the_document, one_document

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
ROUTING_LISTS = frozenset({"country", "locode", "office"})
"""Code lists whose codes decide who receives a message (gateway.routing.mentions reads countries,
places and offices). A code of these lists is filled only from an exact name (code list or glossary),
never from a fuzzy match: a near miss («Хоргосская таможня» meets a Kyrgyz office at 0.88) would send
the document to a country it never named. Package types and other lists fill from fuzzy matches too."""


_NAMES_BELOW = getattr(ACCELERATOR, "names_below", None)
"""The compiled walk of `NameResolution._names` (None when the module is not built, or is older)."""

_Name = tuple[str, ModelClass, etree._Element, str, str | None]
"""A name or description to resolve: its pointer, the class that holds it, the element, its kind of name
and the code element it may fill."""

KEPT_NAMES = 8192
"""How many resolved names (with their Resolution's XML text) the stage keeps by pointer and resolution."""
SEARCHES = 200
"""How many different names of one document are searched for near names unless told
(GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT): the names after them are looked up exactly only."""
SEARCHED_KINDS = frozenset({"place", "office", "country"})
"""The kinds of the stage's own names whose search costs milliseconds, counted against the document's
searches (a party name is looked up, a goods description read for terms: both cost a fraction of that, in
proportion to the text). The words `name_to_code` codes (countries, package types) are counted by
`code_of` whatever their list."""


class _Wanted(NamedTuple):
    """A child element of a class that the stage visits: a class below (`target`), or a text to resolve."""

    wco_id: str
    target: ModelClass | None
    repeats: bool
    kind: str | None
    code_name: str | None


class NameResolution:
    """Resolves the names of harmonized messages with a resolver, for the model they follow."""

    def __init__(self, resolver: Resolver, model: Model, searches: int = SEARCHES) -> None:
        self.resolver = resolver
        self.model = model
        self.searches = searches
        """How many different place, office, country and package names of one document may be searched
        for near names (`name_to_code`'s words first, `searches.Searches`): a name that is not a code-list
        or glossary name exactly costs milliseconds to search (an unknown village 5-10 ms, a name of
        twenty words 40), and a document of 5 MB can hold thousands of them. The names after the budget
        is spent are looked up exactly only, and the document gets one `names.not-searched` warning.
        Counted in document order, by the name's full result (a name met exactly costs nothing), so the
        same document always gets the same result."""
        self._namespace = f"{{{model.namespace}}}"
        self._holding = _classes_holding_names(model)
        self._entries = EntryIndex()
        self._forms_of: dict[tuple[str, str], tuple[Form, ...]] = {}
        self.goods = GoodsDescriptions(resolver)
        self._wanted: dict[str, dict[str, _Wanted]] = {}
        self._all_tags: tuple[str, ...] | None = None
        self._kept_names: Recent[tuple[str, int, str | None], tuple[Resolution, ResolvedName, str]] = Recent(
            KEPT_NAMES
        )

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
        parsed = EngineMessage(xml)  # up to the engine's Annotations: parsed only if something reads them
        declaration = parsed.root.find(self._namespace + self.model.root)
        if declaration is None:
            return HarmonizedMessage(xml, self.model, parsed.with_annotations()), [], []
        issues: list[Issue] = []
        resolved, texts, changed = self._resolved(parsed, declaration, country, issues)
        coded_names = self._coded(xml, parsed, country, coded or {})
        if not resolved and not coded_names:
            return HarmonizedMessage(xml, self.model, parsed.with_annotations()), [], issues
        resolved += coded_names
        text = "".join(texts + [resolution_xml(name) for name in coded_names])
        if changed:
            xml = parsed.serialized()
        spliced = append_to_text(xml, text)
        message = ResolvedApart(spliced, self.model, parsed.root, resolved, text, parsed.tail())
        return message, resolved, issues

    def _resolved(
        self, parsed: EngineMessage, declaration: etree._Element, country: str | None, issues: list[Issue]
    ) -> tuple[list[ResolvedName], list[str], bool]:
        """The Resolution of each name and description of `declaration`, as a `ResolvedName` and as XML
        text, and whether a code was filled. A name that recurs in the document (the same carrier or
        office in each consignment) is resolved once, and its forms found once."""
        resolved: list[ResolvedName] = []
        texts: list[str] = []
        seen: dict[tuple[str, str, str | None], tuple[Resolution, tuple[Form, ...], bool]] = {}
        changed = False
        searches = of_the_document() or Searches(self.searches)
        for pointer, model_class, element, kind, code_name in self._names(declaration):
            if kind == "goods":
                name, text = self._description(parsed, pointer, element, country, issues)
                resolved.append(name)
                texts.append(text)
                continue
            key = (element.text or "", kind, _language(element))
            found = seen.get(key)
            if found is None:
                search = kind not in SEARCHED_KINDS or searches.may_search(key)
                resolution = self.resolver.resolve(key[0], kind, country, key[2], search=search)
                if kind in SEARCHED_KINDS:
                    searches.count(key, search, resolution, pointer)
                found = seen[key] = (resolution, self._forms(resolution), search)
            filled = self._fill(element.getparent(), model_class, code_name, found[0]) if code_name else None
            changed |= filled is not None
            name, text = self._written(pointer, found[0], filled, found[1], found[2])
            resolved.append(name)
            texts.append(text)
        if searches.skipped:
            issues.append(self._not_searched(parsed, searches.skipped))
        return resolved, texts, changed

    def _not_searched(self, parsed: EngineMessage, skipped: list[str | None]) -> Issue:
        """`names.not-searched`, at the first name of `skipped` the stage looked up exactly only (none
        when they are all `name_to_code` values: the mapping reports those left uncoded)."""
        pointer = next((found for found in skipped if found is not None), None)
        where: dict[str, object] = {}
        said = "; countries and package types written as words among them stay uncoded."
        if pointer is not None:
            source = annotation_source(parsed.with_annotations(), self._namespace, pointer)
            where, said = {"pointer": pointer, **source}, "; the first is here."
        return warning(
            "names.not-searched",
            f"{len(skipped)} names of this document were looked up in the code lists and the glossary "
            f"exactly, not searched for near names: the gateway searches at most {self.searches} different "
            f"names a document (GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT). Their Resolutions say so{said}",
            **where,
        )

    def one_document(self) -> AbstractContextManager[Searches]:
        """The searches of one document: the pipeline normalizes each document within one, so that
        `name_to_code` and the stage draw on the same GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT."""
        return one_document(self.searches)

    def _written(
        self,
        pointer: str,
        resolution: Resolution,
        filled: str | None,
        forms: tuple[Form, ...],
        keep: bool = True,
    ) -> tuple[ResolvedName, str]:
        """The resolved name at `pointer` and its Resolution as XML text, kept (`Recent`, shared by the
        threads that receive): the same names recur at the same pointers from document to document, and
        the resolver's memo hands back the same Resolution for them, found by identity (each kept entry
        holds its resolution, so its identity cannot be another's while it is kept; the forms follow
        from the resolution). `keep` False for a resolution the resolver did not keep (a name looked up
        exactly only): it will not come again."""

        def written() -> tuple[Resolution, ResolvedName, str]:
            name = ResolvedName(pointer, resolution, filled, forms)
            return resolution, name, resolution_xml(name)

        self._kept_names.keep_version(resolution.glossary_version)  # a reload: the old names never come again
        _, name, text = self._kept_names.get((pointer, id(resolution), filled), written, keep)
        return name, text

    def _description(
        self,
        parsed: EngineMessage,
        pointer: str,
        element: etree._Element,
        country: str | None,
        issues: list[Issue],
    ) -> tuple[ResolvedName, str]:
        """The Resolution of a goods description, and its XML text; a `goods.hs-mismatch` in `issues`
        when the terms found disagree with the item's classification (Commodity/Classification/ID)."""
        script = element.get("scriptCode")
        resolution = self.goods.describe(element.text or "", _language(element), country, script)
        commodity = element.getparent()
        if resolution.candidates and commodity is not None:
            issue = hs_mismatch(resolution, self._classified(commodity), pointer)
            if issue is not None:
                source = annotation_source(parsed.with_annotations(), self._namespace, pointer)
                issues.append(replace(issue, **source))
        return self._written(pointer, resolution, None, ())

    def _classified(self, commodity: etree._Element) -> list[str]:
        """The item's classification codes (Commodity/Classification/ID), stripped, the empty left out."""
        classification, code = self._namespace + "Classification", self._namespace + "ID"
        return [
            found.text.strip()
            for element in commodity.iterchildren(classification)
            for found in element.iterchildren(code)
            if found.text
        ]

    def code_of(self, list_name: str, country: str | None, text: str) -> tuple[str | None, bool]:
        """The code of list `list_name` that `text` is or names (exactly, or fuzzily at or above the
        threshold), or None, and whether that answer may be kept for other documents (only an exact
        one: a search depends on the document's searches left, `searches.Searches`): the coder of the
        mapping transform `name_to_code`."""
        value = text.strip()
        if value in self._list(list_name):
            return value, True
        kind, searches = LIST_KINDS[list_name], of_the_document()
        search = searches is None or searches.may_search((value, kind))
        resolution = self.resolver.resolve(value, kind, country, search=search)
        if searches is not None:
            searches.count((value, kind), search, resolution)
        code = resolution.code if self._fills(resolution, list_name in ROUTING_LISTS) else None
        return code, resolution.method in EXACT_METHODS

    def _coded(
        self, xml: bytes, parsed: EngineMessage, country: str | None, coded: Mapping[str, str]
    ) -> list[ResolvedName]:
        """A Resolution for each value that `name_to_code` wrote from a name (its Field keeps the name).
        The bytes are searched first: most documents write codes, and a regular expression over the
        bytes costs a few milliseconds where a walk of the annotations of 2,000 goods items costs 60."""
        if not coded or not _keeps_original(xml, _coded_pattern(tuple(sorted(coded)))):
            return []
        found = []
        for field in self._changed_fields(parsed.with_annotations()):
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

    def _names(self, declaration: etree._Element) -> list[_Name]:
        """Each name or description below `declaration` worth resolving, in document order: a walk down
        the classes that hold names in C when the compiled module is built (`_fastread.names_below`, no
        lxml proxy but for the names found), else `_names_found`, the reference."""
        root_class = self.model.root_class()
        if _NAMES_BELOW is not None:
            return _NAMES_BELOW(declaration, root_class, root_class.wco_id, self._wanted_children)  # type: ignore[no-any-return]
        return self._names_found(declaration)

    def _names_found(self, declaration: etree._Element) -> list[_Name]:
        """`_names` in Python: lxml finds the elements whose tag may matter (one pass in C); each counts
        when its parent was visited and its class wants it, as a walk down the classes would find it."""
        root_class = self.model.root_class()
        visited: dict[etree._Element, tuple[ModelClass, str, dict[str, int], Mapping[str, _Wanted]]] = {
            declaration: (root_class, root_class.wco_id, {}, self._wanted_children(root_class))
        }
        found: list[_Name] = []
        for element in declaration.iter(*self._tags()):
            context = visited.get(element.getparent())  # type: ignore[arg-type]
            if context is None:  # below a class that holds no name
                continue
            model_class, pointer, counts, wanted = context
            tag = element.tag
            want = wanted.get(tag)
            if want is None:
                continue
            if want.target is not None:
                counts[tag] = number = counts.get(tag, 0) + 1
                segment = f"{want.wco_id}[{number}]" if want.repeats else want.wco_id
                below = self._wanted_children(want.target)
                visited[element] = (want.target, f"{pointer}/{segment}", {}, below)
            elif want.kind is not None and (element.text or "").strip():
                found.append((f"{pointer}/{want.wco_id}", model_class, element, want.kind, want.code_name))
        return found

    def _tags(self) -> tuple[str, ...]:
        """Every tag that a class wants (a class holding names, a name, a description)."""
        if self._all_tags is None:
            tags = {
                tag
                for model_class in self.model.classes.values()
                for tag in self._wanted_children(model_class)
            }
            self._all_tags = tuple(sorted(tags))
        return self._all_tags

    def _wanted_children(self, model_class: ModelClass) -> Mapping[str, _Wanted]:
        """The children of `model_class` worth visiting, by their namespaced tag: the classes that hold a
        name or description, and the names and descriptions themselves (computed once per class)."""
        wanted = self._wanted.get(model_class.name)
        if wanted is None:
            wanted = {}
            for name, use in model_class.children.items():
                key, tag = (model_class.name, name), self._namespace + name
                if isinstance(use, ModelClassUse) and use.target in self._holding:
                    target = self.model.class_of(use)
                    wanted[tag] = _Wanted(target.wco_id, target, use.repeats, None, None)
                elif not isinstance(use, ModelClassUse) and key in NAME_ELEMENTS:
                    wanted[tag] = _Wanted(use.wco_id, None, False, *NAME_ELEMENTS[key])
            self._wanted[model_class.name] = wanted
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


def _keeps_original(xml: bytes, pattern: re.Pattern[bytes]) -> bool:
    """Whether `pattern` (`_coded_pattern`) matches in `xml`, tried only at the tags that keep an original:
    a few of the message's hundreds of Fields (the same answer as a search, in half its time)."""
    position = xml.find(b' original="')
    while position >= 0:
        if pattern.match(xml, xml.rfind(b"<", 0, position)):
            return True
        position = xml.find(b' original="', position + 11)
    return False


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
