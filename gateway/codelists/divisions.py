"""Import China's administrative divisions (GB/T 2260) into `codelists/cn-division/codes.csv`.

The source is the `cpca` package's `resources/adcodes.csv` (MIT; 3,511 rows of adcode, name, longitude,
latitude: the provinces, prefecture-level cities and counties with the coordinates of their seats). Its
twelve-digit codes are the statistical division codes, whose first six digits are the GB/T 2260 code.
The output is canonical (sorted by code, NFC), so a test can check that the committed file is what this
import writes from the installed package. cpca itself is never imported (it pulls in pandas): its CSV is
found through `importlib.util.find_spec`. Run it after upgrading cpca, and review the diff:

    python -m gateway.codelists.divisions [ADCODES_CSV] [FOLDER]
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
import unicodedata
from pathlib import Path

from gateway.settings import PROJECT_ROOT

LIST_FOLDER = "cn-division"
HEADER = ["code", "name:zh-Hans", "latitude", "longitude"]


def adcodes_path() -> Path | None:
    """The installed cpca package's adcodes.csv, or None when cpca is not installed."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path if path.is_file() else None


def divisions_csv(source: Path) -> str:
    """The divisions of `source` (cpca's adcodes.csv) as the list's CSV text: six-digit code, Chinese name,
    latitude and longitude of the seat (as the source writes them)."""
    rows = []
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"].strip(), unicodedata.normalize("NFC", row["name"]).strip()
            if len(code) < 6 or not code[:6].isdigit() or code[6:].strip("0"):
                raise ValueError(f"{source}: {code!r} is not a division code of six digits")
            rows.append([code[:6], name, row["latitude"].strip(), row["longitude"].strip()])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sorted(rows))
    return buffer.getvalue()


def main(source: Path | None = None, folder: Path = PROJECT_ROOT / "codelists") -> None:
    """Write `folder`/cn-division/codes.csv from `source` (default: the installed cpca's CSV)."""
    source = source or adcodes_path()
    if source is None:
        raise SystemExit("cpca is not installed: give the path of its adcodes.csv")
    target = folder / LIST_FOLDER / "codes.csv"
    target.write_text(divisions_csv(source), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        Path(arguments[0]) if arguments else None,
        Path(arguments[1]) if len(arguments) > 1 else PROJECT_ROOT / "codelists",
    )
