"""Laws of the UN/LOCODE import: the result does not depend on how the release is split into files or
in what order its rows come, and writing it again changes nothing."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release

LOCATIONS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789", min_size=3, max_size=3)
ROW = st.tuples(
    st.sampled_from(["", "+", "#", "X", "|"]),
    st.sampled_from(["KZ", "KG", "MN"]),
    LOCATIONS,
    st.sampled_from(["Almaty", "Qorğas", "Zamyn-Üüd", "Osh"]),
    st.sampled_from(["AI", "RL", "RQ", "XX", "RR"]),
    st.sampled_from(["9601", "2007", "2307", "2401"]),
)
Row = tuple[str, str, str, str, str, str]
ROWS = st.lists(ROW, max_size=25, unique_by=lambda row: (row[1], row[2]))


def _line(row: Row) -> str:
    change, country, location, name, status, when = row
    return f'"{change}","{country}","{location}","{name}","{name}",,"--3-----","{status}","{when}",,,\n'


def _written(parts: list[list[Row]]) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = []
        for number, part in enumerate(parts):
            files.append(folder / f"part{number}.csv")
            files[-1].write_text("".join(map(_line, part)), encoding="utf-8")
        release = read_release(files)
        assert release.problems == []
        write_release(release, folder / "locode")
        assert write_release(read_release(files), folder / "locode") == []  # the second time: nothing
        return {
            str(path.relative_to(folder)): path.read_bytes() for path in (folder / "locode").rglob("*.csv")
        }


@settings(max_examples=40, deadline=None)
@given(ROWS, st.randoms(use_true_random=False), st.integers(min_value=1, max_value=3))
def test_the_split_and_order_of_a_release_change_nothing(
    rows: list[Row], shuffler: random.Random, parts: int
) -> None:
    shuffled = list(rows)
    shuffler.shuffle(shuffled)
    split = [shuffled[number::parts] for number in range(parts)]
    assert _written(split) == _written([rows])
