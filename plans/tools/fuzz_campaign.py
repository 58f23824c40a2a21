"""A long, seeded fuzz campaign against the whole normalizer (and optionally the HTTP intake).

    PYTHONPATH=. nice -n 10 .venv/bin/python plans/tools/fuzz_campaign.py --minutes 10 --syntax xml --seed 1
    PYTHONPATH=. nice -n 10 .venv/bin/python plans/tools/fuzz_campaign.py --minutes 5 --http --seed 2

Mutates examples/ and the golden inputs of tests/golden/ much harder than the property tests do (byte
flips, hostile splices, deep and wide structures, re-encodings declared and not, huge numbers and dates,
Unicode oddities, EDIFACT release characters and service strings, CSV quotes and formula cells) and runs
each document through `Normalizer.from_settings` in this process, with a time limit per document (SIGALRM).

A finding is: an exception; a result that is neither a message nor coded errors; an issue whose code is
not in CODES, or an error that names no place (line, source or pointer) and is not about the whole
document; a message that is not well-formed XML; a document taking more than 2 s per MB (with a floor of
`--floor` seconds, since timings on this machine are noisy). Each finding is written to
`--out/<seed>-<n>.bin` with a line in `--out/findings.jsonl`; `--replay FILE` runs one again.

With `--http`, documents go to `gateway serve` on 127.0.0.1:18517 (a fresh data folder in /tmp, keys
made with `gateway keys create`): every answer must be 202 or a problem detail with a known code.

With `--http --deliver` (session 18, plans/notes-fuzz18.md) each document's reference is made new, so that
mutated documents are accepted and delivered, and a share (`--many`) are manifests of 1-2,500 warnings.
Each acknowledgement is checked against GET /v1/messages/{id}/issues read a page of a random size at a
time (every issue once, in order; `warning_count` and each code's count and first issue agree; the status
says the same; a repeat is answered the same), with hostile `offset` and `limit` (200 or a 400
`request.malformed` naming the parameter). Every `--pull-every` posts each partner pulls its inbox: every
payload well-formed, rendered by the review pages (signed in over HTTP or as over HTTPS with
`X-Forwarded-Proto`, hostile cookies of prefixed and plain names beside the session's, hostile `page`,
`after`, `lang`), then acknowledged; review requests with hostile cookies alone must be a page, a
redirect or a refusal, never a 500, and set no ``__Host-`` cookie over HTTP.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from lxml import etree, html

from gateway.agreements import Agreements
from gateway.errors import GatewayError
from gateway.glossary.entry import InvalidGlossary
from gateway.glossary.glossary import Glossary
from gateway.issues import CODES, LONGEST_TEXT
from gateway.normalize.pipeline import Normalizer
from gateway.service.intake import document_reference
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SYNTAXES = {"xml": (".xml",), "json": (".json",), "csv": (".csv",), "edifact": (".edi",)}
WHOLE_DOCUMENT = {"intake.empty", "intake.too-large", "format.unknown", "format.ambiguous", "format.mismatch"}

ODD_TEXT = [
    "e\u0301\u0301\u0301\u0301",  # combining marks
    "\u202eevil\u202c",
    "\u2066x\u2069",
    "\u200f\u200e",  # bidi controls
    "\ud800",
    "\udfff",  # lone surrogates (written with surrogatepass)
    "Аlmaty",
    "Тashkent",
    "Κazakhstan",  # confusables
    "ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ",
    "ᠡᠷᠢᠶᠡᠨ ᠬᠣᠲᠠ",  # traditional Mongolian
    "دوشنبه",
    "كابل‎",
    "阿拉木图",
    "乌鲁木齐市",
    "𠀀𠀁",
    "Ўзбекистон",
    "Qoʻqon",
    "Zamyn-Üüd",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\x7f",
    "\x85",
    "\u2028",
    "\u00a0",
    "\ufdd0",
    "A" * 10_000,
    "ᠮ" * 10_000,
    "阿" * 10_000,
    "\u0301" * 5_000,
    "%s%n",
    "${jndi:x}",
    "' OR 1=1 --",
    "<script>",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2",
    "\x9b",  # session 18: C1 controls (value.control-character) and codes of UN/LOCODE's shape
    "a\x80b\x9f",
    "\x7f\x7f",
    "ZZALA",
    "XXTAS",
    "kzala",
    "KZ ALA",
    "KZ\x9bALA",
    "ÜZTAS",
    "ZZ",
    "CNURC",
    "KGFRU",
]
ODD_NUMBERS = [
    "9" * 400,
    "1e999999999",
    "-1e-999999999",
    "NaN",
    "Infinity",
    "-0",
    "0x10",
    "1_000",
    "١٢٣",
    "１２３",
    "1,5",
    "1.2.3",
    "+",
    "-",
    ".",
    "1e",
    "00000000000000000000001",
    "3.4028236692093846346e38",
]
ODD_DATES = [
    "9999-12-31",
    "0000-00-00",
    "2026-02-30",
    "2026-13-01",
    "10000-01-01",
    "-0001-01-01",
    "2026-11-24T25:61:61",
    "2026-11-24T12:00:00+99:99",
    "20261124",
    "991231",
    "2026-11-24T12:00:00." + "9" * 500,
    "٢٠٢٦-١١-٢٤",
]
FRAGMENTS = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"<",
    b"</a>",
    b"&",
    b"&#0;",
    b"&#xD800;",
    b"&#1114112;",
    b"&lt;",
    b"<!DOCTYPE a>",
    b'<!ENTITY x "y">',
    b"<?xml version='1.0'?>",
    b"]]>",
    b"<![CDATA[x",
    b"<!--",
    b"-->",
    b"<?pi x?>",
    b'xmlns:x="urn:x"',
    b'xml:lang="zz-Zzzz-ZZ-x"',
    b"<a:b>",
    b'"',
    b"\\ud800",
    b"\\u0000",
    b"{",
    b"[",
    b"}",
    b"]",
    b"NaN",
    b"1e999999999",
    b"9" * 5000,
    b"-0",
    b"null",
    b"{}",
    b"[]",
    b",",
    b";",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"=cmd|' /C calc'!A0",
    b"?",
    b"??",
    b"'",
    b"+",
    b":",
    b"UNH+",
    b"UNT+9+1'",
    b"UNA:+.? '",
    b"UNA",
    b"UNB+UNOY:3+",
    b"UNZ+1+1'",
    b"UNG+",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"A" * 70_000,
    b'""',
    b'"a""b"',
    b"\x1a",
    b"\x1c\x1d\x1e\x1f",
]


def seeds(syntax: str) -> list[tuple[str, bytes]]:
    """Every example and golden input of `syntax`, by name."""
    ends = SYNTAXES[syntax]
    files = [p for p in sorted((ROOT / "examples").iterdir()) if p.suffix in ends]
    files += [p for p in sorted((ROOT / "tests" / "golden").glob("*/*/input*")) if p.suffix in ends]
    return [(str(p.relative_to(ROOT)), p.read_bytes()) for p in files]


# Mutators: each takes the random source and bytes, and gives bytes.


def flip(r: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(r.randint(1, 8)):
        if out:
            out[r.randrange(len(out))] ^= 1 << r.randrange(8)
    return bytes(out)


def splice(r: random.Random, data: bytes) -> bytes:
    for _ in range(r.randint(1, 4)):
        at, length = r.randint(0, len(data)), r.choice([0, 0, 1, 5, 40])
        insert = r.choice(FRAGMENTS) if r.random() < 0.8 else r.randbytes(r.randint(1, 12))
        data = data[:at] + insert + data[at + length :]
    return data


def cut(r: random.Random, data: bytes) -> bytes:
    return data[: r.randint(0, len(data))]


def repeat_span(r: random.Random, data: bytes) -> bytes:
    """A span repeated many times (wide structures, when the span is an element or a segment)."""
    start = r.randint(0, len(data))
    end = min(len(data), start + r.randint(1, 400))
    return data[:end] + data[start:end] * r.choice([10, 200, 3000]) + data[end:]


def _text_slot(r: random.Random, text: str, pattern: str) -> tuple[int, int] | None:
    found = list(re.finditer(pattern, text))
    if not found:
        return None
    match = r.choice(found)
    return match.start(1), match.end(1)


def _value_pattern(syntax: str) -> str:
    return {
        "xml": r">([^<>]{1,80})<",
        "json": r'"((?:[^"\\]|\\.){0,80})"|: ?(-?[0-9][0-9.eE+-]*)',
        "csv": r"(?:^|[,;\t])([^,;\t\r\n]{1,60})",
        "edifact": r"[+:]([^+:'?]{1,35})",
    }[syntax]


def odd_value(r: random.Random, data: bytes, syntax: str) -> bytes:
    """A value of the document replaced by Unicode oddities, huge numbers or impossible dates."""
    text = data.decode("utf-8", "replace")
    for _ in range(r.randint(1, 3)):
        slot = _text_slot(r, text, _value_pattern(syntax))
        if slot is None:
            break
        new = r.choice([*ODD_TEXT, *ODD_NUMBERS, *ODD_DATES])
        if r.random() < 0.3:
            new = text[slot[0] : slot[1]] + new
        if syntax == "json":
            new = json.dumps(new, ensure_ascii=False)[1:-1] if r.random() < 0.8 else new
        elif syntax == "xml" and r.random() < 0.8:
            new = new.replace("&", "&amp;").replace("<", "&lt;")
        text = text[: slot[0]] + new + text[slot[1] :]
    return text.encode("utf-8", "surrogatepass")


ENCODINGS = ["windows-1251", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "latin-1", "koi8-r"]
DECLARED = ["UTF-8", "windows-1251", "GB18030", "UTF-16", "ISO-8859-1", "KOI8-R", "ebcdic", "x-unknown", ""]


def reencode(r: random.Random, data: bytes, syntax: str) -> bytes:
    """The document in another encoding, with its declaration changed or not, and a BOM or not."""
    text = data.decode("utf-8", "replace")
    if syntax == "xml" and r.random() < 0.6:
        declared = r.choice(DECLARED)
        text = re.sub(r'encoding="[^"]*"', f'encoding="{declared}"', text, count=1)
    out = text.encode(r.choice(ENCODINGS), "replace")
    if r.random() < 0.2:
        out = r.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]) + out
    return out


def deep(r: random.Random, data: bytes, syntax: str) -> bytes:
    """Deep nesting where the syntax has any."""
    n = r.choice([50, 300, 5000, 100_000])
    at = r.randint(0, len(data))
    if syntax == "xml":
        match = re.search(rb"<([A-Za-z_][\w:.-]*)[^>]*>", data[at:]) or re.search(
            rb"<([A-Za-z_][\w:.-]*)", data
        )
        if match is None:
            return data
        tag = match.group(1)
        return (
            data[:at]
            + b"<"
            + tag
            + b">" * 1
            + (b"<" + tag + b">") * n
            + (b"</" + tag + b">") * (n + 1)
            + data[at:]
        )
    if syntax == "json":
        text = data.decode("utf-8", "replace")
        slot = _text_slot(r, text, r':\s*("(?:[^"\\]|\\.)*"|-?[0-9.eE+-]+|true|false|null)')
        if slot is None:
            return data
        return (text[: slot[0]] + "[" * n + "1" + "]" * n + text[slot[1] :]).encode()
    if syntax == "edifact":
        return data[:at] + b"+" * n + b":" * n + data[at:]
    return data[:at] + b'"' * n + data[at:]


def structured(r: random.Random, data: bytes, syntax: str) -> bytes:
    """Syntax-aware edits: JSON values of the wrong type, CSV quotes and formula cells, EDIFACT service
    strings and release characters, XML attributes and namespaces."""
    if syntax == "json":
        return _json_edit(r, data)
    if syntax == "csv":
        cell = r.choice(
            [
                b'"a,b"',
                b'"a""b"',
                b'"',
                b'"""',
                b"=1+1",
                b'=HYPERLINK("x")',
                b"+cmd",
                b"@x",
                b"\r",
                b'"\n"',
                b"-1",
                b"\t=1",
                b",,,,,,,,,,",
                b";",
            ]
        )
        lines = data.split(b"\n")
        i = r.randrange(len(lines))
        cells = lines[i].split(b",")
        cells.insert(r.randint(0, len(cells)), cell) if r.random() < 0.3 else cells.__setitem__(
            r.randrange(len(cells)), cell
        )
        lines[i] = b",".join(cells)
        if r.random() < 0.2:
            lines.insert(r.randint(1, len(lines)), lines[0])  # the header again
        return b"\n".join(lines)
    if syntax == "edifact":
        una = r.choice(
            [
                b"UNA:+.? '",
                b"UNA:+,? '",
                b"UNA?+.: '",
                b"UNA:+.?+'",
                b"UNA::::::",
                b"UNA:+.? \n",
                b"UNA",
                b"UNA:+. '",
                b"UNA\x00+.? '",
                b"UNA'+.? :",
            ]
        )
        choice = r.random()
        if choice < 0.3:
            return una + re.sub(rb"^UNA.{6}", b"", data, flags=re.S)
        if choice < 0.6:
            at = [m.start() for m in re.finditer(rb"[+:']", data)] or [0]
            p = r.choice(at)
            return data[:p] + b"?" * r.randint(1, 3) + data[p:]
        syntax_id = r.choice(
            [b"UNOA", b"UNOB", b"UNOC", b"UNOY", b"UNOW", b"UNOX", b"UNOZ", b"KECA", b"", b"UNOY:9"]
        )
        return re.sub(rb"UNB\+[A-Z]{4}", b"UNB+" + syntax_id, data, count=1)
    return _xml_attribute(r, data)


