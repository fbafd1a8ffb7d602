"""One XML guard for every loader that reads XML (docx/xlsx/odt/ods parts, SpreadsheetML,
Word 2003 XML): refuses a document type declaration with entities (billion laughs),
external entities (XXE: file:// or http:// reads) and absurdly deep nesting, with a
Japanese reason the upload result and the reindex summary show.

Parsing goes through `defusedxml`, which forbids entity declarations and external
references inside the expat parser itself; `has_declarations` is a cheap byte scan that
`officezip` runs on zip members before python-docx / openpyxl / LibreOffice see them.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .common import LoadError, describe

MAX_DEPTH = 256
"""Nesting deeper than this is refused (real Office XML nests a few dozen levels)."""

MSG_ENTITIES = ("XMLに実体宣言（DTD / ENTITY）が含まれているため読み込みを中止しました"
                "（外部ファイルの読み込みや大量展開を防ぐため。通常の文書には含まれません）")
MSG_TOO_DEEP = f"XMLの入れ子が深すぎます（上限 {MAX_DEPTH} 段）。壊れているか不正なファイルの可能性があります"

_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECL16 = re.compile("<!(?:DOCTYPE|ENTITY)".encode("utf-16-le"), re.IGNORECASE)


def has_declarations(data: bytes) -> bool:
    """Whether the XML bytes declare a DOCTYPE or an ENTITY (UTF-8 or UTF-16)."""
    return bool(_DECL.search(data) or _DECL16.search(data) or
                _DECL16.search(data[1:]))


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


def fromstring(data: bytes | str, name: str = "", *, broken: str | None = None) -> Element:
    """Parse XML safely. Entity/DTD tricks and deep nesting raise LoadError with a Japanese
    reason; a syntax error raises ParseError unless `broken` (a message with {why}) is given."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LoadError(name, MSG_ENTITIES) from None
    except ParseError as exc:
        if broken is None:
            raise
        raise LoadError(name, broken.format(why=describe(exc))) from None
    if _depth(root) > MAX_DEPTH:
        raise LoadError(name, MSG_TOO_DEEP)
    return root


def iterparse(source, name: str = ""):
    """Streaming parse with the same entity guard."""
    try:
        yield from SafeElementTree.iterparse(source, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LoadError(name, MSG_ENTITIES) from None
