"""The child index in C (gateway/mapping/_fastread.pyx) against the pure-Python one it accelerates.

The pure-Python index is the reference: every golden case must give the same message bytes and issues
through either, and an index entry read through the C index must answer what lxml's element answers.
An installed project must have the compiled module: a broken build would otherwise run slow, silently.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import gateway
from gateway.mapping import child_index
from gateway.mapping.checker import ElementChecker, joined_result
from gateway.mapping.engine import Instance
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

GOLDEN = Path(__file__).parent.parent / "golden"
CASES = sorted(path.parent for path in GOLDEN.glob("*/*/input.*"))
FAST = child_index.ACCELERATOR
built = pytest.mark.skipif(FAST is None, reason="gateway.mapping._fastread is not built (source tree)")


def _installed_root() -> Path | None:
    """The source folder of the installed project, if one is installed: an editable install names it
    in direct_url.json; a build in the source tree leaves carec_gateway.egg-info there (found first
    when pytest runs from that folder); a wheel's files sit in site-packages."""
    try:
        distribution = metadata.distribution("carec-gateway")
    except metadata.PackageNotFoundError:
        return None
    direct = distribution.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        return Path(json.loads(direct)["url"].removeprefix("file://"))
    return Path(str(distribution.locate_file("")))


def test_the_installed_project_has_the_compiled_child_index() -> None:
    package = Path(gateway.__file__).resolve().parent
    installed = _installed_root()
    if installed is None or installed.resolve() != package.parent:
        pytest.skip(f"the gateway package under test ({package}) is not the installed project")
    assert FAST is not None, "the installed project lacks gateway.mapping._fastread: its build failed"


@pytest.fixture(scope="module")
def normalizers() -> tuple[Normalizer, Normalizer]:
    """The golden cases' normalizer twice: with the compiled child index and with the Python one."""
    fast = Normalizer.from_settings(Settings(glossary_dir=GOLDEN / "glossary"))
    plain = Normalizer(fast.registry, fast.codelists, fast.limits, fast.model, fast.resolution)
    saved, child_index.ACCELERATOR = child_index.ACCELERATOR, None
    try:
        for name in plain.registry.names():
            assert not plain.compiled(plain.registry.get(name)).accelerated
    finally:
        child_index.ACCELERATOR = saved
    return fast, plain


@built
@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.name}" for case in CASES])
def test_golden_cases_give_the_same_bytes_with_and_without_the_compiled_index(
    case: Path, normalizers: tuple[Normalizer, Normalizer]
) -> None:
    data = next(case.glob("input.*")).read_bytes()
    fast, plain = (normalizer.normalize(data) for normalizer in normalizers)
    assert repr(fast.issues) == repr(plain.issues)
    if plain.message is None:
        assert fast.message is None
        return
    assert fast.message is not None
    assert fast.message.to_xml() == plain.message.to_xml()
    syntax = normalizers[0].registry.get(plain.format).syntax
    assert normalizers[0].compiled(normalizers[0].registry.get(plain.format)).accelerated is (syntax == "xml")


def _read(entry: Any) -> tuple[Any, ...]:
    """What the generated code and the engine read of an index entry."""
    return (entry.tag, len(entry), entry.text, entry.sourceline, entry.get("unit"), entry.get("{urn:b}id"))


def _same_index(root: etree._Element) -> None:
    for node in root.iter(tag=etree.Element):
        fast, plain = FAST.child_index(node), child_index.child_index(node)  # type: ignore[union-attr]
        plain = {tag: found for tag, found in plain.items() if isinstance(tag, str)}  # comments, PIs
        assert fast.keys() == plain.keys()
        for tag, found in plain.items():
            if isinstance(found, list):
                assert [_read(entry) for entry in fast[tag]] == [_read(entry) for entry in found]
                assert list(FAST.children_of(fast, tag)) == found  # type: ignore[union-attr]
            else:
                assert _read(fast[tag]) == _read(found)
                assert FAST.step(node, fast, tag)[0] is found  # type: ignore[union-attr]


LEAVES = st.sampled_from(
    [
        "<a>text</a>",
        "<a/>",
        "<a></a>",
        "<a>  Алматы  </a>",
        "<a><![CDATA[<raw> & ]]>tail</a>",
        "<a>one<!-- note -->two</a>",
        "<a>x<?pi data?>y</a>",
        '<a unit="KGM">12.5</a>',
        '<b:a xmlns:b="urn:b" b:id="7">namespaced</b:a>',
        '<a xmlns="urn:c">default namespace</a>',
        "<a>阿拉木图 &amp; 霍尔果斯</a>",
        "<c><a>inner</a></c>",
        "<c>mixed <a>x</a> text</c>",
        "<!-- a comment child -->",
        "<?pi child?>",
    ]
)


@built
@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(LEAVES, max_size=5), min_size=1, max_size=4), st.integers(0, 3))
def test_an_entry_of_the_compiled_index_reads_as_lxml_reads_the_element(
    groups: list[list[str]], blank_lines: int
) -> None:
    newline = "\n" * blank_lines
    body = "".join(f"<g{number}>{newline}{''.join(group)}</g{number}>" for number, group in enumerate(groups))
    _same_index(etree.fromstring(f'<r xmlns:b="urn:b">{body}<a>last</a></r>'))


