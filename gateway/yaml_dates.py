"""A safe YAML loader whose dates that do not exist are YAML errors with their line, not a ValueError.

PyYAML reads an unquoted ``2026-02-30`` or ``2026-11-24 12:00:00+99:00`` as a timestamp and lets the
ValueError of `datetime` escape `yaml.load` with no place in the file; a configuration file with one then
gave a traceback instead of a file, a line and a reason (found by plans/tools/fuzz_campaign.py).
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class SafeDatesLoader(yaml.CSafeLoader):
    """yaml.CSafeLoader (libyaml's parser) with dates and times that must exist."""


def _timestamp(loader: SafeDatesLoader, node: yaml.ScalarNode) -> datetime.date | datetime.datetime:
    try:
        read: Any = yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):  # no such day, hour or time zone offset
        said = f"{node.value!r} is not a date or time that exists"
        raise yaml.constructor.ConstructorError(None, None, said, node.start_mark) from None
    return read  # type: ignore[no-any-return]


SafeDatesLoader.add_constructor(TIMESTAMP_TAG, _timestamp)
