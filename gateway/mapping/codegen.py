"""Compile a mapping into Python source: one function per class rule, run by `CompiledMapping.run`.

Interpreting the rules costs a dozen Python calls per value; the generated code inlines them, so that a
value costs a dictionary look-up, a strip, a memo look-up and two appends. The generated functions only
call into `gateway.mapping.engine` for what is rare or heavy (checking a value the first time, reporting
an issue). `gateway mappings source FORMAT` prints the generated code for a mapping, for debugging.

A class function has the signature ``c<N>(node, instance, pointer, pp, sp, position, run)``: the source
node of the class instance; the annotation its fields go to (one per node that a repeating class is read
from: a class read from its parent's node or from a single child node shares its parent's); its full
pointer; the pointer and source prefixes of its fields relative to that annotation; its position among
its repetitions; and the run.
"""

from __future__ import annotations

import gc
from typing import Any

from gateway.mapping import engine
from gateway.mapping.rules import ClassRule, ElementRule, Mapping
from gateway.mapping.transforms import BadValue
from gateway.mapping.walk import walk_issues
from gateway.mapping.xml_paths import SimplePath, text_of
from gateway.normalize.xmltext import escape_attribute


class _Writer:
    """Accumulates indented source lines and the constants the generated code refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "BadValue": BadValue,
            "Instance": engine.Instance,
            "text_of": text_of,
            "child_index": engine.child_index,
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


def _single_tag(rule: ElementRule) -> tuple[str, str] | None:
    path = rule.path
    if isinstance(path, SimplePath) and len(path.steps) == 1 and path.attribute is None:
        return path.steps[0]
    return None


def _single_step(path: Any) -> tuple[str, str] | None:
    if isinstance(path, SimplePath) and len(path.steps) == 1 and path.attribute is None:
        return path.steps[0]
    return None


def _needs_index(rule: ClassRule) -> bool:
    for child in rule.children:
        if isinstance(child, ElementRule):
            if _single_tag(child) or child.unit or child.currency or child.language:
                return True
        elif _single_step(child.each or child.path):
            return True
    return False


class _ClassCompiler:
    """Writes the function of one class rule, compiling its children's functions first."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer

    def compile(self, rule: ClassRule, keep_empty: bool = False) -> str:
        child_functions = {
            id(child): self.compile(child) for child in rule.children if isinstance(child, ClassRule)
        }
        name = self.writer.constant("c", None)
        write = self.writer.line
        write(0, f"def {name}(node, instance, pointer, pp, sp, position, run):")
        write(1, "parts = run.parts")
        write(1, "fields = instance.fields")
        if _needs_index(rule):
            write(1, "index = child_index(node)")
        write(1, "mark = len(parts)")
        write(1, f"parts.append({f'<{rule.name}>'!r})")
        produced = []
        for number, child in enumerate(rule.children):
            flag = f"p{number}"
            produced.append(flag)
            write(1, f"{flag} = False")
            if isinstance(child, ElementRule):
                _ElementCompiler(self.writer, child, flag).compile()
            else:
                self._child_class(child, child_functions[id(child)], flag)
        if not keep_empty:
            write(1, f"if not ({' or '.join(produced) or 'False'}):")
            write(2, "del parts[mark:]")
            write(2, "return False")
        write(1, f"parts.append({f'</{rule.name}>'!r})")
        self._required(rule, produced)
        write(1, "return True")
        write(0, "")
        return name

    def _child_class(self, rule: ClassRule, function: str, flag: str) -> None:
        write = self.writer.line
        suffix = "[{q}]" if rule.repeats else ""
        if rule.each is None and rule.path is None:
            same = "[1]" if rule.repeats else ""
            write(
                1,
                f"{flag} = {function}(node, instance, pointer + {f'/{rule.pointer_id}{same}'!r}, "
                f"pp + {f'{rule.pointer_id}{same}/'!r}, sp, 1, run)",
            )
            return
        if rule.each is None:
            self._single_node_class(rule, function, flag)
            return
        step = _single_step(rule.each)
        if step is not None:
            tag = self.writer.constant("TAG", step[0])
            write(1, f"for q, child in enumerate(index.get({tag}, ()), 1):")
            write(2, f'relative = f"{step[1]}[{{q}}]"')
        else:
            path = self.writer.constant("NODES", rule.each)
            write(1, f"for q, (child, relative) in enumerate({path}.nodes(node), 1):")
        write(2, f'child_pointer = f"{{pointer}}/{rule.pointer_id}{suffix}"')
        write(
            2,
            f'child_instance = Instance(instance, pp + f"{rule.pointer_id}{suffix}", '
            "join_source(sp, relative), line_of(child))",
        )
        write(2, f"if {function}(child, child_instance, child_pointer, '', '', q, run):")
        write(3, "instance.children.append(child_instance)")
        write(3, f"{flag} = True")

    def _single_node_class(self, rule: ClassRule, function: str, flag: str) -> None:
        """A class read from one child node shares the parent's annotation, with a source prefix."""
        write = self.writer.line
        suffix = "[1]" if rule.repeats else ""
        step = _single_step(rule.path)
        if step is not None:
            tag = self.writer.constant("TAG", step[0])
            write(1, f"found = index.get({tag})")
            write(1, "if found:")
            write(2, f"child, relative = found[0], {step[1] + '[1]'!r}")
        else:
            path = self.writer.constant("NODES", rule.path)
            write(1, f"found = {path}.nodes(node)")
            write(1, "if found:")
            write(2, "child, relative = found[0]")
        write(
            2,
            f"{flag} = {function}(child, instance, pointer + {f'/{rule.pointer_id}{suffix}'!r}, "
            f"pp + {f'{rule.pointer_id}{suffix}/'!r}, join_source(sp, relative) + '/', 1, run)",
        )

    def _required(self, rule: ClassRule, produced: list[str]) -> None:
        if not rule.required:
            return
        names = [
            child.model.name if isinstance(child, ElementRule) else child.name for child in rule.children
        ]
        write = self.writer.line
        write(1, "kind = run.kind")
        for required in rule.required:
            kinds = self.writer.constant("KINDS", required.kinds)
            flag = produced[names.index(required.name)] if required.name in names else None
            absent = f" and {flag} is False" if flag else ""
            write(1, f"if kind in {kinds}{absent}:")
            write(
                2, f"missing(run, {required.name!r}, pointer + {f'/{required.wco_id}'!r}, instance, sp, node)"
            )


