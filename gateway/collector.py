"""The cyclic garbage collector paused around work that allocates many small objects in no cycle (an
interchange's segments, a mapping run's parts): reference counting frees them, and the collections their
allocation alone would trigger walk every earlier object again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector paused (unless it already is) for the duration."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
