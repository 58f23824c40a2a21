"""share() and names in other languages: a partner receives the Forms of a Resolution in the languages of
its agreement (BCP 47 basic filtering), English always, and nothing else a Resolution might hold.

The messages carry Forms as the resolution stage writes them, added here to golden messages: one per
language of the code list, before the Candidates.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, share
from gateway.agreements.languages import form_tag, matches, shares_form
from tests.agreements.shared_view import NS as NAMESPACE
from tests.golden_cases import GOLDEN

NS = f"{{{NAMESPACE}}}"
KZ_ROAD = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"
FORMS = {
    "en": ("Latn", "Khorgos"),
    "kk": ("Cyrl", "Қорғас"),
    "mn": ("Cyrl", "Хоргос"),
    "ru": ("Cyrl", "Хоргос"),
    "uz-Cyrl": ("Cyrl", "Хоргос"),
    "uz-Latn": ("Latn", "Xorgos"),
    "zh-Hans": ("Hans", "霍尔果斯"),
}

MATCHING = [
    # agreement languages, Form languageID, Form scriptCode, leaves
    (("zh-Hans",), "zh-Hans", "Hans", True),
    (("zh-Hans",), "zh-Hant", "Hant", False),
    (("zh-Hans",), "zh", "Hans", True),  # the script completes the tag
    (("zh-Hans",), "zh", "Hant", False),
    (("zh",), "zh-Hant", "Hant", True),
    (("uz",), "uz-Latn", "Latn", True),
    (("uz",), "uz-Cyrl", "Cyrl", True),
    (("uz-Latn",), "uz-Cyrl", "Cyrl", False),
    (("uz-Latn",), "uz", "Latn", True),
    (("ru",), "ru", "Cyrl", True),
    (("ru",), "rue", "Cyrl", False),  # Rusyn is not Russian: a prefix counts only up to a hyphen
    (("RU",), "ru", "Cyrl", True),  # case does not matter in BCP 47
    (("kk",), "ru", "Cyrl", False),
    (("kk",), "en", "Latn", True),  # English always leaves
    (("kk",), "en-GB", "Latn", True),
    (("kk",), "", "Latn", False),  # no language: never
    (("kk",), None, None, False),
]


@pytest.mark.parametrize(("languages", "language_id", "script", "leaves"), MATCHING)
def test_a_form_leaves_when_a_language_of_the_agreement_matches_it(
    languages: tuple[str, ...], language_id: str | None, script: str | None, leaves: bool
) -> None:
    assert shares_form(languages, language_id, script) is leaves


def test_a_form_tag_gets_its_script_only_when_it_names_none() -> None:
    assert form_tag("ru", "Cyrl") == "ru-Cyrl"
    assert form_tag("zh-Hans", "Hant") == "zh-Hans"
    assert form_tag("zh-CN", "Hans") == "zh-Hans-CN"
    assert matches("uz", "uz-Latn") and not matches("uz-Latn", "uz-Cyrl")


def with_forms(path: Path | bytes = KZ_ROAD, forms: dict[str, tuple[str, str]] = FORMS) -> bytes:
    """A golden message whose every coded Resolution lists `forms` (in place of the Forms the resolution
    stage wrote), before its Candidates."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    for resolution in root.iter(f"{NS}Resolution"):
        for written in resolution.findall(f"{NS}Form"):
            resolution.remove(written)
        if resolution.get("code"):
            for position, (language, (script, name)) in enumerate(forms.items()):
                form = etree.Element(f"{NS}Form", languageID=language, scriptCode=script)
                form.text = name
                resolution.insert(position, form)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def languages_left(shared: bytes) -> set[tuple[str, ...]]:
    """The languages of the Forms of each coded Resolution of `shared`."""
    root = etree.fromstring(shared)
    return {
        tuple(form.get("languageID", "") for form in resolution.iter(f"{NS}Form"))
        for resolution in root.iter(f"{NS}Resolution")
        if resolution.get("code")
    }


@pytest.fixture(scope="module")
def kz_cn(demo_agreements: Agreements) -> Agreement:
    """The demo KZ to UZ agreement (it shares every name) as if the partner read Chinese and English."""
    agreement = demo_agreements.between("KZ", "UZ")
    assert agreement is not None
    return replace(agreement, languages=("zh-Hans", "en"))


@pytest.mark.parametrize(
    ("languages", "left"),
    [
        (("zh-Hans", "en"), ("en", "zh-Hans")),
        (("zh-Hans",), ("en", "zh-Hans")),
        (("uz",), ("en", "uz-Cyrl", "uz-Latn")),
        (("uz-Latn", "ru"), ("en", "ru", "uz-Latn")),
        (("kk", "ru"), ("en", "kk", "ru")),
        (("ka",), ("en",)),
    ],
)
def test_a_partner_receives_the_names_in_its_languages(
    kz_cn: Agreement, languages: tuple[str, ...], left: tuple[str, ...]
) -> None:
    shared = share(with_forms(), replace(kz_cn, languages=languages))
    assert languages_left(shared) == {left}


def test_the_candidates_and_attributes_of_a_resolution_stay(kz_cn: Agreement) -> None:
    shared = etree.fromstring(share(with_forms(), kz_cn))
    without = etree.fromstring(share(with_forms(forms={}), kz_cn))
    for root in (shared, without):
        for form in root.iter(f"{NS}Form"):
            form.getparent().remove(form)
    assert etree.tostring(shared) == etree.tostring(without)
    assert len(shared.findall(f".//{NS}Candidate")) > 0


def test_anything_else_inside_a_resolution_is_removed(kz_cn: Agreement) -> None:
    data = with_forms().replace(
        b'<Form languageID="zh-Hans"', b'<Secret>KZ tax number</Secret><Form languageID="zh-Hans"', 1
    )
    data = data.replace(b'<Form languageID="mn" ', b"<Form ", 1)
    shared = share(data, kz_cn)
    assert b"Secret" not in shared and b"KZ tax number" not in shared
    assert b"<Form scriptCode" not in shared
