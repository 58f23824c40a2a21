"""Cost of what happens to a message after normalization: routing it and filtering it per agreement.

Builds a harmonized message of --items goods items (the goods items, and their annotations, of the golden
kz-eaeu-pi road manifest cloned into its first consignment), then times, interleaved in one run,
`route` under the demo agreements, `share` under the demo Kazakhstan-to-China agreement (no values, no
party tax numbers), `share` under an agreement that lists every element the kz-eaeu-pi mapping can write
by the full filter ("share all, full") and by the fast path that filters only the Forms ("share all,
fast"), and lxml's parse plus serialize of the same bytes, and prints each in MB/s with its ratio to parse
plus serialize. Every coded Resolution of the message carries seven Forms (names in other languages), of
which the agreements keep two or three.

    .venv/bin/python bench/share_route.py [--items 2000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gateway.agreements import Agreements, share  # noqa: E402
from gateway.agreements.coverage import lists_everything, writable_elements  # noqa: E402
from gateway.agreements.elements import SharedElements  # noqa: E402
from gateway.mapping.registry import FormatRegistry  # noqa: E402
from gateway.model import load_model  # noqa: E402
from gateway.routing import route  # noqa: E402

NS = "{urn:carec-gateway:harmonized:1}"
FORMS = {
    "en": "Latn",
    "kk": "Cyrl",
    "mn": "Cyrl",
    "ru": "Cyrl",
    "uz-Cyrl": "Cyrl",
    "uz-Latn": "Latn",
    "zh-Hans": "Hans",
}
GOLDEN = ROOT / "tests" / "golden" / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"


def scaled_message(items: int) -> bytes:
    """The golden message with its first consignment's goods items (and annotations) cloned to `items`."""
    root = etree.fromstring(GOLDEN.read_bytes(), etree.XMLParser(remove_blank_text=True))
    consignment = root.find(f"{NS}Declaration/{NS}Consignment")
    annotation = root.find(f"{NS}Annotations/{NS}Annotation/{NS}Annotation")
    assert consignment is not None and annotation is not None
    item = consignment.findall(f"{NS}ConsignmentItem")[-1]
    item_annotation = annotation.findall(f"{NS}Annotation")[-1]
    for number in range(items - len(consignment.findall(f"{NS}ConsignmentItem"))):
        clone, clone_annotation = copy.deepcopy(item), copy.deepcopy(item_annotation)
        clone_annotation.set("pointer", f"29A[{number + 2}]")
        consignment.append(clone)
        annotation.append(clone_annotation)
    for resolution in root.iter(f"{NS}Resolution"):
        for position, (language, script) in enumerate(FORMS.items() if resolution.get("code") else ()):
            form = etree.Element(f"{NS}Form", languageID=language, scriptCode=script)
            form.text = f"{resolution.get('latin')} ({language})"
            resolution.insert(position, form)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def median_seconds(functions: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """The median time of each function, the functions interleaved run by run."""
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000, help="goods items in the message")
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of each side")
    arguments = parser.parse_args()
    agreements = Agreements.load(ROOT / "agreements")
    agreement = agreements.between("KZ", "CN")
    assert agreement is not None
    mapping = FormatRegistry.from_folder(ROOT / "mappings", ROOT / "codelists" / "crosswalks").get(
        "kz-eaeu-pi"
    )
    every = replace(agreement, shared=SharedElements.of(load_model(), writable_elements(mapping)))
    assert lists_everything(mapping, every)
    message = scaled_message(arguments.items)
    assert [r.country for r in route(message, "KZ", agreements).recipients] == ["CN"]
    medians = median_seconds(
        {
            "parse+serialize": lambda: etree.tostring(etree.fromstring(message)),
            "route": lambda: route(message, "KZ", agreements),
            "share": lambda: share(message, agreement),
            "share all, full": lambda: share(message, every),
            "share all, fast": lambda: share(message, every, mapping=mapping),
        },
        arguments.repeats,
    )
    megabytes = len(message) / 1e6
    print(f"message: {megabytes:.2f} MB, {arguments.items} goods items")
    print(f"{'step':<18}{'ms':>8}{'MB/s':>8}{'ratio':>7}")
    for name, seconds in medians.items():
        ratio = seconds / medians["parse+serialize"]
        print(f"{name:<18}{seconds * 1000:>8.1f}{megabytes / seconds:>8.1f}{ratio:>7.2f}")


if __name__ == "__main__":
    main()
