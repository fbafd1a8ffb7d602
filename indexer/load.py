"""Turn an uploaded or on-disk report file into plain text.

This is the only place that touches raw bytes, so it owns the three jobs that
must happen before anything else can trust the input: refusing hostile or
useless files (too big, binary, zip bombs, scanned PDFs without text), guessing
the character encoding of legacy Japanese files, and flattening HTML / PDF /
DOCX into one-line-per-block text for the structure parser.

Every problem with the *input* is reported as `LoadError` with a Japanese
reason a non-technical user can act on; library exceptions never leak out.
Characters are kept as they are (no NFKC): normalisation is a later stage's
decision.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import logging
import re
import stat
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath

import charset_normalizer
import docx
from bs4 import BeautifulSoup, NavigableString, Tag
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")

_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}

_MIB = 1024 * 1024

# --- Reasons (shown to users, so Japanese and actionable) -------------------

MSG_EMPTY = "空のファイルです"
MSG_BLANK = "空のファイルです（空白文字しか含まれていません）"
MSG_BINARY = "文字コードを判定できません（バイナリファイルの可能性があります）"
MSG_PDF_NO_TEXT = "PDFにテキスト層がありません（OCRが必要です）"
MSG_PDF_PASSWORD = "PDFがパスワードで保護されているため読み込めません"
MSG_ZIP_BOMB = "展開後のサイズが大きすぎます（zip bomb の可能性）"
MSG_DOCX_NOT_ZIP = (
    "DOCXファイルとして読み込めません（ZIP形式ではありません。"
    "ファイルが壊れているか、拡張子が正しくない可能性があります）"
)
MSG_DOCX_OLE = (
    "パスワード付き、または旧形式（.doc）の Word ファイルです。"
    "パスワードを外して .docx 形式で保存し直してください"
)
MSG_DOCX_NO_TEXT = "DOCXに本文のテキストがありません"
MSG_HTML_NO_TEXT = "HTMLに本文のテキストがありません"


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


@dataclass
class LoadedText:
    """A file's text, with what later stages and the UI need to know about it."""

    name: str
    text: str
    encoding: str | None
    fmt: str
    sha256: str


# --- Public entry points ----------------------------------------------------


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Load a file from disk; the size is checked with stat before reading."""
    path = Path(path)
    name = path.name
    _format_for(name)  # reject unsupported formats before touching the disk
    try:
        st = path.stat()
    except FileNotFoundError:
        raise LoadError(name, "ファイルが見つかりません") from None
    except PermissionError:
        raise LoadError(name, "ファイルを読み取れません（アクセス権限がありません）") from None
    except OSError as exc:
        raise LoadError(name, f"ファイルを読み取れません（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(name, "ファイルではありません（フォルダです）")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(name, "通常のファイルではありません")
    _check_size(name, st.st_size, max_bytes)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: the file may have grown since stat.
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise LoadError(name, "ファイルを読み取れません（アクセス権限がありません）") from None
    except OSError as exc:
        raise LoadError(name, f"ファイルを読み取れません（{exc.strerror or exc}）") from None
    return load_bytes(data, name, max_bytes)


def load_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Load an in-memory file (web upload) under the same rules as load_file."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    data = bytes(data)
    fmt = _format_for(name)
    _check_size(name, len(data), max_bytes)
    if not data:
        raise LoadError(name, MSG_EMPTY)
    digest = hashlib.sha256(data).hexdigest()

    handler = {"txt": _load_txt, "html": _load_html, "pdf": _load_pdf, "docx": _load_docx}[fmt]
    try:
        text, encoding = handler(data, name, max_bytes)
    except LoadError:
        raise
    except Exception as exc:  # never let a library exception escape
        logger.exception("unexpected error while loading %s", name)
        raise LoadError(name, f"読み込み中に予期しないエラーが発生しました（{_describe(exc)}）") from exc
    logger.debug("loaded %s: fmt=%s encoding=%s chars=%d", name, fmt, encoding, len(text))
    return LoadedText(name=name, text=text, encoding=encoding, fmt=fmt, sha256=digest)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file's bytes to (text, codec name), or raise LoadError.

    BOM wins, then strict UTF-8, then charset_normalizer's guesses checked
    against the Japanese codecs. Newlines become "\\n" and the BOM is dropped.
    """
    return _decode_text(bytes(data), name, declared=None)


