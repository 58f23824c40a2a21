# cython: language_level=3, boundscheck=False, wraparound=False
"""Child indexes of XML elements in C: the accelerated form of `gateway.mapping.child_index`.

The pure-Python index asks lxml for a proxy object and a tag string per child (about 270 ns each).
This module walks libxml2's children through lxml's public C API instead: a tag string is built once
per (namespace, name) and reused, and a child with no children of its own (a leaf: the usual value) is
indexed as a `Leaf`, which reads its text and line from libxml2 when asked and makes lxml's proxy
only when something needs the element itself (`Leaf.element`). `step` and `children_of` hand out real
elements, so a class function's node is always one.

The generated code reads both kinds of index the same way (`len`, `.text`, `.sourceline`, `.get`).
It is compiled against the lxml version that pyproject.toml pins, whose C API layout it relies on.
A Leaf holds its document, so libxml2 keeps the node while the Leaf lives; the mapping run does not
change the tree it reads.
"""

cimport cython
cimport lxml.includes.etreepublic as cetree
from libc.string cimport strcmp
from lxml.includes cimport tree
from lxml.includes.tree cimport const_xmlChar, xmlNode

cetree.import_lxml__etree()

cdef dict _TAGS = {}
"""Tag strings by the address of a node's name (and of its namespace URI), with those names as bytes
to check that the address still holds them (libxml2 reuses addresses once a document is freed)."""

cdef Py_ssize_t _TAGS_LIMIT = 4096


@cython.freelist(256)
@cython.final
cdef class Leaf:
    """A child element without children of its own (no element, comment, processing instruction or
    entity reference), read as lxml's element would be."""

    cdef cetree._Document _doc
    cdef xmlNode* _c_node

    @property
    def text(self):
        """The element's text, as lxml's `.text`."""
        return cetree.textOf(self._c_node)

    @property
    def sourceline(self):
        """The element's line in the source, as lxml's `.sourceline`."""
        cdef long line = self._c_node.line
        if line == 65535:  # libxml2 keeps larger numbers elsewhere, which lxml knows how to read
            return self.element().sourceline
        return line if line > 0 else None

    @property
    def tag(self):
        """The element's tag, as lxml's `.tag`."""
        return _tag(self._c_node)

    def __len__(self):
        return 0

    def get(self, key, default=None):
        """An attribute's value, as lxml's `.get`."""
        return self.element().get(key, default)

    def element(self):
        """lxml's element for this node."""
        return cetree.elementFactory(self._doc, self._c_node)


cdef object _tag(xmlNode* c_node):
    """lxml's tag string of an element node, built once per name and namespace."""
    cdef const_xmlChar* href = c_node.ns.href if c_node.ns is not NULL else NULL
    key = <Py_ssize_t>c_node.name ^ (<Py_ssize_t>href >> 3)
    cached = _TAGS.get(key)
    if cached is not None:
        name, uri, tag = <tuple>cached
        if strcmp(<const char*>c_node.name, <bytes>name) == 0 and (
            (href is NULL and uri is None)
            or (href is not NULL and uri is not None and strcmp(<const char*>href, <bytes>uri) == 0)
        ):
            return tag
    if len(_TAGS) >= _TAGS_LIMIT:
        _TAGS.clear()
    tag = cetree.namespacedName(c_node)
    uri = None if href is NULL else <bytes>(<const char*>href)
    _TAGS[key] = (<bytes>(<const char*>c_node.name), uri, tag)
    return tag


cdef inline bint _has_children(xmlNode* c_node) noexcept:
    """Whether lxml's `len` of the element is not 0."""
    cdef xmlNode* child = c_node.children
    while child is not NULL:
        if cetree._isElement(child):
            return True
        child = child.next
    return False


cdef object _entry(cetree._Document doc, xmlNode* c_node):
    cdef Leaf leaf
    if _has_children(c_node):
        return cetree.elementFactory(doc, c_node)
    leaf = Leaf.__new__(Leaf)
    leaf._doc = doc
    leaf._c_node = c_node
    return leaf


def child_index(cetree._Element node not None):
    """The element children of `node` by tag: the child itself when it is the only one with its tag,
    else the list of them in document order; leaves as `Leaf`, others as lxml elements."""
    cdef dict index = {}
    cdef cetree._Document doc = node._doc
    cdef xmlNode* c_node = node._c_node.children
    while c_node is not NULL:
        if c_node.type == tree.XML_ELEMENT_NODE:
            tag = _tag(c_node)
            entry = _entry(doc, c_node)
            found = index.get(tag)
            if found is None:
                index[tag] = entry
            elif type(found) is list:
                (<list>found).append(entry)
            else:
                index[tag] = [found, entry]
        c_node = c_node.next
    return index


