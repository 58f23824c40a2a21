"""The generated code of element rules, and what the class functions of `codegen` share with it: the
source writer and the scope of child-index look-ups of one class function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gateway.mapping import child_index, engine
from gateway.mapping.checker import ElementChecker, joined_result
from gateway.mapping.edifact_paths import joined_addresses, joined_in_segments
from gateway.mapping.rules import ElementRule
from gateway.mapping.transforms import BadValue
from gateway.mapping.xml_paths import BranchedPath, SimplePath, XPathPath, text_of
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
    return ", run.absolute" if isinstance(path, XPathPath | BranchedPath) else ""


def written_prefix(steps: Steps) -> str:
    """The source path of the one node that `steps` lead to, with a trailing slash ("" for none)."""
    return "".join(f"{written}[1]/" for _, written in steps)


class Prefixes:
    """The pointer and source prefixes (`pp`, `sp`) of one class function when the code generator knows
    them (None when only the run does): the fields of a class read once per node have none, and those
    of a class read from the same node as its parent have the parent's. Known ones are written into
    the generated f-strings as text."""

    def __init__(self, pointer: str | None, source: str | None) -> None:
        self.pointer, self.source = pointer, source

    def pointer_text(self) -> str:
        """The pointer prefix inside a generated f-string."""
        return "{pp}" if self.pointer is None else _braced(self.pointer)

    def source_text(self) -> str:
        """The source prefix inside a generated f-string."""
        return "{sp}" if self.source is None else _braced(self.source)


def _braced(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class Writer:
    """Accumulates indented source lines and the constants the generated code refers to."""

    def __init__(self, accelerated: bool | None = None) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "BadValue": BadValue,
            "Instance": engine.Instance,
            "SEVERAL": child_index.SEVERAL,
            "text_of": text_of,
            **child_index.functions(accelerated),
            "source_of": engine.source_of,
            "side_value": engine.side_value,
            "side_of": engine.side_of,
            "side_child": engine.side_child,
            "missing": engine.missing,
            "too_many": engine.too_many,
            "line_of": engine.line_of,
            "escape_attribute": escape_attribute,
            "joined_result": joined_result,
            "join_source": engine.join_source,
            "joined_addresses": joined_addresses,
            "joined_in_segments": joined_in_segments,
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

    def __init__(self, writer: Writer, prefixes: set[Steps], indexed: bool, known: Prefixes) -> None:
        self.writer, self.indexed, self.known = writer, indexed, known
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
        self,
        path: Any,
        steps: Steps,
        function: Callable[[str, str], str],
        call: str,
        flag: str,
        limit: Callable[[str], str],
    ) -> None:
        """The loop of a class read once per node of a plain child-step path (`each:`): `function` makes
        the child's annotation from its source and line, `call` runs the class on (child, ci), `limit`
        stops the loop past the run's repeat limit (given the child's source)."""
        write = self.writer.line

        def body(depth: int, source: str, line: str, looped: bool = True) -> None:
            if looped:
                write(depth, limit(source))
            write(depth, f"child_instance = {function(source, line)}")
            write(depth, f"if {call}:")
            write(depth + 1, "instance.children.append(child_instance)")
            write(depth + 1, f"{flag} = True")

        if not steps:  # each: "." reads the class from the node itself, with the node's index
            write(1, "q, child, ci = 1, node, index")
            body(1, "sp.rstrip('/')", "node.sourceline", looped=False)
            return
        parent_node, parent_index = self.names(steps[:-1])
        tag = self.writer.constant("TAG", steps[-1][0])
        depth = 1 if len(steps) == 1 else 2
        if len(steps) > 1:
            write(1, f"if {parent_index} is not None:")
        write(depth, f"for q, child in enumerate(children_of({parent_index}, {tag}), 1):")
        if steps in self.variables:  # the function looked this node up already, with its index
            node, index = self.variables[steps]
            write(depth + 1, f"ci = {index} if child is {node} else None")
        else:
            write(depth + 1, "ci = None")
        source = f'f"{self.known.source_text()}{written_prefix(steps[:-1])}{steps[-1][1]}[{{q}}]"'
        body(depth + 1, source, "child.sourceline")
        if len(steps) == 1:
            return
        nodes = self.writer.constant("NODES", path)
        write(1, f"elif {parent_node} is SEVERAL:")
        write(2, f"for q, (child, relative) in enumerate({nodes}.nodes(node{walk_arguments(path)}), 1):")
        write(3, "ci = None")
        body(3, "join_source(sp, relative)", "line_of(child)")


class ElementCompiler:
    """Writes the code of one element rule inside its class function.

    The usual case runs straight through: one look-up in the child index, the text, one memo look-up,
    one class test (a plain tuple is a checked value without a warning) and two appends. A value that
    failed its checks or has a warning goes to `ElementChecker.settle`; a repeated source element to a
    loop that counts the values it wrote in `n`. The element's flag ends True (written), None (a value
    was there but rejected, and reported) or False (absent)."""

    def __init__(
        self,
        writer: Writer,
        rule: ElementRule,
        flag: str,
        scope: Scope | None,
        joins: dict[Any, str],
        known: Prefixes,
    ) -> None:
        self.writer, self.rule, self.flag, self.scope, self.joins = writer, rule, flag, scope, joins
        self.known = known
        self.checker = writer.constant("CHECK", ElementChecker(rule))
        self.memo = writer.constant("MEMO", writer.namespace[self.checker].memo)
        self.sided = not all(
            engine.is_constant_side(side) for side in (rule.unit, rule.currency, rule.language)
        )

    def compile(self) -> None:
        write, rule = self.writer.line, self.rule
        steps = child_steps(rule.path) if self.scope is not None else None
        here = "sp.rstrip('/')"
        if rule.constant is not None:
            write(1, f"raw = {rule.constant!r}")
            self._once(1, "constant", here, "node", "")
        elif rule.position:
            write(1, "raw = str(position)")
            self._once(1, "position", here, "node", "")
        elif rule.paths:
            self._joined()
        elif steps:
            self._child_steps(steps)
        elif getattr(rule.path, "first_segment_address", None) is not None:
            self._first_segment_address()
        elif rule.path is not None:
            self._walk(1)
        if rule.default is not None:
            write(1, f"if {self.flag} is not True:")
            self._once(2, "default", here, "node", "")

    def _joined(self) -> None:
        """`paths` + `join`: the parts are read once per class instance for every rule that joins the
        same paths in the same way."""
        write = self.writer.line
        signature = (tuple(path.text for path in self.rule.paths), self.rule.join)
        if signature not in self.joins:
            name = self.joins[signature] = f"j{len(self.joins) + 1}"
            checker = self.writer.namespace[self.checker]
            if self.scope is not None and checker.steps and "joined_children" in self.writer.namespace:
                steps = self.writer.constant("STEPS", checker.steps)
                write(1, f"{name} = joined_children(index, {steps}, {self.rule.join!r}, sp, joined_result)")
            elif self.scope is not None and checker.steps:
                write(1, f"{name} = {self.checker}.joined_children(index, sp)")
            elif (edifact := self._edifact_join()) is not None:
                write(1, f"{name} = {edifact}")
            else:
                write(1, f"{name} = {self.checker}.joined(node, sp)")
        write(1, f"joined = {self.joins[signature]}")
        write(1, "if joined is not None:")
        write(2, "raw, child, relative, where = joined")
        self._once(2, "mapped", "relative", "child", "{where}")

    def _edifact_join(self) -> str | None:
        """The call that reads the rule's `paths` in one go when each is an EDIFACT address alone
        (``4.1``...: `joined_addresses`) or the same segment step with an address (``FTX[AAA]/4.1``...:
        `joined_in_segments`); None for any other paths."""
        constant, tail = self.writer.constant, f"{self.rule.join!r}, sp, joined_result"
        firsts = tuple(getattr(path, "first_segment_address", None) for path in self.rule.paths)
        if all(firsts):
            return f"joined_addresses(node, {constant('ADDRESSES', firsts)}, {tail})"
        reads = [getattr(path, "segment_address", None) for path in self.rule.paths]
        if not all(reads) or any(read[0] != reads[0][0] for read in reads):  # type: ignore[index]
            return None
        step = constant("STEP", reads[0][0])  # type: ignore[index]
        addresses = constant("ADDRESSES", tuple(read[1:] for read in reads))  # type: ignore[index]
        return f"joined_in_segments(node, {step}, {addresses}, {tail})"

    def _first_segment_address(self) -> None:
        """An EDIFACT address alone (``2.1``): the component of the node's first segment, read inline
        (what `EdifactPath.values` gives: at most one value, its source the address)."""
        write = self.writer.line
        element, component, written = self.rule.path.first_segment_address  # type: ignore[union-attr]
        write(1, "child = node.interchange.segments[node.start]")
        write(1, "text = child.elements")
        write(1, f"text = text[{element - 1}] if len(text) >= {element} else ()")
        write(1, f"text = text[{component - 1}] if len(text) >= {component} else ''")
        write(1, "if text and not text.isspace():")
        write(2, "raw = text.strip()")
        write(2, f"relative = sp + {written!r}")  # join_source's result: the address ends in a digit
        where = ' source="{escape_attribute(relative)}" line="{child.sourceline}"'  # _generic_where's
        self._once(2, "mapped", "relative", "child", where)

    def _walk(self, depth: int) -> None:
        """Any path: walk it from the node (the path's own code: SimplePath, XPath, JSON, CSV, EDIFACT)."""
        write = self.writer.line
        path = self.writer.constant("PATH", self.rule.path)
        arguments = walk_arguments(self.rule.path)
        write(depth, "n = 0")
        write(depth, f"for text, child, relative in {path}.values(node{arguments}):")
        write(depth + 1, "if not text or text.isspace():")
        write(depth + 2, "continue")
        write(depth + 1, "raw = text.strip()")
        write(depth + 1, "relative = join_source(sp, relative)")
        self._each(depth + 1, "relative", self._generic_where())

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
        single = f"{prefix}{written}[1]"
        tag_name = self.writer.constant("TAG", tag)
        field = self._fast_field(single)
        if field is not None:  # the compiled child index reads the usual case in one call
            head, middle, tail = field
            texts = f"{self.writer.constant('HEAD', head)}, {middle or repr('')}, {tail!r}"
            arguments = f"{parent_index}, {tag_name}, {self.memo}, {texts}, parts, fields"
            write(depth, f"{self.flag} = read_value({arguments})")
            write(depth, f"if {self.flag} is None:")
            depth += 1
            write(depth, f"{self.flag} = False")
        write(depth, f"found = {parent_index}.get({tag_name})")
        write(depth, "if found is not None and found.__class__ is not list:")
        write(depth + 1, "text = found.text if not len(found) else text_of(found)")
        write(depth + 1, "if text:")
        write(depth + 2, "raw = text.strip()")
        write(depth + 2, "if raw:")
        where = f' source="{self.known.source_text()}{single}" line="{{found.sourceline}}"'
        self._once(depth + 3, "mapped", f"sp + {single!r}", "found", where)
        write(depth, "elif found is not None:")
        write(depth + 1, "n = 0")
        write(depth + 1, "for q, child in enumerate(found, 1):")
        write(depth + 2, "text = child.text if not len(child) else text_of(child)")
        write(depth + 2, "raw = text.strip() if text else ''")
        write(depth + 2, "if not raw:")
        write(depth + 3, "continue")
        where = f' source="{self.known.source_text()}{prefix}{written}[{{q}}]" line="{{child.sourceline}}"'
        self._each(depth + 2, f'sp + f"{prefix}{written}[{{q}}]"', where)
        if steps[:-1]:
            write(1, f"elif {parent_node} is SEVERAL:")
            self._walk(2)

    def _fast_field(self, single: str) -> tuple[str, str, str] | None:
        """The Field of a value read by `read_value` up to its line, in three parts (text, a prefix
        known at run time: `pp`, `sp` or "", text), when the compiled child index is used and the
        value is its own memo key; else None."""
        known = self.known
        if "read_value" not in self.writer.namespace or self.sided:
            return None
        if known.pointer is None and known.source is None:
            return None
        suffix = "[1]" if self.rule.model.repeats else ""
        pointer = f"{self.rule.pointer_id}{suffix}"
        if known.pointer is None:
            return '<Field pointer="', "pp", f'{pointer}" source="{known.source}{single}" line="'
        if known.source is None:
            return f'<Field pointer="{known.pointer}{pointer}" source="', "sp", f'{single}" line="'
        return f'<Field pointer="{known.pointer}{pointer}" source="{known.source}{single}" line="', "", ""

    def _field(self, where: str, suffix: str) -> str:
        return f'<Field pointer="{self.known.pointer_text()}{self.rule.pointer_id}{suffix}"{where}'

    def _once(self, depth: int, method: str, source: str, element: str, where: str) -> None:
        """The one value `raw` of a non-repeated source, read from `element` at `source`: sets the flag."""
        write, checker, flag = self.writer.line, self.checker, self.flag
        suffix = "[1]" if self.rule.model.repeats else ""
        if method == "default":
            write(depth, f"cached = {checker}.default_result(run)")
        else:
            key = self._key(depth, source, element)
            write(depth, f"cached = {self.memo}.get({key}) or {checker}.remember({key}, run)")
        field = self._field(where if method == "mapped" else f' method="{method}"', suffix)
        write(depth, "if cached.__class__ is tuple:")
        write(depth + 1, "parts.append(cached[0])")
        write(depth + 1, f"fields.append(f'{field}{{cached[1]}}')")
        write(depth + 1, f"{flag} = True")
        write(depth, "else:")
        where_tuple = f"(pointer, source_of(instance, {source}), {element}, {suffix!r})"
        write(depth + 1, f"{flag} = {checker}.settle(run, cached, {where_tuple}, parts, fields, f'{field}')")

    def _each(self, depth: int, source: str, where: str) -> None:
        """One of several source values `raw` (from `child`), counted in `n`: a non-repeating element
        keeps the first and warns about the next."""
        write, rule, checker, flag = self.writer.line, self.rule, self.checker, self.flag
        suffix = "[{n + 1}]" if rule.model.repeats else ""
        if not rule.model.repeats:
            write(depth, "if n:")
            write(depth + 1, f"{checker}.repeated(run, pointer, source_of(instance, {source}), child)")
            write(depth + 1, "break")
        key = self._key(depth, source, "child")
        write(depth, f"cached = {self.memo}.get({key}) or {checker}.remember({key}, run)")
        field = self._field(where, suffix)
        write(depth, "if cached.__class__ is tuple:")
        write(depth + 1, "parts.append(cached[0])")
        write(depth + 1, f"fields.append(f'{field}{{cached[1]}}')")
        write(depth + 1, "n += 1")
        write(depth + 1, f"{flag} = True")
        write(depth, "else:")
        where_tuple = f'(pointer, source_of(instance, {source}), child, f"{suffix}")'
        write(depth + 1, f"written = {checker}.settle(run, cached, {where_tuple}, parts, fields, f'{field}')")
        write(depth + 1, "if written:")
        write(depth + 2, "n += 1")
        write(depth + 2, f"{flag} = True")
        write(depth + 1, f"elif {flag} is False:")
        write(depth + 2, f"{flag} = None")

    def _key(self, depth: int, source: str, element: str) -> str:
        """The memo key of `raw` (with its unit, currency and language when they are read)."""
        if not self.sided:
            return "raw"
        write = self.writer.line
        if not engine.is_constant_side(self.rule.language):
            write(
                depth,
                f"language = {self.checker}.language(run, {self._side(2, element)}, pointer, "
                f"source_of(instance, {source}), {element})",
            )
        sides = ", ".join(self._side(number, element) for number in range(2))
        language = self._side(2, element) if engine.is_constant_side(self.rule.language) else "language"
        write(depth, f"key = (raw, {sides}, {language})")
        return "key"

    def _side(self, number: int, element: str) -> str:
        """The value of the unit, currency or language rule; when it reads an attribute of the one
        element being read (`found`), from that element."""
        side = (self.rule.unit, self.rule.currency, self.rule.language)[number]
        if engine.is_constant_side(side):
            return repr(self.writer.namespace[self.checker].constant_sides[number])
        assert side is not None
        name = self.writer.constant("SIDE", side)
        path = side.path
        own = child_steps(self.rule.path) if element == "found" else None
        if isinstance(path, SimplePath) and path.attribute and own and path.steps == own:
            return f"side_of({name}, found)"
        scope, steps = self.scope, child_steps(path)
        if scope is not None and steps and steps[:-1] in scope.variables:
            parent_index = scope.names(steps[:-1])[1]
            tag = self.writer.constant("TAG", steps[-1][0])
            return (
                f"(side_child({name}, {parent_index}, {tag}) if {parent_index} is not None "
                f"else side_value({name}, node, index))"
            )
        return f"side_value({name}, node, index)"
