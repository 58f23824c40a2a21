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
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdlib cimport free, malloc
from libc.string cimport memchr, memcmp, memcpy, strcmp


cdef extern from "string.h":
    void* memmem(const void* haystack, size_t haystacklen, const void* needle, size_t needlelen)
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


# The cut of the engine's Annotations on their bytes (gateway.agreements.cut_text): what the share's tree
# filter keeps of them under a cut, found in one pass over the bytes instead of a parse and a walk.

cdef class _AnnotationCut:
    """One cut of an Annotations section: its bytes, the pointers listed and dirty, what is kept."""

    cdef bytes source
    cdef const unsigned char* data
    cdef Py_ssize_t size
    cdef frozenset classes, elements, dirty
    cdef list kept
    cdef bint failed

    cdef Py_ssize_t tag_end(self, Py_ssize_t at):
        """The index after the `>` of the tag that starts at `at` (-1 when there is none)."""
        cdef const void* found = memchr(self.data + at, 62, self.size - at)  # ">"
        return -1 if found == NULL else (<const unsigned char*> found - self.data) + 1

    cdef int kind(self, Py_ssize_t at):
        """1: a Field's start tag, 2: an Annotation's, 3: an Annotation's end tag at `at`; 0: another
        thing (text, another tag, a comment)."""
        cdef Py_ssize_t rest = self.size - at
        if rest >= 7 and memcmp(self.data + at, b"<Field ", 7) == 0:
            return 1
        if rest >= 12 and memcmp(self.data + at, b"<Annotation ", 12) == 0:
            return 2
        if rest >= 13 and memcmp(self.data + at, b"</Annotation>", 13) == 0:
            return 3
        return 0

    cdef object own(self, Py_ssize_t at, Py_ssize_t end):
        """The pointer of the tag from `at` to `end` without positions (``28A[2]`` is ``28A``), as str;
        None when `pointer` is not its first attribute, holds an entity or is over 255 bytes."""
        cdef Py_ssize_t start = at + (7 if self.data[at + 1] == 70 else 12)  # "F": a Field
        cdef Py_ssize_t index, length = 0
        cdef char written[256]
        cdef bint inside = False
        cdef unsigned char byte
        if end - start < 10 or memcmp(self.data + start, b'pointer="', 9) != 0:
            return None
        index = start + 9
        while index < end and self.data[index] != 34:  # '"'
            byte = self.data[index]
            if byte == 38 or length == 255:  # "&": an entity
                return None
            if byte == 91:  # "["
                inside = True
            elif inside:
                inside = byte != 93  # "]" ends a position
            else:
                written[length] = <char> byte
                length += 1
            index += 1
        if index >= end or inside:
            return None
        return PyUnicode_DecodeUTF8(written, length, NULL)

    cdef Py_ssize_t children(self, Py_ssize_t at, str pointer):
        """Keep the children from `at` on of an Annotation at `pointer` ("" for the section), as the tree
        filter's `annotations` and `cut_below` do; where the end tag that closes them starts."""
        cdef Py_ssize_t end, after
        cdef int kind
        cdef bint empty
        cdef object own
        cdef str full
        while not self.failed and at < self.size:
            kind = self.kind(at)
            if kind == 3 or kind == 0:
                return at
            end = self.tag_end(at)
            if end < 0 or (end < self.size and self.data[end] != 60):  # text after the tag
                self.failed = True
                return at
            own = self.own(at, end)
            if own is None:
                self.failed = True
                return at
            full = f"{pointer}/{own}" if pointer else own
            empty = self.data[end - 2] == 47  # "/>"
            if kind == 1:
                if not empty:
                    self.failed = True
                    return at
                if full in self.elements:
                    self.kept.append(self.data[at:end])
                at = end
                continue
            after = end if empty else self.whole(end)
            if after < 0:
                self.failed = True
                return at
            if full in self.classes:
                if full in self.dirty and not empty:
                    self.below(at, end, full)
                else:
                    self.kept.append(self.data[at:after])
            at = after
        return at

    cdef void below(self, Py_ssize_t at, Py_ssize_t end, str full):
        """Keep the Annotation whose start tag runs from `at` to `end`, cut below; written empty when
        nothing below it stays, as lxml writes an element with no child."""
        cdef Py_ssize_t before = len(self.kept)
        self.kept.append(self.data[at:end])
        self.children(end, full)
        if len(self.kept) == before + 1:
            self.kept[before] = self.data[at : end - 1] + b"/>"
        else:
            self.kept.append(b"</Annotation>")

    cdef Py_ssize_t whole(self, Py_ssize_t at):
        """The index after the end tag of the Annotation whose start tag ends at `at`; -1 when the bytes
        between are not as the engine writes them (text, another tag, an Annotation written
        ``<Annotation ...></Annotation>``, a Field with content)."""
        cdef Py_ssize_t depth = 1, end
        cdef int kind
        cdef bint empty, opened = True  # the last tag was an Annotation's start tag
        while at < self.size:
            kind = self.kind(at)
            if kind == 0:
                return -1
            end = self.tag_end(at)
            if end < 0 or (end < self.size and self.data[end] != 60):
                return -1
            if kind == 3:
                if opened:
                    return -1
                depth -= 1
                if depth == 0:
                    return end
                opened = False
            else:
                empty = self.data[end - 2] == 47
                if kind == 1 and not empty:
                    return -1
                opened = kind == 2 and not empty
                depth += opened
            at = end
        return -1


