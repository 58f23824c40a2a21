"""Normalization throughput against lxml's parse plus serialize of the same bytes, measured in one run.

For each format with an example in examples/, the benchmark builds a document of about 1 MB or more by
growing the example to --items goods items (XML: clones of its goods items; JSON: of the items of its
first consignment; CSV: of its rows; UN/EDIFACT: of its last GID group, with the UNT count mended), with
distinct numbers and descriptions. For the XML formats it also times lxml's parse plus serialize of the
same bytes and prints the ratio; for the others, MB/s only (lxml has nothing to compare with).

For an XML format, the benchmark builds the document by
cloning the example's goods items (the nodes its mapping reads ConsignmentItem from) into its first
consignment until there are at least --items of them, giving every clone distinct numbers, descriptions
and container numbers so that memoized results do not flatter the figure. It then times, interleaved,
the whole normalization (bytes in, harmonized message bytes and issues out) and lxml's parse plus
serialize of the same bytes, and prints both in MB/s and their ratio (normalization time over parse plus
serialize time; the goal is at most 3). That figure is the normalizer of issue 3 (intake, mapping,
checks, message bytes); the last column, "with names", is the whole pipeline with the name-resolution
stage after the mapping (issue 4; bench/names.py measures that stage), timed in a second loop of the
same run and divided by the first loop's parse plus serialize time (the baseline timed beside the
heavier pipeline comes out slower, which would flatter it).

    .venv/bin/python bench/normalize.py                 # every XML format
    .venv/bin/python bench/normalize.py kz-eaeu-pi      # one format

`--clock cpu` times the CPU of the benchmark's thread instead of the wall clock: on a machine whose cores
other processes share, the wall clock also measures them.

It first says which clock it uses and whether the XML mappings read children through the compiled child index
(gateway/mapping/_fastread.pyx, built by `pip install -e .`) or through the pure-Python one (a source
tree without the extension built): the figures differ by 10-15 %.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.mapping import child_index  # noqa: E402
from gateway.mapping.rules import ClassRule, Mapping  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_QUANTITY = re.compile(r"^(?:\d{3,5}|\d+[.,]\d+)$")
"""Numbers that are quantities or masses; shorter whole numbers are usually codes, and so are longer
ones (HS subheadings, tariff codes, postcodes, taxpayer numbers, which the code lists check): left alone."""


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


def _chain_to(rule: ClassRule, name: str) -> list[ClassRule]:
    """The class rules from below `rule` down to the first one called `name`, depth first."""
    for child in rule.children:
        if isinstance(child, ClassRule):
            if child.name == name:
                return [child]
            below = _chain_to(child, name)
            if below:
                return [child, *below]
    return []


def scaled_document(mapping: Mapping, example: Path, items: int) -> tuple[bytes, int]:
    """The example grown to at least `items` goods items, and the item count."""
    root = etree.parse(str(example)).getroot()
    chain = _chain_to(mapping.declaration, "ConsignmentItem")
    if not chain or chain[-1].each is None:
        raise SystemExit(f"{mapping.format}: the mapping reads no ConsignmentItem with an 'each' path")
    context = root
    for rule in chain[:-1]:  # the first node of every class on the way (Consignment, HouseConsignment)
        path = rule.each or rule.path
        context = path.nodes(context)[0][0] if path is not None else context
    item_rule, first_consignment = chain[-1], context
    templates = [node for node, _ in item_rule.each.nodes(first_consignment)]
    parent = templates[-1].getparent()
    for number in range(items - len(templates)):
        clone = copy.deepcopy(templates[number % len(templates)])
        _vary(clone, number)
        parent.append(clone)
    total = _count(chain, root)
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    return etree.tostring(root, xml_declaration=True, encoding=encoding), total


def _count(chain: list[ClassRule], root: etree._Element) -> int:
    """How many nodes the last class of `chain` is read from, in the whole document."""
    contexts = [root]
    for rule in chain:
        path = rule.each or rule.path
        if path is not None:
            contexts = [node for context in contexts for node, _ in path.nodes(context)]
    return len(contexts)


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


def scaled_json(example: Path, items: int) -> tuple[bytes, int]:
    """The example with the largest list of objects in its first consignment grown to `items`."""
    document = json.loads(example.read_bytes().decode("utf-8-sig"))
    consignment = next(value for value in document.values() if isinstance(value, list) and value)[0]
    goods = max(
        (
            value
            for value in consignment.values()
            if isinstance(value, list) and value and all(isinstance(item, dict) for item in value)
        ),
        key=len,
    )
    templates = list(goods)
    for number in range(items - len(goods)):
        clone = json.loads(json.dumps(templates[number % len(templates)]))
        _vary_json(clone, number)
        goods.append(clone)
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"), len(goods)


def _vary_json(value: object, number: int) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, str) and len(child) > 30:
                value[key] = f"{child[:400]}, lot {number + 1}"
            elif isinstance(child, float | int) and not isinstance(child, bool) and child >= 100:
                value[key] = child + number % 997 + 1
            else:
                _vary_json(child, number)
    elif isinstance(value, list):
        for child in value:
            _vary_json(child, number)


def scaled_csv(example: Path, items: int) -> tuple[bytes, int]:
    """The example's data rows repeated to `items` rows (each stays in its consignment's group)."""
    text = example.read_bytes().decode("utf-8")
    header, *rows = text.splitlines(keepends=True)
    rows = [row for row in rows if row.strip()]
    grown = [rows[number % len(rows)] for number in range(max(items, len(rows)))]
    return (header + "".join(grown)).encode("utf-8"), len(grown)


def scaled_edifact(example: Path, items: int) -> tuple[bytes, int]:
    """The example's last GID group repeated to `items` goods items, with the UNT segment count mended."""
    text = example.read_bytes().decode("utf-8")
    segments = re.split(r"(?<!\?)'\s*", text)
    gids = [index for index, segment in enumerate(segments) if segment.startswith("GID+")]
    end = next(
        index
        for index in range(gids[-1] + 1, len(segments))
        if segments[index].startswith(("UNT+", "CNI+", "EQD+"))
    )
    group = segments[gids[-1] : end]
    copies = [segment for _ in range(items - len(gids)) for segment in group]
    grown = segments[:end] + copies + segments[end:]
    unh = next(index for index, segment in enumerate(grown) if segment.startswith("UNH+"))
    unt = next(index for index, segment in enumerate(grown) if segment.startswith("UNT+"))
    reference = grown[unt].split("+")[2]
    grown[unt] = f"UNT+{unt - unh + 1}+{reference}"
    return ("'\n".join(segment for segment in grown if segment) + "'\n").encode("utf-8"), items


