"""Saving uploaded report files into the corpus, safely.

An upload is hostile until proven otherwise, so every file goes through the
same steps before anything touches the disk:

1. **A safe name** (`safe_filename`): only the last path component is kept
   (`../../etc/passwd.txt` becomes `passwd.txt`; `../../etc/passwd`, left
   with no extension, is refused; `C:\\Users\\a\\報告.txt` becomes
   `報告.txt`), control and invisible formatting characters are dropped (a
   right-to-left override can disguise an extension), characters Windows or
   shells treat specially become `_`, leading dots are removed (a hidden file
   would never be indexed), and the length is bounded in UTF-8 bytes (255 is
   the usual filesystem limit; a Japanese character takes 3). Japanese is
   kept: werkzeug's `secure_filename` would turn `泉区報告.txt` into `txt`.
   Only the formats the indexer reads are accepted.
2. **Cheap checks only**: the size limit, the extension, an empty file, and
   the container a format must have, from its first bytes (`quick_check`): a
   PDF has ``%PDF-``, a DOCX/XLSX is a zip (``PK\\x03\\x04``), a .doc or .xls an
   OLE2 compound file (``D0 CF 11 E0 A1 B1 1A E1``) or what its loader also
   reads under that name (a .docx, RTF or web page named .doc, an .xlsx or a
   web system's HTML table named .xls), an RTF starts with ``{\\rtf``; a text
   format (.txt, .csv, .html) must not be a PDF, an Office file or an image.
   A mismatch is refused with what the bytes look like and the extension to
   give them, before a reindex job trips on the file. Nothing is decoded or
   parsed in the request: parsing a hostile Office file can take minutes and
   gigabytes, so it happens in the reindex job's own process, and whatever the
   indexer refuses there (binary text, no text layer, a zip bomb) is reported
   per file in the job result.
3. **Duplicates**: a file whose bytes (sha256) equal a file already in the
   corpus, or an earlier file of the same batch, is reported and not saved.
   Only the corpus files of the upload's size are hashed (`CorpusContents`).
4. **No overwrite, atomic write**: the bytes go to a hidden temp file in
   `<corpus>/uploads/` (hidden, so a reindex running meanwhile skips it;
   one a killed server left is removed by a later upload once an hour old),
   fsync'ed, then hard-linked to a free name (`name.txt`, `name-2.txt`, …):
   `os.link` fails rather than replace an existing file, so a different file
   of the same name is never clobbered even by a concurrent upload. Where the
   filesystem has no hard links, a lock + `os.replace` onto a name checked to
   be free does the same within this process.

5. **Person-set metadata**: the ward, fiscal year and document type an
   uploader states (already validated with `indexer.sidecar.validate`) are
   written as the file's sidecar right after the file is saved; if that write
   fails, the file is removed again and reported, never half-saved.

A bad file never sinks the batch: each file gets its own `FileResult`.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import shutil
import threading
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, replace as _with
from datetime import datetime
from pathlib import Path

from indexer import oserrors, sidecar
from indexer.corpus import corpus_files, source_name
from indexer.files import remove_stale_files
from indexer.load import DEFAULT_MAX_BYTES, MSG_OFFICE_OWNER_FILE, SUPPORTED_EXTENSIONS, file_sha256, format_size
from indexer.load import docx as docx_format
from indexer.load import mhtml
from indexer.load.common import head_bytes
from indexer.load import rtf as rtf_format
from indexer.load import xls as xls_format
from indexer.load import xlsx as xlsx_format

log = logging.getLogger(__name__)

UPLOADS_SUBDIR = "uploads"
# Bytes for the stem; leaves room for "-NNNN" and ".docx" within 255 bytes,
# and for the temp-file prefix.
MAX_STEM_BYTES = 180
DISPLAY_NAME_CHARS = 200
_MAX_SUFFIX = 10_000

SAVED = "saved"
DUPLICATE = "duplicate"
REJECTED = "rejected"

# Characters that are path separators or special on Windows / in shells.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00]')
_SPACES = re.compile(r"\s+")
_FULL_WIDTH_DOT = re.compile("\uff0e")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
# One process-wide lock: saving is fast, and it makes the fallback path
# (no hard links) race-free between the server's threads.
_SAVE_LOCK = threading.Lock()


@dataclass
class FileResult:
    """What happened to one uploaded file (shown to the user per file)."""

    file: str                     # the name as the user sent it (control characters removed)
    status: str                   # saved / duplicate / rejected
    reason: str | None = None     # why it was rejected or is a duplicate (Japanese)
    saved_as: str | None = None   # corpus-relative name, e.g. "uploads/泉区報告.txt"
    same_as: str | None = None    # for duplicates: the corpus file with the same content
    size: int = 0
    sha256: str | None = None
    format: str | None = None
    metadata: dict | None = None  # what the uploader set (ward, fiscal years, doc_type)
    renamed: str | None = None    # saved under another name than it was sent with: why (Japanese)
    # not saved through no fault of the file: the server could not read or write (an OSError;
    # oserrors.storage_full tells a full disk). Not in to_dict: the answer's status says it
    server_error: OSError | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        out = asdict(_with(self, server_error=None))
        out.pop("server_error")
        return out


def parts_message(parts: list[dict], metadata: dict | None = None) -> str | None:
    """What an admin is told about a file the indexer read as several wards' reports
    (`parts`: the manifest's per-part entries, each with its ward): how many wards' reports
    it was read as, which, and that each became a document of its own; and, when the
    uploader set one ward for the file (`metadata`), that it was not applied to the parts.
    None for a file read as one document."""
    if not parts or len(parts) < 2:
        return None
    wards = list(dict.fromkeys(p["ward"] for p in parts if p.get("ward")))
    other = sum(1 for p in parts if not p.get("ward"))
    message = (f"{len(wards)}区の報告（{'、'.join(wards)}）として読み込み、"
               f"区ごとに {len(parts)} 件の文書に分けて索引しました")
    if other:
        message += f"（区の報告でない部分 {other} 件を含む）"
    message += "。"
    if metadata and metadata.get("ward"):
        message += (f"アップロード時に指定した区（{metadata['ward']}）は、区ごとの文書には適用していません"
                    "（各区の文書ページで修正できます）。")
    return message


class UploadRejected(Exception):
    """A file refused before saving; `reason` is shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- names

def _is_invisible(ch: str) -> bool:
    """Control, formatting (bidi overrides, zero-width), private-use, unassigned."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def display_name(raw: str | None) -> str:
    """The user's file name fit for a report: no control characters, bounded length."""
    text = "".join(ch for ch in (raw or "") if not _is_invisible(ch)).strip()
    if len(text) > DISPLAY_NAME_CHARS:
        text = text[:DISPLAY_NAME_CHARS] + "…"
    return text or "（名前なし）"


_FILENAME_PARAM = re.compile(r'(?:^|;)\s*filename\s*=\s*"', re.IGNORECASE)
_EXTENDED_FILENAME = re.compile(r'(?:^|;)\s*filename\*\s*=', re.IGNORECASE)
# what may follow the closing quote of the file name: nothing, or parameters without quotes
# (possessive: a value's blanks and the blanks after it overlap, and a header of spaces took
# minutes to backtrack through; no part needs to give back what it took)
_AFTER_NAME = re.compile(r'\s*+(?:;\s*+[!#$&+.^_`|~0-9A-Za-z-]++\*?\s*+=[^";]*+)*+\s*+;?\s*$')


def sent_filename(disposition: str | None, parsed: str | None) -> str | None:
    """The file name a multipart part was sent with, read from its raw
    Content-Disposition header when the form parser's reading (`parsed`) cut it.

    Browsers escape a double quote in a file name (``%22``; older clients ``\"``),
    and a name in ``filename*`` (RFC 5987 / 6266) is decoded by the parser; but
    some clients send the quote as it is: ``filename="報告"2023".txt"``, which the
    parser reads as ``報告`` (a file saved under a wrong name or refused for a
    wrong reason) and ``filename="".txt"`` as no file at all (dropped). Such a
    name runs to the last quote of the header that only unquoted parameters
    follow (clients put the file name last). Returns `parsed` when the header is
    well formed, the recovered name, or None when the name cannot be told apart
    from other parameters (the caller then reports the file as unreadable)."""
    parsed = parsed or ""
    if not disposition or _EXTENDED_FILENAME.search(disposition):
        return parsed
    found = _FILENAME_PARAM.search(disposition)
    if found is None:
        return parsed
    rest = disposition[found.end():]
    i, escaped = 0, False
    while i < len(rest):   # the quoted string as RFC 7230 reads it (\ escapes the next character)
        ch = rest[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            break
        i += 1
    if i >= len(rest) or _AFTER_NAME.fullmatch(rest[i + 1:]):
        return parsed          # well formed (or unterminated: nothing better to read)
    ends = [j for j, ch in enumerate(rest) if ch == '"' and j > i and _AFTER_NAME.fullmatch(rest[j + 1:])]
    if not ends:
        return None
    from werkzeug.http import parse_options_header   # the parser's own decoding of the value

    raw = rest[:ends[-1]]
    if re.search(r'"\s*;\s*[!#$&+.^_`|~0-9A-Za-z-]+\*?\s*=\s*"', raw):
        return None            # a quoted parameter after the name: where the name ends is a guess
    value = re.sub(r'(?<!\\)"', r'\\"', raw)
    return parse_options_header(f'form-data; filename="{value}"')[1].get("filename") or None


def _cut_utf8(text: str, limit: int) -> str:
    """The longest prefix of `text` that fits in `limit` UTF-8 bytes."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def safe_filename(raw: str | None) -> str:
    """A name safe to create inside the uploads folder, or UploadRejected.

    Never contains a path separator, never starts with a dot, never is empty;
    its extension is one of SUPPORTED_EXTENSIONS (lower-cased).
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = "".join(ch for ch in name if not _is_invisible(ch))
    # Browsers on Windows used to send the full path; keep the last component.
    name = name.replace("\\", "/").split("/")[-1]
    name = _UNSAFE.sub("_", name)
    name = _SPACES.sub(" ", name).strip().rstrip(" .")
    # The extension is what follows the last dot, even in ".txt" (whose stem is empty);
    # typed with a Japanese input method it may be full-width (報告．ＰＤＦ): NFKC makes
    # it plain, while the stem keeps its full-width characters.
    stem, dot, ext = _FULL_WIDTH_DOT.sub(".", name).rpartition(".")
    stem = name[:len(stem)]   # the substitution is one character for one
    ext = f".{unicodedata.normalize('NFKC', ext).lower()}" if dot and ext else ""
    if ext not in SUPPORTED_EXTENSIONS:
        shown = f"（{ext}）" if ext else "（拡張子なし）"
        advice = MSG_UNPACK if ext in _ARCHIVE_EXTENSIONS else ""
        raise UploadRejected(
            f"対応していない形式です{shown}。{advice}対応形式: {' '.join(SUPPORTED_EXTENSIONS)}")
    stem = stem.strip(" .")
    stem = stem.lstrip(".-") or "upload"   # no hidden files, nothing that looks like an option
    if stem.upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    stem = _cut_utf8(stem, MAX_STEM_BYTES).rstrip(" .") or "upload"
    return stem + ext


# An archive of reports (what staff may send for "the archive"): say to unpack it.
_ARCHIVE_EXTENSIONS = (".zip", ".lzh", ".lha", ".7z", ".rar", ".tar", ".gz", ".tgz")
MSG_UNPACK = "圧縮ファイルは展開して、中の報告書ファイルを選んで送信してください（1回に複数選べます）。"


def _candidates(name: str):
    """name.txt, name-2.txt, name-3.txt, …"""
    stem, _, ext = name.rpartition(".")
    yield name
    for n in range(2, _MAX_SUFFIX):
        yield f"{stem}-{n}.{ext}"


# --------------------------------------------------------------------------- cheap checks

MSG_EMPTY = "空のファイルです"
MSG_BLANK = "空のファイルです（空白文字しか含まれていません）"
MSG_NOT_PDF = "PDFファイルではありません（ファイルが壊れているか、拡張子が正しくない可能性があります）"
MSG_NOT_ZIP = ("{kind}ファイルとして読み込めません（ZIP形式ではありません。"
               "ファイルが壊れているか、拡張子が正しくない可能性があります）")
MSG_CONTENT_IS = "中身は{what}のようです。{advice}"
MSG_DUPLICATE_METADATA = ("指定した区・年度・種別も保存していません。既にある文書の値を変えるには、"
                          "その文書のページの「区・年度・種別を修正する」を使ってください")
MSG_RENAME = "拡張子を {ext} に直すと読み込めます"
MSG_RENAMED = ("内容の違う同じ名前のファイル（{name}）が既にあるため、{saved} として保存しました。"
               "既にある報告書を新しい版に置き換える場合は、その文書のページの「報告書のファイルを差し替える」を"
               "使ってください（このファイルはそのページで削除できます）")
MSG_NOT_SAVED = "保存できませんでした（{reason}）"
MSG_METADATA_NOT_SAVED = "区・年度などの情報を保存できませんでした（{reason}）。ファイルも保存していません"

# First bytes of the containers the formats come in (the real signatures).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # Office 97-2003 compound file (.doc, .xls)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")           # OOXML (.docx, .xlsx) is a zip
PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024   # the PDF spec lets readers find %PDF- within the first KB
_HTML_SNIFF = 4096
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG 画像"), (b"\xff\xd8\xff", "JPEG 画像"), (b"GIF8", "GIF 画像"),
           (b"II*\x00", "TIFF 画像"), (b"MM\x00*", "TIFF 画像"))
# Programs and archives that are no report whatever their name (an .exe renamed .txt
# used to pass as text and was refused only later, by the reindex job).
_NOT_REPORTS = ((b"MZ", "Windows のプログラム（.exe など）"), (b"\x7fELF", "プログラム（実行ファイル）"),
                (b"\x1f\x8b", "gzip 圧縮ファイル"), (b"7z\xbc\xaf\x27\x1c", "7-Zip 圧縮ファイル"),
                (b"Rar!\x1a\x07", "RAR 圧縮ファイル"))

# Each format's name (for messages) and the containers its loader reads: a
# .doc may also be a .docx, an RTF or a web page saved under the old name, an
# .xls an .xlsx or a web system's HTML table (see indexer/load/doc.py, xls.py).
# (A .doc may also be Word 2003 XML or a web archive; an .xls SpreadsheetML, a web archive or a
# web system's tab-separated text.)
_CONTAINERS = {
    ".pdf": ("PDF", ("pdf",)),
    ".docx": ("DOCX", ("zip",)),
    ".docm": ("DOCM", ("zip",)),
    ".xlsx": ("XLSX", ("zip",)),
    ".xlsm": ("XLSM", ("zip",)),
    ".odt": ("OpenDocument テキスト（.odt）", ("zip",)),
    ".ods": ("OpenDocument スプレッドシート（.ods）", ("zip",)),
    ".doc": ("Word 97-2003 形式（.doc）の文書", ("ole2", "zip", "rtf", "html", "xml", "mhtml")),
    ".xls": ("Excel 97-2003 形式（.xls）のファイル", ("ole2", "zip", "html", "xml", "mhtml", "text")),
    ".rtf": ("RTF 形式の文書", ("rtf",)),
}
_TEXT_FORMATS = (".txt", ".tsv", ".csv", ".html", ".htm", ".mht", ".mhtml")
# What a recognised container is, and the extension to give it, for advice.
_CONTAINER_NAMES = {"pdf": ("PDF", ".pdf"), "ole2": ("Office 97-2003 形式（.doc / .xls）のファイル", None),
                    "zip": ("ZIP 形式（.docx / .xlsx など）のファイル", None), "rtf": ("RTF 文書", ".rtf"),
                    "xml": ("XML ファイル", None), "mhtml": ("Web アーカイブ（MHTML）", ".mht")}
# An OLE2 file named .docx / .xlsx: password-protected, or the old format renamed (the loaders' advice;
# a corpus folder's renamed old file is read by the old format's loader, an upload is asked to be renamed).
_OLD_OFFICE = {".docx": docx_format.MSG_DOCX_OLE, ".xlsx": xlsx_format.MSG_XLSX_OLE}


def file_format(name: str) -> str:
    """The format name of a safe file name, from its extension (htm -> html)."""
    ext = name.rpartition(".")[2].lower()
    return "html" if ext == "htm" else ext


def container(data: bytes) -> str | None:
    """Which container `data` starts with: pdf, ole2, zip, rtf, xml, html, mhtml, or None."""
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if rtf_format.is_rtf(data[:_HTML_SNIFF]):
        return "rtf"
    head = head_bytes(data, _HTML_SNIFF).lower()  # (a page saved as UTF-16 is sniffed as its text)
    if head.startswith(b"<?xml") and b"<html" not in head:
        return "xml"
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or head.startswith(b"<!doctype")):
        return "html"
    if mhtml.is_mhtml(data):
        return "mhtml"
    return None


