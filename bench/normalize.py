"""Normalization throughput against lxml's parse plus serialize of the same bytes, measured in one run.

For each XML format with an example in examples/, the benchmark builds a document of about 1 MB by
cloning the example's goods items (the nodes its mapping reads ConsignmentItem from) into its first
consignment until there are at least --items of them, giving every clone distinct numbers, descriptions
and container numbers so that memoized results do not flatter the figure. It then times, interleaved,
the whole normalization (bytes in, harmonized message bytes and issues out) and lxml's parse plus
serialize of the same bytes, and prints both in MB/s and their ratio (normalization time over parse plus
serialize time; the goal is at most 3).

    .venv/bin/python bench/normalize.py                 # every XML format
    .venv/bin/python bench/normalize.py kz-eaeu-pi      # one format
"""

from __future__ import annotations

import argparse
import copy
import re
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.mapping.rules import ClassRule, Mapping  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_QUANTITY = re.compile(r"^(?:\d{3,8}|\d+[.,]\d+)$")
"""Numbers that are quantities or masses; shorter whole numbers are usually codes, left alone."""


def find_rule(rule: ClassRule, name: str) -> ClassRule | None:
    """The first class rule called `name` below `rule`, depth first."""
    for child in rule.children:
        if isinstance(child, ClassRule):
            if child.name == name:
                return child
            found = find_rule(child, name)
            if found is not None:
                return found
    return None


def scaled_document(mapping: Mapping, example: Path, items: int) -> tuple[bytes, int]:
    """The example grown to at least `items` goods items, and the item count."""
    root = etree.parse(str(example)).getroot()
    consignment = find_rule(mapping.declaration, "Consignment")
    item_rule = find_rule(consignment, "ConsignmentItem") if consignment else None
    if consignment is None or consignment.each is None or item_rule is None or item_rule.each is None:
        raise SystemExit(f"{mapping.format}: the mapping has no Consignment/ConsignmentItem 'each' path")
    first_consignment = consignment.each.nodes(root)[0][0]
    templates = [node for node, _ in item_rule.each.nodes(first_consignment)]
    parent = templates[-1].getparent()
    for number in range(items - len(templates)):
        clone = copy.deepcopy(templates[number % len(templates)])
        _vary(clone, number)
        parent.append(clone)
    total = len(item_rule.each.nodes(first_consignment))
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    return etree.tostring(root, xml_declaration=True, encoding=encoding), total


def _vary(item: etree._Element, number: int) -> None:
    """Make a cloned item's values distinct: numbers shift, the longest text gets a lot number."""
    leaves = [leaf for leaf in item.iter() if len(leaf) == 0 and leaf.text and leaf.text.strip()]
    if not leaves:
        return
    for leaf in leaves:
        text = leaf.text.strip()
        if _QUANTITY.match(text):
            leaf.text = str(int(float(text.replace(",", "."))) + number % 997 + 1)
    longest = max(leaves, key=lambda leaf: len(leaf.text or ""))
    if not _NUMBER.match(longest.text.strip()):
        longest.text = f"{longest.text.strip()[:400]}, lot {number + 1}"


def median_seconds(function: object, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return timings


def measure(normalizer: Normalizer, mapping: Mapping, data: bytes, repeats: int) -> tuple[float, float]:
    """Median seconds of normalization and of parse plus serialize, interleaved."""

    def normalize() -> None:
        result = normalizer.normalize(data, mapping.format)
        assert result.message is not None
        result.message.to_xml()

    def parse_and_serialize() -> None:
        etree.tostring(etree.fromstring(data))

    errors = [
        issue for issue in normalizer.normalize(data, mapping.format).issues if issue.severity == "error"
    ]
    if errors:  # the figure must be for a clean document, not for the error path
        raise SystemExit(f"{mapping.format}: the scaled document has {len(errors)} errors: {errors[0]}")
    normalize()  # warm the compiled mapping and the code lists
    normalization, baseline = [], []
    for _ in range(repeats):
        normalization += median_seconds(normalize, 1)
        baseline += median_seconds(parse_and_serialize, 1)
    return statistics.median(normalization), statistics.median(baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("formats", nargs="*", help="format names (default: every XML format)")
    parser.add_argument("--items", type=int, default=2000, help="goods items per document")
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of each side")
    arguments = parser.parse_args()
    normalizer = Normalizer.from_settings(Settings())
    names = arguments.formats or [mapping.format for mapping in normalizer.registry.by_syntax("xml")]
    print(
        f"{'format':<22}{'MB':>6}{'items':>7}{'normalize MB/s':>16}{'parse+serialize MB/s':>22}"
        f"{'ratio':>7}  goal <= 3"
    )
    for name in names:
        mapping = normalizer.registry.get(name)
        examples = sorted((ROOT / "examples").glob(f"{name}*.xml"))
        if not examples:
            print(f"{name:<22} no example in examples/")
            continue
        data, items = scaled_document(mapping, examples[0], arguments.items)
        normalization, baseline = measure(normalizer, mapping, data, arguments.repeats)
        megabytes = len(data) / 1e6
        print(
            f"{name:<22}{megabytes:>6.2f}{items:>7}{megabytes / normalization:>16.1f}"
            f"{megabytes / baseline:>22.1f}{normalization / baseline:>7.2f}"
        )


if __name__ == "__main__":
    main()
