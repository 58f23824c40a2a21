"""The command line as a user runs it: `gateway normalize`, `formats`, `check` and `schema`, through click's
CliRunner, and once as a real process reading standard input."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from gateway.cli import main as cli
from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent
EXAMPLE = PROJECT / "examples" / "kz-eaeu-pi-manifest.xml"
GOLDEN = PROJECT / "tests" / "golden"
SCHEMA_FILE = PROJECT / "schemas" / "harmonized-1.0.xsd"


@cache
def harmonized_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


@pytest.fixture
def shared(normalizer: Normalizer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Let `gateway normalize` use the session's normalizer instead of loading every mapping again
    (about 0.2 s a run); test_normalize_writes_a_valid_message_and_exits_0 takes the real path."""
    monkeypatch.setattr(cli, "_normalizer", lambda: normalizer)


def gateway(*arguments: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(arguments), input=stdin, env=env)


def test_normalize_writes_a_valid_message_and_exits_0() -> None:
    result = gateway("normalize", str(EXAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    message = etree.fromstring(result.stdout_bytes)
    assert harmonized_schema().validate(message), harmonized_schema().error_log
    assert message.findtext(
        "{urn:carec-gateway:harmonized:1}Header/{urn:carec-gateway:harmonized:1}SourceFormat"
    ) == ("kz-eaeu-pi")
    assert "ТОО «Алтын Дән»" in result.stdout


@pytest.mark.usefixtures("shared")
def test_normalize_json_output() -> None:
    result = gateway("normalize", str(EXAMPLE), "--output", "json")
    assert result.exit_code == 0, result.stderr
    message = json.loads(result.stdout)
    assert message["header"]["SourceFormat"] == "kz-eaeu-pi"
    assert message["Declaration"]["Consignment"][0]["Consignor"]["Name"] == {
        "value": "ТОО «Алтын Дән»",
        "languageID": "kk",
        "scriptCode": "Cyrl",
    }
    assert message["annotations"]["42A"]["source"] == "/pi:PreliminaryInformation"


@pytest.mark.usefixtures("shared")
def test_standard_input_is_read_with_a_dash() -> None:
    from_file = gateway("normalize", str(EXAMPLE), "--output", "json")
    from_stdin = gateway("normalize", "-", "--output", "json", stdin=EXAMPLE.read_bytes())
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout


@pytest.mark.usefixtures("shared")
def test_a_named_format_is_used_and_a_wrong_one_is_an_issue() -> None:
    assert gateway("normalize", str(EXAMPLE), "--format", "kz-eaeu-pi").exit_code == 0
    wrong = gateway("normalize", str(EXAMPLE), "--format", "cn-gacc-manifest")
    assert wrong.exit_code == 1
    assert wrong.stdout == ""
    assert wrong.stderr.startswith("error: format.mismatch: Format cn-gacc-manifest expects root")


@pytest.mark.usefixtures("shared")
def test_an_unknown_format_name_exits_1_and_names_the_known_ones() -> None:
    result = gateway("normalize", str(EXAMPLE), "--format", "kz-pi")
    assert result.exit_code == 1
    assert "format.unknown" in result.stderr and "kz-eaeu-pi" in result.stderr


@pytest.mark.usefixtures("shared")
def test_a_broken_document_exits_1_with_its_issues_on_standard_error() -> None:
    result = gateway("normalize", str(GOLDEN / "kz-eaeu-pi" / "error-truncated" / "input.xml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: xml.malformed: ") and line.endswith("[at line 162]")


@pytest.mark.usefixtures("shared")
def test_value_errors_give_the_message_and_the_issues_and_exit_1() -> None:
    result = gateway("normalize", str(GOLDEN / "kz-eaeu-pi" / "error-bad-date" / "input.xml"))
    assert result.exit_code == 1
    assert harmonized_schema().validate(etree.fromstring(result.stdout_bytes))
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: value.bad-datetime: ArrivalDateTime: '14.05.2024 13:45' is not ")
    assert line.endswith(
        "[42A/15A/X012 at /pi:PreliminaryInformation/pi:TransportMeans[1]/pi:ArrivalDateTime[1] line 40]"
    )


@pytest.mark.usefixtures("shared")
def test_warnings_alone_exit_0() -> None:
    data = EXAMPLE.read_bytes().replace(
        b"<pi:TripId>ATS-0514</pi:TripId>", b"<pi:TripId>ATS-0514</pi:TripId>" * 2
    )
    result = gateway("normalize", "-", stdin=data)
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: element.repeated: JourneyID was found more than once")


def test_formats_lists_the_project_formats_and_marks_stand_ins() -> None:
    result = gateway("formats")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert {"kz-eaeu-pi", "cn-gacc-manifest", "ncts-cc015c"} <= set(rows)
    assert rows["kz-eaeu-pi"][1:3] == ["KZ", "xml"] and rows["kz-eaeu-pi"][3].endswith("(stand-in)")
    assert rows["cn-gacc-manifest"][1] == "CN" and rows["cn-gacc-manifest"][3].endswith("(stand-in)")
    assert not rows["ncts-cc015c"][3].endswith("(stand-in)")  # the real EU format


def test_check_passes_on_the_project() -> None:
    result = gateway("check")
    assert result.exit_code == 0, result.output
    assert "ok  mapping kz-eaeu-pi  (kz-eaeu-pi.yaml)" in result.stdout
    assert "ok  crosswalk eaeu-transport-mode" in result.stdout


def test_check_fails_with_the_file_and_yaml_path_of_a_bad_mapping(tmp_path: Path) -> None:
    shutil.copy(PROJECT / "mappings" / "cn-gacc-manifest.yaml", tmp_path)
    bad = PROJECT / "tests" / "mapping" / "bad" / "each-on-class-that-does-not-repeat.yaml"
    shutil.copy(bad, tmp_path / "zz-carrier.yaml")
    result = gateway("check", env={"GATEWAY_MAPPINGS_DIR": str(tmp_path)})
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'zz-carrier.yaml'}: declaration.Carrier.each: Carrier does not repeat" in result.stderr
    )
    assert result.stderr.startswith("Error: mapping.invalid: ")


def test_check_fails_with_the_file_and_line_of_a_bad_crosswalk(tmp_path: Path) -> None:
    codelists = tmp_path / "codelists"
    shutil.copytree(PROJECT / "codelists", codelists)
    broken = PROJECT / "tests" / "mapping" / "bad_crosswalks" / "ragged-row.csv"
    shutil.copy(broken, codelists / "crosswalks" / "zz-units.csv")
    result = gateway("check", env={"GATEWAY_CODELISTS_DIR": str(codelists)})
    assert result.exit_code == 1
    assert f"{codelists / 'crosswalks' / 'zz-units.csv'}:3: expected 3 columns, found 2" in result.stderr


def test_check_fails_when_a_crosswalk_writes_a_code_its_element_s_list_lacks(tmp_path: Path) -> None:
    """Every document with that national code would carry the fault: NCTS's T1 became UNTDID 1001 578,
    which the project's extract lacked, and each NCTS document got a warning its sender could not fix."""
    codelists = tmp_path / "codelists"
    shutil.copytree(PROJECT / "codelists", codelists)
    crosswalk = codelists / "crosswalks" / "ncts-declaration-type.csv"
    rows = crosswalk.read_text(encoding="utf-8")
    crosswalk.write_text(rows.replace("T2,579,", "T2,5790,"), encoding="utf-8")
    result = gateway("check", env={"GATEWAY_CODELISTS_DIR": str(codelists)})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: code.unmapped: mapping ncts-cc015c: crosswalk ncts-declaration-type writes '5790' (for 'T2') "
        "into TypeCode (D013), and code list document-name has no such code (ncts-declaration-type.csv)"
    )


