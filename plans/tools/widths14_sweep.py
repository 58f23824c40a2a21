"""CPU of wide documents (branch widths14): for each national syntax, documents that are wide rather than
deep or long (attributes per element, namespace declarations, unknown siblings, JSON keys, arrays where
one value is expected, CSV columns, EDIFACT elements, components and unknown segments), built from the
examples up to --mb megabytes, beside a normal long document per syntax (the example's consignments
repeated, up to the size or the repeat limit): the baseline the brief's "10x a normal document" compares
with. Printed per case: its size, the process CPU
seconds of one `Normalizer.normalize` (the least of --repeat runs), its CPU per megabyte over the
baseline's (x base), the first error's code and place; with --api, the CPU of one
POST /v1/documents through the app called as ASGI in this process (a SQLite store in a temporary folder,
a national key per country) and its status.

    PYTHONPATH=. .venv/bin/python plans/tools/widths14_sweep.py [--mb 20] [--repeat 1] [--api] [--only xml]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(PROJECT), str(PROJECT / "bench")]

from intake_steps import answered  # noqa: E402

from gateway.access.keys import create_key  # noqa: E402  (after the path is set)
from gateway.api.app import create_app  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.database import sqlite_url  # noqa: E402
from gateway.store.memory import utc_now  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402

EXAMPLES = PROJECT / "examples"
KZ = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
UZ = (EXAMPLES / "uz-customs-json.json").read_bytes()
MN = (EXAMPLES / "mn-customs-csv.csv").read_bytes()
AZ = (EXAMPLES / "az-cuscar.edi").read_bytes()
COUNTRY = {"xml": "KZ", "json": "UZ", "csv": "MN", "edifact": "AZ"}


MOST_NODES = 990_000
"""Under the default `max_elements` (1,000,000 XML elements, JSON values or EDIFACT segments)."""


def fill(size: int, unit: bytes) -> int:
    """How many `unit`s make `size` bytes."""
    return max(1, size // len(unit))


def parts(size: int, unit: bytes) -> int:
    """How many `unit`s make `size` bytes, within the default repeat limit (two are in the example)."""
    return min(9_997, fill(size, unit))


def nodes(size: int, unit: bytes) -> int:
    """How many `unit`s, each one node of the intake's count, make `size` bytes, within the count's limit."""
    return min(MOST_NODES, fill(size, unit))


def before(data: bytes, anchor: bytes, inserted: bytes) -> bytes:
    """`data` with `inserted` before the first `anchor`."""
    return data.replace(anchor, inserted + anchor, 1)


def after(data: bytes, anchor: bytes, inserted: bytes) -> bytes:
    """`data` with `inserted` after the first `anchor`."""
    return data.replace(anchor, anchor + inserted, 1)


def xml_cases(size: int) -> dict[str, bytes]:
    mass = b'<pi:UnifiedGrossMassMeasure measurementUnitCode="166">'
    cargo = re.search(rb"  <pi:PICargoInfo>.*?</pi:PICargoInfo>\n", KZ, re.S)[0]  # type: ignore[index]
    root = b'<pi:PreliminaryInformation xmlns:pi="urn:carec-gateway:stand-in:kz:eaeu-pi:1"'
    attribute, namespace = b' a0000000="1"', b' xmlns:p0000000="urn:x:0000000"'
    known = re.search(rb"  <pi:EDocId>.*?</pi:EDocId>\n", KZ)[0]  # type: ignore[index]
    container = b"<pi:ContainerId>TGHU3456780</pi:ContainerId>"
    seal = b"<pi:SealId>KZ0451287</pi:SealId>"

    def attributes(unit: bytes) -> bytes:
        return b"".join(unit.replace(b"0000000", b"%07d" % n) for n in range(fill(size, unit)))

    return {
        "xml-normal-long (consignments repeated)": before(KZ, cargo, cargo * parts(size, cargo)),
        "xml-attributes-unknown": after(KZ, b"<pi:DocumentKindCode", attributes(attribute)),
        "xml-attributes-on-a-read-element": KZ.replace(mass, mass[:-1] + attributes(attribute) + b">", 1),
        "xml-namespace-declarations-on-root": KZ.replace(root, root + attributes(namespace)),
        "xml-namespace-declarations-on-an-item": KZ.replace(
            b"<pi:GoodsItemDetails>", b"<pi:GoodsItemDetails" + attributes(namespace) + b">", 1
        ),
        "xml-unknown-siblings-in-root": before(KZ, b"<pi:PICargoInfo>", b"<x/>" * nodes(size, b"<x/>")),
        "xml-unknown-siblings-in-an-item": KZ.replace(
            b"<pi:GoodsItemDetails>", b"<pi:GoodsItemDetails>" + b"<x/>" * nodes(size, b"<x/>"), 1
        ),
        "xml-a-read-element-repeated": KZ.replace(known, known * fill(size, known), 1),
        "xml-a-repeating-element-repeated (container IDs)": KZ.replace(
            container, container * nodes(size, container), 1
        ),
        "xml-a-repeated-class (seals)": KZ.replace(seal, seal * nodes(size, seal), 1),
    }  # fmt: skip


def json_cases(size: int) -> dict[str, bytes]:
    consignment = re.search(rb"    \{\n      \"sequence\": 1,.*?\n    \}", UZ, re.S)[0]  # type: ignore[index]
    key = b'"k0000000": 1, '
    keys = b"".join(key.replace(b"0000000", b"%07d" % n) for n in range(nodes(size, key)))
    first = b'"document_kind"'
    consignments = (consignment + b",\n") * parts(size, consignment)
    return {
        "json-normal-long (consignments repeated)": before(UZ, consignment, consignments),
        "json-unknown-keys-at-the-top": UZ.replace(b"{", b"{" + keys, 1),
        "json-unknown-keys-in-an-item": UZ.replace(b'"sequence": 1,', keys + b'"sequence": 1,', 1),
        "json-duplicate-keys (late)": UZ.replace(first, keys + first + b': "X", ' + first, 1),
        "json-array-of-scalars-for-one-value": UZ.replace(
            b'"gross_mass_kg": 22104', b'"gross_mass_kg": [' + b"22104, " * nodes(size, b"22104, ") + b"1]", 1
        ),
        "json-array-of-strings-for-the-kind": UZ.replace(
            b'"document_kind": "PRE_ARRIVAL"',
            b'"document_kind": [' + b'"PRE_ARRIVAL", ' * nodes(size, b'"PRE_ARRIVAL", ') + b'"PRE_ARRIVAL"]',
        ),
        "json-long-route": after(UZ, b'"route": [', b'"KZ", ' * nodes(size, b'"KZ", ')),
    }  # fmt: skip


def csv_cases(size: int) -> dict[str, bytes]:
    lines = MN.splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line.strip()]
    width = fill(size // (len(rows) + 4), b",x")
    block = b"\n".join(rows)
    consignments = [block.replace(b"241876", b"%06d" % n) for n in range(fill(size, block))]  # their numbers
    wide_header = header + b"".join(b",c%d" % n for n in range(width))
    return {
        "csv-normal-long (consignments repeated)": b"\n".join([header, *consignments]) + b"\n",
        "csv-many-columns": wide_header + b"\n" + b"\n".join(row + b",x" * width for row in rows) + b"\n",
        "csv-rows-repeating-the-header": MN + (header + b"\n") * fill(size, header),
        "csv-quoted-cell-of-line-breaks (under the field limit)": MN.replace(
            b",24187654,", b',"24187654' + b"\r\n" * 65_000 + b'",', 1
        ),
    }  # fmt: skip


def _unt(data: bytes) -> bytes:
    """The interchange with UNT's segment count made right again."""
    body = data[data.index(b"UNH+") : data.index(b"UNT+")]
    count = body.count(b"'\n") + 1
    return re.sub(rb"UNT\+\d+", b"UNT+%d" % count, data)


