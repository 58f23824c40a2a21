"""One key may have only so many documents being received at once; other keys are not held up."""

from __future__ import annotations

import pytest

from gateway.service.errors import TooManyRequests
from gateway.service.limits import PostLimit


def test_one_more_than_the_limit_is_refused_until_a_place_frees() -> None:
    limit = PostLimit(2)
    with limit.admit("kz"), limit.admit("kz"):
        with pytest.raises(TooManyRequests) as refused, limit.admit("kz"):
            pass
        assert refused.value.code == "request.too-many"
        with limit.admit("cn"):
            pass
    with limit.admit("kz"):
        pass


def test_a_place_is_freed_when_the_block_fails() -> None:
    limit = PostLimit(1)
    with pytest.raises(ValueError), limit.admit("kz"):
        raise ValueError("the document could not be read")
    with limit.admit("kz"):
        pass
