"""XML source paths: the walks that stand in for XPath give what XPath gives, in the same order, with
the same source paths; a path that leaves its context keeps its absolute source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gateway.mapping.xml_path_compiler import compile_xml_path
from gateway.mapping.xml_paths import (
    BranchedPath,
    CodeTypePath,
    PresencePath,
    SimplePath,
    UnionPath,
    XPathPath,
)

TAGS = ("a", "b", "c")


@st.composite
def trees(draw: st.DrawFn, depth: int = 3) -> str:
    """A small document whose elements are a, b and c, nested up to `depth` levels below the root."""

    def element(level: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        children = draw(st.integers(0, 3)) if level < depth else 0
        inner = "".join(element(level + 1) for _ in range(children)) or tag.upper()
        return f"<{tag}>{inner}</{tag}>"

    return "<root>" + "".join(element(1) for _ in range(draw(st.integers(0, 4)))) + "</root>"


unions = st.lists(
    st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map("/".join), min_size=2, max_size=4
).map(" | ".join)


@settings(max_examples=300, deadline=None)
@given(document=trees(), text=unions)
def test_a_union_of_child_paths_matches_what_xpath_matches(document: str, text: str) -> None:
    root = etree.fromstring(document)
    union = compile_xml_path(text, {})
    assert isinstance(union, UnionPath)
    xpath = XPathPath(text, etree.XPath(text))
    assert union.nodes(root) == xpath.nodes(root)
    assert list(union.values(root)) == list(xpath.values(root))


def test_a_union_of_paths_in_document_order_with_positions() -> None:
    root = etree.fromstring(
        "<Bol><ctn><n>1</n></ctn><Goods><Seal>TJ 01</Seal><Seal>TJ 02</Seal></Goods><ctn><n>2</n></ctn></Bol>"
    )
    union = compile_xml_path("Goods/Seal | ctn", {})
    assert [path for _, path in union.nodes(root)] == [
        "ctn[1]",
        "Goods[1]/Seal[1]",
        "Goods[1]/Seal[2]",
        "ctn[2]",
    ]


def test_a_union_with_a_predicate_a_prefix_or_an_axis_stays_xpath() -> None:
    namespaces = {"p": "urn:test"}
    for text in ("a[2] | b", "a | @b", "a | self::b", "a | b/../c", "number(boolean(p:a))", "a[. != 'x']"):
        assert isinstance(compile_xml_path(text, namespaces), XPathPath), text
    for text in ("a[1] | b", "a | ../b", "a | self::b/../c[1]/a", "p:a | b", "../p:a/p:b", "p:a[. = 'x']"):
        assert isinstance(compile_xml_path(text, namespaces), BranchedPath), text
    assert isinstance(compile_xml_path("a/b", namespaces), SimplePath)


def test_a_match_outside_the_context_has_its_absolute_path_every_time() -> None:
    items = "".join(f"<Bol><Seal>{number}</Seal></Bol>" for number in range(50))
    root = etree.fromstring(f"<Awmds><General><Plate>01 A 234</Plate></General>{items}</Awmds>")
    path = compile_xml_path("Plate | ../../General[1]/Plate", {})
    absolute: dict[object, object] = {}
    sources = {relative for seal in root.iter("Seal") for _, _, relative in path.values(seal, absolute)}  # type: ignore[call-arg]
    assert sources == {"/Awmds/General/Plate"}
    assert [path for path in absolute.values() if isinstance(path, str)] == ["/Awmds/General/Plate"]
    walked = [found for found in absolute.values() if isinstance(found, list)]
    assert [[element.text for element in found] for found in walked] == [["01 A 234"]]  # walked once


def test_the_context_itself_has_its_absolute_path() -> None:
    root = etree.fromstring("<M><Item><Seal>TJ 1</Seal></Item><Item><Seal>TJ 2</Seal></Item></M>")
    path = compile_xml_path("self::Seal", {})
    second = root[1][0]
    assert [relative for _, _, relative in path.values(second)] == ["/M/Item[2]/Seal"]


branches = st.builds(
    lambda test, climbs, steps: f"{test}{'../' * climbs}{'/'.join(steps)}",
    st.sampled_from(("", "self::a/", "self::b/")),
    st.integers(0, 3),
    st.lists(st.sampled_from(("a", "b", "c", "a[1]", "c[1]")), min_size=1, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(document=trees(), text=st.lists(branches, min_size=1, max_size=3).map(" | ".join), data=st.data())
def test_a_union_of_branches_up_and_down_matches_what_xpath_matches(
    document: str, text: str, data: st.DataObject
) -> None:
    root = etree.fromstring(document)
    branched = compile_xml_path(text, {})
    if not isinstance(branched, BranchedPath):
        return  # all plain child steps: a UnionPath, tested above
    xpath = XPathPath(text, etree.XPath(text))
    context = data.draw(st.sampled_from(list(root.iter())))
    assert branched.nodes(context) == xpath.nodes(context)
    assert list(branched.values(context)) == list(xpath.values(context))
    remembered: dict[object, object] = {}  # one run's memory, shared by every context of the document
    for node in [*root.iter(), *root.iter()]:
        assert branched.nodes(node, remembered) == xpath.nodes(node), node


@settings(max_examples=100, deadline=None)
@given(document=trees(), steps=st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map("/".join))
def test_presence_of_child_steps_is_what_xpath_says(document: str, steps: str) -> None:
    root = etree.fromstring(document)
    text = f"number(boolean({steps}))"
    presence = compile_xml_path(text, {})
    assert isinstance(presence, PresencePath)
    assert list(presence.values(root)) == list(XPathPath(text, etree.XPath(text)).values(root))


@st.composite
def coded(draw: st.DrawFn) -> str:
    """A document whose children a, b carry short codes, some with other elements inside."""
    codes = st.sampled_from(("N730", "N73", "N7300", "C651", "n730", " N73", "N", "", "Nä30"))
    children = []
    for _ in range(draw(st.integers(0, 5))):
        tag, code = draw(st.sampled_from(("a", "b"))), draw(codes)
        split = draw(st.integers(0, len(code)))
        inner = draw(st.sampled_from((code, f"{code[:split]}<c>{code[split:]}</c>", f"<c/>{code}")))
        children.append(f"<{tag}>{inner}</{tag}>")
    return "<root>" + "".join(children) + "</root>"


@settings(max_examples=200, deadline=None)
@given(document=coded(), start=st.sampled_from(("N", "N7", "")), length=st.integers(0, 5))
def test_children_with_a_coded_prefix_and_length_are_what_xpath_selects(
    document: str, start: str, length: int
) -> None:
    root = etree.fromstring(document)
    text = f"a[starts-with(., '{start}') and string-length(.) = {length}]"
    code_type = compile_xml_path(text, {})
    assert isinstance(code_type, CodeTypePath)
    xpath = XPathPath(text, etree.XPath(text))
    assert code_type.nodes(root) == xpath.nodes(root)
    assert list(code_type.values(root)) == list(xpath.values(root))


NAMESPACES = {"p": "urn:test:p"}


@st.composite
def prefixed_trees(draw: st.DrawFn, depth: int = 3) -> str:
    """A small document of a, p:a and p:b elements whose leaves hold short texts, some split by a
    comment or an element, so that a test of an element's text must use XPath's string value."""

    def element(level: int) -> str:
        tag = draw(st.sampled_from(("a", "p:a", "p:b")))
        children = draw(st.integers(0, 3)) if level < depth else 0
        inner = "".join(element(level + 1) for _ in range(children))
        if not inner:
            inner = draw(st.sampled_from(("X", "Y", "ЭМ", "", "X<!--Y-->", "<a>X</a>", "X<?pi Y?>", " X")))
        return f"<{tag}>{inner}</{tag}>"

    children = "".join(element(1) for _ in range(draw(st.integers(0, 4))))
    return f'<root xmlns:p="{NAMESPACES["p"]}">{children}</root>'


texts = st.lists(st.sampled_from(("'X'", '"Y"', "'ЭМ'", "''")), min_size=1, max_size=3).map(
    lambda literals: "[" + " or ".join(f". = {literal}" for literal in literals) + "]"
)
prefixed_branches = st.builds(
    lambda test, climbs, steps, text: f"{test}{'../' * climbs}{'/'.join(steps)}{text}",
    st.sampled_from(("", "self::a/", "self::p:a/")),
    st.integers(0, 2),
    st.lists(st.sampled_from(("a", "p:a", "p:b", "p:a[1]")), min_size=1, max_size=3),
    st.one_of(st.just(""), texts),
)


@settings(max_examples=300, deadline=None)
@given(
    document=prefixed_trees(),
    text=st.lists(prefixed_branches, min_size=1, max_size=2).map(" | ".join),
    data=st.data(),
)
def test_prefixed_branches_with_a_test_of_their_text_match_what_xpath_matches(
    document: str, text: str, data: st.DataObject
) -> None:
    root = etree.fromstring(document)
    branched = compile_xml_path(text, NAMESPACES)
    if isinstance(branched, SimplePath | UnionPath):
        return  # plain child steps, tested above
    assert isinstance(branched, BranchedPath), text
    xpath = XPathPath(text, etree.XPath(text, namespaces=NAMESPACES))
    context = data.draw(st.sampled_from(list(root.iter(etree.Element))))
    remembered: dict[object, object] = {}  # one run's memory, shared by every context of the document
    assert branched.nodes(context, remembered) == xpath.nodes(context, {})
    assert list(branched.values(context, remembered)) == list(xpath.values(context, {}))
    for node in root.iter(etree.Element):
        assert branched.nodes(node, remembered) == xpath.nodes(node, {}), node


def test_the_kind_of_a_document_is_read_from_its_text_and_the_route_from_the_root() -> None:
    root = etree.fromstring(
        '<pi:PI xmlns:pi="urn:pi"><pi:DocumentKindCode>ЭМ</pi:DocumentKindCode><pi:Cargo/>'
        "<pi:RouteDetails><pi:CountryCode>KZ</pi:CountryCode><pi:CountryCode>CN</pi:CountryCode>"
        "</pi:RouteDetails></pi:PI>"
    )
    namespaces = {"pi": "urn:pi"}
    kind = compile_xml_path("pi:DocumentKindCode[. = 'ЭМ' or . = 'ПИ']", namespaces)
    route = compile_xml_path("../pi:RouteDetails/pi:CountryCode", namespaces)
    assert [(value, path) for value, _, path in kind.values(root)] == [("ЭМ", "pi:DocumentKindCode[1]")]  # type: ignore[call-arg]
    assert [(value, path) for value, _, path in route.values(root[1], {})] == [  # type: ignore[call-arg]
        ("KZ", "/pi:PI/pi:RouteDetails/pi:CountryCode[1]"),
        ("CN", "/pi:PI/pi:RouteDetails/pi:CountryCode[2]"),
    ]
    root[0].text = "ТД"
    assert list(kind.values(root)) == []  # type: ignore[call-arg]
