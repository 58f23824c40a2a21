"""What leaves the country: the harmonized message with every element the agreement does not list removed.

`share` keeps the Header's four elements (document kind, source format and country, model version: what
the message is, not what it says) and, in the Declaration, the data elements the agreement lists with the
class instances above them. An instance of a shared class stays even when none of its shared elements is
present, so positions in pointers (``28A[2]``) keep meaning the same instance on both sides.

The annotations (provenance) are filtered the same way, fail closed: a Field stays only when its full
pointer is a listed element, an Annotation only when it belongs to a shared class instance, a Resolution
(how a name was resolved: Latin and English forms, code, candidates) only when the name it resolves is
listed and any code element it filled is listed too, and anything else in the Annotations (a construct
this module does not know, a comment) is removed. Inside a kept Resolution, its Candidates stay and its
Forms (the entry's names in other languages) only in the agreement's languages
(`gateway.agreements.languages`). So an original value, a source line or a resolution of
a removed element never leaves.

The filter of an element set is compiled once (`share_filter.ElementFilter`): per shared class, the tags
it may keep; the full pointer of each annotation pointer is worked out once and kept. Text where the
message has none of its own (in an element that holds elements) is cleared in the same walk that removes
elements, looked at only where lxml reports some (the engine writes none); a Field is left empty, as the
engine writes it.
Comments and processing instructions, which a filter by element names would not see, are looked for in
one pass of lxml's and removed everywhere, the Header included.

A message whose Resolutions the resolution stage kept out of its tree (`gateway.resolve.apart`) is
filtered on that bare tree, and the Resolutions that stay are written from its resolved names, by the
same decisions and with the same Forms as the walk of a whole tree keeps (tests/agreements/
test_share_apart.py checks both give the same bytes on every golden case under every agreement).
"""

from __future__ import annotations

import copy

from lxml import etree

from gateway.agreements.agreement import Agreement
from gateway.agreements.coverage import lists_everything
from gateway.agreements.cut import MappingCut, mapping_cut
from gateway.agreements.cut_text import cut_annotations, cut_head
from gateway.agreements.forms import keep_forms
from gateway.agreements.share_filter import clear_stray_text, element_filter
from gateway.mapping.rules import Mapping
from gateway.model import Model, load_model
from gateway.normalize.message import DECLARATION, HarmonizedMessage
from gateway.resolve.apart import CLOSE, ResolvedApart, annotations_at, append_to_text

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_DECLARATION = DECLARATION.encode("ascii")  # as lxml writes it before a document in UTF-8


def share(
    harmonized: bytes | etree._Element | HarmonizedMessage,
    agreement: Agreement,
    model: Model | None = None,
    mapping: Mapping | None = None,
    consume: bool = False,
) -> bytes:
    """The message as `agreement` lets its recipient see it, as UTF-8 XML with a declaration. The message
    is its bytes, its parsed tree (left as it is: the filter works on a copy, cheaper than a parse) or a
    `HarmonizedMessage` (its bytes for the fast path, its tree otherwise). With `consume`, the full filter
    takes a `HarmonizedMessage`'s tree (`take_tree`) and filters it in place, without a copy: for the last
    recipient of a message whose tree nothing reads afterwards (a later `tree()` parses the bytes again).

    With the `mapping` the message came from, and an agreement that lists every element that mapping can
    write (`coverage.lists_everything`), only the Forms are filtered, on the bytes (`forms.keep_forms`).
    """
    fast = _forms_only(harmonized, agreement, mapping)
    if fast is not None:
        return fast
    if isinstance(harmonized, HarmonizedMessage):
        model = model or harmonized.model
        cut = None if mapping is None else mapping_cut(mapping, agreement.shared, model)
        if isinstance(harmonized, ResolvedApart):
            apart = _filtered_apart(harmonized, agreement, model, consume, cut)
            if apart is not None:
                return apart
        if consume:
            return _filtered(harmonized.take_tree(), agreement, model, in_place=True, cut=cut)
        return _filtered(harmonized.tree(), agreement, model, cut=cut)
    return _filtered(harmonized, agreement, model or load_model())


