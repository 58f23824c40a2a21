"""Inline the generated function of a class read once per parent (from its parent's node or from one
child node) into its parent's function, saving a Python call with eight arguments per class instance.

The child's function is rewritten from its own source: its local names get a suffix (so that they do not
clash with the parent's), its parameters become one tuple assignment, and its two returns (``return
False`` when it wrote nothing, ``return True`` at the end) become assignments of the parent's flag. The
function itself stays defined: the walking fallbacks (a step that matched several nodes) still call it.
"""

from __future__ import annotations

import ast

_SHARED = frozenset({"run"})
"""Parameters passed through unchanged, so not renamed."""


class _Renamer(ast.NodeTransformer):
    def __init__(self, names: set[str], suffix: str) -> None:
        self.names, self.suffix = names, suffix

    def visit_Name(self, node: ast.Name) -> ast.Name:
        if node.id in self.names:
            node.id = f"{node.id}_{self.suffix}"
        return node


def inline_body(source: str, arguments: str, flag: str) -> list[str] | None:
    """The lines (unindented) that run the one function in `source` with `arguments` (its call's
    argument list, as text) and set `flag` to what it returns; None when its returns are not the two
    of a class function."""
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    parameters = [argument.arg for argument in function.args.args]
    local = set(parameters) | {
        node.id for node in ast.walk(function) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    renamer = _Renamer(local - _SHARED, function.name)
    body = _flagged([renamer.visit(statement) for statement in function.body], flag)
    if body is None:
        return None
    module = ast.Module(body=body, type_ignores=[])
    kept = [name for name in parameters if name not in _SHARED]
    values = [value for name, value in zip(parameters, _split(arguments), strict=True) if name not in _SHARED]
    binding = f"{', '.join(f'{name}_{function.name}' for name in kept)} = {', '.join(values)}"
    return [binding, *ast.unparse(ast.fix_missing_locations(module)).splitlines()]


def _flagged(body: list[ast.stmt], flag: str) -> list[ast.stmt] | None:
    """`body` with ``if ...: ...; return False`` then the rest up to ``return True`` turned into an
    if/else that sets `flag`."""
    returns = [node for statement in body for node in ast.walk(statement) if isinstance(node, ast.Return)]
    last = body[-1]
    if not (isinstance(last, ast.Return) and _is_constant(last.value, True)):
        return None
    assign_true = ast.parse(f"{flag} = True").body
    for position, statement in enumerate(body):
        if isinstance(statement, ast.If) and statement.body and isinstance(statement.body[-1], ast.Return):
            if len(returns) != 2 or not _is_constant(statement.body[-1].value, False):
                return None
            statement.body[-1:] = ast.parse(f"{flag} = False").body
            statement.orelse = body[position + 1 : -1] + assign_true
            return body[: position + 1]
    return body[:-1] + assign_true if len(returns) == 1 else None


def _is_constant(node: ast.expr | None, value: bool) -> bool:
    return isinstance(node, ast.Constant) and node.value is value


def _split(arguments: str) -> list[str]:
    """A call's argument list split at its top-level commas."""
    call = ast.parse(f"f({arguments})", mode="eval").body
    assert isinstance(call, ast.Call)
    return [ast.unparse(argument) for argument in call.args]
