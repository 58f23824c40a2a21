"""`gateway keys` against a SQLite store, and `gateway serve --demo` as a newcomer runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main
from tests.cli.commands import keys

PROJECT = Path(__file__).parent.parent.parent


def test_keys_create_rotate_revoke_list(tmp_path: Path) -> None:
    created = keys(
        tmp_path, "create", "--organisation", "Kyrgyz customs", "--role", "partner", "--country", "kg"
    )
    key_id, token = created.split()[1], created.splitlines()[1]
    assert token.startswith(f"gw_{key_id}_")
    assert f"{key_id}\tKG\tpartner\tactive\tKyrgyz customs" in keys(tmp_path, "list")
    assert token not in keys(tmp_path, "list"), "secrets are never listed"
    rotated = keys(tmp_path, "rotate", key_id, "--overlap-hours", "2")
    new_id = rotated.split()[1]
    listing = keys(tmp_path, "list")
    assert f"{key_id}\tKG\tpartner\tactive until" in listing and f"{new_id}\tKG\tpartner\tactive\t" in listing
    keys(tmp_path, "revoke", key_id)
    assert f"{key_id}\tKG\tpartner\trevoked" in keys(tmp_path, "list")


def test_keys_refuses_a_partner_key_without_a_country(tmp_path: Path) -> None:
    env = {"GATEWAY_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(main, ["keys", "create", "--organisation", "X", "--role", "partner"], env=env)
    assert result.exit_code == 2 and "needs country" in result.output
    assert CliRunner().invoke(main, ["keys", "revoke", "nope"], env=env).exit_code == 1


@pytest.mark.slow
def test_serve_demo_shows_a_kazakh_document_arriving_in_china_s_inbox() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        "from gateway.cli.main import main; main()",
        "serve",
        "--demo",
        "--port",
        str(port),
    ]
    env = os.environ | {"PYTHONPATH": str(PROJECT)}
    lines: list[str] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as process:
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and process.stdout is not None:
                line = process.stdout.readline()
                lines.append(line)
                if not line or line.startswith("demo: API"):
                    break
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(20)
    text = "".join(lines)
    assert "demo: KZ posts kz-eaeu-pi-manifest.xml -> message" in text and ", to CN" in text, text
    assert "demo: CN's inbox holds delivery 1 of message" in text
    assert "message:received, delivery:queued, delivery:delivered" in text
    assert "demo: a broken copy is refused (422): value.bad-datetime at 42A/15A/X011 (line 39)" in text