def _xml_attribute(r: random.Random, data: bytes) -> bytes:
    """An odd attribute added to an element: a language, a namespace, a character reference, a repeat."""
    text = data.decode("utf-8", "replace")
    slot = _text_slot(r, text, r"<([A-Za-z_][\w:.-]*)")
    if slot is None:
        return data
    attr = r.choice(
        [
            ' xml:lang="zz"',
            ' xml:lang="' + "a" * 5000 + '"',
            ' xmlns="urn:x"',
            ' xmlns:pi="urn:x"',
            ' a="&#0;"',
            ' a="' + "ᠮ" * 3000 + '"',
            ' xsi:nil="true"',
            ' xmlns:xsi="x" xsi:type="y"',
            ' b="1" b="2"',
        ]
    )
    return (text[: slot[1]] + attr + text[slot[1] :]).encode("utf-8", "surrogatepass")


WRONG: list[Any] = [
    {},
    [],
    {"a": [1]},
    [["x"]],
    0,
    1.5,
    -1,
    10**30,
    1e308,
    True,
    None,
    "",
    "x" * 10_000,
    "9" * 500,
    "ᠮᠣᠩᠭᠣᠯ",
    [None] * 3000,
]


def _json_edit(r: random.Random, data: bytes) -> bytes:
    try:
        tree = json.loads(data)
    except (ValueError, RecursionError):
        return splice(r, data)
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, child in items:
            paths.append((node, key))
            walk(child)

    try:
        walk(tree)
    except RecursionError:
        return splice(r, data)
    for _ in range(r.randint(1, 3)):
        if not paths:
            break
        parent, key = r.choice(paths)
        roll = r.random()
        if roll < 0.5:
            parent[key] = r.choice(WRONG)
        elif roll < 0.7 and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * r.choice([2, 50, 2000])
        elif roll < 0.85 and isinstance(parent, dict):
            parent[r.choice([*ODD_TEXT[:12], key + "\u200b", key.upper()])] = parent[key]
        else:
            parent[key] = r.choice([*ODD_TEXT, *ODD_NUMBERS, *ODD_DATES])
    try:
        return json.dumps(tree, ensure_ascii=r.random() < 0.2).encode("utf-8", "surrogatepass")
    except RecursionError:
        return splice(r, data)


