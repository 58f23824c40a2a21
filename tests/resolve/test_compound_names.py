"""A compound place name is written hyphenated, apart or as one word (Таш-Кумыр, Ташкумыр): the
Latin keys are also compared without their spaces, so the hyphen costs nothing. The places are made up
for the test; none of the names is a row of the accuracy set."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver


@pytest.mark.parametrize(("one_word", "hyphenated"), [("Ташкумыр", "Таш-Кумыр"), ("Кокжангак", "Кок-Жангак")])
def test_one_word_scores_as_the_hyphenated_name(one_word: str, hyphenated: str, glossary: Glossary) -> None:
    places = (
        Entry("KGTKX", {"und-Latn": "Tash-Kumyr"}, (), {"country": "KG"}),
        Entry("KGKJX", {"und-Latn": "Kok-Jangak"}, (), {"country": "KG"}),
    )
    resolver = Resolver(TableCodeLists({"locode": places}), glossary)
    written, whole = (resolver.resolve(name, "place", "KG") for name in (one_word, hyphenated))
    assert written.code == whole.code
    assert written.score == whole.score
