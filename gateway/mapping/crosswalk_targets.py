"""The codes a mapping's crosswalks write, against the code lists of the elements they fill.

A crosswalk (`codelists/crosswalks/*.csv`) is the project's own table from a national code to a UN or
WCO code. A code it writes that the element's code list lacks would be refused in every document that
carries the national code, or, for a list the project holds an extract of, warned about in every one
(NCTS's T1 once became UNTDID 1001 578, which the extract lacked: every NCTS document carried a warning
its sender could not act on). `gateway check` reports such codes with the mapping, element and row.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.etree import QName

from gateway.codelists.lists import CodeLists
from gateway.mapping.rules import ClassRule, ElementRule, Mapping
from gateway.mapping.transforms import CrosswalkTransform


def crosswalked_rules(rule: ClassRule) -> Iterator[tuple[ElementRule, CrosswalkTransform]]:
    """The element rules below `rule` whose last transform is a crosswalk (what it writes is the value
    the element is checked with), with that transform."""
    for child in rule.children:
        if isinstance(child, ClassRule):
            yield from crosswalked_rules(child)
        elif child.transforms and isinstance(child.transforms[-1], CrosswalkTransform):
            yield child, child.transforms[-1]


def unknown_targets(mapping: Mapping, codelists: CodeLists) -> list[str]:
    """One line per code a crosswalk of `mapping` writes that its element's code list does not hold."""
    faults = []
    for rule, crosswalk in crosswalked_rules(mapping.declaration):
        code_list = codelists.get(rule.model.codelist) if rule.model.codelist else None
        if code_list is None:
            continue
        for national, code in crosswalk.table.entries.items():
            if code_list.entry(code) is None:
                faults.append(
                    f"mapping {mapping.format}: crosswalk {crosswalk.table.name} writes {code!r} (for "
                    f"{national!r}) into {QName(rule.tag).localname} ({rule.pointer_id}), and code list "
                    f"{rule.model.codelist} has no such code ({crosswalk.table.file.name})"
                )
    return faults
