"""A value built on first use, once, whichever thread asks first (the others wait for it).

Large code lists (`gateway.codelists.lists`) and the derived indexes of a resolver's catalogs
(`gateway.resolve.catalog`) are built this way: a process that never asks for one never pays for it, and
the service's threads, which resolve names side by side, never build one twice nor see one half built.
A build that fails raises its error to the thread that asked and is tried again at the next ask, so a
broken list fails every time it is used, never silently.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """The value that `build()` returns, built by the first `get()`."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], T] | None = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        """The value, built now if no thread has built it yet."""
        if self._build is not None:
            with self._lock:
                if self._build is not None:
                    self._value = self._build()
                    self._build = None  # the build and what it holds are freed
        return self._value  # type: ignore[return-value]  # T may be None itself; set once built

    @property
    def built(self) -> bool:
        """Whether the value has been built."""
        return self._build is None


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """A package's `__getattr__` (PEP 562) that imports each name of `where` from its module of `package`
    when first asked for, and keeps it: importing one light module of the package does not import the
    heavy ones beside it."""

    def attribute(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return attribute