class _ElementCompiler:
    """Writes the code of one element rule inside its class function."""

    def __init__(self, writer: _Writer, rule: ElementRule, flag: str) -> None:
        self.writer, self.rule, self.flag = writer, rule, flag
        self.checker = writer.constant("CHECK", engine.ElementChecker(rule))
        self.memo = writer.constant("MEMO", writer.namespace[self.checker].memo)
        self.sided = not all(
            engine.is_constant_side(side) for side in (rule.unit, rule.currency, rule.language)
        )

    def compile(self) -> None:
        write, rule = self.writer.line, self.rule
        write(1, "n = 0")
        write(1, "rejected = False")
        single = _single_tag(rule)
        if rule.constant is not None:
            write(1, f"raw, child, relative = {rule.constant!r}, None, sp.rstrip('/')")
            self._body(1, "constant", in_loop=False)
        elif rule.position:
            write(1, "raw, child, relative = str(position), None, sp.rstrip('/')")
            self._body(1, "position", in_loop=False)
        elif rule.paths:
            write(1, f"joined = {self.checker}.joined(node, sp)")
            write(1, "if joined is not None:")
            write(2, "raw, child, relative = joined")
            self._body(2, "mapped", in_loop=False)
        elif single is not None:
            self._single_child(single)
        elif rule.path is not None:
            path = self.writer.constant("PATH", rule.path)
            write(1, f"for text, child, relative in {path}.values(node):")
            write(2, "if not text or text.isspace():")
            write(3, "continue")
            write(2, "raw = text.strip()")
            write(2, "relative = join_source(sp, relative)")
            self._body(2, "mapped", in_loop=True)
        if rule.default is not None:
            write(1, "if not n:")
            write(2, f"raw, child, relative = {rule.default!r}, None, sp.rstrip('/')")
            self._body(2, "default", in_loop=False)
        # True: written; None: a value was there but rejected (already reported); False: absent.
        write(1, f"{self.flag} = True if n else (None if rejected else False)")

    def _single_child(self, single: tuple[str, str]) -> None:
        """One child step: straight-line code when the node has exactly one such child (the usual
        case), a loop over them otherwise."""
        write = self.writer.line
        tag = self.writer.constant("TAG", single[0])
        write(1, f"found = index.get({tag})")
        write(1, "if found is not None and len(found) == 1:")
        write(2, "child = found[0]")
        write(2, "text = child.text if not len(child) else text_of(child)")
        write(2, "raw = text.strip() if text else ''")
        write(2, "if raw:")
        write(3, f"relative = {single[1] + '[1]'!r}")
        self._body(3, "mapped", in_loop=False)
        write(1, "elif found is not None:")
        write(2, "for q, child in enumerate(found, 1):")
        write(3, "text = child.text if not len(child) else text_of(child)")
        write(3, "raw = text.strip() if text else ''")
        write(3, "if not raw:")
        write(4, "continue")
        write(3, f'relative = f"{single[1]}[{{q}}]"')
        self._body(3, "mapped", in_loop=True)

    def _body(self, depth: int, method: str, in_loop: bool) -> None:
        write, rule, checker = self.writer.line, self.rule, self.checker
        suffix = "[{n + 1}]" if rule.model.repeats else ""
        # Only a single child step leaves `relative` without the class's prefix (it is never absolute,
        # and skipping the join keeps that common case fast); every other value carries it already.
        source = "sp + relative" if _single_tag(rule) and method == "mapped" else "relative"
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
        write(depth + 1, self._field_line(method, suffix, source))
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

    def _field_line(self, method: str, suffix: str, source: str) -> str:
        pointer = f'<Field pointer="{{pp}}{self.rule.pointer_id}{suffix}"'
        if method != "mapped":
            return f"fields.append(f'{pointer} method=\"{method}\"' + cached[1])"
        if _single_tag(self.rule):
            where = 'source="{sp}{relative}" line="{child.sourceline}"'
            return f"fields.append(f'{pointer} {where}' + cached[1])"
        # A value read from the class's own node (path: .) has the source "." of its Annotation.
        where = f'{{escape_attribute(({source}).rstrip("/") or ".")}}'
        return f'fields.append(f\'{pointer} source="{where}" line="{{line_of(child)}}"\' + cached[1])'

    def _side(self, number: int) -> str:
        side = (self.rule.unit, self.rule.currency, self.rule.language)[number]
        if engine.is_constant_side(side):
            return repr(self.writer.namespace[self.checker].constant_sides[number])
        return f"side_value({self.writer.constant('SIDE', side)}, node, index)"


