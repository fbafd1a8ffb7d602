"""Word 97–2003 (.doc): recognised here, read through LibreOffice's .docx
conversion (`officeconvert`), so it keeps its paragraphs and table cells
exactly as the same report saved as .docx.

Before anything runs, the file is recognised from its bytes with olefile:

- an OLE2 compound file with a `WordDocument` stream is a Word document;
  the encryption flag of its File Information Block (fEncrypted, [MS-DOC]
  2.5.2) marks a password-protected one, refused with advice instead of
  being handed to the converter;
- an OLE2 file holding an `EncryptedPackage` is a password-protected
  .docx (Office 2007 and later encrypt into that container);
- a .docx, an RTF file, or a web page (Word's "Web page" format, and the
  "Word" export of many web systems, are HTML under the .doc name; Word's
  "single file web page" is a web archive, MHTML) is read as what it is;
- a "Word 2003 XML" document (one XML file, w:wordDocument) is read through
  LibreOffice's .docx conversion, as a .doc is.

Anything else (a damaged file, a spreadsheet renamed) is refused with its
reason; LibreOffice would otherwise import any bytes as plain text.
"""

from __future__ import annotations

import io
import logging
import struct

import olefile
from lxml import etree

from . import safexml
from . import docx as docx_format
from . import html as html_format
from . import mhtml
from . import rtf as rtf_format
from .common import LoadError, describe, head_bytes
from .officeconvert import Conversion, load_as_docx
from .officezip import OLE2_MAGIC
from .result import Extracted

logger = logging.getLogger(__name__)

SUFFIXES = (".doc",)
KIND = "Word 文書（.doc）"
KIND_XML = "Word 2003 XML 文書"

MSG_DOC_PASSWORD = (
    "パスワードで保護された Word 文書です。Word でパスワードを外して保存し直してください"
)
MSG_DOC_NOT_WORD = (
    "Word 97-2003 形式（.doc）の文書として読み込めません"
    "（ファイルが壊れているか、拡張子が正しくない可能性があります）"
)

_ZIP_MAGIC = b"PK\x03\x04"
_HTML_SNIFF = 4096
# wIdent of the File Information Block: Word 97-2003 (0xA5EC), Word 6.0 / 95 (0xA5DC);
# both keep the flags word (fEncrypted) at the same offset.
_WORD_IDENTS = (0xA5EC, 0xA5DC)
_FIB_FLAGS = 0x0A
_F_ENCRYPTED = 0x0100


def load(data: bytes, name: str, max_bytes: int) -> Extracted | tuple[str, str | None]:
    if data.startswith(_ZIP_MAGIC):  # a .docx with the old extension
        return docx_format.load(data, name, max_bytes)
    if rtf_format.is_rtf(data):  # Word saves RTF under .doc on request
        return rtf_format.load(data, name, max_bytes)
    if is_web_page(data) or mhtml.is_mhtml(data):
        return html_format.load(data, name, max_bytes)
    if is_word_xml(data):
        return load_as_docx(without_hidden_runs(data, name), name, max_bytes, ".xml", KIND_XML)
    if not data.startswith(OLE2_MAGIC):
        raise LoadError(name, MSG_DOC_NOT_WORD)
    check_word_binary(data, name)
    return load_as_docx(data, name, max_bytes, ".doc", KIND)


def conversion(data: bytes, name: str) -> Conversion | None:
    """What `load` would hand to LibreOffice for this file, or None when it
    would not (a .docx under the old name, a refused file): lets a reindex
    convert many files in one LibreOffice run beforehand (`convertbatch`)."""
    if data.startswith(_ZIP_MAGIC):
        return None
    if rtf_format.is_rtf(data):
        return rtf_format.conversion(data, name)
    if is_word_xml(data):
        try:
            return Conversion(without_hidden_runs(data, name), name, ".xml", KIND_XML)
        except LoadError:
            return None  # refused by the XML guard: `load` says why
    if not data.startswith(OLE2_MAGIC):
        return None
    try:
        check_word_binary(data, name)
    except LoadError:
        return None
    return Conversion(data, name, ".doc", KIND)


def is_web_page(data: bytes) -> bool:
    """An HTML document (what Word writes when a document is saved as a web page)."""
    head = head_bytes(data, _HTML_SNIFF).lower()
    return head.startswith(b"<") and (b"<html" in head or head.startswith(b"<!doctype html"))


def is_word_xml(data: bytes) -> bool:
    """Word's "Word 2003 XML" document: an XML file whose root is w:wordDocument (the
    WordprocessingML 2003 namespace) or that names Word.Document as its program."""
    head = head_bytes(data, _HTML_SNIFF)
    return head.startswith(b"<?xml") and (b'progid="Word.Document"' in head
                                          or b"schemas.microsoft.com/office/word/2003/wordml" in head)


_WORDML = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_OFF = ("off", "0", "false")


def without_hidden_runs(data: bytes, name: str = "") -> bytes:
    """A Word 2003 XML document without its hidden runs (w:vanish: a template's 記入例, a draft
    note), which LibreOffice's import would show as text; the document as it is when it
    cannot be parsed (the conversion then says what is wrong). It is read through the XML
    guard (`safexml`) first: entity declarations (XXE, billion laughs) and absurd nesting are
    refused with LoadError, before LibreOffice, which would resolve them, sees the file."""
    try:
        root = safexml.lxml_fromstring(data, name, KIND_XML)
    except etree.XMLSyntaxError:
        return data
    hidden = [vanish.getparent().getparent() for vanish in root.iter(f"{_WORDML}vanish")
              if (vanish.get(f"{_WORDML}val") or "on").lower() not in _OFF
              and vanish.getparent().tag == f"{_WORDML}rPr" and vanish.getparent().getparent().tag == f"{_WORDML}r"]
    if not hidden:
        return data
    for run in hidden:
        run.getparent().remove(run)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True)


def check_word_binary(data: bytes, name: str) -> None:
    """Refuse an OLE2 file that is not a readable Word document."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                raise LoadError(name, MSG_DOC_PASSWORD)
            if not ole.exists("WordDocument"):
                logger.info("%s: OLE2 file without a WordDocument stream: %s", name, ole.listdir()[:10])
                raise LoadError(name, MSG_DOC_NOT_WORD)
            fib = ole.openstream("WordDocument").read(_FIB_FLAGS + 2)
    except LoadError:
        raise
    except Exception as exc:  # olefile's errors on a damaged compound file
        logger.info("%s: not a readable OLE2 file: %s", name, describe(exc))
        raise LoadError(name, MSG_DOC_NOT_WORD) from None
    if len(fib) < _FIB_FLAGS + 2 or struct.unpack_from("<H", fib, 0)[0] not in _WORD_IDENTS:
        raise LoadError(name, MSG_DOC_NOT_WORD)
    if struct.unpack_from("<H", fib, _FIB_FLAGS)[0] & _F_ENCRYPTED:
        raise LoadError(name, MSG_DOC_PASSWORD)