def quick_check(data: bytes, name: str) -> None:
    """Refuse what is certainly not a report of its kind, in microseconds.

    Only looks at the first bytes (the signature of the container each format
    comes in): no decoding, no decompression, no parsing (that is the indexer's
    job, in its own process). UploadRejected, with the reason and, when the
    bytes are recognisably another format, what to rename the file to."""
    if not data:
        raise UploadRejected(MSG_EMPTY)
    ext = "." + name.rpartition(".")[2].lower()
    found = container(data)
    if ext in _TEXT_FORMATS:
        if not data[:65536].strip() and len(data) <= 65536:
            raise UploadRejected(MSG_BLANK)
        binary = _binary_kind(data, found)
        if binary:
            what, advice = binary
            raise UploadRejected(f"テキスト（{ext}）のファイルではありません。" + MSG_CONTENT_IS.format(what=what, advice=advice))
        return
    if ext not in _CONTAINERS:
        return
    kind, accepted = _CONTAINERS[ext]
    if found in accepted or (found is None and "text" in accepted and _plain_text(data)):
        return
    if found == "ole2" and ext in _OLD_OFFICE:
        raise UploadRejected(_OLD_OFFICE[ext])
    if name.startswith("~$") and len(data) <= 4096:
        raise UploadRejected(MSG_OFFICE_OWNER_FILE)
    if ext == ".pdf":
        reason = MSG_NOT_PDF
    elif accepted == ("zip",):
        reason = MSG_NOT_ZIP.format(kind=kind)
    else:
        reason = f"{kind}ではありません（ファイルが壊れているか、拡張子が正しくない可能性があります）"
    hint = _rename_hint(found, ext)
    if hint is None and found is None and _plain_text(data):   # a text saved under an Office or PDF name
        hint = MSG_CONTENT_IS.format(what="テキスト", advice=MSG_RENAME.format(ext=".txt"))
    raise UploadRejected(reason + (f"。{hint}" if hint else ""))


