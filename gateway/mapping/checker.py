"""Check and memoize the values of one element rule, and report what fails.

The generated code calls `ElementChecker.remember` the first time it meets a value (or a value with its
unit, currency and language) and keeps the result in the checker's memo: the XML fragment of the element
and the end of its Field entry, with the original when a transform changed it. Manifests repeat codes,
dates and names, so most values cost one dictionary look-up. A memo is bounded in entries and in
characters, and a value longer than `MEMO_LONGEST` is checked each time it is met, never remembered.
"""

from __future__ import annotations

from typing import Any

from gateway.issues import error, warning
from gateway.mapping.engine import MappingRun, is_constant_side, join_source, line_of, side_value
from gateway.mapping.rules import ElementRule
from gateway.mapping.transforms import BadValue, NameToCode, coded_for_this_document, new_value
from gateway.mapping.xml_paths import SimplePath, text_of
from gateway.names.script import detect_script
from gateway.normalize.language import LANGUAGE_TAG, guess_language
from gateway.normalize.values import code_notice, control_notice, depends_on_date, typed_value
from gateway.normalize.xmltext import attributes, escape_attribute, escape_text

MEMO_LIMIT = 2048
"""Most distinct values remembered per rule: a full memo is emptied and fills again with the values of the
documents that come next (it kept the first 8192 values of the process's life until session 16: a
gateway's ~700 rules could hold over 1 GB of document IDs, masses and names of months ago)."""
MEMO_LONGEST = 256
"""The longest value (in characters) a memo remembers. Codes, dates, masses and names are shorter and
repeat; a longer value is rarely met twice, and its check costs about what reading it costs. Hostile
documents of 10,000-character values made each of ~700 memos hold 2,048 of them: gigabytes
(bench/memo_memory.py)."""
MEMO_CHARACTERS = 262_144
"""The most characters a memo keeps in its values and their results (~0.5-1 MB): past them it is emptied,
as a memo of `MEMO_LIMIT` values is. The normal manifests' memos hold a few thousand characters."""


def _kept(bad: BadValue) -> BadValue:
    """`bad` without the traceback of where it was raised (nor the exception it was raised in): a
    remembered BadValue kept its frames alive, and with them the whole document, the tree and the message
    of the run that first met the value (~1 MB a 1 MB document; the fuzz campaign of session 17 grew a
    process by ~10 KB a document, to gigabytes, with GC pauses of seconds)."""
    bad.__traceback__ = bad.__context__ = bad.__cause__ = None
    return bad


def _characters(result: Checked | BadValue) -> int:
    """The characters of a checked result: its fragment and Field end, or its message."""
    if isinstance(result, BadValue):
        return len(result.message)
    return len(result[0]) + len(result[1])


def _is_child_step(path: Any) -> bool:
    return isinstance(path, SimplePath) and len(path.steps) == 1 and path.attribute is None


class Noted(tuple[str, str, BadValue]):
    """A checked value that is written with a warning: its XML fragment, the end of its Field entry, and
    the warning. A plain tuple (fragment, end of Field) is a value without one: the generated code
    tells the usual case from the others with one class test."""

    __slots__ = ()


Checked = tuple[str, str] | Noted
"""A checked value: its XML fragment and the end of its Field entry (and a warning, when `Noted`)."""