cdef inline object _element(object entry):
    return (<Leaf>entry).element() if type(entry) is Leaf else entry


cdef object _SEVERAL = None


def step(parent, index, tag):
    """`child_index.step` over this module's indexes."""
    global _SEVERAL
    if index is None:
        return parent, None
    found = (<dict>index).get(tag)
    if found is None:
        return None, None
    if type(found) is list:
        if _SEVERAL is None:
            from gateway.mapping.child_index import SEVERAL as _SEVERAL
        return _SEVERAL, None
    found = _element(found)
    return found, child_index(found)


def children_of(index, tag):
    """`child_index.children_of` over this module's indexes: lxml elements."""
    found = (<dict>index).get(tag)
    if found is None:
        return ()
    if type(found) is list:
        return [_element(entry) for entry in <list>found]
    return (_element(found),)


def read_value(dict index, tag, dict memo, str head, str middle, str tail, list parts, list fields):
    """The usual case of a value read from one leaf child, in one call: the child with `tag` is a
    `Leaf` whose stripped text has a checked result without a warning in `memo` (a tuple): its XML and
    its Field (`head`, `middle` and `tail` joined: the Field up to its line, with a prefix known only
    at run time in the middle; the line; the checked attributes) are appended, and the answer is True. False
    when there is no such child or its text is blank; None, having appended nothing, for every other
    case (several children, a child with children, a value not checked yet or with an issue, a line
    past 65535), which the generated code reads the long way."""
    found = index.get(tag)
    if found is None:
        return False
    if type(found) is not Leaf:
        return None
    cdef xmlNode* c_node = (<Leaf>found)._c_node
    cdef long line = c_node.line
    if line == 65535:
        return None
    text = cetree.textOf(c_node)
    if not text:
        return False
    raw = (<str>text).strip()
    if not raw:
        return False
    cached = memo.get(raw)
    if type(cached) is not tuple:
        return None
    parts.append((<tuple>cached)[0])
    if line > 0:
        fields.append(f'{head}{middle}{tail}{line}"{(<tuple>cached)[1]}')
    else:
        fields.append(f'{head}{middle}{tail}None"{(<tuple>cached)[1]}')
    return True


cdef object _ESCAPE = None


cdef inline bint _plain_attribute(str value) noexcept:
    """Whether `value` needs no escaping in a double-quoted attribute (xmltext.escape_attribute)."""
    cdef Py_UCS4 character
    for character in value:
        if character in (u'&', u'<', u'>', u'"', u'\n', u'\r', u'\t'):
            return False
    return True


def write_annotation(instance, list parts):
    """`engine.Instance.write` in C: the annotation and those below it, as XML, appended to `parts`."""
    global _ESCAPE
    source = instance.source
    if not _plain_attribute(source):
        if _ESCAPE is None:
            from gateway.normalize.xmltext import escape_attribute as _ESCAPE
        source = _ESCAPE(source)
    line = instance.line
    if line:
        head = f'<Annotation pointer="{instance.pointer}" source="{source}" line="{line}"'
    else:
        head = f'<Annotation pointer="{instance.pointer}" source="{source}"'
    fields = instance.fields
    children = instance.children
    if not fields and not children:
        parts.append(head + "/>")
        return
    parts.append(head + ">")
    parts.extend(<list>fields)
    for child in <list>children:
        write_annotation(child, parts)
    parts.append("</Annotation>")


cdef object _TEXT_OF = None


def joined_children(dict index, tuple steps, str separator, str prefix, finish):
    """`ElementChecker.joined_children` over this module's indexes: the non-blank texts of the
    children with each step's tag, in the order of `steps`, joined by `separator`; `finish` is
    `checker.joined_result` (value, first node, sources) or None when every text is blank."""
    global _TEXT_OF
    cdef list parts = [], sources = []
    cdef Py_ssize_t position
    first = None
    for tag, written in steps:
        found = index.get(tag)
        if found is None:
            continue
        children = <list>found if type(found) is list else [found]
        for position in range(len(children)):
            child = children[position]
            if type(child) is Leaf:
                text = cetree.textOf((<Leaf>child)._c_node)
            else:
                if _TEXT_OF is None:
                    from gateway.mapping.xml_paths import text_of as _TEXT_OF
                text = child.text if not len(child) else _TEXT_OF(child)
            value = text.strip() if text else ""
            if value:
                parts.append(value)
                sources.append(f"{prefix}{written}[{position + 1}]")
                if first is None:
                    first = child
    return finish(separator.join(parts), first, sources) if parts else None