def edifact_cases(size: int) -> dict[str, bytes]:
    cni = AZ[AZ.index(b"CNI+2'") : AZ.index(b"UNT+")]
    elements = b"+x" * fill(size, b"+x")
    loc, ftx, sgp, sel = (
        b"LOC+9+KZAAU:139:6:Aktau",
        b"FTX+AAA+++x'\n",
        b"SGP+TGHU3456780+240'\n",
        b"SEL+KZ0451287+CA'\n",
    )
    return {
        "edifact-normal-long (consignments repeated)": _unt(before(AZ, cni, cni * parts(size, cni))),
        "edifact-segment-of-many-elements": _unt(before(AZ, b"CNI+1'", b"FTX+AAA" + elements + b"'\n")),
        "edifact-read-segment-of-many-elements": after(AZ, loc, b"+x" * fill(size, b"+x")),
        "edifact-element-of-many-components": after(AZ, loc, b":x" * fill(size, b":x")),
        "edifact-unknown-segments": _unt(before(AZ, b"CNI+1'", b"ZZZ+1'\n" * nodes(size, b"ZZZ+1'\n"))),
        "edifact-a-read-segment-repeated": _unt(before(AZ, b"CNI+1'", ftx * nodes(size, ftx))),
        "edifact-a-repeating-element-repeated (SGP)": _unt(before(AZ, sgp, sgp * nodes(size, sgp))),
        "edifact-a-repeated-class (seals)": _unt(before(AZ, sel, sel * nodes(size, sel))),
        "edifact-many-goods-texts": _unt(before(AZ, b"MEA+AAE+AAE+KGM:12060'", ftx * nodes(size, ftx))),
    }  # fmt: skip