def _forms_only(
    harmonized: bytes | etree._Element | HarmonizedMessage, agreement: Agreement, mapping: Mapping | None
) -> bytes | None:
    """The message's bytes with only the Forms filtered (`forms.keep_forms`), when the agreement lists
    every element the `mapping` can write; None otherwise, or for a tree (not written again for this)."""
    if mapping is None or isinstance(harmonized, etree._Element) or not lists_everything(mapping, agreement):
        return None
    xml = harmonized.to_xml() if isinstance(harmonized, HarmonizedMessage) else harmonized
    return keep_forms(xml, mapping.format, agreement.languages)


def _filtered(
    harmonized: bytes | etree._Element,
    agreement: Agreement,
    model: Model,
    in_place: bool = False,
    cut: MappingCut | None = None,
) -> bytes:
    """The full filter: every element, annotation and Form the agreement does not let leave, removed
    (from a copy of a tree, or from the tree itself when `in_place`). With the `cut` of the engine's
    tree for the mapping it names, only what that cut withholds is looked for (`gateway.agreements.cut`)."""
    sieve = element_filter(agreement.shared, model)
    if isinstance(harmonized, bytes):
        root = etree.fromstring(harmonized, _PARSER)
    else:
        root = harmonized if in_place else copy.deepcopy(harmonized)
    if cut is not None and not cut.applies(root, sieve.namespace):
        cut = None
    strays = root.iter(etree.Comment, etree.ProcessingInstruction)
    if next(strays, None) is not None:  # the engine writes none
        etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    clear_stray_text(root)
    for section in list(root):
        if section.tag == sieve.declaration_tag:
            if cut is None:
                sieve.declaration(section, model.root_class().wco_id)
            else:
                cut.remove(section)
        elif section.tag == sieve.annotations_tag:
            sieve.annotations(section, "", agreement.languages, cut)
        elif section.tag == sieve.header_tag:  # what the message is: its known elements leave
            sieve.header(section)
        else:  # a section the model does not know
            root.remove(section)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _filtered_apart(
    message: ResolvedApart, agreement: Agreement, model: Model, consume: bool, cut: MappingCut | None
) -> bytes | None:
    """The full filter of a message whose tree does not hold its Resolutions yet: the bare tree filtered
    (itself when `consume`, else a copy), then the Resolutions the agreement lets leave written from the
    resolved names, with the Forms in its languages. None when the bare tree is gone. Under a `cut`, the
    engine's Annotations that the tree does not hold yet are cut as text (`_cut_as_text`)."""
    as_text = _cut_as_text(message, agreement, model, consume, cut) if cut is not None else None
    if as_text is not None:
        return as_text
    bare = message.take_bare_tree() if consume else message.bare_or_none()
    if bare is None:
        return None
    root = bare if consume else copy.deepcopy(bare)
    sieve = element_filter(agreement.shared, model)
    if root.find(sieve.annotations_tag) is None:  # where the stage would have put its Resolutions
        etree.SubElement(root, sieve.annotations_tag)
    shared = _filtered(root, agreement, model, in_place=True, cut=cut)
    return append_to_text(shared, sieve.resolutions(message.names, agreement.languages))


def _cut_as_text(
    message: ResolvedApart, agreement: Agreement, model: Model, consume: bool, cut: MappingCut
) -> bytes | None:
    """The cut of a message whose tree holds its Header and Declaration only: those filtered as a tree,
    the engine's Annotations as text (`cut_text.cut_annotations`), the Resolutions written from the
    resolved names; the bytes the tree filter gives the whole bare tree. None when the message has no
    such tree or its Annotations are not written as the engine writes them."""
    tail = message.engine_annotations()
    sieve = element_filter(agreement.shared, model)
    if tail is None or not cut.applies(message.head_tree(), sieve.namespace):
        return None
    section = cut_annotations(tail[: -len(CLOSE)], agreement.shared, cut.dirty)
    if section is None:
        return None
    split = annotations_at(message.xml)
    head_cut = cut_head(message.xml[:split], cut.withheld_paths) if split is not None else None
    if head_cut is not None:
        if consume:
            message.take_head_tree()  # nothing reads it after the last recipient
        shared = b"".join((_DECLARATION, head_cut, section, CLOSE))
    else:
        head = message.take_head_tree() if consume else copy.deepcopy(message.head_tree())
        if head is None:
            return None
        written = _filtered(head, agreement, model, in_place=True, cut=cut)  # ends with the closing tag
        shared = written[: -len(CLOSE)] + section + CLOSE
    return append_to_text(shared, sieve.resolutions(message.names, agreement.languages))