def test_check_prints_each_problem_of_a_bad_glossary_on_its_own_line(tmp_path: Path) -> None:
    # they were one line joined by "; ", as the running gateway's log has them: seven problems of a
    # terminologist's edit ran together past the screen's edge
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for name in ("bad-language-tag.csv", "bad-locode.csv"):
        shutil.copy(PROJECT / "tests" / "glossary" / "bad" / name, glossary / name)
    result = gateway("check", env={"GATEWAY_GLOSSARY_DIR": str(glossary)})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: glossary.invalid: 2 problems in the glossary:"
    assert lines[1].startswith("bad-language-tag.csv:3: bad language tag 'russian'")
    assert lines[2].startswith("bad-locode.csv:2: bad place code 'KZ-HOR'")


def test_schema_command_output_matches_committed_xsd_drift(tmp_path: Path) -> None:
    """The published schema is generated from the model: regenerate it with
    `gateway schema --output schemas/harmonized-1.0.xsd` after a change to the model."""
    printed = gateway("schema")
    assert printed.exit_code == 0
    assert printed.stdout_bytes == SCHEMA_FILE.read_bytes()
    written = tmp_path / "harmonized.xsd"
    assert gateway("schema", "--output", str(written)).exit_code == 0
    assert written.read_bytes() == SCHEMA_FILE.read_bytes()


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "gateway").exists(), reason="the gateway script is not installed"
)
def test_a_real_process_reads_standard_input_and_writes_json(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "gateway"), "normalize", "-", "--output", "json"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        env=environment,
        cwd=tmp_path,  # the gateway finds its mappings and code lists without the project as working folder
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert completed.stderr == b""
    message = json.loads(completed.stdout.decode("utf-8"))
    assert message["Declaration"]["Consignment"][0]["Consignee"]["Name"]["value"] == (
        "ООО «Синьцзян Цзиньхэ Импорт-Экспорт»"
    )


