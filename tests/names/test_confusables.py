"""Latin look-alikes in Cyrillic words and Cyrillic look-alikes in Latin words, folded and reported."""

from __future__ import annotations

import pytest

from gateway.names import ConfusableFinding, fold_confusables, mixed_script_words

FOLDED = [
    # (as sent, folded, what was replaced)
    ("AСТАНА", "АСТАНА", "A"),  # Latin A in a Cyrillic word
    ("Toшкент", "Тошкент", "To"),  # Latin T and o
    ("Кoрғас", "Корғас", "o"),
    ("Қaзaқстaн", "Қазақстан", "aaa"),
    ("ТОО «AСТАНА ТРАНС»", "ТОО «АСТАНА ТРАНС»", "A"),
    ("Түркiстан", "Түркістан", "i"),  # Latin i for Kazakh і
    ("Pаssport", "Passport", "а"),  # Cyrillic а in a Latin word
    ("Gənсə", "Gəncə", "с"),  # Cyrillic с in Azerbaijani
    ("Almatу", "Almaty", "у"),
]


@pytest.mark.parametrize(("sent", "folded", "replaced"), FOLDED)
def test_folds_look_alikes_to_the_script_of_the_word(sent: str, folded: str, replaced: str) -> None:
    result, findings = fold_confusables(sent)
    assert result == folded
    assert "".join(finding.original for finding in findings) == replaced


def test_each_finding_gives_position_original_replacement_and_script() -> None:
    _, findings = fold_confusables("ТОО «AСТАНА»")
    assert findings == [ConfusableFinding(5, "A", "А", "Cyrl")]


@pytest.mark.parametrize("text", ["Алматы", "Almaty", "ТОО Astana Trans", "长春", "Ꭺ", "", "ТОО TOO"])
def test_words_in_one_script_are_left_alone(text: str) -> None:
    assert fold_confusables(text) == (text, [])


def test_a_word_of_look_alikes_only_follows_its_majority() -> None:
    assert fold_confusables("AСТАНА")[0] == "АСТАНА"  # five Cyrillic, one Latin
    assert fold_confusables("ACTAНA")[0] == "ACTAHA"  # five Latin, one Cyrillic


def test_a_tie_follows_the_rest_of_the_text() -> None:
    assert fold_confusables("Жол AС")[0] == "Жол АС"  # A Latin, С Cyrillic: the text is Cyrillic
    assert fold_confusables("Road AС")[0] == "Road AC"


def test_letters_without_a_twin_stay_and_the_word_is_reported_as_mixed() -> None:
    folded, findings = fold_confusables("Жw")
    assert (folded, findings) == ("Жw", [])
    assert [(word.word, word.scripts) for word in mixed_script_words(folded)] == [("Жw", ("Cyrl", "Latn"))]


def test_mixed_script_words_finds_keyboard_switches() -> None:
    mixed = mixed_script_words("ТОО «AСТАНА» Almaty")
    assert [(word.position, word.word) for word in mixed] == [(5, "AСТАНА")]