def cut_annotations(bytes section, frozenset classes, frozenset elements, frozenset dirty):
    """`section` (``<Annotations>...</Annotations>``, without a namespace declaration) as the tree filter
    leaves it under a cut: a Field stays when its full pointer is in `elements`, an Annotation when its
    is in `classes`, cut below when it is in `dirty`, else whole. None when the bytes are not written as
    the engine writes them (the caller runs the tree filter)."""
    cdef _AnnotationCut cut = _AnnotationCut()
    cdef Py_ssize_t end
    if not section.startswith(b"<Annotations>") or not section.endswith(b"</Annotations>"):
        return None
    cut.source = section  # held while `data` points into it
    cut.data = <const unsigned char*> section
    cut.size = len(section) - 14  # the section's end tag is not walked
    cut.classes, cut.elements, cut.dirty = classes, elements, dirty
    cut.kept, cut.failed = [], False
    end = cut.children(13, "")
    if cut.failed or end != cut.size:
        return None
    if not cut.kept:
        return b"<Annotations/>"
    return b"".join([b"<Annotations>", *cut.kept, b"</Annotations>"])


# The names of a harmonized message's Declaration (gateway.resolve.stage.NameResolution._names, the
# reference): a walk down the classes that hold names, no lxml proxy but for the names found.

def names_below(cetree._Element declaration not None, root_class, str root_pointer, wanted_of):
    """Each name or description below `declaration` worth resolving, in document order, as
    `NameResolution._names` finds them: (pointer, class, element, kind, code element). `wanted_of(class)`
    gives the children a class wants by tag (`_Wanted`: a class below, or a name of a kind)."""
    cdef list found = []
    _names_below(declaration._doc, declaration._c_node, root_class, root_pointer, wanted_of, found)
    return found


cdef int _names_below(
    cetree._Document doc, xmlNode* c_parent, model_class, str pointer, wanted_of, list found
) except -1:
    cdef xmlNode* c_node = c_parent.children
    cdef dict counts = {}
    cdef object wanted = wanted_of(model_class)
    cdef object want, text, tag
    cdef long number
    while c_node is not NULL:
        if c_node.type == tree.XML_ELEMENT_NODE:
            tag = _tag(c_node)
            want = wanted.get(tag)
            if want is not None:
                if want.target is not None:
                    number = counts.get(tag, 0) + 1
                    counts[tag] = number
                    segment = f"{want.wco_id}[{number}]" if want.repeats else want.wco_id
                    _names_below(doc, c_node, want.target, f"{pointer}/{segment}", wanted_of, found)
                elif want.kind is not None:
                    text = cetree.textOf(c_node)
                    if text is not None and text.strip():
                        element = cetree.elementFactory(doc, c_node)
                        found.append(
                            (f"{pointer}/{want.wco_id}", model_class, element, want.kind, want.code_name)
                        )
        c_node = c_node.next
    return 0


