"""One page of a message as an officer reads it: at most `GOODS_PER_PAGE` goods items, so that a page's
size is bounded whatever the manifest (a 2,000-item manifest made a 9.6 MB page). No FastAPI here.

The message's slots are its goods items (``ConsignmentItem``, under a Consignment or a HouseConsignment)
and its consignments that hold no goods item, numbered in document order; page n shows slots
(n-1)·size … n·size-1. A consignment is shown on every page that holds one of its goods items, with
what it says itself (its parties, places, itinerary, transport equipment: who sent the goods on the
page and where they go); its goods items on other pages are left out. Of a consignment that started on
an earlier page, a kind of part it holds more than `CONTEXT_REPEATS` times (the containers of a block
train) is listed on that page only: a later page says how many and links there (`MessagePage.elsewhere`;
500 containers were 0.7 MB of each of its pages). The Declaration's own values and parts (submitter,
declarant, carrier, means of transport, offices) are on the first page only: they are read once, and on
a later page an officer looks for goods items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from gateway.api.review_page import Part

GOODS_PER_PAGE = 100
GOODS_ITEM = "ConsignmentItem"
CONSIGNMENTS = frozenset({"Consignment", "HouseConsignment"})
CONTEXT_REPEATS = 10
"""The most parts of one kind (containers, seals) a consignment shows again on a later page of its goods
items; more are listed on the page where it starts."""


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """`count` parts labelled `label` of a consignment, listed on page `page` (where it starts)."""

    label: str
    count: int
    page: int


@dataclass(frozen=True, slots=True)
class Span:
    """The slots and goods items a part holds: slots [first_slot, end_slot), items [first_item, end_item)."""

    first_slot: int
    end_slot: int
    first_item: int
    end_item: int


@dataclass(frozen=True, slots=True)
class MessagePage:
    """Page `number` of `count`: the Declaration cut to it, and which goods items it shows (1-based)."""

    number: int
    count: int
    declaration: Part
    first_item: int
    last_item: int
    items: int
    pointers: frozenset[str]
    """The pointers of the parts and values the page shows (its warnings are those about them)."""
    elsewhere: dict[str, list[Elsewhere]] = field(default_factory=dict)
    """By consignment pointer: the kinds of its parts left out of this page, on the page where it starts."""


def page_of(declaration: Part, number: int, size: int = GOODS_PER_PAGE) -> MessagePage:
    """Page `number` of the message (a number out of range is the nearest page)."""
    spans: dict[int, Span] = {}
    whole = _span(declaration, spans, 0, 0)
    count = max(1, -(-whole.end_slot // size))
    number = min(max(number, 1), count)
    cut = _Cut(spans, (number - 1) * size, number * size, number == 1)
    shown = cut.part(declaration, top=True) or declaration
    return MessagePage(
        number, count, shown, cut.first_item + 1, cut.last_item, whole.end_item, frozenset(pointers(shown)),
        cut.elsewhere,
    )  # fmt: skip


def pointers(part: Part) -> set[str]:
    """The pointers of `part`, its values and every part below it."""
    found = {part.pointer} | {value.pointer for value in part.values}
    for below in part.parts:
        found |= pointers(below)
    return found


def _span(part: Part, spans: dict[int, Span], slot: int, item: int) -> Span:
    """Number the slots and goods items of `part` from `slot` and `item`, recording each part's span."""
    first_slot, first_item = slot, item
    for below in part.parts:
        inner = _span(below, spans, slot, item)
        slot, item = inner.end_slot, inner.end_item
    if part.name == GOODS_ITEM and item == first_item:
        slot, item = slot + 1, item + 1
    elif part.name in CONSIGNMENTS and slot == first_slot:
        slot += 1  # a consignment without goods items takes a slot of its own
    spans[id(part)] = found = Span(first_slot, slot, first_item, item)
    return found


class _Cut:
    """The parts of a page: those holding a slot in [low, high), and the context of their consignments."""

    def __init__(self, spans: dict[int, Span], low: int, high: int, first_page: bool) -> None:
        self.spans, self.low, self.high, self.first_page = spans, low, high, first_page
        self.first_item, self.last_item = -1, 0
        self.elsewhere: dict[str, list[Elsewhere]] = {}

    def part(self, part: Part, top: bool = False) -> Part | None:
        span = self.spans[id(part)]
        if span.end_slot > span.first_slot and (span.end_slot <= self.low or span.first_slot >= self.high):
            return None  # every slot it holds is on another page
        if part.name == GOODS_ITEM:
            self._saw(span)
        context = self.first_page or not top
        shown_before = self._shown_before(part, span)
        parts = []
        for below in part.parts:
            holds = self._holds(below)
            kept = (
                self.part(below) if holds else below if context and below.name not in shown_before else None
            )
            if kept is not None:
                parts.append(kept)
        return replace(part, values=part.values if context else [], parts=parts)

    def _shown_before(self, part: Part, span: Span) -> set[str]:
        """The kinds of part that `part`, a consignment that started on an earlier page, holds more than
        `CONTEXT_REPEATS` times: left out here, listed on its first page (`elsewhere`)."""
        if part.name not in CONSIGNMENTS or span.first_slot >= self.low:
            return set()
        kinds = Counter(below.name for below in part.parts if not self._holds(below))
        many = {name for name, count in kinds.items() if count > CONTEXT_REPEATS}
        if many:
            page = span.first_slot // (self.high - self.low) + 1
            labels = {below.name: below.label for below in part.parts if below.name in many}
            self.elsewhere[part.pointer] = [
                Elsewhere(labels[name], kinds[name], page) for name in sorted(many)
            ]
        return many

    def _holds(self, part: Part) -> bool:
        span = self.spans[id(part)]
        return span.end_slot > span.first_slot

    def _saw(self, span: Span) -> None:
        if self.first_item < 0:
            self.first_item = span.first_item
        self.last_item = span.end_item
