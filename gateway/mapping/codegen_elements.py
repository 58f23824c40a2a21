"""The generated code of element rules, and what the class functions of `codegen` share with it: the
source writer and the scope of child-index look-ups of one class function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gateway.mapping import engine
from gateway.mapping.rules import ElementRule
from gateway.mapping.transforms import BadValue
from gateway.mapping.xml_paths import SimplePath, XPathPath, text_of
from gateway.normalize.xmltext import escape_attribute

Steps = tuple[tuple[str, str], ...]
"""Plain child steps of a path: (Clark tag, step as written)."""


def child_steps(path: Any) -> Steps | None:
    """The steps of `path` when it is plain XML child steps (none for "."), else None."""
    if isinstance(path, SimplePath) and path.attribute is None:
        return path.steps
    return None


def walk_arguments(path: Any) -> str:
    """The arguments of `path.nodes` and `path.values` after the context node."""
    return ", run.absolute" if isinstance(path, XPathPath) else ""


def written_prefix(steps: Steps) -> str:
    """The source path of the one node that `steps` lead to, with a trailing slash ("" for none)."""
    return "".join(f"{written}[1]/" for _, written in steps)


class Writer:
    """Accumulates indented source lines and the constants the generated code refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "BadValue": BadValue,
            "Instance": engine.Instance,
            "SEVERAL": engine.SEVERAL,
            "text_of": text_of,
            "child_index": engine.child_index,
            "children_of": engine.children_of,
            "step": engine.step,
            "source_of": engine.source_of,
            "side_value": engine.side_value,
            "missing": engine.missing,
            "line_of": engine.line_of,
            "escape_attribute": escape_attribute,
            "join_source": engine.join_source,
        }
        self.counter = 0

    def constant(self, prefix: str, value: Any) -> str:
        """A new name in the generated namespace bound to `value`."""
        self.counter += 1
        name = f"{prefix}{self.counter}"
        self.namespace[name] = value
        return name

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)


class Scope:
    """The XML nodes that one class function reaches by plain child steps from its node, each looked up
    once with its child index: ``n<k>`` is the node (None when absent, SEVERAL when a step matched
    several nodes) and ``i<k>`` its index (None unless the node is one element)."""

    def __init__(self, writer: Writer, prefixes: set[Steps], indexed: bool) -> None:
        self.writer, self.indexed = writer, indexed
        self.variables: dict[Steps, tuple[str, str]] = {(): ("node", "index")}
        for number, prefix in enumerate(sorted(prefixes, key=lambda steps: (len(steps), steps)), 1):
            self.variables[prefix] = (f"n{number}", f"i{number}")

    def open(self) -> None:
        """Write the look-ups, at the top of the class function."""
        write = self.writer.line
        if self.indexed:
            write(1, "if index is None:")
            write(2, "index = child_index(node)")
        for prefix, (node, index) in self.variables.items():
            if prefix:
                parent_node, parent_index = self.variables[prefix[:-1]]
                tag = self.writer.constant("TAG", prefix[-1][0])
                write(1, f"{node}, {index} = step({parent_node}, {parent_index}, {tag})")

    def names(self, steps: Steps) -> tuple[str, str]:
        """The node and index variables of the node that `steps` lead to."""
        return self.variables[steps]

    def each_child(
        self, path: Any, steps: Steps, function: Callable[[str, str], str], call: str, flag: str
    ) -> None:
        """The loop of a class read once per node of a plain child-step path (`each:`): `function` makes
        the child's annotation from its source and line, `call` runs the class on (child, ci)."""
        write = self.writer.line

        def body(depth: int, source: str, line: str) -> None:
            write(depth, f"child_instance = {function(source, line)}")
            write(depth, f"if {call}:")
            write(depth + 1, "instance.children.append(child_instance)")
            write(depth + 1, f"{flag} = True")

        if not steps:  # each: "." reads the class from the node itself, with the node's index
            write(1, "q, child, ci = 1, node, index")
            body(1, "sp.rstrip('/')", "node.sourceline")
            return
        parent_node, parent_index = self.names(steps[:-1])
        tag = self.writer.constant("TAG", steps[-1][0])
        depth = 1 if len(steps) == 1 else 2
        if len(steps) > 1:
            write(1, f"if {parent_index} is not None:")
        write(depth, f"for q, child in enumerate(children_of({parent_index}, {tag}), 1):")
        write(depth + 1, "ci = None")
        body(depth + 1, f'f"{{sp}}{written_prefix(steps[:-1])}{steps[-1][1]}[{{q}}]"', "child.sourceline")
        if len(steps) == 1:
            return
        nodes = self.writer.constant("NODES", path)
        write(1, f"elif {parent_node} is SEVERAL:")
        write(2, f"for q, (child, relative) in enumerate({nodes}.nodes(node{walk_arguments(path)}), 1):")
        write(3, "ci = None")
        body(3, "join_source(sp, relative)", "line_of(child)")