# The cut of a harmonized message's head (Header and Declaration) on its bytes (gateway.agreements.
# cut_text.cut_head): what the share's tree filter leaves of them under a cut, without their tostring.

DEF _PATH_SIZE = 2048
DEF _WITHHELD_SIZE = 256


cdef class _HeadCut:
    """One cut of a message's head: its bytes, the withheld name paths, the output being written."""

    cdef const unsigned char* data
    cdef Py_ssize_t size
    cdef char* out
    cdef Py_ssize_t written
    cdef char path[_PATH_SIZE]
    cdef const char* withheld[_WITHHELD_SIZE]
    cdef Py_ssize_t withheld_length[_WITHHELD_SIZE]
    cdef Py_ssize_t withheld_count

    cdef inline void emit(self, const void* start, Py_ssize_t length):
        memcpy(self.out + self.written, start, length)
        self.written += length

    cdef bint is_withheld(self, Py_ssize_t length):
        cdef Py_ssize_t index
        for index in range(self.withheld_count):
            if self.withheld_length[index] == length and memcmp(self.withheld[index], self.path, length) == 0:
                return True
        return False

    cdef Py_ssize_t start_tag(self, Py_ssize_t at, Py_ssize_t* name_end):
        """The index after the start tag at `at` (-1 when it is not one as the engine writes it: a
        comment, a prefix, a namespace declared)."""
        cdef const void* found
        cdef Py_ssize_t index = at + 1
        cdef unsigned char byte
        if index >= self.size or self.data[at] != 60:  # "<"
            return -1
        while index < self.size:
            byte = self.data[index]
            if byte == 32 or byte == 62 or byte == 47:  # " ", ">", "/"
                break
            if byte == 58 or byte == 60 or byte == 33 or byte == 63 or byte < 33:  # ":", "<", "!", "?"
                return -1
            index += 1
        if index == at + 1:
            return -1
        name_end[0] = index
        found = memchr(self.data + at, 62, self.size - at)  # ">"
        if found == NULL:
            return -1
        index = <const unsigned char*> found - self.data
        if memmem(self.data + at, index - at, b"xmlns", 5) != NULL:
            return -1
        return index + 1

    cdef Py_ssize_t text_end(self, Py_ssize_t at):
        """Where the text from `at` ends: at an end tag (-1 when an element follows: mixed content)."""
        cdef const void* found = memchr(self.data + at, 60, self.size - at)  # "<"
        if found == NULL:
            return -1
        at = <const unsigned char*> found - self.data
        return at if at + 1 < self.size and self.data[at + 1] == 47 else -1

    cdef Py_ssize_t end_tag(self, Py_ssize_t at, Py_ssize_t name, Py_ssize_t length):
        """The index after the end tag of the name at `name` (`length` bytes) at `at`, or -1."""
        if at < 0 or at + length + 3 > self.size or self.data[at] != 60 or self.data[at + 1] != 47:
            return -1
        if memcmp(self.data + at + 2, self.data + name, length) != 0 or self.data[at + 2 + length] != 62:
            return -1
        return at + length + 3

    cdef Py_ssize_t after(self, Py_ssize_t at, Py_ssize_t name, Py_ssize_t length):
        """The index after the end tag of the element whose start tag (of the name at `name`) ends at
        `at`: its content skipped."""
        cdef Py_ssize_t end, name_end = 0
        if at < self.size and self.data[at] != 60:
            return self.end_tag(self.text_end(at), name, length)
        while at + 1 < self.size and not (self.data[at] == 60 and self.data[at + 1] == 47):
            end = self.start_tag(at, &name_end)
            if end < 0:
                return -1
            if self.data[end - 2] == 47:
                at = end
            else:
                at = self.after(end, at + 1, name_end - at - 1)
            if at < 0:
                return -1
        return self.end_tag(at, name, length)

    cdef Py_ssize_t children(self, Py_ssize_t at, Py_ssize_t path_length, int mode):
        """Write the children from `at` on of an element (mode 0: the root's, 1: the Header's, 2: below
        the Declaration, whose name path is `path[:path_length]`); where the end tag that closes them
        starts (the end of the bytes for the root), -1 when the bytes are not as the engine writes them."""
        cdef Py_ssize_t end, name_end = 0, name, length, below = 0, inner, opened
        cdef int child_mode
        while at < self.size and not (self.data[at] == 60 and at + 1 < self.size and self.data[at + 1] == 47):
            end = self.start_tag(at, &name_end)
            if end < 0:
                return -1
            name, length = at + 1, name_end - at - 1
            if mode == 0 and not _named(self.data + name, length, b"Header", 6) and not _named(
                self.data + name, length, b"Declaration", 11
            ):
                return -1
            if mode == 1 and not _header_name(self.data + name, length):
                return -1
            if mode == 2:
                below = path_length + length + (1 if path_length else 0)
                if below >= _PATH_SIZE:
                    return -1
                if path_length:
                    self.path[path_length] = 47  # "/"
                memcpy(self.path + below - length, self.data + name, length)
                if self.is_withheld(below):
                    at = end if self.data[end - 2] == 47 else self.after(end, name, length)
                    if at < 0:
                        return -1
                    continue
            self.emit(self.data + at, end - at)
            if self.data[end - 2] == 47:  # written empty
                at = end
                continue
            opened = self.written
            if end < self.size and self.data[end] != 60:  # text: a data element
                inner = self.text_end(end)
                if inner < 0:
                    return -1
                self.emit(self.data + end, inner - end)
            elif mode == 1:
                return -1  # a Header element holding elements: the tree filter would empty it
            else:
                child_mode = 2 if mode == 2 or _named(self.data + name, length, b"Declaration", 11) else 1
                inner = self.children(end, below if mode == 2 else 0, child_mode)
                if inner < 0:
                    return -1
            at = self.end_tag(inner, name, length)
            if at < 0:
                return -1
            if self.written == opened:  # nothing left inside: written empty, as lxml writes it
                self.written -= 1
                self.emit(b"/>", 2)
            else:
                self.emit(self.data + inner, at - inner)
        return at


