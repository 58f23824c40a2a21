"""Compile a mapping into Python source: one function per class rule, run by `CompiledMapping.run`.

Interpreting the rules costs a dozen Python calls per value; the generated code inlines them, so that a
value costs a dictionary look-up, a strip, a memo look-up and two appends. The generated functions only
call into `gateway.mapping.engine` for what is rare or heavy (checking a value the first time, reporting
an issue). `Normalizer.compiled(mapping).source` is the generated code of a mapping, for debugging.

A class function has the signature ``c<N>(node, index, instance, pointer, pp, sp, position, run)``: the
source node of the class instance and its child index when the caller already has it (else None); the
annotation its fields go to (one per node that a repeating class is read from: a class read from its
parent's node or from a single child node shares its parent's); its full pointer; the pointer and source
prefixes of its fields relative to that annotation; its position among its repetitions; and the run.

In XML, paths of plain child steps are read from child indexes (tag to child) that each class function
builds once for its node and for the nodes its paths step through (`child_index.step`); the index of a node
is handed to a class read from that same node. Where a step matches several nodes, or a path is not
plain child steps, the code walks the path itself (`SimplePath` or XPath, in `xml_paths`).
"""

from __future__ import annotations

from typing import Any

from gateway.collector import paused_collector
from gateway.mapping import child_index, engine
from gateway.mapping.checker import ElementChecker
from gateway.mapping.codegen_elements import (
    ElementCompiler,
    Prefixes,
    Scope,
    Writer,
    child_steps,
    walk_arguments,
)
from gateway.mapping.rules import ClassRule, ElementRule, Mapping
from gateway.mapping.walk import walk_issues


def _one_step(path: Any) -> bool:
    steps = child_steps(path)
    return steps is not None and len(steps) == 1


