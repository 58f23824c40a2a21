"""The officers' proposed corrections of names, on every store: kept with who proposed them for which
message, one per officer, name and answer, listed newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from gateway.store.port import Correction, Store

AT = datetime(2026, 11, 25, 4, 30, tzinfo=UTC)
KHORGOS = Correction(
    kind="place", text="Хоргос", language="ru", script="Cyrl", sender="KZ", english="Khorgos",
    code="CNHRS", comment="the border crossing, not the town", key_id="k_cn_1", country="CN",
    message_id="0c5e0d55-0000-4000-8000-000000000001", delivery_id=7, pointer="42A/28A[2]/38B/X018",
    glossary_version="g-1", proposed_at=AT,
)  # fmt: skip


def test_a_proposal_is_kept_with_all_it_says(store: Store) -> None:
    assert store.propose_correction(KHORGOS) is True
    assert store.corrections(10) == [KHORGOS]


def test_the_same_officer_proposing_the_same_again_is_one_proposal(store: Store) -> None:
    assert store.propose_correction(KHORGOS)
    again = replace(KHORGOS, comment="said twice", delivery_id=8, proposed_at=AT + timedelta(hours=1))
    assert store.propose_correction(again) is False
    assert store.corrections(10) == [KHORGOS], "the first one kept, unchanged"


def test_another_answer_or_another_officer_is_another_proposal(store: Store) -> None:
    other_code = replace(KHORGOS, code="", english="Korgas", proposed_at=AT + timedelta(minutes=1))
    other_officer = replace(KHORGOS, key_id="k_cn_2", proposed_at=AT + timedelta(minutes=2))
    no_language = replace(KHORGOS, language=None, script=None, proposed_at=AT + timedelta(minutes=3))
    for proposal in (KHORGOS, other_code, other_officer, no_language):
        assert store.propose_correction(proposal)
    assert store.corrections(10) == [no_language, other_officer, other_code, KHORGOS], "newest first"
    assert store.corrections(2, offset=1) == [other_officer, other_code]


def test_a_message_s_proposals_are_those_of_one_country_s_officers(store: Store) -> None:
    later = replace(KHORGOS, english="Korgas", proposed_at=AT + timedelta(minutes=1))
    kyrgyz = replace(KHORGOS, key_id="k_kg_1", country="KG")
    other_message = replace(KHORGOS, message_id="0c5e0d55-0000-4000-8000-000000000002", english="X")
    for proposal in (KHORGOS, later, kyrgyz, other_message):
        assert store.propose_correction(proposal)
    assert store.message_corrections(KHORGOS.message_id, "CN") == [KHORGOS, later], "in the order proposed"
    assert store.message_corrections(KHORGOS.message_id, "KG") == [kyrgyz]
    assert store.message_corrections(KHORGOS.message_id, "KZ") == []