class CompiledMapping:
    """A mapping compiled to Python: `run` writes the Declaration of one document."""

    def __init__(self, mapping: Mapping) -> None:
        writer = _Writer()
        self.root_function = _ClassCompiler(writer).compile(mapping.declaration, keep_empty=True)
        self.source = "\n".join(writer.lines)
        code = compile(self.source, f"<mapping {mapping.format}>", "exec")
        exec(code, writer.namespace)
        self.root = writer.namespace[self.root_function]
        self.declaration = mapping.declaration

    def run(self, root: Any, source: str, run: engine.MappingRun) -> None:
        """Write the Declaration of the document rooted at `root` into `run`.

        The cyclic garbage collector is paused meanwhile: a run allocates tens of thousands of small
        containers and no reference cycle (annotations hold no parent links), so reference counting frees
        everything, and collections triggered by the allocations alone cost up to a third of the run."""
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            self._run(root, source, run)
        finally:
            if paused:
                gc.enable()

    def _run(self, root: Any, source: str, run: engine.MappingRun) -> None:
        node, relative = root, ""
        if self.declaration.path is not None:
            found = list(self.declaration.path.nodes(root))[:1]
            node, relative = found[0] if found else (root, "")
        pointer = self.declaration.pointer_id
        instance = engine.Instance(
            None, pointer, f"{source}/{relative}" if relative else source, engine.line_of(node)
        )
        run.root = instance
        self.root(node, instance, pointer, "", "", 1, run)
        run.issues.extend(walk_issues(root, instance))
