"""File drop: the message and its checksum appear whole, checksum last, once per webhook-id."""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.delivery.attempt import Delivered, Late, Parcel, Refused, Retry
from gateway.delivery.filedrop import FileDropDeliverer, drop_name

BODY = "<Declaration><Place>Замын-Үүд</Place></Declaration>".encode()


def _parcel(folder: Path | str, webhook_id: str = "msg_7_MN", left: timedelta = timedelta(hours=1)) -> Parcel:
    return Parcel(webhook_id, str(folder), BODY, "application/xml", datetime.now(UTC) + left)


def test_the_message_and_a_checksum_that_sha256sum_accepts_are_dropped(tmp_path: Path) -> None:
    assert isinstance(FileDropDeliverer().deliver(_parcel(tmp_path)), Delivered)
    assert sorted(os.listdir(tmp_path)) == ["msg_7_MN.xml", "msg_7_MN.xml.sha256"]
    assert (tmp_path / "msg_7_MN.xml").read_bytes() == BODY
    check = subprocess.run(
        ["sha256sum", "--check", "msg_7_MN.xml.sha256"], cwd=tmp_path, capture_output=True, check=False
    )
    assert check.returncode == 0, check.stdout


def test_a_retry_rewrites_the_same_files_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    for _ in range(3):
        FileDropDeliverer().deliver(_parcel(f"file://{tmp_path}"))
    assert sorted(os.listdir(tmp_path)) == ["msg_7_MN.xml", "msg_7_MN.xml.sha256"]


def test_the_checksum_file_is_renamed_into_place_after_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    real_replace = os.replace

    def recording_replace(source: str, target: Path) -> None:
        assert not target.name.endswith(".sha256") or (tmp_path / "msg_7_MN.xml").exists()
        order.append(target.name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", recording_replace)
    FileDropDeliverer().deliver(_parcel(tmp_path))
    assert order == ["msg_7_MN.xml", "msg_7_MN.xml.sha256"]


def test_a_missing_folder_is_retried_and_leaves_nothing(tmp_path: Path) -> None:
    result = FileDropDeliverer().deliver(_parcel(tmp_path / "not-mounted"))
    assert isinstance(result, Retry) and result.error.startswith("file.unavailable")
    assert os.listdir(tmp_path) == []


def test_nothing_is_renamed_into_place_after_the_time_to_live(tmp_path: Path) -> None:
    assert isinstance(FileDropDeliverer().deliver(_parcel(tmp_path, left=timedelta(0))), Late)
    assert os.listdir(tmp_path) == []


def test_a_relative_folder_is_refused(tmp_path: Path) -> None:
    assert isinstance(FileDropDeliverer().deliver(_parcel("inbox/kg")), Refused)


@pytest.mark.parametrize(
    ("webhook_id", "name"),
    [("msg_1_KG", "msg_1_KG.xml"), ("../../etc/passwd", "_.._etc_passwd.xml"), ("a/b c", "a_b_c.xml")],
)
def test_a_file_name_never_leaves_the_partner_folder(webhook_id: str, name: str) -> None:
    assert drop_name(webhook_id, "application/xml") == name


def test_a_checksum_names_the_file_it_covers(tmp_path: Path) -> None:
    FileDropDeliverer().deliver(_parcel(tmp_path))
    digest = hashlib.sha256(BODY).hexdigest()
    assert (tmp_path / "msg_7_MN.xml.sha256").read_text() == f"{digest}  msg_7_MN.xml\n"


def test_a_retry_removes_what_a_killed_attempt_left_behind(tmp_path: Path) -> None:
    (tmp_path / ".msg_7_MN.xml.dead0001.tmp").write_bytes(BODY[:10])
    (tmp_path / ".msg_8_MN.xml.live0002.tmp").write_bytes(b"another delivery's")
    FileDropDeliverer().deliver(_parcel(tmp_path))
    assert sorted(os.listdir(tmp_path)) == [
        ".msg_8_MN.xml.live0002.tmp",
        "msg_7_MN.xml",
        "msg_7_MN.xml.sha256",
    ]


def test_links_the_partner_left_in_its_folder_are_replaced_never_written_through(tmp_path: Path) -> None:
    """The partner may write in its drop folder: a symbolic link named as the message, its checksum or a
    leftover temporary file, pointing out of the folder, is replaced or removed, and its target is not
    touched (a rename replaces a link; a temporary file is created with O_EXCL, which no link passes)."""
    folder, outside = tmp_path / "drop", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    targets = {name: outside / name for name in ("message", "checksum", "leftover")}
    for target in targets.values():
        target.write_bytes(b"the gateway's own file")
    (folder / "msg_7_MN.xml").symlink_to(targets["message"])
    (folder / "msg_7_MN.xml.sha256").symlink_to(targets["checksum"])
    (folder / ".msg_7_MN.xml.0badc0de.tmp").symlink_to(targets["leftover"])
    assert isinstance(FileDropDeliverer().deliver(_parcel(folder)), Delivered)
    assert all(target.read_bytes() == b"the gateway's own file" for target in targets.values())
    assert sorted(os.listdir(folder)) == ["msg_7_MN.xml", "msg_7_MN.xml.sha256"]
    assert not (folder / "msg_7_MN.xml").is_symlink() and (folder / "msg_7_MN.xml").read_bytes() == BODY