CLOCK = time.perf_counter
"""Wall clock by default; `--clock cpu` times the CPU of this thread (fairer when other processes share
the machine's cores: both sides run in this thread)."""


def median_seconds(function: object, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        start = CLOCK()
        function()  # type: ignore[operator]
        timings.append(CLOCK() - start)
    return timings


def measure(
    normalizer: Normalizer, mapping: Mapping, data: bytes, repeats: int
) -> tuple[float, float | None]:
    """Median seconds of normalization and of parse plus serialize, interleaved."""

    def normalize() -> None:
        result = normalizer.normalize(data, mapping.format)
        assert result.message is not None
        result.message.to_xml()

    def parse_and_serialize() -> None:
        etree.tostring(etree.fromstring(data))

    xml = mapping.syntax == "xml"

    errors = [
        issue for issue in normalizer.normalize(data, mapping.format).issues if issue.severity == "error"
    ]
    if errors:  # the figure must be for a clean document, not for the error path
        raise SystemExit(f"{mapping.format}: the scaled document has {len(errors)} errors: {errors[0]}")
    normalize()  # warm the compiled mapping and the code lists
    normalization, baseline = [], []
    for _ in range(repeats):
        normalization += median_seconds(normalize, 1)
        baseline += median_seconds(parse_and_serialize, 1) if xml else []
    return statistics.median(normalization), statistics.median(baseline) if xml else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("formats", nargs="*", help="format names (default: every XML format)")
    parser.add_argument("--items", type=int, default=2000, help="goods items per document")
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of each side")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="what to time")
    arguments = parser.parse_args()
    global CLOCK  # noqa: PLW0603  # the one setting of a script
    CLOCK = time.thread_time if arguments.clock == "cpu" else time.perf_counter
    named = Normalizer.from_settings(Settings())
    # Issue 3's figure is the normalizer without the name-resolution stage (issue 4, bench/names.py
    # measures it); the last column is the whole pipeline with it, measured in the same run.
    plain = Normalizer(named.registry, named.codelists, named.limits, named.model)
    names = arguments.formats or plain.registry.names()
    fast = child_index.ACCELERATOR
    print(
        f"clock: {arguments.clock}; child index: "
        + (f"compiled ({Path(fast.__file__ or '').name})" if fast else "pure Python (the C one is not built)")
    )
    print(
        f"{'format':<22}{'MB':>6}{'items':>7}{'normalize MB/s':>16}{'parse+serialize MB/s':>22}"
        f"{'ratio':>7}  goal <= 3 (XML){'with names':>12}"
    )
    for name in names:
        mapping = plain.registry.get(name)
        examples = sorted((ROOT / "examples").glob(f"{name}.*")) or sorted(
            (ROOT / "examples").glob(f"{name}*")
        )
        if not examples:
            print(f"{name:<22} no example in examples/")
            continue
        data, items = SCALERS[mapping.syntax](mapping, examples[0], arguments.items)
        normalization, baseline = measure(plain, mapping, data, arguments.repeats)
        megabytes = len(data) / 1e6
        line = f"{name:<22}{megabytes:>6.2f}{items:>7}{megabytes / normalization:>16.1f}"
        if baseline is not None:
            ratio = normalization / baseline
            line += f"{megabytes / baseline:>22.1f}{ratio:>7.2f}{'met' if ratio <= 3 else 'NOT met':>17}"
            if named.resolution is not None:  # timed in its own loop, over the same baseline
                with_names, _ = measure(named, mapping, data, arguments.repeats)
                line += f"{with_names / baseline:>12.2f}"
        print(line)


SCALERS = {
    "xml": scaled_document,
    "json": lambda mapping, example, items: scaled_json(example, items),
    "csv": lambda mapping, example, items: scaled_csv(example, items),
    "edifact": lambda mapping, example, items: scaled_edifact(example, items),
}


if __name__ == "__main__":
    main()