def _binary_kind(data: bytes, found: str | None) -> tuple[str, str] | None:
    """(what it is, advice) when a text-format upload is really a binary file."""
    for magic, what in _IMAGES:
        if data.startswith(magic):
            return what, "文字を含む PDF か文書ファイルにしてからアップロードしてください"
    for magic, what in _NOT_REPORTS:
        # (a text may start with the letters MZ: a program's header also holds NUL bytes)
        if data.startswith(magic) and b"\x00" in data[:64]:
            return what, "報告書のファイルを選び直してください"
    if found == "pdf" and not data.startswith(PDF_MAGIC):
        return None   # a text that merely mentions %PDF- near its start
    if found in ("pdf", "ole2", "zip"):
        what, ext = _CONTAINER_NAMES[found]
        return what, (MSG_RENAME.format(ext=ext) if ext else "元の形式の拡張子に直してください")
    return None


def _plain_text(data: bytes) -> bool:
    """Whether `data` starts as text and as no known binary: a web system's export that is
    text under an Office name (the .xls loader's own test, `is_plain_text`)."""
    return xls_format.is_plain_text(data) and _binary_kind(data, None) is None


def _rename_hint(found: str | None, ext: str) -> str | None:
    if found is None:
        return None
    what, target = _CONTAINER_NAMES.get(found, ("HTML（ウェブページ）", ".html"))
    if target is None or target == ext:
        return MSG_CONTENT_IS.format(what=what, advice="元の形式の拡張子に直してください")
    return MSG_CONTENT_IS.format(what=what, advice=MSG_RENAME.format(ext=target))