def test_serve_with_a_broken_glossary_stops_with_its_problems_not_a_traceback(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    shutil.copy(PROJECT / "tests" / "glossary" / "bad" / "bad-locode.csv", glossary / "places.csv")
    environment = {"GATEWAY_GLOSSARY_DIR": str(glossary), "GATEWAY_DATA_DIR": str(tmp_path / "data")}
    result = gateway("serve", "--port", "1", env=environment)  # stops before it listens
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines()[:2] == [
        "Error: glossary.invalid: 1 problem in the glossary:",
        "places.csv:2: bad place code 'KZ-HOR': expected a UN/LOCODE, the country's two letters then three "
        "letters or digits 2-9, such as KZALA",
    ]


def supervisor_stops(command: list[str], settings: dict[str, str], seconds: float, looping: str) -> str:
    """Run `gateway COMMAND` (a supervisor of several processes) with only `settings` of the GATEWAY_
    ones, expect it to stop with exit code 1 within `seconds` (else kill its process group and fail with
    `looping`), and give what it wrote to standard error."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    environment |= settings | {"PYTHONPATH": str(PROJECT)}
    with subprocess.Popen(
        [sys.executable, "-c", "from gateway.cli.main import main; main()", *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, start_new_session=True,
    ) as process:  # fmt: skip
        try:
            _, stderr = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its children too
            process.communicate()
            pytest.fail(looping)
    assert process.returncode == 1, stderr
    return stderr


def test_serve_with_workers_stops_on_a_broken_glossary_before_starting_them(tmp_path: Path) -> None:
    """Each worker built its app and died on the glossary, and uvicorn's supervisor started another, a
    traceback a second for ever; now the supervising process reads the files first and stops."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    shutil.copy(PROJECT / "tests" / "glossary" / "bad" / "bad-locode.csv", glossary / "places.csv")
    environment = {"GATEWAY_GLOSSARY_DIR": str(glossary), "GATEWAY_DATA_DIR": str(tmp_path / "data")}
    command = ["serve", "--workers", "2", "--host", "127.0.0.1", "--port", "0"]
    stderr = supervisor_stops(
        command, environment, 60, "serve --workers 2 kept restarting workers on a broken glossary"
    )
    assert stderr.splitlines()[0] == "Error: glossary.invalid: 1 problem in the glossary:"


def test_worker_processes_stop_on_broken_agreements_before_starting(tmp_path: Path) -> None:
    """`gateway worker --processes 2` restarted each child that died on the agreements every 5 s, a
    traceback each, without end; now the supervisor reads them first and stops with the problem."""
    agreements = tmp_path / "agreements"
    shutil.copytree(PROJECT / "agreements", agreements)
    pair = agreements / "cn-kz.yaml"
    pair.write_text(pair.read_text(encoding="utf-8").replace("level: SIE", "level: XYZ", 1), encoding="utf-8")
    environment = {
        "GATEWAY_AGREEMENTS_DIR": str(agreements),
        "GATEWAY_DATA_DIR": str(tmp_path / "data"),
        "GATEWAY_REDIS_URL": "redis://127.0.0.1:1/0",  # never reached: the check comes first
    }
    command = ["worker", "--processes", "2"]
    stderr = supervisor_stops(
        command, environment, 30, "gateway worker kept restarting its children on broken agreements"
    )
    assert stderr.startswith("Error: agreement.invalid: ") and "'XYZ' is not an exchange level" in stderr
