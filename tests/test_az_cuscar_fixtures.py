"""The az-cuscar fixtures are what they claim: labelled stand-ins, written by make_cases.py, in the
character set their UNB declares, and the spec's example is the ferry case byte for byte.

EDIFACT has no comments, so the stand-in label lives in each case.md and the folder's README; the bytes
are generated, so a test fails when a committed input drifts from what make_cases.py writes.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.intake.edifact import parse_edifact
from gateway.normalize.pipeline import Normalizer

ROOT = Path(__file__).parent.parent
CASES_DIR = ROOT / "tests" / "golden" / "az-cuscar"
SPEC = ROOT / "docs" / "formats" / "az-cuscar.md"
LABEL = (
    "Stand-in fixture for the Azerbaijan CUSCAR usage profile (az-cuscar): the message standard "
    "(UN/EDIFACT CUSCAR, directory D.96B) is real, the national profile is the project's."
)
CASES = sorted(path.parent for path in CASES_DIR.glob("*/input.edi"))
VALID = [case for case in CASES if (case / "case.md").read_text(encoding="utf-8").startswith("Valid")]
AZERBAIJANI_ONLY = "əğışƏĞİŞ"
"""The Azerbaijani letters that ISO 8859-1, and so UNOC, does not hold (ö ü ç it does)."""


@cache
def make_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("az_cuscar_make_cases", CASES_DIR / "make_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


def test_there_are_valid_and_broken_cases() -> None:
    assert len(VALID) >= 4
    assert len(CASES) - len(VALID) >= 6


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_case_is_labelled_as_a_stand_in(case: Path) -> None:
    assert LABEL in (case / "case.md").read_text(encoding="utf-8")


def test_the_folder_readme_says_what_is_real_and_what_is_the_projects() -> None:
    readme = (CASES_DIR / "README.md").read_text(encoding="utf-8")
    assert "the message standard (UN/EDIFACT CUSCAR, directory D.96B) is real" in readme
    assert "the national profile is the project's" in readme


def test_inputs_are_what_make_cases_writes() -> None:
    written = make_cases().cases()
    assert sorted(written) == [case.name for case in CASES]
    for name, (data, description) in written.items():
        assert (CASES_DIR / name / "input.edi").read_bytes() == data, f"{name}: rerun make_cases.py"
        assert (CASES_DIR / name / "case.md").read_text(encoding="utf-8").startswith(description)


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_case_is_a_well_formed_interchange_of_one_cuscar_d96b(case: Path) -> None:
    parsed = parse_edifact((case / "input.edi").read_bytes())
    assert parsed.issues == []
    assert parsed.interchange is not None
    assert parsed.interchange.message_type()[:4] == ("CUSCAR", "D", "96B", "UN")


def test_unoc_cannot_hold_the_azerbaijani_letters_but_iso_10646_can() -> None:
    for letter in AZERBAIJANI_ONLY:
        with pytest.raises(UnicodeEncodeError):
            letter.encode("latin-1")
        assert letter.encode("utf-8")
    assert "öüçÖÜÇ".encode("latin-1") == b"\xf6\xfc\xe7\xd6\xdc\xc7"


def test_the_unoc_case_is_iso_8859_1_without_the_letters_it_cannot_hold() -> None:
    data = (CASES_DIR / "rail-boyuk-kesik-unoc" / "input.edi").read_bytes()
    assert data.startswith(b"UNB+UNOC:3+")
    assert "Böyük".encode("latin-1") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert not set(AZERBAIJANI_ONLY) & set(data.decode("latin-1"))


def test_the_unoy_cases_are_utf8_with_azerbaijani_and_russian_text() -> None:
    for name in ("ferry-aktau-alat-unoy", "multi-consignment-kuryk-alat"):
        text = (CASES_DIR / name / "input.edi").read_bytes().decode("utf-8")
        assert re.match(r"UNA:\+[.,]\?\*'\nUNB\+UNOY:4\+", text)
        assert "ə" in text and re.search("[а-я]", text)


def test_the_release_case_escapes_every_service_character() -> None:
    text = (CASES_DIR / "road-qirmizi-korpu-release" / "input.edi").read_text(encoding="utf-8")
    for released in ("?'", "?+", "?:"):
        assert released in text


@given(st.text(alphabet="əğıöüçşƏĞİÖÜÇŞ Bakı?+:'АБВгд0123", min_size=1, max_size=40))
def test_escaped_values_read_back_unchanged(value: str) -> None:
    module = make_cases()
    body = [module.segment("BGM", "785", value, "9")]
    header = [["SENDER", "ZZZ"], ["AZDGK", "ZZZ"], module.UNOY.stamp("20240611", "0715")]
    data = module.render(
        module.UNOY, module.interchange(module.UNOY, header, "1", [module.message("1", body)])
    )
    parsed = parse_edifact(data)
    assert parsed.interchange is not None, parsed.issues
    bgm = next(segment for segment in parsed.interchange.segments if segment.tag == "BGM")
    assert bgm.value(2) == value


def test_spec_example_is_the_ferry_case() -> None:
    example = re.search(r"```edifact\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    case = CASES_DIR / "ferry-aktau-alat-unoy" / "input.edi"
    assert example.group(1) == case.read_text(encoding="utf-8")
    assert (ROOT / "examples" / "az-cuscar.edi").read_bytes() == case.read_bytes()


def _ferry_with(consignments: int) -> bytes:
    """The ferry report with as many consignments as containers: every CNI a copy of the first, whose
    goods item names its own container."""
    module = make_cases()
    body = module.ferry_body()
    first_eqd = next(index for index, text in enumerate(body) if text.startswith("EQD"))
    first_cni = body.index("CNI+1")
    consignment = body[first_cni : body.index("CNI+2")]
    numbers = [module.container(f"TGHU{number:06d}") for number in range(consignments)]
    equipment = [
        text
        for number, container in enumerate(numbers)
        for text in (
            module.segment("EQD", "CN", container, ["22G1", "102", "5"]),
            module.segment("SEL", f"KZ{number:07d}", "CA"),
        )
    ]
    copies = [
        module.segment("SGP", numbers[number], "240") if text.startswith("SGP") else text
        for number in range(consignments)
        for text in [f"CNI+{number + 1}", *consignment[1:]]
    ]
    header = [["ASCOAKTAU", "ZZZ"], ["AZDGK", "ZZZ"], module.UNOY.stamp("20240611", "0715")]
    segments = [*body[:first_eqd], *equipment, *copies]
    return module.render(
        module.UNOY, module.interchange(module.UNOY, header, "R1", [module.message("1", segments)])
    )


def test_the_message_grows_linearly_with_consignments_and_containers(normalizer: Normalizer) -> None:
    """Equipment is listed once per message; a mapping that copied it into every consignment would make
    the harmonized message grow with consignments times containers (a denial of service). Each
    consignment gets the one container its goods item names, with its seal."""
    sizes = []
    for consignments in (50, 200):
        result = normalizer.normalize(_ferry_with(consignments))
        assert result.ok and result.message is not None, result.issues
        sizes.append(len(result.message.to_xml()))
        last = result.message.tree().xpath(
            "//h:Consignment[last()]/h:TransportEquipment/h:Seal/h:ID/text()",
            namespaces={"h": "urn:carec-gateway:harmonized:1"},
        )
        assert last == [f"KZ{consignments - 1:07d}"]
    assert sizes[1] < 5 * sizes[0]
