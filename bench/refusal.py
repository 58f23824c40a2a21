"""The size and cost of a refusal with very many issues (branch egress17): a Mongolian CSV whose rows
repeat its header up to --mb megabytes (about 90,000 errors at 20 MB, nine a row, rows capped by the
repeat limit: plans/notes-widths14.md), and a Kazakh XML manifest whose every goods item has bad masses
(9,000 items, 18,000 errors), posted through the app as `gateway serve` builds it (ASGI in this process,
a SQLite store in a temporary folder, the project's agreements with every payload limit raised to 25 MB,
a national key). Printed per document: its size, the number of issues `gateway
normalize` lists, the answer's status and size, the process CPU seconds of the post and of the
normalization alone (the least of --repeat runs each), and how many issues the answer lists. A third
document is accepted with 9,000 warnings: its acknowledgement, and its status read by its sender
(`status MB`), listed them all before branch bound18 and list the first 1,000 since. `--only TEXT` runs the
documents whose name holds TEXT (`--only accepted`).

The gateway measured is the one on PYTHONPATH, so one script measures two trees (the figures of
plans/notes-egress17.md):

    PYTHONPATH=. .venv/bin/python bench/refusal.py [--mb 20] [--repeat 3]
    cd /tmp/base && PYTHONPATH=. /path/to/.venv/bin/python /path/to/this/tree/bench/refusal.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from gateway.access.keys import create_key
from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.memory import utc_now
from gateway.store.sql import SqlStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def csv_rows_repeating_the_header(size: int) -> bytes:
    document = (EXAMPLES / "mn-customs-csv.csv").read_bytes()
    header = document.splitlines()[0] + b"\n"
    return document + header * ((size - len(document)) // len(header))


def xml_bad_weights(size: int) -> bytes:
    """The Kazakh example's goods items repeated, each with gross and net masses that are not numbers."""
    document = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_text(encoding="utf-8")
    item = re.search(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>", document)
    assert item is not None, "the example has a goods item"
    bad = re.sub(r"(MassMeasure measurementUnitCode=\"168\">)[^<]*<", r"\1heavy<", item.group(0))
    count = min((size - len(document)) // len(bad.encode()), 9_000)  # under the repeat limit (9,999)
    return (document[: item.start()] + bad * count + document[item.end() :]).encode()


def xml_unknown_packages(size: int) -> bytes:
    """Accepted, not refused: 9,000 goods items whose package kind is no code (a warning each), listed
    whole in the acknowledgement's `warnings` until branch bound18 (plans/notes-bound18.md)."""
    document = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_text(encoding="utf-8")
    item = re.search(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>", document)
    assert item is not None, "the example has a goods item"
    odd = item.group(0).replace("<pi:PackageKindCode>BG<", "<pi:PackageKindCode>XX<")
    count = min((size - len(document)) // len(odd.encode()), 9_000)
    return (document[: item.start()] + odd * count + document[item.end() :]).encode()


DOCUMENTS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "csv: rows repeating the header": ("MN", csv_rows_repeating_the_header),
    "xml: every goods item's masses bad": ("KZ", xml_bad_weights),
    "xml: package kinds unknown (accepted)": ("KZ", xml_unknown_packages),
}


class Api:
    """The app over a SQLite store in a temporary folder, posted to as ASGI; keeps each answer's body."""

    def __init__(self, folder: str, countries: set[str]) -> None:
        store = SqlStore.open(sqlite_url(Path(folder) / "gateway.sqlite3"))
        self.tokens = {
            country: create_key(store, f"{country} (bench)", country, "national", utc_now())[1]
            for country in countries
        }
        store.close()
        agreements = Path(folder) / "agreements"  # the project's, each payload limit raised to 25 MB
        shutil.copytree(Settings().agreements_dir, agreements)
        for file in agreements.glob("*.yaml"):
            text = file.read_text(encoding="utf-8")
            file.write_text(re.sub(r"payload_limit: .*", "payload_limit: 25 MB", text), encoding="utf-8")
        self.app = create_app(Settings(data_dir=Path(folder), agreements_dir=agreements))
        self.loop = asyncio.new_event_loop()
        self.lifespan = self.app.router.lifespan_context(self.app)
        self.loop.run_until_complete(self.lifespan.__aenter__())

    def post(self, country: str, document: bytes) -> tuple[int, bytes]:
        headers = [
            (b"authorization", f"Bearer {self.tokens[country]}".encode()),
            (b"content-length", str(len(document)).encode()),
        ]
        return self.loop.run_until_complete(self._call(headers, document))

    def get(self, country: str, path: str) -> tuple[int, bytes]:
        headers = [(b"authorization", f"Bearer {self.tokens[country]}".encode())]
        return self.loop.run_until_complete(self._call(headers, b"", "GET", path))

    async def _call(
        self, headers: list[tuple[bytes, bytes]], document: bytes, method: str = "POST",
        path: str = "/v1/documents",
    ) -> tuple[int, bytes]:  # fmt: skip
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
            "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2),
        }  # fmt: skip
        messages = [{"type": "http.request", "body": document, "more_body": False}]
        status, body = [0], bytearray()

        async def receive() -> dict[str, Any]:
            return messages.pop() if messages else {"type": "http.disconnect"}

        async def send(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, send)
        return status[0], bytes(body)


def cpu(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The least process CPU seconds of `repeat` calls, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = call()
        best = min(best, time.process_time() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of each document (default 20)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only the documents whose name holds this text")
    options = parser.parse_args()
    size = int(options.mb * 1_000_000) - 20_000  # under the limit
    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    api = Api(tempfile.mkdtemp(prefix="refusal-"), {country for country, _ in DOCUMENTS.values()})
    print(f"{'document':38} {'MB':>6} {'issues':>7} {'status':>6} {'answer MB':>9} {'post s':>7} "
          f"{'normalize s':>11} {'listed':>7} {'status MB':>9}")  # fmt: skip
    for name, (country, build) in DOCUMENTS.items():
        if options.only not in name:
            continue
        document = build(size)
        normalized, result = cpu(lambda: normalizer.normalize(document), options.repeat)  # noqa: B023
        posts = 1 if name.endswith("(accepted)") else options.repeat  # a repeat is answered from the store
        posted, (status, body) = cpu(lambda: api.post(country, document), posts)  # noqa: B023
        answer = json.loads(body)
        listed = len(answer.get("issues", answer.get("warnings", [])))
        read = api.get(country, f"/v1/messages/{answer['message_id']}")[1] if status == 202 else b""
        print(f"{name:38} {len(document) / 1e6:6.2f} {len(result.issues):7} {status:6} "
              f"{len(body) / 1e6:9.3f} {posted:7.2f} {normalized:11.2f} {listed:7} "
              f"{len(read) / 1e6:9.3f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