class ElementCompiler:
    """Writes the code of one element rule inside its class function."""

    def __init__(self, writer: Writer, rule: ElementRule, flag: str, scope: Scope | None) -> None:
        self.writer, self.rule, self.flag, self.scope = writer, rule, flag, scope
        self.checker = writer.constant("CHECK", engine.ElementChecker(rule))
        self.memo = writer.constant("MEMO", writer.namespace[self.checker].memo)
        self.sided = not all(
            engine.is_constant_side(side) for side in (rule.unit, rule.currency, rule.language)
        )

    def compile(self) -> None:
        write, rule = self.writer.line, self.rule
        write(1, "n = 0")
        write(1, "rejected = False")
        steps = child_steps(rule.path) if self.scope is not None else None
        if rule.constant is not None:
            write(1, f"raw, child, relative = {rule.constant!r}, None, sp.rstrip('/')")
            self._body(1, "constant", False, "relative", "")
        elif rule.position:
            write(1, "raw, child, relative = str(position), None, sp.rstrip('/')")
            self._body(1, "position", False, "relative", "")
        elif rule.paths:
            self._joined()
        elif steps:
            self._child_steps(steps)
        elif rule.path is not None:
            self._walk(1)
        if rule.default is not None:
            write(1, "if not n:")
            write(2, f"raw, child, relative = {rule.default!r}, None, sp.rstrip('/')")
            self._body(2, "default", False, "relative", "")
        # True: written; None: a value was there but rejected (already reported); False: absent.
        write(1, f"{self.flag} = True if n else (None if rejected else False)")

    def _joined(self) -> None:
        write = self.writer.line
        if self.scope is not None and self.writer.namespace[self.checker].steps:
            write(1, f"joined = {self.checker}.joined_children(index, sp)")
        else:
            write(1, f"joined = {self.checker}.joined(node, sp)")
        write(1, "if joined is not None:")
        write(2, "raw, child, relative = joined")
        self._body(2, "mapped", False, "relative", self._generic_where())

    def _walk(self, depth: int) -> None:
        """Any path: walk it from the node (the path's own code: SimplePath, XPath, JSON, CSV, EDIFACT)."""
        write = self.writer.line
        path = self.writer.constant("PATH", self.rule.path)
        arguments = walk_arguments(self.rule.path)
        write(depth, f"for text, child, relative in {path}.values(node{arguments}):")
        write(depth + 1, "if not text or text.isspace():")
        write(depth + 2, "continue")
        write(depth + 1, "raw = text.strip()")
        write(depth + 1, "relative = join_source(sp, relative)")
        self._body(depth + 1, "mapped", True, "relative", self._generic_where())

    @staticmethod
    def _generic_where() -> str:
        # A value read from the class's own node (path: .) has the source "." of its Annotation.
        return ' source="{escape_attribute(relative.rstrip("/") or ".")}" line="{line_of(child)}"'

    def _child_steps(self, steps: Steps) -> None:
        """Plain child steps, read from the index of the leaf's parent: straight-line code when that
        parent has exactly one such child (the usual case), a loop over them otherwise."""
        assert self.scope is not None
        write = self.writer.line
        parent_node, parent_index = self.scope.names(steps[:-1])
        depth = 1
        if steps[:-1]:
            write(1, f"if {parent_index} is not None:")
            depth = 2
        prefix = written_prefix(steps[:-1])
        tag, written = steps[-1]
        write(depth, f"found = {parent_index}.get({self.writer.constant('TAG', tag)})")
        write(depth, "if found is None:")
        write(depth + 1, "pass")
        write(depth, "elif found.__class__ is not list:")
        single = f"{prefix}{written}[1]"
        self._leaf(depth + 1, "found", single, repr(single), in_loop=False)
        write(depth, "else:")
        write(depth + 1, "for q, child in enumerate(found, 1):")
        self._leaf(depth + 2, "child", f"{prefix}{written}[{{q}}]", f'f"{prefix}{written}[{{q}}]"', True)
        if steps[:-1]:
            write(1, f"elif {parent_node} is SEVERAL:")
            self._walk(2)

    def _leaf(self, depth: int, element: str, written: str, relative: str, in_loop: bool) -> None:
        write = self.writer.line
        if element != "child":
            write(depth, f"child = {element}")
        write(depth, "text = child.text if not len(child) else text_of(child)")
        write(depth, "raw = text.strip() if text else ''")
        if in_loop:
            write(depth, "if not raw:")
            write(depth + 1, "continue")
        else:
            write(depth, "if raw:")
            depth += 1
        where = f' source="{{sp}}{written}" line="{{child.sourceline}}"'
        self._body(depth, "mapped", in_loop, f"sp + {relative}", where)

    def _body(self, depth: int, method: str, in_loop: bool, source: str, where: str) -> None:
        write, rule, checker = self.writer.line, self.rule, self.checker
        suffix = "[{n + 1}]" if rule.model.repeats else ""
        node = "child if child is not None else node"
        if in_loop and not rule.model.repeats:
            write(depth, "if n:")
            write(depth + 1, f"{checker}.repeated(run, pointer, source_of(instance, {source}), child)")
            write(depth + 1, "break")
        if method == "default":
            write(depth, f"cached = {checker}.default_result(run)")
        else:
            self._cached(depth, source)
        write(depth, "if cached.__class__ is BadValue:")
        write(depth + 1, "rejected = True")
        write(
            depth + 1,
            f'{checker}.report(run, cached, pointer, source_of(instance, {source}), {node}, f"{suffix}")',
        )
        write(depth, "else:")
        write(depth + 1, "parts.append(cached[0])")
        pointer = f'<Field pointer="{{pp}}{rule.pointer_id}{suffix}"'
        attributes = where if method == "mapped" else f' method="{method}"'
        write(depth + 1, f"fields.append(f'{pointer}{attributes}{{cached[1]}}')")
        write(depth + 1, "if cached[2] is not None:")
        write(
            depth + 2,
            f'{checker}.report(run, cached[2], pointer, source_of(instance, {source}), {node}, f"{suffix}")',
        )
        write(depth + 1, "n += 1")

    def _cached(self, depth: int, source: str) -> None:
        write = self.writer.line
        if self.sided:
            if not engine.is_constant_side(self.rule.language):
                write(
                    depth,
                    f"language = {self.checker}.language(run, {self._side(2)}, pointer, "
                    f"source_of(instance, {source}), child)",
                )
            sides = ", ".join(self._side(number) for number in range(2))
            language = self._side(2) if engine.is_constant_side(self.rule.language) else "language"
            write(depth, f"key = (raw, {sides}, {language})")
        else:
            write(depth, "key = raw")
        write(depth, f"cached = {self.memo}.get(key)")
        write(depth, "if cached is None:")
        write(depth + 1, f"cached = {self.checker}.remember(key, run)")

    def _side(self, number: int) -> str:
        side = (self.rule.unit, self.rule.currency, self.rule.language)[number]
        if engine.is_constant_side(side):
            return repr(self.writer.namespace[self.checker].constant_sides[number])
        return f"side_value({self.writer.constant('SIDE', side)}, node, index)"
