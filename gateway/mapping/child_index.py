"""Child indexes of XML elements, which the generated code reads plain child steps from.

lxml creates a Python object and a tag string for every child it hands out, and an iterator over the
children costs more to set up than a slice of them; a class function therefore indexes the children of
its node once (tag to child) and every value it reads is one dictionary look-up. The nodes a class
reaches by several plain steps are looked up once per class function too (`step`).

`gateway/mapping/_fastread.pyx` is the same index in C, built when the project is installed: it makes
no lxml proxy for a leaf child (see its docstring). This module is the reference, and the index when
the compiled module is absent (running from a source tree); `functions` picks one of the two.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

try:
    from gateway.mapping import _fastread

    ACCELERATOR: ModuleType | None = _fastread
    """The compiled child index, or None when it is not built."""
except ImportError:  # running from a source tree without the extension built
    ACCELERATOR = None


def child_index(node: Any) -> dict[str, Any]:
    """The children of an XML element by tag: the child itself when it is the only one with its tag
    (the usual case, and cheaper to build and read), else the list of them in document order."""
    index: dict[str, Any] = {}
    for child in node[:]:  # a slice of the children costs less than an iterator over them
        tag = child.tag
        if tag in index:
            found = index[tag]
            if found.__class__ is list:
                found.append(child)
            else:
                index[tag] = [found, child]
        else:
            index[tag] = child
    return index


class Several:
    """Stands for the nodes of a path step that matched more than one node (see `step`)."""

    __slots__ = ()


SEVERAL = Several()


def step(parent: Any, index: dict[str, Any] | None, tag: str) -> tuple[Any, dict[str, Any] | None]:
    """The child of `parent` (whose child index is `index`) with `tag`, and that child's own index.

    (None, None) when there is no such child or `parent` is absent; (SEVERAL, None) when this step or
    one above it matched several nodes, for which the generated code falls back to the path's own walk."""
    if index is None:
        return parent, None
    found = index.get(tag)
    if found is None:
        return None, None
    if found.__class__ is list:
        return SEVERAL, None
    return found, child_index(found)


def children_of(index: dict[str, Any], tag: str) -> tuple[Any, ...] | list[Any]:
    """The children with `tag` in a child index, in document order."""
    found = index.get(tag)
    if found is None:
        return ()
    return found if found.__class__ is list else (found,)


def functions(accelerated: bool | None = None) -> dict[str, Callable[..., Any]]:
    """`child_index`, `step` and `children_of` for the generated code: the compiled ones when
    `accelerated` (None: when they are built), else this module's. The compiled ones come with
    `read_value`, the usual case of a value read from a leaf child in one call, and
    `write_annotation`, `engine.Instance.write` in C (for `CompiledMapping.run`), and
    `joined_children`, `ElementChecker.joined_children` in C."""
    if accelerated is None:
        accelerated = ACCELERATOR is not None
    if not accelerated:
        return {"child_index": child_index, "step": step, "children_of": children_of}
    if ACCELERATOR is None:
        raise RuntimeError("gateway.mapping._fastread is not built: install the project (pip install -e .)")
    fast = ACCELERATOR
    return {
        "child_index": fast.child_index,
        "step": fast.step,
        "children_of": fast.children_of,
        "read_value": fast.read_value,
        "write_annotation": fast.write_annotation,
        "joined_children": fast.joined_children,
    }
