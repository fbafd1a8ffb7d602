"""OpenDocument text (.odt) and spreadsheets (.ods), as LibreOffice and some municipalities'
office suites save them, read so that the same report reads the same as when saved by Word
or Excel:

- a text document through LibreOffice's conversion to .docx (`officeconvert`, Writer, the
  module already installed for .doc and .rtf), then the .docx reader: measured on this
  round's documents, it keeps everything it keeps for Word files — automatic numbering,
  merged and nested table cells, text frames, footnotes, page headers and footers, tracked
  deletions and comments left out — which a second reader of ODF's text XML would have to
  repeat rule for rule; the cost is LibreOffice's start-up, paid once per batch in a reindex
  (`convertbatch`);
- a spreadsheet directly (`ods`): a plain grid that maps onto the workbook lines with no
  such rules, and LibreOffice's spreadsheet module (Calc) is a package of its own a
  text-only server may lack (this one does) — see docs/parsing.md, "Eighth round".

Before anything runs, the file is recognised from its bytes: an OpenDocument file is a zip
whose `mimetype` member names its kind. A text document is read as text and a spreadsheet as
a spreadsheet whatever its suffix says (an .ods saved under .odt is read as what it is); a
.docx / .xlsx under an ODF name is read by its own loader; an encrypted package (a password
set in LibreOffice: `manifest:encryption-data`, looked for before anything is inflated) and
anything else (a damaged file, another zip, a presentation) are refused with their reason.
The zip passes the decompression bounds of `officezip` before any reader or LibreOffice sees
it, like a .docx.
"""

from __future__ import annotations

import io
import logging
import zipfile

from . import docx as docx_format
from . import ods as ods_format
from . import xlsx as xlsx_format
from .common import LoadError
from .officeconvert import Conversion, load_as_docx
from .officezip import OLE2_MAGIC, check_office_zip
from .result import Extracted

logger = logging.getLogger(__name__)

SUFFIXES = (".odt", ".ods")
KIND_TEXT = "OpenDocument テキスト（.odt）"

MSG_ODF_NOT_ODF = (
    "OpenDocument 形式（.odt / .ods）のファイルとして読み込めません"
    "（ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_ODF_PASSWORD = (
    "パスワードで保護された OpenDocument ファイルです。"
    "LibreOffice でパスワードを外して保存し直してください"
)
MSG_ODF_OTHER = (
    "OpenDocument のテキストでも表計算でもないファイルです（図形描画・プレゼンテーションなど）。"
    "PDF に保存し直すと読み込めます"
)

_ZIP_MAGIC = b"PK\x03\x04"
TEXT, SHEET = "text", "sheet"
_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": TEXT,
    "application/vnd.oasis.opendocument.text-template": TEXT,
    "application/vnd.oasis.opendocument.spreadsheet": SHEET,
    "application/vnd.oasis.opendocument.spreadsheet-template": SHEET,
}
_ENCRYPTED = b"encryption-data"


def load(data: bytes, name: str, max_bytes: int) -> Extracted | tuple[str, str | None]:
    target = _target(data, name)
    if target is None:  # a .docx / .xlsx under an OpenDocument name
        return _OOXML[_ooxml(data)].load(data, name, max_bytes)
    if target == SHEET:
        return ods_format.load(data, name)
    return load_as_docx(data, name, max_bytes, ".odt", KIND_TEXT)


_OOXML = {"word": docx_format, "xl": xlsx_format}


def conversion(data: bytes, name: str) -> Conversion | None:
    """What `load` hands to LibreOffice for this file; None when it would not (a
    spreadsheet, a .docx / .xlsx under the ODF name, a refused file). Lets a reindex
    convert many files in one LibreOffice run beforehand (`convertbatch`)."""
    try:
        target = _target(data, name)
    except LoadError:
        return None
    return Conversion(data, name, ".odt", KIND_TEXT) if target == TEXT else None


def _target(data: bytes, name: str) -> str | None:
    """What an OpenDocument file is read as: TEXT (converted) or SHEET (read directly); None
    for an Office Open XML file under the ODF name; LoadError for anything else."""
    if data.startswith(OLE2_MAGIC):
        raise LoadError(name, MSG_ODF_NOT_ODF)
    if data.startswith(_ZIP_MAGIC) and _ooxml(data):
        return None
    mimetype, manifest = _small_members(data)
    if _ENCRYPTED in manifest:
        # (before inflating: an encrypted member does not inflate, and would read as damaged)
        raise LoadError(name, MSG_ODF_PASSWORD)
    check_office_zip(data, name, "OpenDocument ", "content.xml", MSG_ODF_NOT_ODF, MSG_ODF_NOT_ODF)
    if mimetype in _MIMETYPES:
        return _MIMETYPES[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        raise LoadError(name, MSG_ODF_OTHER)
    logger.info("%s: zip with content.xml but mimetype %r", name, mimetype[:80])
    raise LoadError(name, MSG_ODF_NOT_ODF)


_SMALL = 1 << 20   # the mimetype and manifest members are a few hundred bytes


def _small_members(data: bytes) -> tuple[str, bytes]:
    """The package's `mimetype` and `META-INF/manifest.xml` ("" / b"" when missing, too large
    or unreadable: the bounds check that follows then says why)."""
    found = {"mimetype": b"", "META-INF/manifest.xml": b""}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.filename in found and info.file_size <= _SMALL and info.compress_size <= _SMALL:
                    found[info.filename] = zf.read(info)[:_SMALL]
    except Exception:  # noqa: BLE001 - not a readable zip: refused by the bounds check
        pass
    return found["mimetype"].decode("ascii", "replace").strip(), found["META-INF/manifest.xml"]


def _ooxml(data: bytes) -> str | None:
    """"word" / "xl" for a .docx / .xlsx (its main part), else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "word"
    if "xl/workbook.xml" in names:
        return "xl"
    return None