@built
def test_lines_past_65535_are_read_as_lxml_reads_them() -> None:
    """libxml2 keeps 65535 in the node for later lines and the real number elsewhere."""
    body = "\n".join(f"<item><n>{number}</n><t>x</t></item>" for number in range(70_000))
    root = etree.fromstring(f"<r>\n{body}\n</r>", etree.XMLParser(huge_tree=True))
    items = list(root)
    for item in items[:3] + items[65_530:65_540] + items[-3:]:
        fast = FAST.child_index(item)  # type: ignore[union-attr]
        assert fast["n"].sourceline == item[0].sourceline > 0
    assert items[-1][0].sourceline == 70_001


@built
def test_tags_are_not_mistaken_across_documents() -> None:
    """The C index reuses tag strings by the address of libxml2's names; a later document whose names
    land at the same addresses must still get its own tags."""
    for number in range(200):
        namespace = f"urn:n{number % 7}"
        root = etree.fromstring(f'<r xmlns="{namespace}"><x{number % 5}>v</x{number % 5}></r>')
        assert list(FAST.child_index(root)) == [f"{{{namespace}}}x{number % 5}"]  # type: ignore[union-attr]
        del root


@built
def test_read_value_writes_the_usual_case_and_leaves_every_other_to_the_generated_code() -> None:
    body = "\n".join(["<r>", "<a> 12.5 </a><b>  </b><c>x</c><c>y</c><d><e/></d><f>new</f><g>warned</g></r>"])
    index = FAST.child_index(etree.fromstring(body))  # type: ignore[union-attr]
    memo: dict[Any, Any] = {"12.5": ("<X>12.5</X>", " ok/>"), "warned": object()}
    parts: list[str] = []
    fields: list[str] = []

    def read(tag: str, middle: str = "") -> bool | None:
        return FAST.read_value(index, tag, memo, '<Field source="', middle, 'a[1]" line="', parts, fields)  # type: ignore[union-attr]

    assert read("a", "sp/") is True
    assert (parts, fields) == (["<X>12.5</X>"], ['<Field source="sp/a[1]" line="2" ok/>'])
    assert [read(tag) for tag in ("absent", "b")] == [False, False]  # nothing to write
    assert [read(tag) for tag in ("c", "d", "f", "g")] == [None] * 4  # the long way
    assert len(parts) == len(fields) == 1, "a case left to the generated code appended something"
    built_here = etree.Element("r")
    etree.SubElement(built_here, "a").text = "12.5"  # an element built in code has no line
    index = FAST.child_index(built_here)  # type: ignore[union-attr]
    assert read("a") is True
    assert fields[-1] == '<Field source="a[1]" line="None" ok/>'
    late = etree.fromstring("<r>" + "\n" * 70_000 + "<a>12.5</a></r>", etree.XMLParser(huge_tree=True))
    index = FAST.child_index(late)  # type: ignore[union-attr]
    assert read("a") is None  # lxml knows where libxml2 keeps lines past 65535


@built
@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.tuples(st.text(max_size=12), st.none() | st.integers(0, 70_000), st.lists(st.text(max_size=8))),
        lambda below: st.tuples(st.text(max_size=12), st.none(), st.lists(below, max_size=3)),
        max_leaves=8,
    )
)
def test_annotations_written_in_c_are_those_written_in_python(shape: Any) -> None:
    def build(shape: Any, parent: Instance | None) -> Instance:
        source, line, below = shape
        instance = Instance(parent, f"p{len(source)}", source, line)
        for item in below:
            if isinstance(item, str):
                instance.fields.append(f'<Field pointer="x">{item}</Field>')
            else:
                instance.children.append(build(item, instance))
        return instance

    root = build(shape, None)
    python: list[str] = []
    fast: list[str] = []
    root.write(python)
    FAST.write_annotation(root, fast)  # type: ignore[union-attr]
    assert fast == python


JOIN_PARTS = st.sampled_from(
    [
        "<hs>8471</hs>",
        "<hs>  </hs>",
        "<hs/>",
        "<cn>30 00</cn>",
        "<cn>x<!-- c -->y</cn>",
        "<cn>a<i>b</i>c</cn>",
    ]
)


@built
@settings(max_examples=100, deadline=None)
@given(st.lists(JOIN_PARTS, max_size=5), st.sampled_from(["", " ", "-"]))
def test_a_join_read_in_c_is_the_join_the_checker_reads(children: list[str], separator: str) -> None:
    checker = ElementChecker.__new__(ElementChecker)  # what joined_children reads of it: steps, join
    checker.rule, checker.steps = SimpleNamespace(join=separator), (("hs", "hs"), ("cn", "cn"))
    node = etree.fromstring(f"<r>{''.join(children)}</r>")
    fast = FAST.joined_children(FAST.child_index(node), checker.steps, separator, "p/", joined_result)  # type: ignore[union-attr]
    plain = checker.joined_children(child_index.child_index(node), "p/")
    assert (fast is None) is (plain is None)
    if fast is not None and plain is not None:
        assert fast[::2] == plain[::2] and fast[3] == plain[3]
        assert fast[1].sourceline == plain[1].sourceline and fast[1].text == plain[1].text