VALUES_ONLY = False
"""Set by --values: only the mutations that keep the document readable (values, wrong types, service
strings), so that most documents reach mapping, name resolution and validation."""


def mutate(r: random.Random, data: bytes, syntax: str) -> tuple[str, bytes]:
    """One to three mutations of `data`, named."""
    if VALUES_ONLY:
        names = []
        for _ in range(r.choice([1, 1, 2, 3])):
            name = r.choice(["odd-value", "odd-value", "structured"])
            data = odd_value(r, data, syntax) if name == "odd-value" else structured(r, data, syntax)
            names.append(name)
        return "+".join(names), data
    plain: dict[str, Callable[[random.Random, bytes], bytes]] = {
        "flip": flip,
        "splice": splice,
        "cut": cut,
        "repeat": repeat_span,
    }
    aware: dict[str, Callable[[random.Random, bytes, str], bytes]] = {
        "odd-value": odd_value,
        "reencode": reencode,
        "deep": deep,
        "structured": structured,
    }
    names = []
    for _ in range(r.choice([1, 1, 1, 2, 3])):
        name = r.choice([*plain, *aware, "odd-value", "structured"])
        data = plain[name](r, data) if name in plain else aware[name](r, data, syntax)
        names.append(name)
    return "+".join(names), data


class TimedOut(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise TimedOut


def problems(result: Any, codes: dict[str, str], longest: int) -> list[str]:
    """What is wrong with a normalization result, by the campaign's rules."""
    found = []
    errors = [i for i in result.issues if i.severity == "error"]
    if result.message is None and not errors:
        found.append("no message and no error")
    if not errors and result.message is not None:
        try:
            etree.fromstring(result.message.xml)
        except etree.XMLSyntaxError as exc:
            found.append(f"message not well-formed: {exc}")
    for issue in result.issues:
        if issue.code not in codes:
            found.append(f"unknown code {issue.code}")
        if len(issue.message) > longest + 40 or len(issue.source or "") > longest + 40:
            found.append(f"issue text too long ({issue.code}, {len(issue.message)})")
    unplaced = [
        i.code for i in errors if not (i.line or i.source or i.pointer) and i.code not in WHOLE_DOCUMENT
    ]
    if unplaced:
        found.append(f"error without a place: {sorted(set(unplaced))}")
    return found


def run_in_process(args: argparse.Namespace) -> int:

    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    signal.signal(signal.SIGALRM, _alarm)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    syntaxes = list(SYNTAXES) if args.syntax == "all" else [args.syntax]
    pool = [(s, name, data) for s in syntaxes for name, data in seeds(s)]
    r = random.Random(args.seed)
    stop = time.monotonic() + args.minutes * 60
    tally: Counter[str] = Counter()
    count = findings = 0
    asking = random.Random(args.seed + 1_000_003)  # apart, so that a seed's documents stay the same
    formats = sorted(normalizer.registry.mappings)
    while time.monotonic() < stop and (args.count == 0 or count < args.count):
        syntax, name, example = r.choice(pool)
        how, data = mutate(r, example, syntax)
        count += 1
        asked = asking.choice(formats) if asking.random() < args.asked else "auto"
        if asked != "auto":
            how += f" (as {asked})"
        found = check_one(normalizer, data, args, CODES, LONGEST_TEXT, asked)
        for code in found[1]:
            tally[code] += 1
        if args.memory_every and count % args.memory_every == 0:
            _memory(count)
        if found[0]:
            findings += 1
            path = out / f"{args.seed}-{count}.bin"
            line = {"seed": args.seed, "n": count, "syntax": syntax, "from": name, "how": how}
            _found(path, data, line | {"bytes": len(data), "file": str(path), "problems": found[0]})
    summary = {
        "seed": args.seed,
        "syntax": args.syntax,
        "documents": count,
        "findings": findings,
        "minutes": args.minutes,
        "codes": dict(tally.most_common()),
    }
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    with (out / "runs.jsonl").open("a") as log:
        log.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return 0


def _found(path: Path, data: bytes, line: dict[str, object], shown: int = 600) -> None:
    """A finding kept: its input as `path`, its line in findings.jsonl beside it, and on the terminal."""
    path.write_bytes(data)
    with (path.parent / "findings.jsonl").open("a") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(json.dumps(line, ensure_ascii=False)[:shown], flush=True)


def _memory(count: int) -> None:
    """The process's peak memory and live objects after `count` documents: a figure that climbs with
    the documents seen is a leak (session 17: 515 MB after 10,000 documents, 1,073 MB after 30,000)."""
    gc.collect()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"documents": count, "peak_rss_mb": peak, "objects": len(gc.get_objects())}), flush=True)


