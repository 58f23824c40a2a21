"""Spellings of a syllable that writers print beside the tables: Russian цы for ци, Dungan у for ou, ў.

Uzbek Cyrillic writes the diphthong of Чжоу оў (Dungan ў is [u]); Wade-Giles ts for z is ц (Цуньи).
Russian ц is always hard, so ци and цы sound alike and Russian spelling has both (Цындао, Qingdao);
the Dungan alphabet writes the final ou with у (Ланҗу, Lanzhou). Neither may make цзи (ji) read as
цзы (zi). None of the names below is a row of the accuracy set.
"""

from __future__ import annotations

from gateway.resolve.syllables import similarity

THRESHOLD = 0.85


def test_tse_before_yery_reads_as_tse_before_i() -> None:
    assert (similarity("Цындао", "Qingdao") or 0) >= THRESHOLD


def test_ji_and_zi_stay_apart() -> None:
    assert similarity("Цзиян", "Jiyang") == 1.0
    assert (similarity("Цзиян", "Ziyang") or 0) < THRESHOLD


def test_dungan_u_for_the_final_ou() -> None:
    assert (similarity("Ланҗу", "Lanzhou") or 0) >= THRESHOLD


def test_short_u_reads_as_u() -> None:
    assert (similarity("Вэньчжоў", "Wenzhou") or 0) >= THRESHOLD  # Uzbek оў for the diphthong ou


def test_wade_giles_ts_for_z_but_not_for_j() -> None:
    assert (similarity("Цуньи", "Zunyi") or 0) >= THRESHOLD  # Tsun-i, 遵义
    assert (similarity("Цинань", "Jinan") or 0) < THRESHOLD  # ци is qi; Wade-Giles writes j ch
