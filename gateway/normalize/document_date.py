"""The date of a document, read before its mapping runs, so that its codes are checked against the code
lists in force on that day: the day of its issuing date and time (WCO D011, `IssueDateTime`), in the
document's own time zone. A document whose date cannot be read is checked against the lists at any time;
its missing or bad date is reported by the run itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gateway.mapping.engine import evaluate
from gateway.mapping.rules import ElementRule, Mapping, ValueRule
from gateway.mapping.transforms import BadValue

ISSUE_DATE_TIME = "D011"
"""WCO ID of the document issuing date and time."""


def document_date(mapping: Mapping, root: Any) -> date | None:
    """The day the document was issued, as `mapping` reads it from the document at `root`, or None."""
    rule = next(
        (
            child
            for child in mapping.declaration.children
            if isinstance(child, ElementRule) and child.model.wco_id == ISSUE_DATE_TIME
        ),
        None,
    )
    if rule is None or rule.paths:
        return None
    try:
        text = evaluate(ValueRule(rule.constant, rule.path, rule.transforms), _declaration(mapping, root))
        return datetime.fromisoformat(text).date() if text else None
    except (BadValue, ValueError):
        return None


def _declaration(mapping: Mapping, root: Any) -> Any:
    path = mapping.declaration.path
    found = list(path.nodes(root))[:1] if path is not None else []
    return found[0][0] if found else root