# --- Shared checks ----------------------------------------------------------


def _format_for(name: str) -> str:
    ext = PurePath(name).suffix.lower() if name else ""
    if ext not in _FORMATS:
        shown = f"（{ext}）" if ext else "（拡張子なし）"
        raise LoadError(
            name, f"対応していない形式です{shown}。対応形式: {' '.join(SUPPORTED_EXTENSIONS)}"
        )
    return _FORMATS[ext]


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise LoadError(
            name, f"ファイルが大きすぎます（{format_size(size)}、上限 {format_size(max_bytes)}）"
        )


def file_sha256(path: Path) -> str:
    """Content hash of a file, read in blocks: the identity of a document."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def format_size(n: int) -> str:
    """Human size for messages: "25.3 MB", "20 MB", "512 KB", "100 バイト"."""
    if n >= _MIB:
        value, unit = n / _MIB, "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} バイト"
    shown = f"{value:.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return f"{shown} {unit}"


def _describe(exc: BaseException) -> str:
    """Short 'Type: message' for wrapping library errors into reasons."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(msg) > 200:
        msg = msg[:200] + "…"
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _require_text(text: str, name: str, reason: str = MSG_BLANK) -> None:
    if not text.strip():
        raise LoadError(name, reason)


# --- Text decoding ----------------------------------------------------------

# Japanese codecs in order of preference when they decode the bytes equally
# well: Windows' cp932 is what real Shift_JIS files are (its ～ ① etc. differ
# from strict Shift_JIS), then EUC-JP, then the JIS X 0213 supersets.
_JP_CODECS = ("cp932", "euc_jp", "shift_jis_2004", "euc_jis_2004", "utf_16_le", "utf_16_be")
# Bonus for Japanese codecs: this corpus is Japanese, and a Chinese codec can
# decode Shift_JIS bytes into equally "CJK-looking" nonsense.
_JP_BIAS = 0.15
# A Japanese codec whose decoding scores at least this wins outright.
_JP_ACCEPT = 0.5
# Only the start of a big file is scored; the whole file is still decoded strictly.
_SCORE_SAMPLE = 200_000

