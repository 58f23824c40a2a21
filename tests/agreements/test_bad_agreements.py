"""Every file in tests/agreements/bad/ is an agreement broken on purpose, and each must be refused.

A file opens with ``# expect: <YAML path> | <fragment of the reason>``; it is tests/agreements/control.yaml
(which loads) with one fault.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.agreements import Agreements, InvalidAgreement, Readiness
from gateway.agreements.agreement import load_agreement_file
from gateway.model import load_model
from tests.agreements.conftest import HERE, READINESS

BAD = HERE / "bad"
EXPECT = re.compile(r"^# expect: (?P<path>\S+) \| (?P<reason>.+)$")


def _case(file: Path) -> object:
    expect = EXPECT.match(file.read_text(encoding="utf-8").splitlines()[0])
    assert expect, f"{file.name}: the first line must be '# expect: <yaml path> | <reason fragment>'"
    return pytest.param(file, expect["path"], expect["reason"], id=file.stem)


CASES = [_case(file) for file in sorted(BAD.glob("*.yaml"))]


def test_the_bad_folder_holds_a_case_for_every_kind_of_fault() -> None:
    assert len(CASES) >= 50


def test_the_control_that_every_bad_file_breaks_loads(readiness: Readiness) -> None:
    loaded = load_agreement_file(HERE / "control.yaml", readiness, load_model())
    [agreement] = loaded.directions
    assert (loaded.pair, agreement.sender, agreement.recipient) == (("CN", "KZ"), "KZ", "CN")
    assert "42A/28A/81A/064" in agreement.elements  # given by model names, kept by WCO IDs


@pytest.mark.parametrize(("file", "yaml_path", "reason"), CASES)
def test_a_broken_agreement_is_refused_with_file_yaml_path_and_reason(
    file: Path, yaml_path: str, reason: str, readiness: Readiness
) -> None:
    with pytest.raises(InvalidAgreement) as refused:
        load_agreement_file(file, readiness, load_model())
    assert (refused.value.file, refused.value.yaml_path) == (str(file), yaml_path)
    assert reason in refused.value.reason
    assert refused.value.code == "agreement.invalid"


def test_a_pair_in_two_files_is_refused_naming_both() -> None:
    folder = BAD / "duplicate-pair"
    with pytest.raises(InvalidAgreement) as refused:
        Agreements.load(folder, readiness_file=READINESS)
    assert refused.value.file == str(folder / "b-china-kazakhstan.yaml")
    assert refused.value.yaml_path == "countries"
    assert "the pair CN-KZ already has an agreement in a-kazakhstan-china.yaml" in refused.value.reason


def test_a_secret_file_inside_the_agreements_folder_is_refused(tmp_path: Path, readiness: Readiness) -> None:
    secret = tmp_path / "kz-cn.secret"
    text = (HERE / "control.yaml").read_text(encoding="utf-8")
    file = tmp_path / "kz-cn.yaml"
    file.write_text(text.replace("{env: CAREC_PUSH_SECRET_KZ_CN}", f"{{file: {secret}}}"), encoding="utf-8")
    with pytest.raises(InvalidAgreement) as refused:
        load_agreement_file(file, readiness, load_model())
    assert refused.value.yaml_path == "directions[0].delivery.secret.file"
    assert "would be committed to git" in refused.value.reason


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path, readiness: Readiness) -> None:
    file = tmp_path / "kz-cn.yaml"
    file.write_bytes("title: Қазақстан\n".encode("cp1251", errors="replace") + b"\xff\xfe")
    with pytest.raises(InvalidAgreement, match="not UTF-8 text"):
        load_agreement_file(file, readiness, load_model())


def test_a_folder_without_readiness_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidAgreement) as refused:
        Agreements.load(tmp_path)
    assert refused.value.file == str(tmp_path / "readiness.yaml")
    assert "cannot be read" in refused.value.reason


def test_a_file_that_would_be_skipped_for_its_extension_is_refused(tmp_path: Path) -> None:
    (tmp_path / "readiness.yaml").write_bytes(READINESS.read_bytes())
    (tmp_path / "kz-cn.yml").write_bytes((HERE / "control.yaml").read_bytes())
    with pytest.raises(InvalidAgreement) as refused:
        Agreements.load(tmp_path)
    assert refused.value.file == str(tmp_path / "kz-cn.yml")
    assert "end in .yaml" in refused.value.reason
