"""Spellings of a syllable that writers print beside the tables: Russian цы for ци, Dungan у for ou.

Russian ц is always hard, so ци and цы sound alike and Russian spelling has both (Цындао, Qingdao);
the Dungan alphabet writes the final ou with у (Ланҗу, Lanzhou). A place name whose apostrophe
UN/LOCODE dropped ("Xinan" for Xin'an) reads both ways. Neither may make цзи (ji) read as
цзы (zi). None of the names below is a row of the accuracy set.
"""

from __future__ import annotations

from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.syllables import similarity

THRESHOLD = 0.85


def test_tse_before_yery_reads_as_tse_before_i() -> None:
    assert (similarity("Цындао", "Qingdao") or 0) >= THRESHOLD


def test_ji_and_zi_stay_apart() -> None:
    assert similarity("Цзиян", "Jiyang") == 1.0
    assert (similarity("Цзиян", "Ziyang") or 0) < THRESHOLD


def test_dungan_u_for_the_final_ou() -> None:
    assert (similarity("Ланҗу", "Lanzhou") or 0) >= THRESHOLD


def test_a_place_name_that_lost_its_apostrophe_reads_both_ways() -> None:
    assert (similarity("Синьань", "Xinan") or 0) >= 0.98  # Xin'an, 新安, without its apostrophe
    assert similarity("Синань", "Xinan") == 1.0  # the name as written: xi-nan


def test_a_name_of_other_syllables_than_the_place_is_no_result(glossary: Glossary) -> None:
    places = (Entry("CNJIX", {"und-Latn": "Jian"}, (), {"country": "CN"}),)  # made up: Ji'an, 吉安
    result = Resolver(TableCodeLists({"locode": places}), glossary).resolve("Цзыань", "place", "KZ")
    assert result.code is None  # zi-an is not Ji'an, though its Latin letters are Jian's