cdef inline bint _named(const unsigned char* name, Py_ssize_t length, const char* expected, Py_ssize_t size):
    return length == size and memcmp(name, expected, size) == 0


cdef bint _header_name(const unsigned char* name, Py_ssize_t length):
    """Whether the name is one of the Header's elements (`share_filter.HEADER_ELEMENTS`)."""
    return (
        _named(name, length, b"DocumentKind", 12)
        or _named(name, length, b"SourceFormat", 12)
        or _named(name, length, b"SourceCountry", 13)
        or _named(name, length, b"ModelVersion", 12)
    )


def cut_head(bytes head, tuple withheld):
    """`head` (a message's bytes up to its Annotations: the root's start tag, the Header, the Declaration)
    as the tree filter leaves it under a cut: every element below the Declaration whose name path (from
    the Declaration, without it: ``Consignment/Consignor/ID``, UTF-8) `withheld` holds removed with its
    content, an element left with no child written empty. None when the bytes are not written as the
    engine writes them (a Header element not among its four, text beside elements, a comment...): the
    caller runs the tree filter."""
    cdef _HeadCut cut = _HeadCut()
    cdef const void* found
    cdef Py_ssize_t start, end, index
    cdef bytes path
    if len(withheld) > _WITHHELD_SIZE or not head.startswith(b"<HarmonizedMessage "):
        return None
    cut.data = <const unsigned char*> head
    cut.size = len(head)
    for index in range(len(withheld)):
        path = withheld[index]
        cut.withheld[index] = <const char*> path
        cut.withheld_length[index] = len(path)
    cut.withheld_count = len(withheld)
    found = memchr(cut.data, 62, cut.size)  # the root's start tag ends
    if found == NULL:
        return None
    start = (<const unsigned char*> found - cut.data) + 1
    if cut.data[start - 2] == 47:
        return None
    cut.out = <char*> malloc(cut.size + cut.size // 2 + 64)  # an emptied element grows by one byte
    if cut.out == NULL:
        raise MemoryError()
    try:
        cut.emit(cut.data, start)
        end = cut.children(start, 0, 0)
        if end != cut.size:
            return None
        return cut.out[: cut.written]
    finally:
        free(cut.out)
