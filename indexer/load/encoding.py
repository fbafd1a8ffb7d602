"""Character-encoding detection for text-like files (txt, html, csv).

BOM wins, then strict UTF-8, then charset_normalizer's guesses checked
against the Japanese codecs; legacy Japanese files (cp932, EUC-JP, JIS X 0213,
ISO-2022-JP, UTF-16 without BOM) decode to the same text as their UTF-8 copy.
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import charset_normalizer

from .common import MSG_BINARY, MSG_EMPTY, LoadError, describe, normalize_newlines, require_text

logger = logging.getLogger(__name__)


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


def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes to (text, codec name), or raise LoadError.

    `declared` is a charset the file states about itself (an HTML <meta>);
    it is trusted only when the bytes are not valid UTF-8 and decode cleanly
    with it. Newlines become "\\n" and the BOM is dropped.
    """
    data = bytes(data)
    if not data:
        raise LoadError(name, MSG_EMPTY)
    text, encoding = _decode_raw(data, name, declared)
    text = normalize_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    require_text(text, name)
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
            logger.warning("charset_normalizer failed: %s", describe(exc))
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
    for ch, n in Counter(sample).items():  # each distinct character once
        if ch in _ALLOWED_CONTROLS:
            continue
        if ch < " " or "\x7f" <= ch <= "\x9f" or ch == "\x00":
            bad += n
        elif ord(ch) > 0x2FF and unicodedata.category(ch) in ("Cn", "Cs"):
            bad += n
    return bad / len(sample)


def _guard_binary(text: str, name: str) -> None:
    if "\x00" in text or _binary_share(text) > _BINARY_SHARE:
        raise LoadError(name, MSG_BINARY)

