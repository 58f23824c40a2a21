"""`gateway normalize` reads a file as the API reads a body: no more than the size limit and one byte."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main


def test_an_endless_file_is_read_to_the_limit_and_refused_as_too_large(deadline: None) -> None:
    result = CliRunner(env={"GATEWAY_MAX_DOCUMENT_BYTES": "4096"}).invoke(main, ["normalize", "/dev/zero"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: intake.too-large: The document has 4097 bytes; the limit is 4096")


def test_a_file_of_no_syntax_over_the_limit_is_too_large_not_unknown(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(b"\x01" * 5000)
    result = CliRunner(env={"GATEWAY_MAX_DOCUMENT_BYTES": "4096"}).invoke(main, ["normalize", str(noise)])
    assert result.exit_code == 1 and "intake.too-large" in result.stderr