class _ClassCompiler:
    """Writes the function of one class rule, compiling its children's functions first."""

    def __init__(self, writer: Writer, xml: bool) -> None:
        self.writer, self.xml = writer, xml

    def compile(self, rule: ClassRule, known: Prefixes, keep_empty: bool = False) -> str:
        child_functions = {
            id(child): self.compile(child, self._known_below(child, known))
            for child in rule.children
            if isinstance(child, ClassRule)
        }
        name = self.writer.constant("c", None)
        write = self.writer.line
        write(0, f"def {name}(node, index, instance, pointer, pp, sp, position, run):")
        write(1, "parts = run.parts")
        write(1, "fields = instance.fields")
        scope = Scope(self.writer, self._prefixes(rule), self._indexed(rule), known) if self.xml else None
        if scope is not None:
            scope.open()
        write(1, "mark = len(parts)")
        write(1, f"parts.append({f'<{rule.name}>'!r})")
        produced: list[str] = []
        joins: dict[Any, str] = {}
        for number, child in enumerate(rule.children):
            flag = f"p{number}"
            produced.append(flag)
            write(1, f"{flag} = False")
            if isinstance(child, ElementRule):
                ElementCompiler(self.writer, child, flag, scope, joins, known).compile()
            else:
                self._child_class(child, child_functions[id(child)], flag, scope, known)
        if not keep_empty:
            write(1, f"if not ({' or '.join(produced) or 'False'}):")
            write(2, "del parts[mark:]")
            write(2, "return False")
        write(1, f"parts.append({f'</{rule.name}>'!r})")
        self._required(rule, produced)
        write(1, "return True")
        write(0, "")
        return name

    @staticmethod
    def _known_below(rule: ClassRule, known: Prefixes) -> Prefixes:
        """The prefixes of `rule`'s function, called from its parent's whose prefixes are `known`."""
        if rule.each is not None:
            return Prefixes("", "")
        pointer = (
            None
            if known.pointer is None
            else f"{known.pointer}{rule.pointer_id}{'[1]' if rule.repeats else ''}/"
        )
        return Prefixes(pointer, known.source if rule.path is None else None)

    @staticmethod
    def _prefixes(rule: ClassRule) -> set[tuple[tuple[str, str], ...]]:
        """The child-step paths from the class's node whose nodes the class function looks up once: the
        parents of the values it reads, and the nodes of the classes it reads from a single child."""
        prefixes: set[tuple[tuple[str, str], ...]] = set()
        for child in rule.children:
            if isinstance(child, ElementRule):
                steps = child_steps(child.path) or ()
                prefixes.update(steps[:end] for end in range(1, len(steps)))
                continue
            steps = child_steps(child.each or child.path) or ()
            last = len(steps) if child.each is None else len(steps) - 1
            prefixes.update(steps[:end] for end in range(1, last + 1))
        return prefixes

    @staticmethod
    def _indexed(rule: ClassRule) -> bool:
        """Whether the class function reads its node's child index itself."""
        for child in rule.children:
            if isinstance(child, ElementRule):
                if child_steps(child.path) or (child.paths and all(map(_one_step, child.paths))):
                    return True
            elif child_steps(child.each or child.path):
                return True
        return False

    def _child_class(
        self, rule: ClassRule, function: str, flag: str, scope: Scope | None, known: Prefixes
    ) -> None:
        write = self.writer.line
        suffix = "[{q}]" if rule.repeats else ""
        if rule.each is None and rule.path is None:
            same = "[1]" if rule.repeats else ""
            write(
                1,
                f"{flag} = {function}(node, index, instance, pointer + {f'/{rule.pointer_id}{same}'!r}, "
                f"{self._pointer_prefix(rule, known)}, sp, 1, run)",
            )
            return
        if rule.each is None:
            self._single_node_class(rule, function, flag, scope, known)
            return
        pointer = f'f"{{pointer}}/{rule.pointer_id}{suffix}"'
        call = f"{function}(child, ci, child_instance, {pointer}, '', '', q, run)"

        def instance(source: str, line: str) -> str:
            pointer = f'f"{known.pointer_text()}{rule.pointer_id}{suffix}"'
            return f"Instance(instance, {pointer}, {source}, {line})"

        def limit(source: str) -> str:
            report = f"too_many(run, {rule.name!r}, {pointer}, instance, {source}, child)"
            return f"if q > run.max_repeats: {report}; break"

        steps = child_steps(rule.each) if scope is not None else None
        if scope is not None and steps is not None:
            scope.each_child(rule.each, steps, instance, call, flag, limit)
            return
        path = self.writer.constant("NODES", rule.each)
        write(1, f"for q, (child, relative) in enumerate({path}.nodes(node{walk_arguments(rule.each)}), 1):")
        write(2, limit("join_source(sp, relative)"))
        write(2, "ci = None")
        write(2, f"child_instance = {instance('join_source(sp, relative)', 'line_of(child)')}")
        write(2, f"if {call}:")
        write(3, "instance.children.append(child_instance)")
        write(3, f"{flag} = True")

    def _pointer_prefix(self, rule: ClassRule, known: Prefixes) -> str:
        """The pointer prefix a class read from its parent's node or one child node is called with: text
        when the code generator knows it, else the parent's with the class's pointer."""
        below = self._known_below(rule, known).pointer
        if below is not None:
            return repr(below)
        same = "[1]" if rule.repeats else ""
        return f"pp + {f'{rule.pointer_id}{same}/'!r}"

    def _single_node_class(
        self, rule: ClassRule, function: str, flag: str, scope: Scope | None, known: Prefixes
    ) -> None:
        """A class read from one child node shares the parent's annotation, with a source prefix."""
        write = self.writer.line
        suffix = "[1]" if rule.repeats else ""
        pointers = f"pointer + {f'/{rule.pointer_id}{suffix}'!r}, {self._pointer_prefix(rule, known)}"
        steps = child_steps(rule.path) if scope is not None else None
        path = self.writer.constant("NODES", rule.path)
        generic = [
            f"found = {path}.nodes(node{walk_arguments(rule.path)})",
            "if found:",
            "    child, relative = found[0]",
            f"    {flag} = {function}(child, None, instance, {pointers}, "
            "join_source(sp, relative) + '/', 1, run)",
        ]
        if scope is None or not steps:
            for line in generic:
                write(1, line)
            return
        node, index = scope.names(steps)
        write(1, f"if {index} is not None:")
        relative = "".join(f"{written}[1]/" for _, written in steps)
        prefix = repr(known.source + relative) if known.source is not None else f"sp + {relative!r}"
        write(2, f"{flag} = {function}({node}, {index}, instance, {pointers}, {prefix}, 1, run)")
        write(1, f"elif {node} is SEVERAL:")
        for line in generic:
            write(2, line)

    def _required(self, rule: ClassRule, produced: list[str]) -> None:
        if not rule.required:
            return
        names = [
            child.model.name if isinstance(child, ElementRule) else child.name for child in rule.children
        ]
        write = self.writer.line
        for required in rule.required:
            kinds = self.writer.constant("KINDS", required.kinds)
            found = names.index(required.name) if required.name in names else None
            flag = produced[found] if found is not None else None
            reads = _read_from(rule.children[found]) if found is not None else None
            absent = f"{flag} is False and " if flag else ""  # the usual case, tested first
            write(1, f"if {absent}run.kind in {kinds}:")
            pointer = f"pointer + {f'/{required.wco_id}'!r}"
            write(2, f"missing(run, {required.name!r}, {pointer}, instance, sp, node, {reads!r})")