SYNTAXES: dict[str, Callable[[int], dict[str, bytes]]] = {
    "xml": xml_cases,
    "json": json_cases,
    "csv": csv_cases,
    "edifact": edifact_cases,
}


def cpu(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The least process CPU seconds of `repeat` calls, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = call()
        best = min(best, time.process_time() - started)
    return best, result


class Api:
    """The app as `gateway serve` builds it, over a SQLite store in a temporary folder, posted to as ASGI."""

    def __init__(self, folder: str) -> None:
        store = SqlStore.open(sqlite_url(Path(folder) / "gateway.sqlite3"))
        self.tokens = {
            country: create_key(store, f"{country} (sweep)", country, "national", utc_now())[1]
            for country in COUNTRY.values()
        }
        store.close()
        self.app = create_app(Settings(data_dir=Path(folder)))
        self.loop = asyncio.new_event_loop()
        self.lifespan = self.app.router.lifespan_context(self.app)
        self.loop.run_until_complete(self.lifespan.__aenter__())

    def post(self, country: str, document: bytes) -> int:
        headers = [
            (b"authorization", f"Bearer {self.tokens[country]}".encode()),
            (b"content-length", str(len(document)).encode()),
        ]
        return self.loop.run_until_complete(answered(self.app, headers, document))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of each wide document (default 20)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--api", action="store_true", help="also post each document through the app")
    parser.add_argument("--only", choices=sorted(SYNTAXES), action="append")
    options = parser.parse_args()
    size = int(options.mb * 1_000_000) - 20_000  # under the limit with the example around it
    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    folder = tempfile.mkdtemp(prefix="widths14-")
    api = Api(folder) if options.api else None
    head = f"{'case':48} {'MB':>6} {'cpu s':>7} {'x base':>7}  first issue"
    print(head + ("   api s status" if api else ""))
    for syntax in options.only or SYNTAXES:
        base = None
        for name, data in SYNTAXES[syntax](size).items():
            seconds, result = cpu(lambda: normalizer.normalize(data), options.repeat)  # noqa: B023
            issue = next((i for i in result.issues if i.severity == "error"), None)
            said = f"{issue.code} line={issue.line} source={(issue.source or '')[:40]}" if issue else "ok"
            per_mb = seconds / len(data) * 1e6
            base = base or per_mb
            line = f"{name:48} {len(data) / 1e6:6.2f} {seconds:7.2f} {per_mb / base:7.1f}  {said}"
            if api is not None:
                cost, status = cpu(lambda: api.post(COUNTRY[syntax], data), 1)  # noqa: B023
                line += f"   {cost:6.2f} {status}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
