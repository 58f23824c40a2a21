"""docs/prometheus-alerts.yml, the alerting rules an operator loads: well formed as Prometheus reads a
rules file, and every metric it names is one the gateway serves and docs/operations.md lists (a renamed
metric would leave an alert that never fires)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DOCS = Path(__file__).parent.parent / "docs"
GATEWAY = Path(__file__).parent.parent / "gateway"
METRIC = re.compile(r"\bgateway_[a-z_]+\b")


def rules() -> list[dict[str, object]]:
    loaded = yaml.safe_load((DOCS / "prometheus-alerts.yml").read_text(encoding="utf-8"))
    return [rule for group in loaded["groups"] for rule in group["rules"]]


def test_every_rule_is_an_alert_with_a_severity_and_words_for_the_person_paged() -> None:
    found = rules()
    assert found
    names = [rule["alert"] for rule in found]
    assert len(names) == len(set(names)), "alert names repeat"
    for rule in found:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule
        assert isinstance(rule["expr"], str) and rule["expr"].count("(") == rule["expr"].count(")")
        assert rule["labels"]["severity"] in ("page", "ticket")  # type: ignore[index]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]  # type: ignore[index]
        if "for" in rule:
            assert re.fullmatch(r"\d+[smhd]", str(rule["for"])), rule["for"]


def test_every_metric_an_alert_names_is_served_and_documented() -> None:
    operations = (DOCS / "operations.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(gateway_[a-z_]+)", operations, re.MULTILINE))
    source = "\n".join(path.read_text(encoding="utf-8") for path in GATEWAY.rglob("*.py"))
    for rule in rules():
        for metric in METRIC.findall(str(rule["expr"])):
            assert metric in documented, f"{rule['alert']}: {metric} is not in docs/operations.md's tables"
            assert metric.removesuffix("_total") in source, f"{rule['alert']}: no code serves {metric}"