# --------------------------------------------------------------------------- hashing

class CorpusContents:
    """Which corpus file, if any, holds given bytes.

    A duplicate has the same size, so only the corpus files of an upload's size
    are read and hashed (each at most once): checking an upload against an
    archive of thousands of reports costs a walk of its folders, not reading
    gigabytes inside the request."""

    def __init__(self, corpus_dir: Path):
        self.corpus_dir = Path(corpus_dir)
        self._by_size: dict[int, list[Path]] = {}
        self._hashes: dict[Path, str | None] = {}
        for path in corpus_files(self.corpus_dir):
            try:
                self._by_size.setdefault(path.stat().st_size, []).append(path)
            except OSError as exc:  # vanished or unreadable: it cannot be a duplicate we can prove
                log.warning("cannot stat %s: %s", path, exc)

    def find(self, sha256: str, size: int) -> str | None:
        """The corpus-relative name of the first file with these bytes, or None."""
        for path in self._by_size.get(size, ()):
            if path not in self._hashes:
                try:
                    self._hashes[path] = file_sha256(path)
                except OSError as exc:
                    log.warning("cannot hash %s: %s", path, exc)
                    self._hashes[path] = None
            if self._hashes[path] == sha256:
                return source_name(path, self.corpus_dir)
        return None

    def add(self, path: Path, size: int, sha256: str) -> None:
        """A file just saved (so a later file of the same batch is its duplicate)."""
        self._by_size.setdefault(size, []).append(path)
        self._hashes[path] = sha256


