"""Glossary words one letter away from a query word, for `gateway.names.index`.

A word a glossary lacks is usually one of its words with a letter wrong, missing, doubled or swapped
("tashknetov", "khorgs", "ttransit"), or another transliteration ("horgos" for "khorgos"). Deleting
one letter from each side brings such a pair to a common form (the symmetric delete of SymSpell), so
a dictionary from every word and every one-letter deletion of it to the words finds them with a few
dozen dictionary lookups, where a trigram search of the vocabulary costs a hundred microseconds.
Farther words ("jetysu" for "zhetysu": two edits) are left to that trigram search.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process


def one_letter_deletions(word: str) -> set[str]:
    """`word` and every form of it with one letter deleted."""
    return {word, *(word[:place] + word[place + 1 :] for place in range(len(word)))}


class WordNeighbours:
    """The glossary words within one deletion on each side of a word."""

    def __init__(self, words: Sequence[str]) -> None:
        self._words = list(words)
        self._forms: dict[str, list[int]] = {}
        for number, word in enumerate(self._words):
            for form in one_letter_deletions(word):
                self._forms.setdefault(form, []).append(number)

    def nearest(self, word: str, limit: int, floor: float) -> list[str]:
        """Up to `limit` neighbours of `word` scoring at least `floor` (fuzz.ratio / 100), best first."""
        numbers = sorted(
            {number for form in one_letter_deletions(word) for number in self._forms.get(form, ())}
        )
        choices = [self._words[number] for number in numbers]
        found = process.extract(word, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=100 * floor)
        return [choice for choice, _, _ in sorted(found, key=lambda item: (-item[1], item[2]))]
