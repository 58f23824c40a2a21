"""Issues that only a whole walk of a document shows, taken when a run ends.

Some paths keep state about the document they walk (an EDIFACT join's references to nothing, its
duplicate keys and the entries that nothing named; numbers whose decimal mark the syntax forbids); the
source tree's root hands their issues over through `walk_issues()`. Those issues name the segment, its
position and its source path, but a path does not know the harmonized pointer of the class it fills.
So each issue gets the pointer of the deepest class instance read from a node that holds its source:
an SGP naming no container points at its consignment (``42A/28A[2]``), a number refused in a goods item
at that goods item. An issue about something no instance was read from (an EQD that nothing named)
keeps no pointer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gateway.issues import Issue
from gateway.mapping.engine import Instance


def walk_issues(root: Any, annotation: Instance | None) -> list[Issue]:
    """The issues the paths found over the document rooted at `root`, each with the pointer of the
    instance (below `annotation`, the run's root annotation) that its source lies in."""
    take = getattr(root, "walk_issues", None)
    issues: list[Issue] = list(take()) if callable(take) else []
    if not issues or annotation is None:
        return issues
    pointers = _pointers(annotation)
    return [_located(issue, pointers) for issue in issues]


def _pointers(root: Instance) -> dict[str, str]:
    """The full pointer of every annotated instance below `root`, by its full source path."""
    found: dict[str, str] = {}
    stack = [(root, root.pointer)]
    while stack:
        instance, pointer = stack.pop()
        for child in instance.children:
            full = f"{pointer}/{child.pointer}"
            found.setdefault(child.full_source, full)
            stack.append((child, full))
    return found


def _located(issue: Issue, pointers: dict[str, str]) -> Issue:
    source = issue.source
    if issue.pointer is not None or not source:
        return issue
    while "/" in source.strip("/"):
        source = source.rsplit("/", 1)[0]
        if source in pointers:
            return replace(issue, pointer=pointers[source])
    return issue
