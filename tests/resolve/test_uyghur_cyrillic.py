"""Uyghur names in Cyrillic, as an officer sees them: read in ULY, never with a Cyrillic letter left
(issue 4: Җелилюзи was "Җyelilyuzi", a case form "Ghūlҗada"); a letter without a rule is noted."""

from __future__ import annotations

import pytest

from gateway.names.fallback import has_other_script
from gateway.resolve import Resolver


@pytest.mark.parametrize(
    ("text", "country", "latin"),
    [
        ("Җелилюзи", "CN", "Jélilyuzi"),
        ("Җимбе", "CN", "Jimbé"),
        ("Җимбе", "KZ", "Jimbé"),
    ],
)
def test_a_name_with_zhe_descender_is_uyghur_read_in_uly(
    resolver: Resolver, text: str, country: str, latin: str
) -> None:
    result = resolver.resolve(text, "place", country)
    assert (result.language, result.scheme, result.latin) == ("ug-Cyrl", "Uyghur-Latin/ULY", latin)
    assert not any("no rule" in note for note in result.notes)


def test_a_uyghur_case_form_reads_without_cyrillic_letters(resolver: Resolver) -> None:
    result = resolver.resolve("Ғулҗада", "place", "CN")
    assert result.language == "ug-Cyrl"
    assert result.latin is not None and not has_other_script(result.latin)


def test_a_letter_no_scheme_has_is_folded_and_noted(resolver: Resolver) -> None:
    result = resolver.resolve("Ԥсоу", "place", "RU")  # Psou, Abkhaz ԥ
    assert result.latin == "Psou"
    assert "letter 'Ԥ' has no rule in ru-ru_Latn/BGN: read as 'P' by the fallback" in result.notes