_JP_CHARS = re.compile(
    "["
    "\u3000-\u30ff"  # CJK punctuation, hiragana, katakana
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3200-\u33ff"  # enclosed CJK, CJK compatibility (㈱ ㍻)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji
    "\uff01-\uff60\uffe0-\uffef"  # fullwidth forms (not halfwidth katakana)
    "\u2010-\u203b"  # dashes, quotes, ※ …
    "\u2160-\u217f\u2190-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u26ff"  # Ⅰ → ∴ ① ─ ■ ★
    "\U00020000-\U0003134f"  # kanji extensions B+
    "]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Characters that do not occur in real text: C0/C1 controls except the usual
# whitespace and ESC/form feed, unassigned code points, surrogates.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1b")
_BINARY_SHARE = 0.02

_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$(D", b"\x1b$(Q", b"\x1b$(O")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)


@dataclass
class _Candidate:
    encoding: str
    text: str
    score: float
    rank: int  # position among charset_normalizer's guesses (lower is better)


def _decode_text(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    if not data:
        raise LoadError(name, MSG_EMPTY)
    text, encoding = _decode_raw(data, name, declared)
    text = _normalize_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    _require_text(text, name)
    return text, encoding


def _decode_raw(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                if codec == "utf_32":  # FF FE 00 00 may be a UTF-16LE BOM + U+0000
                    continue
                label = {"utf_8_sig": "UTF-8", "utf_16": "UTF-16"}[codec]
                raise LoadError(
                    name, f"{label} の BOM がありますが、{label} として読めません（ファイルが壊れている可能性があります）"
                ) from None
            _guard_binary(text, name)
            return text, codec

    if b"\x00" in data:
        # Text files never contain NUL, except UTF-16/32 without a BOM.
        return _decode_utf16_without_bom(data, name)

    if b"\x1b" in data and data.isascii() and any(esc in data for esc in _ISO2022_ESCAPES):
        # 7-bit JIS (ISO-2022-JP) is also valid ASCII, so it must come before UTF-8.
        for codec in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            _guard_binary(text, name)
            return text, codec

    try:
        text = data.decode("utf_8")
    except UnicodeDecodeError:
        pass
    else:
        # Legacy Japanese text is practically never valid UTF-8, so a strict
        # UTF-8 decode beats any guess (and any contradicting <meta charset>).
        _guard_binary(text, name)
        return text, "utf_8"

    if declared:
        declared_result = _try_declared(data, declared, name)
        if declared_result is not None:
            return declared_result

    best = _detect(data)
    if best is None:
        logger.info("%s: no plausible encoding found", name)
        raise LoadError(name, MSG_BINARY)
    _guard_binary(best.text, name)
    return best.text, best.encoding


def _try_declared(data: bytes, declared: str, name: str) -> tuple[str, str] | None:
    """Decode with an HTML-declared charset, if it is real and fits the bytes."""
    codec = _codec_for_label(declared)
    if codec is None:
        logger.warning("%s: unknown declared charset %r, detecting instead", name, declared)
        return None
    tries = [codec]
    if codec == "euc_jp":
        tries.append("euc_jis_2004")
    elif codec == "cp932":
        tries.append("shift_jis_2004")
    for candidate in tries:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if _binary_share(text) <= _BINARY_SHARE:
            return text, candidate
    logger.warning("%s: bytes do not match declared charset %r, detecting instead", name, declared)
    return None


# WHATWG maps these labels to codecs other than Python's namesake.
_LABEL_OVERRIDES = {
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "ms_kanji": "cp932", "csshiftjis": "cp932", "windows-31j": "cp932", "ms932": "cp932",
    "x-euc-jp": "euc_jp", "euc-jp": "euc_jp", "cseucpkdfmtjapanese": "euc_jp",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    # A <meta> that says UTF-16 was read as ASCII, so it cannot be true (WHATWG).
    "utf-16": "utf_8", "utf-16le": "utf_8", "utf-16be": "utf_8",
}


def _codec_for_label(label: str) -> str | None:
    label = label.strip().lower()
    if label in _LABEL_OVERRIDES:
        return _LABEL_OVERRIDES[label]
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


def _decode_utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """NUL bytes mean UTF-16 without BOM, or binary.

    ASCII characters in UTF-16LE put their NUL byte at odd offsets, so the NUL
    parity says which byte order to try first.
    """
    odd = data[1::2].count(0)
    even = data[0::2].count(0)
    order = ("utf_16_le", "utf_16_be") if odd >= even else ("utf_16_be", "utf_16_le")
    if len(data) % 2 == 0:
        for codec in order:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and _binary_share(text) <= _BINARY_SHARE:
                logger.debug("%s: decoded as BOM-less %s", name, codec)
                return text, codec
    raise LoadError(name, MSG_BINARY)


def _detect(data: bytes) -> _Candidate | None:
    """Pick an encoding for non-UTF-8 bytes.

    charset_normalizer is asked twice: freely, and restricted to the Japanese
    codecs (cp_isolation), because on short Japanese text its free guess is
    often a Korean or Chinese codec. Its guesses plus the Japanese codecs it
    considers equivalent are then decoded strictly and ranked by the share of
    Japanese characters, preferring Japanese codecs and cp932 on ties.
    """
    encodings: dict[str, int] = {}
    for offset, kwargs in ((0, {"cp_isolation": list(_JP_CODECS)}), (100, {})):
        try:
            matches = list(charset_normalizer.from_bytes(data, **kwargs))[:5]
        except Exception as exc:  # a detector bug must not become a crash
            logger.warning("charset_normalizer failed: %s", _describe(exc))
            continue
        for rank, match in enumerate(matches):
            encodings.setdefault(match.encoding, offset + rank)
    # charset_normalizer reports one codec per group of identical decodings
    # (e.g. euc_jis_2004 for euc_jp): try the whole Japanese family ourselves.
    for codec in _JP_CODECS:
        encodings.setdefault(codec, 1000)
    if len(data) % 2:
        encodings.pop("utf_16_le", None)
        encodings.pop("utf_16_be", None)

    candidates = []
    for encoding, rank in encodings.items():
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        candidates.append(_Candidate(encoding, text, _japanese_score(text), rank))

    def key(c: _Candidate):
        pref = _JP_CODECS.index(c.encoding) if c.encoding in _JP_CODECS else len(_JP_CODECS)
        return (-round(c.score, 4), pref, c.rank)

    usable = [c for c in candidates if _binary_share(c.text) <= _BINARY_SHARE]
    japanese = sorted((c for c in usable if c.encoding in _JP_CODECS), key=key)
    logger.debug(
        "encoding candidates: %s",
        ", ".join(f"{c.encoding}={c.score:.2f}" for c in sorted(usable, key=key)[:8]),
    )
    if japanese and japanese[0].score >= _JP_ACCEPT:
        return japanese[0]
    damaged = _decode_damaged_japanese(data)
    if damaged is not None:
        return damaged
    # Not convincingly Japanese: let charset_normalizer's guesses compete,
    # still giving the Japanese codecs a head start.
    ranked = sorted(
        usable,
        key=lambda c: (-(round(c.score, 4) + (_JP_BIAS if c.encoding in _JP_CODECS else 0.0)),) + key(c)[1:],
    )
    return ranked[0] if ranked else None


def _decode_damaged_japanese(data: bytes) -> _Candidate | None:
    """Japanese text with a few invalid bytes (e.g. a file cut mid-character).

    Without this a truncated Shift_JIS file would be reported as binary or
    decoded by some unrelated codec as mojibake.
    """
    best: tuple | None = None
    for pref, codec in enumerate(("utf_8",) + _JP_CODECS[:4]):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad == 0 or bad > max(1, len(text) // 1000):
            continue
        clean = text.replace("\ufffd", "")
        # Enough real Japanese around the damage that this is not a guess.
        if len(_JP_CHARS.findall(clean[:_SCORE_SAMPLE])) < 20 * bad:
            continue
        score = _japanese_score(clean)
        if score < _JP_ACCEPT or _binary_share(text) > _BINARY_SHARE:
            continue
        key = (bad, -round(score, 4), pref)
        if best is None or key < best[0]:
            best = (key, _Candidate(codec, text, score, 0))
    if best is None:
        return None
    logger.warning("decoded as %s with %d invalid byte sequence(s) replaced", best[1].encoding, best[0][0])
    return best[1]


def _japanese_score(text: str) -> float:
    """Weighted share of Japanese characters among the non-ASCII ones.

    ASCII decodes the same in every candidate codec, so only the rest tells
    a right decoding (kana, JIS kanji, Japanese punctuation) from mojibake.
    """
    counts = Counter(_NON_ASCII.findall(text[:_SCORE_SAMPLE]))
    total = sum(counts.values())
    if not total:
        return 0.0
    return sum(_japanese_weight(ch) * n for ch, n in counts.items()) / total


@functools.lru_cache(maxsize=32768)
def _japanese_weight(ch: str) -> float:
    """How much one character suggests a correct Japanese decoding.

    Halfwidth katakana count half: they are real in old files but also what
    EUC-JP bytes look like when misread as cp932. Kanji outside JIS (what a
    Chinese codec makes of Shift_JIS bytes) count little.
    """
    if "\uff61" <= ch <= "\uff9f":
        return 0.5
    if not _JP_CHARS.match(ch):
        return 0.0
    if unicodedata.category(ch) == "Lo" and not ("\u3040" <= ch <= "\u30ff"):
        for codec in ("cp932", "euc_jis_2004"):
            try:
                ch.encode(codec)
                return 1.0
            except UnicodeEncodeError:
                pass
        return 0.3
    return 1.0


def _binary_share(text: str) -> float:
    """Share of characters that never appear in real text (controls, unassigned, NUL)."""
    sample = text[:_SCORE_SAMPLE]
    if not sample:
        return 0.0
    bad = 0
    for ch in sample:
        if ch in _ALLOWED_CONTROLS:
            continue
        if ch < " " or "\x7f" <= ch <= "\x9f" or ch == "\x00":
            bad += 1
        elif ord(ch) > 0x2FF and unicodedata.category(ch) in ("Cn", "Cs"):
            bad += 1
    return bad / len(sample)


def _guard_binary(text: str, name: str) -> None:
    if "\x00" in text or _binary_share(text) > _BINARY_SHARE:
        raise LoadError(name, MSG_BINARY)


# --- Formats ----------------------------------------------------------------


def _load_txt(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    # A .txt holding an HTML page stays text on purpose: the structure parser
    # cleans inline markup, and sniffing would make a file's meaning depend on
    # its content rather than its name.
    return _decode_text(data, name, declared=None)


_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

_DROP_TAGS = frozenset([
    "script", "style", "noscript", "template", "iframe", "svg",
    "object", "embed", "canvas", "title", "meta", "link", "base",
    # Ruby readings would be spliced into the base text (漢字かんじ) and
    # break phrase search; the base text is what the report says.
    "rt", "rp",
])
_PRE_TAGS = frozenset(["pre", "textarea", "listing", "plaintext", "xmp"])
_BLOCK_TAGS = frozenset([
    "p", "div", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "blockquote", "pre", "caption",
    # Not in the minimal list but block-level in every browser.
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "header", "footer", "nav",
    "main", "aside", "figure", "figcaption", "address", "hr", "form", "fieldset",
    "legend", "details", "summary", "center", "body", "html",
])
# Marks a hard line break while whitespace is being collapsed; NUL cannot be
# in decoded text (the binary guard rejects it).
_BREAK = "\x00"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES = re.compile(r"[ \t]+")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii", "replace")
    return None


def _load_html(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    """HTML to one line per block, with scripts and styles removed entirely."""
    markup, encoding = _decode_text(data, name, declared=_declared_charset(data))
    soup = BeautifulSoup(markup, "html.parser")
    raw = "".join(_html_pieces(soup))
    flowed = _HTML_SPACE.sub(lambda m: _collapse_space(m, raw), raw)
    lines = []
    for line in flowed.split(_BREAK):
        line = _SPACES.sub(" ", line).strip(" \t")
        if line.strip():
            lines.append(line)
    text = "\n".join(lines)
    _require_text(text, name, MSG_HTML_NO_TEXT)
    return text, encoding


def _html_pieces(soup: BeautifulSoup):
    """Visible text of the tree in order, with _BREAK around block elements.

    Walks the tree with an explicit stack rather than editing it (bs4 inserts
    are linear, so marking every block would be quadratic) or recursing
    (unclosed tags nest deeply). Only plain text nodes are kept: comments,
    doctypes, CDATA and script/style strings are different node types.
    <head> is walked like any element because html.parser leaves it open
    when </head> is missing, with the body inside; its own elements (title,
    meta, style, script...) are in _DROP_TAGS.
    """
    stack: list[tuple[object, bool, bool]] = [(soup, False, False)]  # node, in_pre, closing
    while stack:
        node, in_pre, closing = stack.pop()
        if closing:
            yield _BREAK
        elif isinstance(node, Tag):
            tag = node.name.lower() if node.name else ""
            if tag in _DROP_TAGS:
                continue
            if tag == "br":
                yield _BREAK
                continue
            in_pre = in_pre or tag in _PRE_TAGS
            if tag in _BLOCK_TAGS:
                yield _BREAK
                stack.append((node, in_pre, True))
            stack.extend((child, in_pre, False) for child in reversed(node.contents))
        elif type(node) is NavigableString:
            text = str(node)
            if in_pre:
                text = _normalize_newlines(text).replace("\n", _BREAK)
            yield text


def _collapse_space(m: re.Match, s: str) -> str:
    """HTML whitespace collapsing; a source line break between two Japanese
    (wide) characters vanishes instead of becoming a space (CSS Text 3), so
    wrapped Japanese source does not get spurious spaces that break search."""
    ws = m.group(0)
    if "\n" in ws or "\r" in ws:
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        if before and after and _is_wide(before) and _is_wide(after):
            return ""
    return " "


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _load_pdf(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    """Text layer of each page, joined with newlines; no OCR."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many official PDFs are "encrypted" only to restrict printing or
            # copying, with an empty user password: those open fine.
            if not reader.decrypt(""):
                raise LoadError(name, MSG_PDF_PASSWORD)
        pages = reader.pages
        page_count = len(pages)
    except LoadError:
        raise
    except DependencyError as exc:
        raise LoadError(
            name,
            f"暗号化されたPDFを復号できません（AES 暗号には cryptography パッケージが必要です: {_describe(exc)}）",
        ) from exc
    except FileNotDecryptedError:
        raise LoadError(name, MSG_PDF_PASSWORD) from None
    except Exception as exc:
        raise LoadError(name, f"PDFを読み込めません（ファイルが壊れている可能性があります: {_describe(exc)}）") from exc

    texts: list[str] = []
    failed = 0
    first_error: Exception | None = None
    for index in range(page_count):
        try:
            page_text = pages[index].extract_text() or ""
        except (DependencyError, FileNotDecryptedError) as exc:
            raise LoadError(name, f"PDFを復号できません（{_describe(exc)}）") from exc
        except Exception as exc:  # a broken page should not sink the others
            failed += 1
            first_error = first_error or exc
            logger.warning("%s: page %d: text extraction failed: %s", name, index + 1, _describe(exc))
            continue
        texts.append(page_text)

    if page_count and failed == page_count:
        raise LoadError(
            name, f"PDFを読み込めません（ファイルが壊れている可能性があります: {_describe(first_error)}）"
        )
    # NUL shows up in text from some broken fonts and means nothing.
    text = _normalize_newlines("\n".join(texts)).replace("\x00", "")
    _require_text(text, name, MSG_PDF_NO_TEXT)
    if failed:
        logger.warning("%s: %d of %d pages could not be read", name, failed, page_count)
    return text, None


def _check_zip(data: bytes, name: str, max_bytes: int) -> None:
    """Refuse zip bombs by reading only the central directory.

    zipfile never inflates a member past the size the directory declares
    (and checks the CRC), so bounding the declared sizes bounds the work.
    """
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: .doc or encrypted Office file
        raise LoadError(name, MSG_DOCX_OLE)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        logger.info("%s: not a zip: %s", name, _describe(exc))
        raise LoadError(name, MSG_DOCX_NOT_ZIP) from None

    if len(infos) > 10_000:
        raise LoadError(name, MSG_ZIP_BOMB)
    total_limit = max(10 * max_bytes, 100 * _MIB)
    total = sum(info.file_size for info in infos)
    if total > total_limit:
        logger.warning("%s: zip expands to %d bytes (limit %d)", name, total, total_limit)
        raise LoadError(name, MSG_ZIP_BOMB)
    for info in infos:
        # Small members (styles, a few KB of XML) compress very well
        # legitimately; only big members with absurd ratios are suspicious.
        if info.file_size > _MIB and info.file_size > 200 * max(info.compress_size, 1):
            logger.warning(
                "%s: member %s ratio %d/%d", name, info.filename, info.file_size, info.compress_size
            )
            raise LoadError(name, MSG_ZIP_BOMB)
    if not any(info.filename == "word/document.xml" for info in infos):
        raise LoadError(name, "DOCXファイルとして読み込めません（word/document.xml がありません）")


def _load_docx(data: bytes, name: str, max_bytes: int) -> tuple[str, str | None]:
    """Paragraphs and table cells in document order, one line each."""
    _check_zip(data, name, max_bytes)

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise LoadError(
            name, f"DOCXファイルとして読み込めません（ファイルが壊れている可能性があります: {_describe(exc)}）"
        ) from exc

    lines: list[str] = []

    def add(text: str) -> None:
        for line in _normalize_newlines(text).split("\n"):
            if line.strip():
                lines.append(line)

    # Explicit stack instead of recursion: tables can nest inside cells.
    stack = [iter(document.iter_inner_content())]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, Paragraph):
            add(item.text)
        elif isinstance(item, Table):
            stack.append(_table_cells_content(item))
    text = "\n".join(lines)
    _require_text(text, name, MSG_DOCX_NO_TEXT)
    return text, None


def _table_cells_content(table):
    """Inner content of each distinct cell, row by row (merged cells once)."""
    seen: set[int] = set()
    keep_alive = []  # lxml proxies must stay alive for their ids to stay unique
    for row in table.rows:
        for cell in row.cells:
            tc = cell._tc
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            keep_alive.append(tc)
            yield from cell.iter_inner_content()
