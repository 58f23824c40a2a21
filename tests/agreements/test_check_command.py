"""`gateway check` checks the agreements with the mappings and code lists, and names a fault's place."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from gateway.cli.main import main
from tests.agreements.conftest import AGREEMENTS, HERE


def _check(agreements_dir: Path | None = None) -> Result:
    env = {"GATEWAY_AGREEMENTS_DIR": str(agreements_dir)} if agreements_dir else None
    return CliRunner().invoke(main, ["check"], env=env)


def test_check_lists_the_readiness_data_and_every_agreement_with_its_directions() -> None:
    result = _check()
    assert result.exit_code == 0, result.output
    assert "ok  readiness  (7 countries assessed)" in result.stdout
    assert "      KZ  readiness 3.32 maturity 2.82  qualifies for CIE" in result.stdout
    assert "      CN  readiness 3.30 maturity 3.54  qualifies for SIE" in result.stdout  # incomplete
    assert "ok  agreement KZ-UZ  KZ>UZ CIE, UZ>KZ CIE  (kz-uz.yaml)" in result.stdout
    assert "ok  agreement AF-TJ  TJ>AF SIE  (af-tj.yaml)" in result.stdout
    assert result.stdout.count("ok  agreement ") == len(list(AGREEMENTS.glob("*-*.yaml")))


def test_check_fails_with_the_file_yaml_path_and_reason_of_a_bad_agreement(tmp_path: Path) -> None:
    shutil.copytree(AGREEMENTS, tmp_path, dirs_exist_ok=True)
    shutil.copy(HERE / "bad" / "level-cie-china-incomplete.yaml", tmp_path / "cn-zz.yaml")
    result = _check(tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: agreement.invalid: ")
    assert f"{tmp_path / 'cn-zz.yaml'}: directions[0].level: the pair qualifies for SIE only" in result.stderr


def test_check_fails_when_a_pair_is_given_twice(tmp_path: Path) -> None:
    shutil.copytree(AGREEMENTS, tmp_path, dirs_exist_ok=True)
    shutil.copy(tmp_path / "kz-uz.yaml", tmp_path / "uz-kz.yaml")
    result = _check(tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / 'uz-kz.yaml'}: countries: the pair KZ-UZ already has an agreement in kz-uz.yaml" in (
        result.stderr
    )


def test_check_names_each_suspended_direction_with_its_reason(tmp_path: Path) -> None:
    shutil.copytree(AGREEMENTS, tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "kz-uz.yaml").read_text(encoding="utf-8")
    reason = "UZ customs moves its data centre until 2026-11-30"
    (tmp_path / "kz-uz.yaml").write_text(f'suspended: "{reason}"\n{text}', encoding="utf-8")
    result = _check(tmp_path)
    assert result.exit_code == 0, result.output
    assert "ok  agreement KZ-UZ  KZ>UZ CIE, UZ>KZ CIE  (kz-uz.yaml)" in result.stdout
    assert f"      KZ>UZ suspended, deliveries held: {reason}" in result.stdout
    assert f"      UZ>KZ suspended, deliveries held: {reason}" in result.stdout
    assert result.stdout.count("suspended") == 2, "only the pair that says so"


def test_check_names_the_private_networks_a_push_may_reach_and_refuses_a_public_one(tmp_path: Path) -> None:
    shutil.copytree(AGREEMENTS, tmp_path, dirs_exist_ok=True)
    control = (HERE / "control.yaml").read_text(encoding="utf-8")
    secret = "      secret: {env: CAREC_PUSH_SECRET_KZ_CN}\n"
    assert secret in control
    opened = control.replace(secret, secret + "      private_networks: [10.20.0.0/16, fd12:3456::/48]\n")
    (tmp_path / "cn-kz.yaml").write_text(opened, encoding="utf-8")
    result = _check(tmp_path)
    assert result.exit_code == 0, result.output
    assert "      KZ>CN push may reach the private networks 10.20.0.0/16, fd12:3456::/48" in result.stdout
    assert result.stdout.count("private networks") == 1, "only the direction that lists them"
    (tmp_path / "cn-kz.yaml").write_text(opened.replace("10.20.0.0/16", "10.20.0.0/16, 8.8.8.0/24"))
    result = _check(tmp_path)
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'cn-kz.yaml'}: directions[0].delivery.private_networks[1]: 8.8.8.0/24 is not inside"
        in (result.stderr)
    )
