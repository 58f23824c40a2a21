"""What the commands print for a person at a terminal: text from outside the gateway, made harmless.

Some of what the commands print was written by others: names and references from national documents,
which may carry DEL and the 8-bit controls (XML allows U+007F-U+009F; U+009B is a CSI, the start of an
escape sequence, to a terminal that reads 8-bit controls), and officers' proposals stored before
proposals were checked (docs/review.md) an ESC. A terminal obeys such a character rather than shows it:
clear the screen, retitle the window, rewrite a line. `for_terminal` writes each as an escape (``\\x9b``);
`gateway glossary unresolved --csv` uses it when its output is a terminal (a file keeps the names as
the documents wrote them), `gateway store kept` on every line it prints (a report for a person).
`json_line` writes a JSON line for a script whose characters that act are JSON escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from gateway.controls import ACTING, BIDI, CONTROLS, SEPARATORS, escaped

_OBEYED = re.compile(f"(?!\\n)[{CONTROLS}{SEPARATORS}{BIDI}]")
"""What a terminal obeys rather than shows: every control character but the line feed that ends a line
(a tab included: it would move a column), and the line separators and bidirectional embeddings and
overrides, which reorder what is shown."""


def for_terminal(text: str) -> str:
    """`text` with each character a terminal would obey written as an escape (``\\x1b``, ``\\u202e``)."""
    return _OBEYED.sub(lambda found: escaped(found.group()), text)


def json_line(value: dict[str, Any]) -> str:
    """`value` as one line of JSON, letters as they are and every character a terminal obeys as a JSON
    escape (``\\u009b``): `json.dumps` escapes C0 only, and the text may be a sender's."""
    text = json.dumps(value, ensure_ascii=False)
    return ACTING.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