def check_one(
    normalizer: Any, data: bytes, args: argparse.Namespace, codes: Any, longest: int, asked: str = "auto"
) -> tuple[list[str], list[str]]:
    """The problems of one document (and the codes of its issues, for the tally)."""
    limit = max(args.floor, 2.0 * len(data) / 1_000_000)
    signal.setitimer(signal.ITIMER_REAL, max(limit * 5, 10.0))
    started = time.perf_counter()
    try:
        result = normalizer.normalize(data, asked)
    except TimedOut:
        return [f"timed out after {max(limit * 5, 10.0):.0f} s"], []
    except Exception:  # every exception is a finding
        return ["exception: " + traceback.format_exc(limit=-4)[-1500:]], []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - started
    found = problems(result, codes, longest)
    if (
        took > limit
    ):  # once more: a pause of the machine or a catalog built on first use is not the document's
        again = time.perf_counter()
        normalizer.normalize(data, asked)
        if time.perf_counter() - again > limit:
            found.append(f"slow: {took:.2f} s for {len(data)} bytes (limit {limit:.2f} s), twice")
        else:
            found.append(f"slow once: {took:.2f} s for {len(data)} bytes, not again")
    return found, sorted({i.code for i in result.issues}) + (["(accepted)"] if result.ok else [])


def replay(args: argparse.Namespace) -> int:

    normalizer = Normalizer.from_settings(Settings())
    signal.signal(signal.SIGALRM, _alarm)
    data = Path(args.replay).read_bytes()
    result = normalizer.normalize(data)
    for issue in result.issues:
        print(
            issue.severity,
            issue.code,
            issue.line,
            (issue.source or "")[:80],
            issue.pointer,
            issue.message[:200],
        )
    print(check_one(normalizer, data, args, CODES, LONGEST_TEXT))
    return 0


# Configuration files: glossary CSVs (`gateway glossary check`) and agreement YAML (`gateway check`).

YAML_FRAGMENTS = [
    "&a [*a]",
    "*undefined",
    "!!python/object:os.system x",
    "!!binary x",
    "? [a]\n: b",
    "- - - - -",
    "{a: 1, a: 2}",
    "'",
    '"',
    "\t",
    "key: value: other",
    "1e999",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "2026-02-30",
    "~",
    "null",
    "[]",
    "{}",
    "yes",
    "no",
    "on",
    "'" + "x" * 70_000 + "'",
    "[" * 200 + "]" * 200,
    "\ufeff",
    "%YAML 1.1",
    "---",
    "...",
    "<<: *a",
    "ᠮᠣᠩᠭᠣᠯ",
    "Ўзбекистон",
    "KZ",
    "ZZ",
    "kz",
    "-1",
    "99999999999999999999",
    "P1D",
    "PT-1S",
    "http://[::1",
]


def mutate_yaml(r: random.Random, data: bytes) -> tuple[str, bytes]:
    """A line of an agreement changed: a value replaced, a line repeated, dropped or re-indented."""
    lines = data.decode("utf-8").split("\n")
    how = []
    for _ in range(r.randint(1, 3)):
        i = r.randrange(len(lines))
        roll = r.random()
        if roll < 0.45 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = key + ": " + r.choice([*YAML_FRAGMENTS, *ODD_TEXT[:20], *ODD_NUMBERS, *ODD_DATES])
            how.append("value")
        elif roll < 0.6:
            lines.insert(i, lines[i])
            how.append("repeat-line")
        elif roll < 0.7:
            del lines[i]
            how.append("drop-line")
        elif roll < 0.8:
            lines[i] = r.choice(["", " ", "  ", "\t"]) + lines[i]
            how.append("indent")
        else:
            lines[i] = lines[i] + " " + r.choice(YAML_FRAGMENTS)
            how.append("append")
    text = "\n".join(lines)
    if r.random() < 0.1:
        return "+".join(how) + "+cut", text.encode("utf-8", "surrogatepass")[: r.randint(0, len(text))]
    return "+".join(how), text.encode("utf-8", "surrogatepass")


def run_files(args: argparse.Namespace) -> int:
    """Mutate one glossary or agreement file of a copied folder at a time and check the folder the way the
    CLI does: only the coded configuration errors may come out, each naming a file and a line."""

    source = ROOT / args.files
    work = Path(tempfile.mkdtemp(prefix=f"fuzz17-{args.files}-"))
    r = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stop = time.monotonic() + args.minutes * 60
    tally: Counter[str] = Counter()
    count = findings = 0
    names = sorted(p.name for p in source.iterdir() if p.suffix in (".csv", ".yaml"))
    signal.signal(signal.SIGALRM, _alarm)
    while time.monotonic() < stop and (args.count == 0 or count < args.count):
        shutil.rmtree(work)
        shutil.copytree(source, work)
        name = r.choice(names)
        original = (work / name).read_bytes()
        if name.endswith(".csv"):
            how, data = mutate(r, original, "csv")
        else:
            how, data = mutate_yaml(r, original)
        (work / name).write_bytes(data)
        count += 1
        problem, code = _check_folder(args.files, work, name)
        tally[code] += 1
        if problem:
            findings += 1
            path = out / f"{args.files}-{args.seed}-{count}-{name}"
            line = {"seed": args.seed, "n": count, "file": str(path), "how": how, "problem": problem}
            _found(path, data, line, shown=800)
    shutil.rmtree(work)
    summary = {
        "files": args.files,
        "seed": args.seed,
        "documents": count,
        "findings": findings,
        "minutes": args.minutes,
        "codes": dict(tally.most_common()),
    }
    print(json.dumps(summary), flush=True)
    with (out / "runs.jsonl").open("a") as log:
        log.write(json.dumps(summary) + "\n")
    return 0


def _check_folder(kind: str, work: Path, name: str) -> tuple[str | None, str]:
    """What is wrong with how the folder `work` (`name` mutated) was checked, and the code it gave."""
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        if kind == "glossary":
            Glossary.load(work)
        else:
            Agreements.load(work)
        return None, "ok"
    except InvalidGlossary as invalid:
        unplaced = [str(p) for p in invalid.problems if not p.line or not p.file]
        return (f"problem without a line: {unplaced[:3]}" if unplaced else None), invalid.code
    except GatewayError as exc:
        named = str(work) in str(exc)  # a file of the folder: a cut readiness.yaml fails an agreement
        return (None if named else f"error naming no file: {exc.code}: {str(exc)[:300]}"), exc.code
    except TimedOut:
        return "timed out after 20 s", "(timed out)"
    except Exception:
        return "exception: " + traceback.format_exc(limit=-4)[-1500:], "(exception)"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# The HTTP side.

