"""What every format loader shares: the error type, user-facing reasons and
small text helpers. No format-specific code lives here."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

MIB = 1024 * 1024

# --- Reasons (shown to users, so Japanese and actionable) -------------------

MSG_EMPTY = "空のファイルです"
MSG_BLANK = "空のファイルです（空白文字しか含まれていません）"
MSG_BINARY = "文字コードを判定できません（バイナリファイルの可能性があります）"


class LoadError(Exception):
    """A file that cannot be turned into text, with a reason for the user."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")

    def __reduce__(self):
        # Default Exception pickling would call __init__(message) and fail;
        # keep it picklable for multiprocessing indexers.
        return (type(self), (self.name, self.reason))


def file_sha256(path: Path) -> str:
    """Content hash of a file, read in blocks: the identity of a document."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def format_size(n: int) -> str:
    """Human size for messages: "25.3 MB", "20 MB", "512 KB", "100 バイト"."""
    if n >= MIB:
        value, unit = n / MIB, "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} バイト"
    shown = f"{value:.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return f"{shown} {unit}"


def describe(exc: BaseException | None) -> str:
    """Short 'Type: message' for wrapping library errors into reasons."""
    if exc is None:
        return "不明なエラー"
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(msg) > 200:
        msg = msg[:200] + "…"
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# A file a library could not read: the reason users see, in Japanese; the library's own (English)
# message goes to the log only (`unreadable`).
MSG_MAYBE_BROKEN = "（ファイルが壊れている可能性があります）"


def unreadable(name: str, what: str, exc: BaseException | None, maybe_broken: bool = True) -> LoadError:
    """The LoadError for a file a library refused: 「{what}（ファイルが壊れている可能性があります）」
    for users (`what` says what could not be done, 「PDFを読み込めません」); the library's English
    message (PdfReadError: EOF marker not found) is logged, never shown."""
    logger.info("%s: %s: %s", name, what, describe(exc))
    return LoadError(name, what + (MSG_MAYBE_BROKEN if maybe_broken else ""))


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def require_text(text: str, name: str, reason: str = MSG_BLANK) -> None:
    if not text.strip():
        raise LoadError(name, reason)


def is_wide(ch: str) -> bool:
    """A fullwidth / wide character (kanji, kana, fullwidth forms)."""
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def head_bytes(data: bytes, size: int = 4096) -> bytes:
    """The first `size` bytes of a file as a byte-oriented sniff sees them, without the
    leading BOM and blanks: a UTF-16 file (a page or an export saved as "Unicode", with its
    BOM) is given as its UTF-8 text, so that its markup can be recognised as an 8-bit one's."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data[:size * 2].decode("utf-16", "ignore").encode("utf-8")
    return data[:size].lstrip(b"\xef\xbb\xbf \t\r\n")