class ElementChecker:
    """Checks and memoizes the values of one element rule; reports what fails."""

    __slots__ = (
        "_default",
        "characters",
        "close",
        "codes_names",
        "constant_sides",
        "memo",
        "name",
        "open_name",
        "pointer_id",
        "rule",
        "steps",
    )

    def __init__(self, rule: ElementRule) -> None:
        self.rule, self.name, self.pointer_id = rule, rule.model.name, rule.pointer_id
        self.open_name, self.close = f"<{self.name}", f"</{self.name}>"
        self.memo: dict[Any, Checked | BadValue] = {}
        self.characters = 0
        """The characters of the values `memo` holds and of their results (`MEMO_CHARACTERS`)."""
        self.codes_names = any(isinstance(transform, NameToCode) for transform in rule.transforms)
        """Whether a `name_to_code` transform may code a value for one document only (through a search,
        GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT): such a value's check is not kept."""
        self._default: Checked | BadValue | None = None
        self.constant_sides = tuple(
            side_value(side, None, {}) if is_constant_side(side) else None
            for side in (rule.unit, rule.currency, rule.language)
        )
        # The (tag, step as written) of each of `paths` when every one is a single child step.
        self.steps = tuple(
            path.steps[0] for path in rule.paths if isinstance(path, SimplePath) and _is_child_step(path)
        )
        if len(self.steps) != len(rule.paths):
            self.steps = ()

    def remember(self, key: Any, run: MappingRun) -> Checked | BadValue:
        """The checked result for `key` (the raw value, or it with its unit, currency and language):
        the XML fragment and the end of its Field entry (with the original when a transform changed it),
        or the `BadValue` it raised."""
        if isinstance(key, tuple):
            raw, unit, currency, language = key
        else:
            raw, (unit, currency, language) = key, self.constant_sides
        try:
            fragment, text, notice = self._compute(run, raw, unit, currency, language)
            tail = "/>" if text == raw else f' original="{escape_attribute(raw)}"/>'
            result: Checked | BadValue = (
                (fragment, tail) if notice is None else Noted((fragment, tail, notice))
            )
            dated = self.rule.model.codelist is not None and depends_on_date(
                self.rule.model, text, run.codelists
            )
        except BadValue as bad:
            result, dated = _kept(bad), bad.code == "value.code-not-in-force"
        for_this_document = self.codes_names and coded_for_this_document()
        if not dated and not for_this_document and len(raw) <= MEMO_LONGEST:  # a dated code's check
            self._keep(key, len(raw) + _characters(result), result)  # differs between documents, as a
        return result  # name's found by a search may

    def _keep(self, key: Any, characters: int, result: Checked | BadValue) -> None:
        """Remember `result` for `key`; a full memo (in values or characters) starts again."""
        if len(self.memo) >= MEMO_LIMIT or self.characters + characters > MEMO_CHARACTERS:
            self.forget()
        self.memo[key] = result
        self.characters += characters

    def forget(self) -> None:
        """Empty the memo."""
        self.memo.clear()
        self.characters = 0

    def default_result(self, run: MappingRun) -> Checked | BadValue:
        """The checked `default:` value. A default is written in canonical form, so no transform applies."""
        if self._default is not None:
            return self._default
        unit, currency, language = self.constant_sides
        default = str(self.rule.default)
        try:
            fragment, _, notice = self._typed(run, default, unit, currency, language)
            result: Checked | BadValue = (
                (fragment, "/>") if notice is None else Noted((fragment, "/>", notice))
            )
        except BadValue as bad:
            result = _kept(bad)
        if self.rule.model.codelist is None or not depends_on_date(self.rule.model, default, run.codelists):
            self._default = result
        return result

    def _compute(
        self, run: MappingRun, raw: str, unit: str | None, currency: str | None, language: str | None
    ) -> tuple[str, str, BadValue | None]:
        value = raw
        if self.codes_names:
            new_value()
        for transform in self.rule.transforms:
            value = transform(value)
        if not value:
            raise BadValue("value.bad-format", "the value is empty after its transforms")
        return self._typed(run, value, unit, currency, language)

    def _typed(
        self, run: MappingRun, value: str, unit: str | None, currency: str | None, language: str | None
    ) -> tuple[str, str, BadValue | None]:
        text, extra = typed_value(self.rule.model, value, run.codelists, unit, currency, run.on)
        kind = self.rule.model.type
        notice = code_notice(self.rule.model, text, run.codelists) if kind == "code" else None
        if kind in ("text", "identifier"):  # names, descriptions, references: kept as sent
            notice = control_notice(text)
        if kind == "text":
            script = detect_script(text)
            extra = {
                "languageID": language or guess_language(text, script, run.languages),
                "scriptCode": script,
            }
        return f"{self.open_name}{attributes(extra)}>{escape_text(text)}{self.close}", text, notice

    def settle(
        self,
        run: MappingRun,
        checked: Noted | BadValue,
        where: tuple[str, str, Any, str],
        parts: list[str],
        fields: list[str],
        field: str,
    ) -> bool | None:
        """Write a value that has a warning (True), or report one that failed (None). `where` is the
        pointer of the class, the source and node of the value, and the pointer suffix; `field` the
        value's Field entry up to its end."""
        pointer, source, node, suffix = where
        if isinstance(checked, BadValue):
            self.report(run, checked, pointer, source, node, suffix)
            return None
        fragment, tail, notice = checked
        parts.append(fragment)
        fields.append(field + tail)
        self.report(run, notice, pointer, source, node, suffix)
        return True

    def report(
        self, run: MappingRun, bad: BadValue, pointer: str, source: str, node: Any, suffix: str = ""
    ) -> None:
        """Record a value that failed its transforms or checks (or, for a warning, that is kept)."""
        report = warning if bad.severity == "warning" else error
        run.issues.append(
            report(
                bad.code,
                f"{self.name}: {bad.message}.",
                pointer=f"{pointer}/{self.pointer_id}{suffix}",
                source=source,
                line=line_of(node),
            )
        )

    def repeated(self, run: MappingRun, pointer: str, source: str, node: Any) -> None:
        """Record a second value for an element that does not repeat."""
        run.issues.append(
            warning(
                "element.repeated",
                f"{self.name} was found more than once; the first is used.",
                pointer=f"{pointer}/{self.pointer_id}",
                source=source,
                line=line_of(node),
            )
        )

    def language(
        self, run: MappingRun, value: str | None, pointer: str, source: str, node: Any
    ) -> str | None:
        """A language read from the document, or None (and a warning) when it is not a BCP 47 tag."""
        if value is None or LANGUAGE_TAG.fullmatch(value):
            return value
        run.issues.append(
            warning(
                "value.bad-language",
                f"{self.name}: {value!r} is not a BCP 47 language tag; the guess is used.",
                pointer=f"{pointer}/{self.pointer_id}",
                source=source,
                line=line_of(node),
            )
        )
        return None

    def joined(self, node: Any, prefix: str = "") -> tuple[str, Any, str, str] | None:
        """For a `paths` + `join` rule: the joined value, the first node, and the relative paths of
        every part (each behind `prefix`) joined with " + ", and the Field's source and line attributes."""
        parts: list[str] = []
        sources: list[str] = []
        first = None
        for path in self.rule.paths:
            for value, child, relative in path.values(node):
                if value.strip():
                    parts.append(value.strip())
                    sources.append(join_source(prefix, relative))
                    first = first if first is not None else child
        return joined_result(self.rule.join.join(parts), first, sources) if parts else None

    def joined_children(self, index: dict[str, Any], prefix: str) -> tuple[str, Any, str, str] | None:
        """`joined` for paths that are each one child step, read from the node's child index."""
        parts: list[str] = []
        sources: list[str] = []
        first = None
        for tag, written in self.steps:
            found = index.get(tag)
            if found is None:
                continue
            for position, child in enumerate(found if found.__class__ is list else (found,), 1):
                text = child.text if not len(child) else text_of(child)
                value = text.strip() if text else ""
                if value:
                    parts.append(value)
                    sources.append(f"{prefix}{written}[{position}]")
                    first = first if first is not None else child
        return joined_result(self.rule.join.join(parts), first, sources) if parts else None


def joined_result(value: str, first: Any, sources: list[str]) -> tuple[str, Any, str, str]:
    """A joined value, its first node, its sources, and the source and line attributes of its Field
    (written once for every element that reads the same join)."""
    source = " + ".join(sources)
    where = f' source="{escape_attribute(source.rstrip("/") or ".")}" line="{line_of(first)}"'
    return value, first, source, where