COUNTRY_OF = {
    "kz": "KZ",
    "kg": "KG",
    "cn": "CN",
    "mn": "MN",
    "tj": "TJ",
    "uz": "UZ",
    "az": "AZ",
    "ncts": "GE",
}


def _gateway(env: dict[str, str], *argv: str) -> str:
    gateway = Path(sys.executable).parent / "gateway"
    return subprocess.run([str(gateway), *argv], env=env, check=True, capture_output=True, text=True).stdout


def run_http(args: argparse.Namespace) -> int:

    data_dir = tempfile.mkdtemp(prefix="fuzz17-")
    env = {**os.environ, "GATEWAY_DATA_DIR": data_dir, "PYTHONPATH": str(ROOT)}
    keys = {}
    for prefix, country in COUNTRY_OF.items():
        keys[prefix] = _gateway(
            env,
            "keys",
            "create",
            "--organisation",
            f"fuzz {country}",
            "--role",
            "national",
            "--country",
            country,
        ).splitlines()[1]
    partners = {}
    if args.deliver:
        for country in sorted(set(COUNTRY_OF.values())):
            partners[country] = _gateway(
                env, "keys", "create", "--organisation", f"fuzz partner {country}", "--role", "partner",
                "--country", country,
            ).splitlines()[1]  # fmt: skip
    log = open(Path(data_dir) / "serve.log", "w")  # noqa: SIM115 - open for the server's life
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gateway"), "serve", "--port", str(args.port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    print(f"data folder {data_dir}, server pid {server.pid}", flush=True)
    base = f"http://127.0.0.1:{args.port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(100):
                try:
                    if client.get("/health").status_code < 500:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            return _post_many(args, client, keys, CODES, Path(data_dir), partners)
    finally:
        server.terminate()
        server.wait(20)
        log.close()
        failed = [
            line
            for line in (Path(data_dir) / "serve.log").read_text().splitlines()
            if "request:failed" in line or "Traceback" in line or '"level": "error"' in line
        ]
        print(json.dumps({"server log lines of failures": len(failed), "first": failed[:3]}), flush=True)


def _post_many(
    args: argparse.Namespace,
    client: Any,
    keys: dict[str, str],
    codes: Any,
    data_dir: Path,
    partners: dict[str, str] | None = None,
) -> int:
    r = random.Random(args.seed)
    pool = [(s, name, data) for s in SYNTAXES for name, data in seeds(s)]
    named = references(pool) if args.deliver else {}
    checks = random.Random(args.seed + 2_000_003)  # apart, so that a seed's documents stay the same
    review = httpx.Client(base_url=str(client.base_url), timeout=60) if args.deliver else None
    pulled = 0
    stop = time.monotonic() + args.minutes * 60
    statuses: Counter[str] = Counter()
    count = findings = 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    while time.monotonic() < stop and (args.count == 0 or count < args.count):
        syntax, name, example = r.choice(pool)
        how, data = mutate(r, example, syntax)
        if args.deliver and checks.random() < args.many:
            syntax, name = "xml", "examples/kz-eaeu-pi-manifest.xml"
            how, data = many_issues(checks)
            if checks.random() < 0.5:
                more, data = mutate(r, data, syntax)
                how += "+" + more
        if args.deliver:
            data = renamed(data, named.get(name), count, args.seed)
        prefix = (
            Path(name).name.split("-")[0]
            if name.startswith("examples")
            else Path(name).parts[2].split("-")[0]
        )
        token = keys.get(prefix, keys["kz"])
        count += 1
        started = time.perf_counter()
        answer = client.post("/v1/documents", content=data, headers={"Authorization": f"Bearer {token}"})
        took = time.perf_counter() - started
        if took > max(args.floor, 2.0 * len(data) / 1_000_000):  # over HTTP, the server's and the client's
            SLOW.append((round(took, 2), len(data), answer.status_code, how))
        problem = _answer_problem(answer, codes)
        if args.deliver and not problem:
            problem, many = _delivered(
                args, client, token, answer, data, count, partners or {}, review, checks
            )
            pulled += many
        statuses[f"{answer.status_code} {answer.headers.get('content-type', '')[:30]}"] += 1
        if problem:
            findings += 1
            path = out / f"http-{args.seed}-{count}.bin"
            line = {"seed": args.seed, "n": count, "syntax": syntax, "from": name, "how": how}
            line |= {"file": str(path), "status": answer.status_code, "problem": problem}
            _found(path, data, line | {"body": answer.text[:300]})
    summary = {
        "http": True,
        "seed": args.seed,
        "documents": count,
        "findings": findings,
        "minutes": args.minutes,
        "statuses": dict(statuses.most_common()),
        "pulled": pulled,
        "checks": dict(SEEN.most_common()),
        "slow posts": sorted(SLOW, reverse=True)[:10],
    }
    if review is not None:
        review.close()
    print(json.dumps(summary), flush=True)
    with (out / "runs.jsonl").open("a") as log:
        log.write(json.dumps(summary) + "\n")
    return 0


def _delivered(
    args: argparse.Namespace, client: Any, token: str, answer: Any, data: bytes, count: int,
    partners: dict[str, str], review: Any, checks: random.Random,
) -> tuple[str | None, int]:  # fmt: skip
    """--deliver's checks after a post: the acknowledgement's (a 202), and every --pull-every posts the
    inboxes pulled and rendered. The problems found (or None) and the deliveries pulled."""
    if answer.status_code == 202:
        found = check_acknowledgement(client, token, answer, checks, data)
        if found:
            return "; ".join(found), 0
    if count % args.pull_every:
        return None, 0
    pulling, many = pull_inboxes(client, partners, review, checks)
    return "; ".join(pulling[:5]) or None, many


def _answer_problem(answer: Any, codes: Any) -> str | None:
    if answer.status_code >= 500:
        return f"status {answer.status_code}"
    if answer.status_code in (200, 201, 202):
        return None
    if not answer.headers.get("content-type", "").startswith("application/problem+json"):
        return "not a problem detail"
    body = answer.json()
    if body.get("code") not in codes and body.get("code") != "document.rejected":
        return f"unknown code {body.get('code')}"
    for issue in body.get("issues", []):
        if issue.get("code") not in codes:
            return f"unknown issue code {issue.get('code')}"
    return None


# Session 18: the delivery path, the issues route, the acknowledgement's counts, the review cookies.

HOSTILE_NUMBERS = [
    "-1", "0", "1001", "abc", "\u00b3", "\u0663", "\uff15", "1e3", "1.0", "0x10", "+5", " 5", "5 ",
    "99999999999999999999999", "-99999999999999999999", "", "%00", "\x00", "1\x00", "\ud800", "NaN",
    "inf", "9" * 5000, "1,2", "[]", "null", "true", "\u202e5", "٣٣", "10_000",
]  # fmt: skip

