"""One XML guard for every loader that reads XML (docx/xlsx/odt/ods parts, SpreadsheetML,
Word 2003 XML): refuses a document type declaration with entities (billion laughs),
external entities (XXE: file:// or http:// reads) and absurdly deep nesting, with a
Japanese reason the upload result and the reindex summary show.

Three doors, one rule (`_forbid` and `MAX_DEPTH`):

- `fromstring` / `iterparse`: an ElementTree parse through `defusedxml`, which forbids
  entity declarations and external references inside the expat parser itself;
- `Guard`: a streaming check without building a tree, fed chunk by chunk. `officezip` runs
  one over every XML member of a .docx / .xlsx / .odt / .ods while it inflates it, before
  python-docx, openpyxl or LibreOffice (parsers this project does not configure) see it;
- `lxml_fromstring`: for the one reader that must edit and re-serialise a document with
  lxml (Word 2003 XML, `doc`), the guard first, then a parser that resolves nothing.

A DOCTYPE without entity declarations is allowed (old OpenOffice manifests carry one); no
parser here loads a DTD.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .common import LoadError, unreadable

MAX_DEPTH = 256
"""Nesting deeper than this is refused (real Office XML nests a few dozen levels)."""

MSG_ENTITIES = ("XMLに実体宣言（DTD / ENTITY）が含まれているため読み込みを中止しました"
                "（外部ファイルの読み込みや大量展開を防ぐため。通常の文書には含まれません）")
MSG_TOO_DEEP = f"XMLの入れ子が深すぎます（上限 {MAX_DEPTH} 段）。壊れているか不正なファイルの可能性があります"

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY16 = re.compile("<!ENTITY".encode("utf-16-le"), re.IGNORECASE)
_OVERLAP = len("<!ENTITY".encode("utf-16-le"))


def _has_entity_declaration(data: bytes) -> bool:
    return bool(_ENTITY.search(data) or _ENTITY16.search(data) or _ENTITY16.search(data[1:]))


def looks_like_xml(head: bytes) -> bool:
    """Whether the first bytes of a stream are XML's (a tag after an optional BOM and blanks,
    or UTF-16 text): how `officezip` decides which members the guard reads, whatever their
    names (a package may name its parts as it likes; the relationships find them)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def refusal(name: str, reason: str, kind: str = "") -> LoadError:
    """The LoadError for a refused document, naming its format when the caller knows it
    ("DOCXファイルですが、XMLに実体宣言…")."""
    return LoadError(name, f"{kind}ですが、{reason}" if kind else reason)


class _Refused(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _forbid(*_args) -> None:
    raise _Refused(MSG_ENTITIES)


class Guard:
    """A streaming check of one XML document: `feed` its bytes in chunks (any split), then
    `close`. Raises LoadError(name, reason) on an entity declaration (internal, external or
    parameter), an external entity reference, or nesting deeper than `MAX_DEPTH`. A syntax
    error ends the check quietly: the real parser reports a damaged file in its own words.
    An encoding expat cannot read (a Shift_JIS declaration) is checked by a byte scan for
    entity declarations instead; nesting is then the real parser's to bound."""

    def __init__(self, name: str = "", kind: str = ""):
        self.name = name
        self.kind = kind
        self.depth = 0
        self.done = False
        self._scan = False
        self._tail = b""
        self._seen_element = False
        parser = expat.ParserCreate()
        parser.EntityDeclHandler = _forbid
        parser.UnparsedEntityDeclHandler = _forbid
        parser.ExternalEntityRefHandler = _forbid
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        self._parser = parser

    def _start(self, *_args) -> None:
        self._seen_element = True
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(MSG_TOO_DEEP)

    def _end(self, *_args) -> None:
        self.depth -= 1

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.done:
            return
        if self._scan:
            self._scan_bytes(chunk)
            return
        try:
            self._parser.Parse(chunk, final)
        except _Refused as refused:
            self.done = True
            raise refusal(self.name, refused.reason, self.kind) from None
        except (expat.ExpatError, ValueError) as exc:
            if not self._seen_element and _encoding_error(exc):
                self._scan = True
                self._scan_bytes(chunk)
            else:
                self.done = True  # damaged: the real parser says so

    def _scan_bytes(self, chunk: bytes) -> None:
        window = self._tail + chunk
        if _has_entity_declaration(window):
            self.done = True
            raise refusal(self.name, MSG_ENTITIES, self.kind)
        self._tail = window[-_OVERLAP:]

    def close(self) -> None:
        self.feed(b"", final=True)
        self.done = True


def _encoding_error(exc: Exception) -> bool:
    """Whether expat gave up on the declared encoding (pyexpat reads no multi-byte codec)."""
    if isinstance(exc, ValueError):
        return "encoding" in str(exc)
    return exc.code in (expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING],
                        expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING])


def check(data: bytes, name: str = "", kind: str = "") -> None:
    """The guard over a whole document in memory (LoadError with the reason, or nothing)."""
    guard = Guard(name, kind)
    guard.feed(data)
    guard.close()


def _depth(root: Element) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                return deepest
        stack.extend((child, depth + 1) for child in node)
    return deepest


def fromstring(data: bytes | str, name: str = "", *, broken: str | None = None, kind: str = "") -> Element:
    """Parse XML safely. Entity/DTD tricks and deep nesting raise LoadError with a Japanese
    reason (naming `kind`, the format, when given); a syntax error raises ParseError unless
    `broken` (the Japanese reason users see; the parser's message goes to the log) is given."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise refusal(name, MSG_ENTITIES, kind) from None
    except ParseError as exc:
        if broken is None:
            raise
        raise unreadable(name, broken, exc, maybe_broken=False) from None
    if _depth(root) > MAX_DEPTH:
        raise refusal(name, MSG_TOO_DEEP, kind)
    return root


def iterparse(source, name: str = ""):
    """Streaming parse with the same entity guard."""
    try:
        yield from SafeElementTree.iterparse(source, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LoadError(name, MSG_ENTITIES) from None


def lxml_fromstring(data: bytes, name: str = "", kind: str = ""):
    """An lxml tree of `data` after the guard: for a reader that edits a document and writes
    it back (lxml keeps prefixes and processing instructions as they were). The parser
    resolves no entity, loads no DTD and reaches no network; lxml's XMLSyntaxError is left
    to the caller (a damaged document)."""
    from lxml import etree

    check(data, name, kind)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)
