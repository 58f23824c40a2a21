"""Case endings are read in the document's own languages first (`inflection.document_languages`,
`in_own_languages`): its tag, the language its name was guessed in and its sender country's. Another
language's ending is read only when none of those meets an entry: «Ошто» (Kyrgyz locative of Ош) from
a Kyrgyz document is read by Kyrgyz, «Ошта» (Kazakh's) only when Kyrgyz reads nothing. None of the
names below is a row of bench/accuracy/places.csv (checked against its `native` column)."""

from __future__ import annotations

import pytest

from gateway.resolve import Resolver
from gateway.resolve.inflection import document_languages, forms, in_own_languages


def _case_forms(word: str) -> dict[str, tuple[str, ...]]:
    return {form.name: form.languages for form in forms(word) if form.languages}


def test_each_form_says_which_languages_read_its_ending() -> None:
    assert _case_forms("Ошто") == {"Ош": ("ky",)}  # Kyrgyz: о after a rounded back stem
    assert _case_forms("Ошта") == {"Ош": ("kk", "ug")}  # Kazakh and Uyghur
    assert _case_forms("Хатгалаар") == {"Хатгал": ("mn",)}
    assert {form.languages for form in forms("в Лхасе")} == {()}  # a Russian case: any document


@pytest.mark.parametrize(
    ("tag", "guessed", "country", "languages"),
    [
        (None, "ky", "KG", {"ky", "ru"}),
        ("ug-Cyrl", "kk", "KZ", {"ug", "kk", "ru"}),  # the tag counts though the guess is Kazakh
        (None, "zh-Hans", "CN", {"zh", "ug", "mn"}),
        (None, "mn", None, {"mn"}),
    ],
)
def test_the_documents_languages(
    tag: str | None, guessed: str, country: str | None, languages: set[str]
) -> None:
    assert document_languages(tag, guessed, country) == languages


def test_another_languages_ending_waits_for_the_documents_own() -> None:
    kyrgyz = document_languages(None, "ky", "KG")
    own, other = in_own_languages(forms("Ошта"), kyrgyz)
    assert "Ош" not in {form.name for form in own}
    assert "Ош" in {form.name for form in other}
    own, _ = in_own_languages(forms("Ошта"), document_languages(None, "kk", "KZ"))
    assert "Ош" in {form.name for form in own}


@pytest.mark.parametrize(("name", "country"), [("Ошто", "KG"), ("Ошта", "KZ"), ("Ошта", "KG")])
def test_osh_is_read_in_its_own_language_and_in_another_when_that_reads_nothing(
    resolver: Resolver, name: str, country: str
) -> None:
    """The fallback keeps what session 6 read: a Kyrgyz document's «Ошта» is still Osh."""
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.method) == ("KGOSS", "fuzzy")
    assert f"read as an inflected form: case ending -{name[-2:]} of Ош" in result.notes