COOKIE_NAMES = [
    "gateway_review", "__Host-gateway_review", "__Host-gateway_review_sign_in", "gateway_review_sign_in",
    "gateway_review_language", "__Host-gateway_review_language", "__host-gateway_review",
    "__Secure-gateway_review", "gateway_review ", " __Host-gateway_review", "__Host-",
]  # fmt: skip

COOKIE_VALUES = [
    "", "x", "\"quoted\"", "a;b", "a,b", "=", "==", "a=b=c", "\\", "%00", "%ff", "é", "阿拉木图",
    "\u202e", "ru", "zh", "en", "xx", "x" * 5000, "x" * 70_000, ".", "..", "a.b.c", "a.b",
    "\t", "$(id)", "<script>", "\ud800",
]  # fmt: skip

SEEN: Counter[str] = Counter()
"""What the --deliver checks did (pages read, statuses of hostile requests), for the run's summary."""

REVIEW_PATHS = [
    ("GET", "/review/sign-in"), ("GET", "/review/inbox"), ("POST", "/review/sign-in"),
    ("POST", "/review/sign-out"), ("GET", "/review/inbox/1"), ("GET", "/review"),
]  # fmt: skip

SLOW: list[tuple[float, int, int, str]] = []
"""Posts slower than 2 s per MB (floor --floor), with their size, status and mutation: the summary's."""

SESSIONS: list[str] = []
"""Session cookies of earlier sign-ins: planted as other officers' cookies by hostile_cookies."""

