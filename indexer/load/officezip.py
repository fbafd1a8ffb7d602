"""Decompression bound for Office files (DOCX, XLSX are zip archives).

Checked before any parser sees the file, in two passes:

1. the central directory: member count, declared expanded sizes (total and
   per-member ratio) — refuses an honest bomb without inflating anything;
2. a streaming inflate of every member with a running byte budget, stopping
   as soon as it is exceeded — the declared sizes are not trusted (zipfile
   stops at the declared size and the CRC check catches a member that lies).

Every XML member (by its name or its first bytes) is read by the XML guard
(`safexml.Guard`) as it inflates: entity declarations and absurd nesting are
refused here, before python-docx, openpyxl or LibreOffice parse the part.

The limits are sized from real reports (measured on a 100-page python-docx
report: ~1 MB of XML, member ratios up to ~32:1 for styles.xml; Word's own
XML is a few times more verbose): all members together may expand to
`MAX_EXPANDED` bytes (media count too: python-docx and openpyxl load them),
and a member larger than `RATIO_MIN_SIZE` may not inflate more than
`MAX_RATIO` times its compressed size, nor the archive as a whole.
"""

from __future__ import annotations

import io
import olefile
import logging
import zipfile

from .common import MIB, LoadError, describe, format_size, unreadable
from . import safexml

logger = logging.getLogger(__name__)

MAX_EXPANDED = 64 * MIB
MAX_RATIO = 100
RATIO_MIN_SIZE = 1 * MIB
MAX_MEMBERS = 10_000
_CHUNK = 1 << 16

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def msg_too_big(expanded: int, limit: int) -> str:
    return (f"展開後のサイズが大きすぎます（{format_size(expanded)} 以上、上限 {format_size(limit)}。"
            "zip bomb の可能性があります）")


def msg_ratio(member: str, ratio: float) -> str:
    return (f"展開後のサイズが大きすぎます（{member} の圧縮率が {ratio:.0f}:1、上限 {MAX_RATIO}:1。"
            "zip bomb の可能性があります）")


MSG_TOO_MANY = f"ZIP内のファイル数が多すぎます（上限 {MAX_MEMBERS}。zip bomb の可能性があります）"


def check_office_zip(data: bytes, name: str, kind: str, required: str,
                     ole_message: str, not_zip_message: str) -> None:
    """Refuse `data` unless it is a zip that inflates within the bounds and
    holds `required` (e.g. word/document.xml). `kind` names the format in
    messages ("DOCX", "XLSX")."""
    if data[:8] == OLE2_MAGIC:  # .doc / .xls or an encrypted Office file
        raise LoadError(name, ole_message)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        logger.info("%s: not a zip: %s", name, describe(exc))
        raise LoadError(name, not_zip_message) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise LoadError(name, MSG_TOO_MANY)
        limit = MAX_EXPANDED
        _check_declared(infos, name, limit, len(data))
        if not any(info.filename == required for info in infos):
            raise LoadError(name, f"{kind}ファイルとして読み込めません（{required} がありません）")
        _check_streamed(zf, infos, name, kind, limit, len(data))


def _check_declared(infos, name: str, limit: int, archive_size: int) -> None:
    total = sum(info.file_size for info in infos)
    if total > limit:
        logger.warning("%s: zip declares %d expanded bytes (limit %d)", name, total, limit)
        raise LoadError(name, msg_too_big(total, limit))
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            logger.warning("%s: member %s declares ratio %.0f", name, info.filename, ratio)
            raise LoadError(name, msg_ratio(info.filename, ratio))
    if total > RATIO_MIN_SIZE and total > MAX_RATIO * archive_size:
        raise LoadError(name, msg_ratio("ZIP全体", total / archive_size))


def _check_streamed(zf: zipfile.ZipFile, infos, name: str, kind: str, limit: int,
                    archive_size: int) -> None:
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        member = 0
        guard = None
        member_cap = max(RATIO_MIN_SIZE, MAX_RATIO * max(info.compress_size, 1))
        try:
            with zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    if member == 0 and (info.filename.lower().endswith((".xml", ".rels"))
                                        or safexml.looks_like_xml(chunk)):
                        guard = safexml.Guard(name, f"{kind}ファイル")
                    member += len(chunk)
                    if guard is not None:
                        guard.feed(chunk)
                    total += len(chunk)
                    if total > limit:
                        raise LoadError(name, msg_too_big(total, limit))
                    if member > member_cap:
                        raise LoadError(name, msg_ratio(info.filename, member / max(info.compress_size, 1)))
                if guard is not None:
                    guard.close()
        except LoadError:
            logger.warning("%s: refused while inflating %s", name, info.filename)
            raise
        except Exception as exc:
            # zlib.error, CRC mismatch, unsupported compression, encrypted member...
            logger.info("%s: member %s cannot be inflated: %s", name, info.filename, describe(exc))
            raise unreadable(name, f"{kind}ファイルとして読み込めません", exc) from None
    if total > RATIO_MIN_SIZE and total > MAX_RATIO * archive_size:
        raise LoadError(name, msg_ratio("ZIP全体", total / archive_size))


def ole_streams(data: bytes) -> set[str]:
    """The top-level stream names (lower case) of an OLE2 compound file: WordDocument for a
    Word binary, Workbook (Book for Excel 5) for an Excel one, EncryptedPackage for a
    password-protected .docx / .xlsx; empty for a file olefile cannot open."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {entry[0].lower() for entry in ole.listdir(streams=True, storages=False) if len(entry) == 1}
    except Exception as exc:  # noqa: BLE001 - a damaged compound file: no streams
        logger.info("not a readable OLE2 file: %s", describe(exc))
        return set()
