"""Turn an uploaded or on-disk report file into text for the structure parser.

This package is the only place that touches raw bytes, so it owns the jobs
that must happen before anything else can trust the input: refusing hostile or
useless files (too big, binary, zip bombs, password-protected), guessing the
character encoding of legacy Japanese files, reading scanned PDFs by OCR, and
laying every format out the same way. One module per format: `txt`, `html`,
`pdf` (+ `ocr`), `docx`, `xlsx`, `csv`, and the Office 97–2003 formats still
found in archives: `xls` (xlrd), `doc` and `rtf` (converted to .docx by
LibreOffice, `officeconvert`); OpenDocument `odf` (.odt / .ods, converted to
.docx / .xlsx the same way); files that are not what their name says as
city systems export them — `spreadsheetml` (Excel's XML Spreadsheet 2003),
`mhtml` (web archives), text named .xls, macro-enabled .docm / .xlsm, an old
Word or Excel file renamed .docx / .xlsx (`_old_office_renamed`);
`encoding` (detection, shared by the text
formats), `officezip` (decompression bound for DOCX/XLSX), `sheets` (a
workbook as lines, shared by the Excel formats), `tables`.

The text contract (what `parse.parse_text` reads, as the seed reports are):

- a paragraph or heading is one line; a blank line separates blocks;
- a table row is one line with its cells separated by TAB; a cell spanning
  several columns or rows is written once, the columns it covers left empty
  (trailing empty cells dropped);
- a cell with several lines or paragraphs keeps them apart with "<br>", the
  inline markup the parser already splits into items (`clean.split_items`);
  text that merely looks like markup or an entity is escaped (&lt; &amp;);
- characters are kept as they are (no NFKC): normalisation is a later stage's
  decision; newlines are "\\n".

Every problem with the *input* is reported as `LoadError` with a Japanese
reason a non-technical user can act on; library exceptions never leak out.
"""

from __future__ import annotations

import hashlib
import logging
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath

from .. import oserrors
from . import csv as csv_format
from . import doc as doc_format
from . import docx as docx_format
from . import html as html_format
from . import odf as odf_format
from . import pdf as pdf_format
from . import rtf as rtf_format
from . import txt as txt_format
from . import xls as xls_format
from . import xlsx as xlsx_format
from .common import MSG_BINARY, MSG_BLANK, MSG_EMPTY, LoadError, describe, file_sha256, format_size
from .encoding import decode_text
from .officezip import OLE2_MAGIC, ole_streams
from .result import Extracted

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_LOADERS = {
    "txt": txt_format,
    "html": html_format,
    "pdf": pdf_format,
    "docx": docx_format,
    "xlsx": xlsx_format,
    "csv": csv_format,
    "doc": doc_format,
    "xls": xls_format,
    "rtf": rtf_format,
    "odf": odf_format,
}
_FORMATS = {suffix: fmt for fmt, module in _LOADERS.items() for suffix in module.SUFFIXES}

# The one list of file suffixes the project reads (lower case, with the dot).
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)
SUPPORTED_EXTENSIONS = SUPPORTED_SUFFIXES  # former name, kept for callers

MSG_PDF_PASSWORD = pdf_format.MSG_PDF_PASSWORD
MSG_HTML_NO_TEXT = html_format.MSG_HTML_NO_TEXT
MSG_DOCX_NOT_ZIP = docx_format.MSG_DOCX_NOT_ZIP
MSG_DOCX_OLE = docx_format.MSG_DOCX_OLE
MSG_DOCX_NO_TEXT = docx_format.MSG_DOCX_NO_TEXT


@dataclass
class LoadedText:
    """A file's text, with what later stages and the UI need to know about it.

    `ocr` is true when some of the text was read by OCR from page images;
    `ocr_pages` lists those pages (1-based) and `ocr_lines` the 1-based
    inclusive line ranges of `text` they produced, so a passage whose source
    lines fall in one of them can be shown as OCR text. `warnings` are
    Japanese notes for the user about parts not read (e.g. pages beyond the
    OCR limit); the file itself was accepted. `ocr_pending` lists pages that
    need OCR when it was deferred (`ocr=False`): `text` then holds only the
    text layer, possibly nothing. `page_lines` says which lines of `text`
    each page produced (see `load.result.Extracted.page_lines`), None for a
    format without pages.
    """

    name: str
    text: str
    encoding: str | None
    fmt: str
    sha256: str
    ocr_pages: tuple[int, ...] = ()
    ocr_lines: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()
    ocr_pending: tuple[int, ...] = ()
    context: tuple[str, ...] = ()  # see load.result.Extracted.context
    page_lines: tuple[tuple[int, int, int], ...] | None = None
    sheet_lines: tuple[tuple[str, int, int], ...] | None = None  # see load.result.Extracted.sheet_lines

    @property
    def ocr(self) -> bool:
        return bool(self.ocr_pages)

    def is_ocr_line(self, line: int) -> bool:
        """Whether 1-based line `line` of `text` came from OCR."""
        return any(start <= line <= end for start, end in self.ocr_lines)

    def is_ocr_span(self, line_start: int, line_end: int) -> bool:
        """Whether any of the 1-based lines line_start..line_end (a passage's
        source lines, as the parser numbers them) came from OCR."""
        return any(start <= line_end and line_start <= end for start, end in self.ocr_lines)

    def page_span(self, line_start: int, line_end: int) -> tuple[int, int] | None:
        """The first and last page (1-based) holding any of the 1-based lines
        line_start..line_end (a passage's source lines); None for a format
        without pages or lines no page produced."""
        if not self.page_lines:
            return None
        pages = [page for page, start, end in self.page_lines if start <= line_end and line_start <= end]
        return (min(pages), max(pages)) if pages else None


