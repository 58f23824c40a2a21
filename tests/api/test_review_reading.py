"""How the review pages read a message and keep their sessions (gateway.api.review_page, review_session):
every Resolution of every example's message lands beside the name it resolves, and a session cookie is
good only as signed, in the data folder whose secret signed it (its row decides the rest)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from gateway.api.review_page import Part, read_message
from gateway.api.review_session import SECRET_FILE, Sessions, sessions_from
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

EXAMPLES = sorted((Path(__file__).parent.parent.parent / "examples").iterdir())


def values_with_resolutions(part: Part) -> set[str]:
    found = {value.pointer for value in part.values if value.resolution is not None}
    for below in part.parts:
        found |= values_with_resolutions(below)
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_resolution_is_shown_beside_its_name(example: Path, normalizer: Normalizer) -> None:
    normalized = normalizer.normalize(example.read_bytes())
    assert normalized.message is not None, normalized.issues
    reading = read_message(normalized.message.xml, load_model())
    assert reading.declaration is not None and reading.resolutions, "every example has names resolved"
    assert values_with_resolutions(reading.declaration) == set(reading.resolutions)


def test_a_session_cookie_is_good_only_as_signed() -> None:
    sessions = Sessions(lambda: b"k" * 64)
    cookie = sessions.issue("0123456789abcdef")
    assert sessions.session_id(cookie) == "0123456789abcdef"
    version, session_id, signature = cookie.split(".")
    assert sessions.session_id(f"{version}.fedcba9876543210.{signature}") is None, "another session"
    assert sessions.session_id(f"v1.{session_id}.{signature}") is None, "another version"
    assert Sessions(lambda: b"x" * 64).session_id(cookie) is None, "another secret"
    assert sessions.csrf_ok(cookie, sessions.csrf(cookie))
    assert not sessions.csrf_ok(cookie, sessions.csrf(sessions.issue("fedcba9876543210")))


def test_the_processes_of_one_data_folder_share_one_secret(tmp_path: Path) -> None:
    first, second = sessions_from(Settings(data_dir=tmp_path)), sessions_from(Settings(data_dir=tmp_path))
    assert not (tmp_path / SECRET_FILE).exists(), "made on first use, not by building the app"
    cookie = first.issue("0123456789abcdef")
    assert second.session_id(cookie) == "0123456789abcdef"
    assert stat.S_IMODE((tmp_path / SECRET_FILE).stat().st_mode) == 0o600
    elsewhere = sessions_from(Settings(data_dir=tmp_path / "other"))
    assert elsewhere.session_id(cookie) is None


def test_the_secret_setting_signs_instead_and_must_be_long(tmp_path: Path) -> None:
    given = Settings(data_dir=tmp_path, review_secret=SecretStr("s" * 32))
    cookie = sessions_from(given).issue("0123456789abcdef")
    assert Sessions(lambda: b"s" * 32).session_id(cookie) == "0123456789abcdef"
    assert not (tmp_path / SECRET_FILE).exists()
    with pytest.raises(ValueError, match="at least 32 characters"):
        sessions_from(Settings(data_dir=tmp_path, review_secret=SecretStr("short")))