def _read_from(child: ElementRule | ClassRule) -> str | None:
    """Where the mapping reads a child from in the sender's document (path, column, segment), for the
    message of a missing one; None for a constant."""
    if isinstance(child, ElementRule):
        paths = [child.path] if child.path is not None else list(child.paths)
        return " + ".join(path.text for path in paths) or None
    path = child.each or child.path
    if path is not None:
        return path.text
    below = [_read_from(grandchild) for grandchild in child.children]  # a class read where its parent is
    return ", ".join(text for text in below if text) or None


class CompiledMapping:
    """A mapping compiled to Python: `run` writes the Declaration of one document.

    `direct=False` compiles without the child-index look-ups (every path walks itself): the same
    message, slower; the tests compare the two. `accelerated` picks the child index in C (True) or in
    Python (False); None takes the C one when it is built (`child_index.functions`)."""

    def __init__(self, mapping: Mapping, direct: bool = True, accelerated: bool | None = None) -> None:
        writer = Writer(accelerated)
        compiler = _ClassCompiler(writer, xml=direct and mapping.syntax == "xml")
        self.accelerated = compiler.xml and writer.namespace["child_index"] is not child_index.child_index
        """Whether the code reads XML children through the compiled child index."""
        self._write_annotation = writer.namespace.get("write_annotation", engine.Instance.write)
        self.root_function = compiler.compile(mapping.declaration, Prefixes("", ""), keep_empty=True)
        self.source = "\n".join(writer.lines)
        code = compile(self.source, f"<mapping {mapping.format}>", "exec")
        exec(code, writer.namespace)
        self.root = writer.namespace[self.root_function]
        self.declaration = mapping.declaration
        self._checkers = [value for value in writer.namespace.values() if isinstance(value, ElementChecker)]

    def forget(self, rules: frozenset[int]) -> None:
        """Drop what the checkers of `rules` (by `id`) remember of the values they have seen: their
        transforms now give other results (a `name_to_code` word after the glossary changed)."""
        for checker in self._checkers:
            if id(checker.rule) in rules:
                checker.forget()

    def run(self, root: Any, source: str, run: engine.MappingRun) -> None:
        """Write the Declaration and the Annotations of the document rooted at `root` into `run`.

        The cyclic garbage collector is paused meanwhile: a run allocates hundreds of thousands of small
        objects and no reference cycle (annotations hold no parent links), so reference counting frees
        everything, and collections triggered by the allocations alone (each one walking the long list
        of parts) cost up to a third of the run."""
        with paused_collector():
            self._run(root, source, run)
            run.write_annotations(self._write_annotation)

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
        self.root(node, None, instance, pointer, "", "", 1, run)
        run.issues.extend(walk_issues(root, instance))
