"""`gateway dead-letters` as an operator on call uses it: deliveries that died at a real partner on
127.0.0.1 (a SQLite store file), why, and resending all of one partner's at once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from tests.delivery.night import Night, on_call

night = pytest.fixture(on_call)


def test_the_list_says_why_each_letter_died_and_what_the_partner_answered(night: Night) -> None:
    out, _ = night.dead_letters("list", "--recipient", "kg")
    header, *rows = [line.split("\t") for line in out.splitlines()]
    assert header[:8] == [
        "id",
        "recipient",
        "message",
        "attempts",
        "last attempt",
        "status",
        "retry-after",
        "expires",
    ]
    assert [row[:4] for row in rows] == [
        ["1", "KG", "m000001", "2"],
        ["2", "KG", "m000002", "2"],
        ["3", "KG", "m000003", "1"],
    ]
    assert [(row[5], row[6]) for row in rows] == [("503", "120"), ("503", "120"), ("422", "-")]
    assert rows[0][8].startswith("push.http-503: HTTP 503 [Retry-After 120]")
    assert "the retry schedule is used up after 2 attempts" in rows[0][8]
    assert rows[2][8].startswith("push.refused: HTTP 422") and rows[2][7].endswith("(passed)")
    assert rows[0][4] != rows[2][4], "the last attempt of each, not one time for all"


def test_the_json_list_gives_the_same_facts_to_a_script(night: Night) -> None:
    out, _ = night.dead_letters("list", "--json")
    letters = [json.loads(line) for line in out.splitlines()]
    first, third = letters[0], letters[2]
    assert (first["reason_code"], first["status"], first["retry_after"], first["resendable"]) == (
        "push.http-503", 503, "120", True,
    )  # fmt: skip
    assert (third["reason_code"], third["status"], third["retry_after"], third["resendable"]) == (
        "push.refused", 422, None, False,
    )  # fmt: skip
    assert first["last_attempt_at"] == (night.clock()).isoformat()


def test_another_partner_has_none(night: Night) -> None:
    out, err = night.dead_letters("list", "--recipient", "CN")
    assert out.splitlines()[1:] == [] and "no dead letters for CN" in err


def test_resending_a_partners_dead_letters_delivers_those_still_in_time_once(night: Night) -> None:
    out, _ = night.dead_letters("resend", "--recipient", "KG")
    assert "resent 2 dead letters of KG: 1, 2" in out
    assert "not resent, past their time to live (their sender was told): 3" in out
    night.run()
    assert sorted(night.partner.received) == ["msg_m000001_KG", "msg_m000002_KG"]
    assert not night.partner.duplicates
    out, _ = night.dead_letters("list")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["3"]
    out, _ = night.dead_letters("resend", "--recipient", "KG")
    assert "resent 0 dead letters of KG: none" in out


def test_resending_chosen_letters_names_those_that_are_not_dead(night: Night) -> None:
    out, _ = night.dead_letters("resend", "2", "3")
    assert "resent 1 dead letter: 2" in out and "past their time to live (their sender was told): 3" in out
    result = CliRunner().invoke(
        main, ["dead-letters", "resend", "1", "2"], env={"GATEWAY_DATA_DIR": str(night.folder)}
    )
    assert result.exit_code == 1 and "not dead letters: 2" in result.output
    assert "resent 1 dead letter: 1" in result.output
    for wrong in (["resend"], ["resend", "1", "--recipient", "KG"]):
        usage = CliRunner().invoke(
            main, ["dead-letters", *wrong], env={"GATEWAY_DATA_DIR": str(night.folder)}
        )
        assert usage.exit_code == 2 and "give either delivery IDs or --recipient" in usage.output


def test_the_list_is_a_page_and_says_where_the_next_one_starts(night: Night) -> None:
    out, err = night.dead_letters("list", "--limit", "2")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["1", "2"]
    assert "more: add --after 2 for the next page" in err
    out, err = night.dead_letters("list", "--limit", "2", "--after", "2")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["3"] and "more" not in err
    out, _ = night.dead_letters("list", "--reason", "push.refused", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [3]