MANY_ITEM = re.compile(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>")


def many_issues(r: random.Random) -> tuple[str, bytes]:
    """The Kazakh manifest with 1-2,500 goods items of a package kind that is no code (a warning each),
    some with a second odd value: a document of many issues, accepted."""
    document = (ROOT / "examples" / "kz-eaeu-pi-manifest.xml").read_text()
    item = MANY_ITEM.search(document)
    assert item is not None
    odd = item.group(0).replace("<pi:PackageKindCode>BG<", "<pi:PackageKindCode>XX<")
    items = r.choice([1, 2, 999, 1000, 1001, r.randint(1, 2500)])
    return f"many-issues x{items}", (document[: item.start()] + odd * items + document[item.end() :]).encode()


def references(pool: list[tuple[str, str, bytes]]) -> dict[str, str]:
    """Each seed document's reference (what a repeat is found by), read by normalizing it once."""
    normalizer = Normalizer.from_settings(Settings())
    found = {}
    for _, name, data in pool:
        result = normalizer.normalize(data)
        if result.message is not None and result.ok:
            reference = document_reference(result, "0" * 64)
            if reference and reference.encode() in data:
                found[name] = reference
    return found


def renamed(data: bytes, reference: str | None, count: int, seed: int) -> bytes:
    """The document with its reference made new (so that a mutated document is not a 409 conflict)."""
    if not reference:
        return data
    suffix = f"{seed % 100:02d}{count:07d}"
    new = reference[: -len(suffix)] + suffix if len(reference) > len(suffix) + 2 else reference + suffix
    return data.replace(reference.encode(), new.encode())


def check_acknowledgement(
    client: Any, token: str, answer: Any, r: random.Random, data: bytes = b""
) -> list[str]:
    """The acknowledgement against the issues route: the counts agree, every issue is listed once, in
    order, whatever the page size; hostile offset and limit are a coded 400 naming the parameter."""
    found = []
    ack = answer.json()
    warnings, count, codes = ack.get("warnings", []), ack.get("warning_count"), ack.get("warning_codes", [])
    if count is None or len(warnings) != min(count, 1000):
        found.append(f"warnings listed {len(warnings)} but warning_count {count}")
    if sum(c.get("count", 0) for c in codes) != count:
        found.append(f"warning_codes sum {sum(c.get('count', 0) for c in codes)} != warning_count {count}")
    auth = {"Authorization": f"Bearer {token}"}
    if data and r.random() < 0.1:  # a repeat is answered from the store, the same
        again = client.post("/v1/documents", content=data, headers=auth)
        SEEN["repeats posted"] += 1
        if again.status_code != 202 or again.json() != ack:
            found.append(
                f"a repeat answered {again.status_code}, not the same acknowledgement: {again.text[:200]}"
            )
    path = f"/v1/messages/{ack['message_id']}/issues"
    every, size = _read_every(client, auth, path, count, r, found)
    if len(every) != count:
        found.append(f"paging by {size} listed {len(every)} issues of {count}")
    if every[: len(warnings)] != warnings:
        found.append("the acknowledgement's warnings are not the first issues of the route")
    tally = Counter((i.get("code"), i.get("severity")) for i in every)
    for code in codes:
        key = (code.get("code"), code.get("severity"))
        if tally.get(key) != code.get("count"):
            found.append(f"code {key}: acknowledged {code.get('count')}, listed {tally.get(key)}")
        first = next((i for i in every if (i.get("code"), i.get("severity")) == key), None)
        if first != code.get("first"):
            found.append(f"code {key}: first differs")
    if len(codes) != len(tally):
        found.append(f"{len(codes)} codes acknowledged, {len(tally)} listed")
    if r.random() < 0.3:  # the status says what the acknowledgement said
        status = client.get(f"/v1/messages/{ack['message_id']}", headers=auth).json()
        SEEN["statuses read"] += 1
        if (status.get("issue_count"), status.get("codes"), status.get("issues")) != (count, codes, warnings):
            found.append(f"status: {status.get('issue_count')} issues, acknowledged {count}")
    found += _hostile_parameters(client, auth, path, every, r)
    return found


def _read_every(
    client: Any, auth: dict[str, str], path: str, count: Any, r: random.Random, found: list[str]
) -> tuple[list[Any], int]:
    """Every issue of the route, read a page of a random size at a time (problems added to `found`)."""
    size = r.choice([1, 7, 100, 333, 999, 1000, r.randint(1, 1000)])
    every: list[Any] = []
    offset: Any = 0
    pages = 0
    while offset is not None and pages < 3000:
        page = client.get(path, params={"offset": offset, "limit": size}, headers=auth)
        SEEN["issue pages"] += 1
        if page.status_code != 200:
            found.append(f"issues page {offset}/{size}: status {page.status_code} {page.text[:200]}")
            break
        body = page.json()
        if body.get("issue_count") != count:
            found.append(f"issues route issue_count {body.get('issue_count')} != warning_count {count}")
        if body.get("offset") != offset or len(body.get("issues", [])) > size:
            found.append(
                f"page at {offset} of {size}: offset {body.get('offset')}, {len(body['issues'])} issues"
            )
        every += body.get("issues", [])
        expected = offset + size if offset + size < (count or 0) else None
        if body.get("next_offset") != expected:
            found.append(
                f"next_offset {body.get('next_offset')} at {offset}+{size} of {count}, not {expected}"
            )
            break
        offset, pages = body.get("next_offset"), pages + 1
    return every, size


def _hostile_parameters(
    client: Any, auth: dict[str, str], path: str, every: list[Any], r: random.Random
) -> list[str]:
    """Hostile offset and limit: 200 (a number read as one) or a coded 400 naming the parameter."""
    found = []
    for _ in range(3):
        name = r.choice(["offset", "limit"])
        value = r.choice(HOSTILE_NUMBERS)
        params = [(name, value)] + ([(name, r.choice(HOSTILE_NUMBERS))] if r.random() < 0.2 else [])
        try:
            page = client.get(path, params=params, headers=auth)
        except (httpx.InvalidURL, UnicodeEncodeError):
            continue
        SEEN[f"hostile {name}={value[:12]!r} {page.status_code}" if page.status_code == 200 else
             f"hostile {name} {page.status_code}"] += 1  # fmt: skip
        if page.status_code == 200:
            body = page.json()
            got_offset, got_limit = body.get("offset"), len(body.get("issues", []))
            if not isinstance(got_offset, int) or got_offset < 0 or got_limit > 1000:
                found.append(f"{name}={value!r} read as offset {got_offset} with {got_limit} issues")
            elif body.get("issues") != every[got_offset : got_offset + got_limit]:
                found.append(f"{name}={value!r}: a page that is not the issues from {got_offset}")
        elif page.status_code == 400:
            body = page.json()
            pointers = [i.get("pointer") for i in body.get("issues", [])]
            if body.get("code") != "request.malformed" or f"query/{name}" not in pointers:
                found.append(f"{name}={value!r}: 400 {body.get('code')} at {pointers}")
        else:
            found.append(f"{name}={value!r}: status {page.status_code} {page.text[:200]}")
    return found


def pull_inboxes(
    client: Any, partners: dict[str, str], review: Any, r: random.Random
) -> tuple[list[str], int]:
    """Every partner pulls its inbox: each payload well-formed, rendered by the review pages (some with
    hostile cookies, some as if over HTTPS), then acknowledged. Returns findings and deliveries pulled."""
    found: list[str] = []
    pulled = 0
    for country, token in partners.items():
        auth = {"Authorization": f"Bearer {token}"}
        listing = client.get(f"/v1/inbox/{country}", params={"limit": 500}, headers=auth)
        if listing.status_code != 200:
            found.append(f"inbox {country}: {listing.status_code} {listing.text[:200]}")
            continue
        items = listing.json().get("items", [])
        session = review_session(review, token, r.random() < 0.5) if items else None
        if session is not None:
            SESSIONS[:] = [*SESSIONS[-9:], *session[0].values()]
        found += hostile_cookies(review, r, SESSIONS)
        SEEN["review sign-ins" if session else "review sign-in failed"] += bool(items)
        for item in items:
            delivery = item.get("id") or item.get("delivery_id")
            payload = client.get(f"/v1/inbox/{country}/{delivery}", headers=auth)
            pulled += 1
            kind = payload.headers.get("content-type", "")
            if payload.status_code != 200:
                found.append(f"payload {country}/{delivery}: {payload.status_code} {payload.text[:200]}")
            elif "xml" in kind:
                try:
                    etree.fromstring(payload.content)
                except etree.XMLSyntaxError as exc:
                    found.append(f"payload {country}/{delivery} not well-formed: {exc}")
            if session is not None:
                found += review_pages(review, session, delivery, r, country)
            done = client.post(f"/v1/inbox/{country}/{delivery}/acknowledgement", headers=auth)
            if done.status_code != 204:
                found.append(f"acknowledge {country}/{delivery}: {done.status_code} {done.text[:200]}")
    return found, pulled


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _set_cookies(answer: Any) -> dict[str, str]:
    got = {}
    for header in answer.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        got[name.strip()] = rest.split(";", 1)[0]
    return got


def review_session(review: Any, token: str, secure: bool) -> tuple[dict[str, str], dict[str, str]] | None:
    """Sign in on the review pages with `token` (as over HTTPS when `secure`): the cookies and headers."""
    headers = {"X-Forwarded-Proto": "https"} if secure else {}
    form = review.get("/review/sign-in", headers=headers)
    review.cookies.clear()
    nonce = _set_cookies(form)
    csrf = CSRF.search(form.text)
    if csrf is None:
        return None
    answer = review.post(
        "/review/sign-in",
        data={"key": token, "csrf": csrf.group(1)},
        headers={**headers, "Cookie": "; ".join(f"{k}={v}" for k, v in nonce.items())},
    )
    review.cookies.clear()
    cookies = {k: v for k, v in _set_cookies(answer).items() if "review" in k and v and "sign_in" not in k}
    return (cookies, headers) if cookies else None


def _cookie_header(cookies: dict[str, str], r: random.Random) -> str:
    """The session's cookies, and some of the time hostile ones before, after or instead of them."""
    pairs = list(cookies.items())
    for _ in range(r.choice([0, 0, 1, 2, 4])):
        pair = (r.choice(COOKIE_NAMES), r.choice([*COOKIE_VALUES, *SESSIONS[-3:]]))
        pairs.insert(r.randint(0, len(pairs)), pair)
    if r.random() < 0.05:
        pairs = pairs[::-1]
    return "; ".join(f"{k}={v}" for k, v in pairs)


def hostile_cookies(review: Any, r: random.Random, sessions: list[str]) -> list[str]:
    """Review requests with hostile cookies only (names prefixed and plain, values hostile or another
    officer's session), over HTTP and as over HTTPS: a page, a redirect to sign in, or a coded refusal."""
    found = []
    for _ in range(4):
        headers = {"X-Forwarded-Proto": "https"} if r.random() < 0.5 else {}
        pairs = [(r.choice(COOKIE_NAMES), r.choice([*COOKIE_VALUES, *sessions] or COOKIE_VALUES))
                 for _ in range(r.choice([1, 2, 3, 8]))]  # fmt: skip
        cookie = "; ".join(f"{k}={v}" for k, v in pairs).encode("utf-8", "surrogatepass")
        method, path = r.choice(REVIEW_PATHS)
        form = {"key": r.choice(COOKIE_VALUES), "csrf": r.choice(COOKIE_VALUES)} if method == "POST" else None
        try:
            answer = review.request(method, path, headers={**headers, "Cookie": cookie}, data=form)
        except (UnicodeEncodeError, httpx.LocalProtocolError, httpx.InvalidURL):
            continue
        review.cookies.clear()
        SEEN[f"hostile cookies {'https' if headers else 'http'} {answer.status_code}"] += 1
        if answer.status_code >= 500 or answer.status_code not in (200, 303, 302, 400, 401, 403, 404, 431):
            found.append(
                f"hostile cookies {method} {path} {cookie[:200]!r}: {answer.status_code} {answer.text[:200]}"
            )
        secure = [h for h in answer.headers.get_list("set-cookie") if h.startswith("__Host-")]
        for header in secure:
            if (
                "secure" not in header.lower()
                or "path=/;" not in header.lower() + ";"
                or "domain" in header.lower()
            ):
                found.append(f"a __Host- cookie without its attributes: {header[:200]}")
        if not headers and secure:
            found.append(f"a __Host- cookie set over plain HTTP: {secure[0][:200]}")
    return found


INBOX_OF = re.compile(r"Inbox of ([A-Z]{2})|Входящие: ([A-Z]{2})|([A-Z]{2}) 收件箱")


def review_pages(review: Any, session: tuple[dict[str, str], dict[str, str]], delivery: Any,
                 r: random.Random, country: str = "") -> list[str]:  # fmt: skip
    """The inbox and one delivery's pages, with the session's cookies and hostile ones: never a 500,
    always a page (HTML) or a redirect; the inbox is the officer's country's unless a cookie of the
    name read over that scheme (``__Host-`` over HTTPS, plain over HTTP) was set to another's session."""
    cookies, headers = session
    found = []
    odd = quote(r.choice(HOSTILE_NUMBERS + COOKIE_VALUES[:20]), safe="", errors="surrogatepass")
    for path in ["/review/inbox", f"/review/inbox/{delivery}", f"/review/inbox/{delivery}?page=2",
                 f"/review/inbox/{delivery}/raw", f"/review/inbox/{delivery}?page={odd}",
                 f"/review/inbox?after={odd}", f"/review/inbox/{delivery}?lang={odd}"]:  # fmt: skip
        if r.random() < 0.5 and "=" in path:
            continue
        try:
            cookie = _cookie_header(cookies, r).encode("utf-8", "surrogatepass")  # bytes: sent as they are
            answer = review.get(path, headers={**headers, "Cookie": cookie})
        except (UnicodeEncodeError, httpx.LocalProtocolError, httpx.InvalidURL):
            continue
        review.cookies.clear()
        SEEN[f"review {'https' if headers else 'http'} {answer.status_code}"] += 1
        if answer.status_code >= 500 or answer.status_code not in (200, 303, 302, 400, 401, 403, 404, 431):
            found.append(f"review {path}: {answer.status_code} {answer.text[:200]}")
        elif answer.status_code == 200 and "raw" not in path and "<html" not in answer.text[:500].lower():
            found.append(f"review {path}: 200 without a page")
        shown = (
            INBOX_OF.search(answer.text) if answer.status_code == 200 and path == "/review/inbox" else None
        )
        whose = next((g for g in shown.groups() if g), "") if shown else country
        read = ("__Host-" if headers else "") + "gateway_review"
        pairs = [pair.partition(b"=") for pair in cookie.split(b";")]  # as Starlette reads them: stripped
        planted = any(
            k.strip() == read.encode() and v.strip().decode("utf-8", "replace") in SESSIONS
            for k, _, v in pairs
        )
        if whose != country and not planted:
            found.append(f"review inbox of {whose} shown to {country}'s officer: {cookie[:300]!r}")
        SEEN["inbox of another (planted)" if whose != country else "inbox of its own"] += (
            path == "/review/inbox"
        )
    if r.random() < 0.3:
        found += _hostile_correction(review, session, delivery, r)
    return found


def _hostile_correction(
    review: Any, session: tuple[dict[str, str], dict[str, str]], delivery: Any, r: random.Random
) -> list[str]:
    """A correction proposed from the delivery's page (its own form, its own token) with hostile fields:
    kept (303) or refused with a page (400, 403, 404, 413, 422), never a 500."""
    cookies, headers = session
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    shown = review.get(f"/review/inbox/{delivery}", headers={**headers, "Cookie": cookie})
    review.cookies.clear()
    if shown.status_code != 200:
        return []
    every: Any = html.fromstring(shown.text).xpath("//form")
    forms = [f for f in every if str(f.get("action")).endswith("/corrections")]
    if not forms:
        return []
    form = r.choice(forms)
    inputs: Any = form.xpath(".//input")
    fields = {str(i.get("name")): str(i.get("value") or "") for i in inputs if i.get("name")}
    for name in r.sample(["english", "code", "comment", "kind", "text", "pointer", "csrf"], r.randint(1, 3)):
        fields[name] = r.choice([*ODD_TEXT, *COOKIE_VALUES])
    body = "&".join(f"{quote(k)}={quote(v, errors='surrogatepass')}" for k, v in fields.items())
    answer = review.post(
        str(form.get("action")), content=body.encode(),
        headers={**headers, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    review.cookies.clear()
    SEEN[f"hostile correction {answer.status_code}"] += 1
    if answer.status_code not in (303, 400, 403, 404, 413, 422):  # 404: a pointer of no name shown
        return [f"correction {fields!r:.300}: {answer.status_code} {answer.text[:200]}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--count", type=int, default=0, help="stop after this many documents (0: no limit)")
    parser.add_argument("--syntax", choices=[*SYNTAXES, "all"], default="all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--floor", type=float, default=1.0, help="seconds a document may always take")
    parser.add_argument("--out", default="/tmp/fuzz17-findings")
    parser.add_argument("--http", action="store_true", help="post to `gateway serve` instead")
    parser.add_argument("--port", type=int, default=18517)
    parser.add_argument("--memory-every", type=int, default=0, help="print memory every N documents")
    parser.add_argument(
        "--asked", type=float, default=0.0, help="share of documents normalized as a format named"
    )
    parser.add_argument("--values", action="store_true", help="only mutations that keep documents readable")
    parser.add_argument("--files", choices=["glossary", "agreements"], help="mutate these files instead")
    parser.add_argument(
        "--deliver",
        action="store_true",
        help="with --http: new references (more accepted), the issues route and the acknowledgement's "
        "counts checked, partners pulling their inboxes and the review pages rendering them",
    )
    parser.add_argument(
        "--many", type=float, default=0.1, help="with --deliver: share of many-issue documents"
    )
    parser.add_argument("--pull-every", type=int, default=50, help="with --deliver: pull the inboxes every N")
    parser.add_argument("--replay", help="run one saved document again and print its issues")
    args = parser.parse_args()
    global VALUES_ONLY  # noqa: PLW0603 - a switch of this script, read by mutate()
    VALUES_ONLY = args.values
    if args.replay:
        return replay(args)
    if args.files:
        return run_files(args)
    return run_http(args) if args.http else run_in_process(args)


if __name__ == "__main__":
    sys.exit(main())
