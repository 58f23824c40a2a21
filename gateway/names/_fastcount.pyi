"""Types of the compiled count filter and scorer (gateway/names/_fastcount.pyx)."""

import numpy as np
import numpy.typing as npt

LONGEST_QUERY: int

def shortlist(
    key_numbers: npt.NDArray[np.int32],
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    group_ends: npt.NDArray[np.int64],
    low: int,
    high: int,
    budget: int,
    rarest: int,
    length_starts: npt.NDArray[np.int64],
    query_length: int,
    found: npt.NDArray[np.int32],
) -> int: ...
def ratios(
    letters: npt.NDArray[np.uint16],
    offsets: npt.NDArray[np.int64],
    numbers: npt.NDArray[np.int32],
    query: npt.NDArray[np.int32],
    alphabet: int,
    scores: npt.NDArray[np.float64],
) -> None: ...