# --------------------------------------------------------------------------- writing

def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TEMP_PREFIX = ".upload-"


def _write_new_file(folder: Path, name: str, data: bytes) -> str:
    """Write `data` atomically under a free name derived from `name`; returns that name."""
    tmp = folder / f"{_TEMP_PREFIX}{uuid.uuid4().hex}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for candidate in _candidates(name):
            target = folder / candidate
            try:
                os.link(tmp, target)        # fails if target exists: never overwrites
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                                     errno.EMLINK, errno.ENOSYS):
                    raise
                if target.exists() or target.is_symlink():  # no hard links: check, then replace
                    continue
                os.replace(tmp, target)
            _fsync_dir(folder)
            return candidate
        raise UploadRejected("同じ名前のファイルが多すぎるため保存できません")
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


# --------------------------------------------------------------------------- the batch

def _read_bounded(source, max_bytes: int) -> bytes:
    """The bytes of an upload (bytes or a binary stream), refusing more than
    max_bytes without reading them all: werkzeug spools big uploads to a
    seekable temp file, so the size is known from seeking to its end."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise UploadRejected(_too_big_reason(len(data), max_bytes))
        return data
    try:
        size = source.seek(0, os.SEEK_END)
        source.seek(0)
    except (AttributeError, OSError, ValueError):
        size = None
    if size is not None and size > max_bytes:
        raise UploadRejected(_too_big_reason(size, max_bytes))
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRejected(f"ファイルが大きすぎます（上限 {format_size(max_bytes)}）")
    return data


def _too_big_reason(size: int, max_bytes: int) -> str:
    return f"ファイルが大きすぎます（{format_size(size)}、上限 {format_size(max_bytes)}）"


def save_uploads(files, corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                 metadata: list[sidecar.Metadata | None] | None = None) -> list[FileResult]:
    """Check and save a batch of (original name, bytes or binary stream).

    `metadata[i]`, when given and not empty, is written as the sidecar of the
    i-th file once it is saved. Returns one FileResult per file, in order; a
    rejected file does not stop the others.
    """
    corpus_dir = Path(corpus_dir)
    folder = corpus_dir / UPLOADS_SUBDIR
    results: list[FileResult] = []
    with _SAVE_LOCK:
        contents: CorpusContents | None = None
        swept = False
        for i, (raw_name, source) in enumerate(files):
            meta = metadata[i] if metadata and i < len(metadata) else None
            result = FileResult(file=display_name(raw_name), status=REJECTED)
            results.append(result)
            try:
                name = safe_filename(raw_name)   # format first: the most useful reason
                data = _read_bounded(source, max_bytes)
                result.size = len(data)
                quick_check(data, name)
            except UploadRejected as exc:
                result.reason = exc.reason
                continue
            result.format = file_format(name)
            result.sha256 = hashlib.sha256(data).hexdigest()
            if contents is None:  # walk the corpus only once a file is worth saving
                contents = CorpusContents(corpus_dir)
            same = contents.find(result.sha256, len(data))
            if same is not None:
                result.status, result.same_as = DUPLICATE, same
                result.reason = f"{same} と同じ内容のため保存しませんでした（重複）"
                if meta is not None and not meta.is_empty():   # never dropped silently
                    result.reason += "。" + MSG_DUPLICATE_METADATA
                continue
            try:
                if not folder.is_dir():
                    folder.mkdir(parents=True, exist_ok=True)
                elif not swept:   # copies a server killed mid-save left (hidden, never indexed)
                    remove_stale_files(folder, _TEMP_PREFIX)
                    swept = True
                saved = _write_new_file(folder, name, data)
            except UploadRejected as exc:
                result.reason = exc.reason
                continue
            except OSError as exc:
                log.exception("could not save upload %s", name)
                result.reason = MSG_NOT_SAVED.format(reason=oserrors.reason(exc))
                continue
            if meta is not None and not meta.is_empty():
                try:
                    sidecar.write(folder / saved, meta)
                except OSError as exc:
                    log.exception("could not write the metadata of upload %s", saved)
                    (folder / saved).unlink(missing_ok=True)
                    result.reason = MSG_METADATA_NOT_SAVED.format(reason=oserrors.reason(exc))
                    continue
                result.metadata = meta.to_dict()
            result.status = SAVED
            result.saved_as = f"{UPLOADS_SUBDIR}/{saved}"
            if saved != name:   # a different report of that name is there: never overwritten, but said
                result.renamed = MSG_RENAMED.format(name=f"{UPLOADS_SUBDIR}/{name}", saved=result.saved_as)
            contents.add(folder / saved, len(data), result.sha256)
            log.info("saved upload %s as %s (%d bytes)", result.file, result.saved_as, len(data))
    return results


# --------------------------------------------------------------------------- removing and replacing a report

REMOVED_SUBDIR = ".removed"   # under uploads/: hidden, so never indexed; nothing is deleted outright
MSG_SAME_CONTENT = "いまのファイルと同じ内容です（差し替えていません）"
MSG_NOT_REPLACED = "差し替えられませんでした（{reason}）"
MSG_CURRENT_UNREADABLE = "いまのファイルを読めないため差し替えられませんでした（{reason}）"


def _removed_target(corpus_dir: Path, path: Path) -> Path:
    folder = Path(corpus_dir) / UPLOADS_SUBDIR / REMOVED_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    return folder / f"{stamp}-{path.name}"


def remove_report(corpus_dir: Path, path: Path) -> str:
    """Take a report file out of the corpus: it is moved, with its sidecar, into
    ``uploads/.removed/`` (hidden: the next reindex drops its documents and
    passages; kept, so a mistaken removal can be undone by moving it back).
    Returns where it went (corpus-relative). OSError when it cannot be moved."""
    corpus_dir, path = Path(corpus_dir), Path(path)
    target = _removed_target(corpus_dir, path)
    with _SAVE_LOCK:
        os.replace(path, target)
        side = sidecar.sidecar_path(path)
        if side.exists():
            os.replace(side, sidecar.sidecar_path(target))
        _fsync_dir(path.parent)
    log.info("removed report %s (kept as %s)", path, target)
    return source_name(target, corpus_dir)


def replace_report(corpus_dir: Path, path: Path, raw_name: str | None, source,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Put a new version of a report in place of the file `path`.

    The new file gets the checks of an upload (name, size, container, a duplicate
    of another corpus file). With the same extension it takes the old file's name
    (one atomic rename: a reindex reading meanwhile sees the old or the new bytes,
    never neither); with another, a free name beside it and the person-set
    metadata (sidecar) moves with it. The old version is kept in
    ``uploads/.removed/``. Returns the new file's FileResult (saved, or
    rejected / duplicate with the reason, nothing changed)."""
    corpus_dir, path = Path(corpus_dir), Path(path)
    result = FileResult(file=display_name(raw_name), status=REJECTED)
    try:
        name = safe_filename(raw_name)
        data = _read_bounded(source, max_bytes)
        result.size = len(data)
        quick_check(data, name)
    except UploadRejected as exc:
        result.reason = exc.reason
        return result
    result.format = file_format(name)
    result.sha256 = hashlib.sha256(data).hexdigest()
    with _SAVE_LOCK:
        try:
            current = file_sha256(path)
        except OSError as exc:
            log.exception("could not read %s to replace it", path)
            result.reason = MSG_CURRENT_UNREADABLE.format(reason=oserrors.reason(exc, writing=False))
            result.server_error = exc
            return result
        if result.sha256 == current:
            result.reason = MSG_SAME_CONTENT
            return result
        same = CorpusContents(corpus_dir).find(result.sha256, len(data))
        if same is not None:
            result.status, result.same_as = DUPLICATE, same
            result.reason = f"{same} と同じ内容のため差し替えませんでした（重複）"
            return result
        kept: Path | None = None
        tmp = path.parent / f"{_TEMP_PREFIX}{uuid.uuid4().hex}.tmp"
        try:
            kept = _removed_target(corpus_dir, path)
            try:
                os.link(path, kept)                  # the old version, kept before anything changes
            except OSError:
                shutil.copy2(path, kept)
            if path.suffix.lower() == "." + name.rpartition(".")[2]:
                with open(tmp, "xb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
                new_path = path
            else:
                new_path = path.parent / _write_new_file(path.parent, name, data)
                side = sidecar.sidecar_path(path)
                if side.exists():
                    os.replace(side, sidecar.sidecar_path(new_path))
                path.unlink()
            _fsync_dir(path.parent)
        except (OSError, UploadRejected) as exc:
            if isinstance(exc, OSError):
                log.exception("could not replace %s", path)
            if kept is not None:
                kept.unlink(missing_ok=True)
            tmp.unlink(missing_ok=True)
            why = exc.reason if isinstance(exc, UploadRejected) else oserrors.reason(exc)
            result.reason = MSG_NOT_REPLACED.format(reason=why)
            result.server_error = exc if isinstance(exc, OSError) else None
            return result
    result.status = SAVED
    result.saved_as = source_name(new_path, corpus_dir)
    result.same_as = source_name(kept, corpus_dir)   # where the old version is kept
    log.info("replaced report %s with %s (old version kept as %s)", path, result.saved_as, result.same_as)
    return result