def supported(name: str) -> bool:
    """Whether a file name has a suffix this package reads."""
    return PurePath(name).suffix.lower() in _FORMATS


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, ocr: bool = True) -> LoadedText:
    """Load a file from disk; the size is checked with stat before reading."""
    path = Path(path)
    name = path.name
    _format_for(name)  # reject unsupported formats before touching the disk
    try:
        st = path.stat()
    except FileNotFoundError:
        raise LoadError(name, "ファイルが見つかりません") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(name, "ファイルではありません（フォルダです）")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(name, "通常のファイルではありません")
    _check_size(name, st.st_size, max_bytes)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: the file may have grown since stat.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return load_bytes(data, name, max_bytes, ocr=ocr)


def _unreadable(path: Path, exc: OSError) -> LoadError:
    """The LoadError of a file the disk would not give: the reason in Japanese, the
    operating system's words and the path in the log."""
    logger.warning("cannot read %s: %s", path, exc)
    return LoadError(path.name, f"ファイルを読み取れません（{oserrors.reason(exc, writing=False)}）")


def load_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES, *, ocr: bool = True) -> LoadedText:
    """Load an in-memory file (web upload) under the same rules as load_file.

    ocr=False defers OCR of scanned PDF pages (seconds per page): every other
    check runs, including whether the OCR tools are installed, and the pages
    are listed in `ocr_pending` — the quick validation for a web request,
    with the real load in the indexing job.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    data = bytes(data)
    fmt = _format_for(name)
    _check_size(name, len(data), max_bytes)
    if not data:
        raise LoadError(name, MSG_EMPTY)
    _check_owner_file(data, name, fmt)
    fmt = _old_office_renamed(data, fmt)
    digest = hashlib.sha256(data).hexdigest()
    try:
        if fmt == "pdf":
            result = pdf_format.load(data, name, max_bytes, run_ocr=ocr)
        else:
            result = _LOADERS[fmt].load(data, name, max_bytes)
    except LoadError:
        raise
    except Exception as exc:  # never let a library exception escape
        logger.exception("unexpected error while loading %s", name)
        raise LoadError(name, "読み込み中に予期しないエラーが発生しました") from exc
    if not isinstance(result, Extracted):
        result = Extracted(*result)
    logger.debug("loaded %s: fmt=%s encoding=%s chars=%d ocr_pages=%s", name, fmt, result.encoding,
                 len(result.text), result.ocr_pages)
    return LoadedText(name=name, text=result.text, encoding=result.encoding, fmt=fmt, sha256=digest,
                      ocr_pages=result.ocr_pages, ocr_lines=result.ocr_lines, warnings=result.warnings,
                      ocr_pending=result.ocr_pending, context=result.context, page_lines=result.page_lines,
                      sheet_lines=result.sheet_lines)


# Formats people still have that are not read: what to do with them.
_RESAVE_HINTS = {
    ".jtd": "一太郎で Word（.docx）形式に保存し直すと読み込めます",
    ".ppt": "PowerPoint で PDF に保存し直すと読み込めます",
    ".pptx": "PowerPoint で PDF に保存し直すと読み込めます",
}


def _format_for(name: str) -> str:
    ext = PurePath(name).suffix.lower() if name else ""
    if ext not in _FORMATS:
        shown = f"（{ext}）" if ext else "（拡張子なし）"
        hint = f"。{_RESAVE_HINTS[ext]}" if ext in _RESAVE_HINTS else ""
        raise LoadError(
            name, f"対応していない形式です{shown}。対応形式: {' '.join(SUPPORTED_SUFFIXES)}{hint}"
        )
    return _FORMATS[ext]


# Word and Excel leave a small "owner file" beside a document while it is open
# ("~$" and the rest of its name, 162 bytes: who has it open); archives copied
# from shared drives are full of them. They are not reports, nor damaged ones.
_OFFICE_FORMATS = ("doc", "docx", "xls", "xlsx", "rtf")
_OWNER_FILE_MAX = 4096
MSG_OFFICE_OWNER_FILE = ("Word / Excel がファイルを開いている間に作る一時ファイル（名前が ~$ で始まるもの）です。"
                         "報告書ではないため読み込みません")


def _check_owner_file(data: bytes, name: str, fmt: str) -> None:
    if (fmt in _OFFICE_FORMATS and PurePath(name).name.startswith("~$") and len(data) <= _OWNER_FILE_MAX
            and not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf"))):
        raise LoadError(name, MSG_OFFICE_OWNER_FILE)


def _old_office_renamed(data: bytes, fmt: str) -> str:
    """The format an Office 97–2003 file named .docx / .xlsx really has: a Word or Excel
    binary someone renamed is read by the old format's loader; an encrypted package (a
    password-protected .docx / .xlsx is an OLE2 file too) or anything else stays with its
    name's loader, which refuses it with its advice."""
    if fmt not in ("docx", "xlsx") or not data.startswith(OLE2_MAGIC):
        return fmt
    streams = ole_streams(data)
    if "encryptedpackage" in streams:
        return fmt
    if fmt == "xlsx" and streams & {"workbook", "book"}:
        return "xls"
    if fmt == "docx" and "worddocument" in streams:
        return "doc"
    return fmt


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise LoadError(
            name, f"ファイルが大きすぎます（{format_size(size)}、上限 {format_size(max_bytes)}）"
        )


__all__ = [
    "DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "SUPPORTED_EXTENSIONS", "LoadError", "LoadedText",
    "MSG_EMPTY", "MSG_BLANK", "MSG_BINARY", "decode_text", "file_sha256", "format_size",
    "load_bytes", "load_file", "supported",
]
