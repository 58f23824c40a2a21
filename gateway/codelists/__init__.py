"""Code lists that harmonized values are checked against and names are resolved to.

Each list is a folder `codelists/<name>/` with `list.yaml` (title, standard, source, version, licence,
validity, whether it is complete) and CSV files of codes with names per language, validity dates and
attributes, plus an optional aliases file (other spellings with language and script). `CodeLists.load`
reads and checks every list once; docs/codelists.md describes each list and how an operator updates one.
"""

from __future__ import annotations

from gateway.codelists.currency import currency_alpha
from gateway.codelists.entry import Alias, CodeEntry, CodeList
from gateway.codelists.lists import CodeLists

__all__ = ["Alias", "CodeEntry", "CodeList", "CodeLists", "currency_alpha"]
