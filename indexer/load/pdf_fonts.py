"""Where each text run of a PDF page ends, measured with its fonts' glyph widths.

pypdf reports each piece of text with the position it starts at, not where it ends.
A width guessed from character classes is off whenever a run is set in a font of other
proportions (a half-width digit in a Latin font inside Japanese text, 「令和5 年度」, a
「①」 as wide as a kanji): the next run then seems to start after a gap, or inside the run.
`RunTracker` follows the text state of the content stream (font, size, character and word
spacing, horizontal scaling, text matrix) alongside pypdf's extraction and measures each
shown string with the font's own widths -- /Widths from /FirstChar for a simple font,
/W and /DW of the descendant CID font for a Type0 font with an Identity encoding -- so
each piece reported gets its real start and end. A run whose widths cannot be read
(a predefined CMap such as 90ms-RKSJ-H, a standard font without /Widths, text inside a
form XObject) is reported unmeasured, and the caller keeps its estimate.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

Point = tuple[float, float]

# operators that show text, and those that set the text position anew
_SHOW = (b"Tj", b"TJ", b"'", b'"')
_MOVE = (b"Td", b"TD", b"Tm", b"T*", b"BT")


class _Widths:
    """Glyph widths of one font (in thousandths of the text size), by character code."""

    def __init__(self, font: Any) -> None:
        self.two_byte = False
        self.scale = 1.0  # a Type3 font's glyph space
        self.default = 0.0
        self.by_code: dict[int, float] = {}
        self.usable = False
        try:
            self._read(font.get_object())
        except Exception as exc:  # noqa: BLE001 - a damaged font dictionary: estimate instead
            logger.debug("font widths unreadable: %s", exc)
            self.usable = False

    def _read(self, font) -> None:
        subtype = font.get("/Subtype")
        if subtype == "/Type0":
            encoding = font.get("/Encoding")
            descendants = font.get("/DescendantFonts")
            if encoding not in ("/Identity-H",) or not descendants:
                return  # codes of a predefined or embedded CMap: CIDs not known here
            cid_font = descendants.get_object()[0].get_object()
            self.two_byte = True
            self.default = float(cid_font.get("/DW", 1000))
            w = cid_font.get("/W")
            w = list(w.get_object()) if w is not None else []
            i = 0
            while i < len(w):
                first = int(w[i])
                item = w[i + 1].get_object() if i + 1 < len(w) else None
                if isinstance(item, list):  # c [w1 w2 ...]
                    for k, width in enumerate(item):
                        self.by_code[first + k] = float(width)
                    i += 2
                else:  # c_first c_last w
                    last, width = int(item), float(w[i + 2])
                    if last - first <= 65535:
                        for code in range(first, last + 1):
                            self.by_code[code] = width
                    i += 3
            self.usable = True
            return
        widths = font.get("/Widths")
        if widths is None:
            return  # a standard font: its metrics are not in the file
        first = int(font.get("/FirstChar", 0))
        for k, width in enumerate(widths.get_object()):
            self.by_code[first + k] = float(width)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            self.default = float(descriptor.get_object().get("/MissingWidth", 0))
        if subtype == "/Type3":
            matrix = font.get("/FontMatrix")
            self.scale = float(matrix[0]) * 1000 if matrix is not None else 1.0
        self.usable = True

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [(data[k] << 8) | (data[k + 1] if k + 1 < len(data) else 0) for k in range(0, len(data), 2)]
        return list(data)

    def width(self, code: int) -> float:
        return self.by_code.get(code, self.default) * self.scale


def _bytes(operand: Any) -> bytes | None:
    if isinstance(operand, bytes):
        return operand
    try:
        return operand.original_bytes
    except Exception:  # noqa: BLE001 - a string pypdf could not map back to bytes
        return None


class RunTracker:
    """Follows a page's content stream through pypdf's operand visitors (`before`, `after`)
    and measures the strings shown; `take` hands the measured extent of the text shown
    since the last call, for the piece pypdf reports next."""

    def __init__(self, page: Any) -> None:
        self._fonts: dict[str, _Widths] = {}
        self._font_dicts: dict[str, Any] = {}
        try:
            resources = page.get("/Resources")
            fonts = resources.get_object().get("/Font") if resources is not None else None
            for name, font in (fonts.get_object().items() if fonts is not None else []):
                self._font_dicts[str(name)] = font
        except Exception as exc:  # noqa: BLE001
            logger.debug("page fonts unreadable: %s", exc)
        self._font: _Widths | None = None
        self._size = 0.0
        self._char_spacing = 0.0
        self._word_spacing = 0.0
        self._scale = 1.0
        self._stack: list[tuple] = []
        self._advance: float | None = 0.0  # along the text line since the last positioning; None: unknown
        self._form_depth = 0
        self._start: Point | None = None  # of the first string shown since the last take
        self._end: Point | None = None
        self._measured = True

    def _widths(self, name: str) -> _Widths | None:
        if name not in self._fonts:
            font = self._font_dicts.get(name)
            self._fonts[name] = _Widths(font) if font is not None else None
        return self._fonts[name]

    def before(self, operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if operator == b"Do":
            self._form_depth += 1  # a form's own resources and matrix: not followed
        elif self._form_depth:
            return
        elif operator == b"q":
            self._stack.append((self._font, self._size, self._char_spacing, self._word_spacing, self._scale))
        elif operator == b"Q" and self._stack:
            self._font, self._size, self._char_spacing, self._word_spacing, self._scale = self._stack.pop()
        elif operator == b"Tf" and len(operands) >= 2:
            self._font = self._widths(str(operands[0]))
            self._size = _number(operands[1], self._size)
        elif operator == b"Tc" and operands:
            self._char_spacing = _number(operands[0], 0.0)
        elif operator == b"Tw" and operands:
            self._word_spacing = _number(operands[0], 0.0)
        elif operator == b"Tz" and operands:
            self._scale = _number(operands[0], 100.0) / 100
        elif operator == b'"' and len(operands) >= 3:
            self._word_spacing = _number(operands[0], 0.0)
            self._char_spacing = _number(operands[1], 0.0)

    def after(self, operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if operator == b"Do":
            self._form_depth = max(0, self._form_depth - 1)
            self._measured = False
            return
        if self._form_depth:
            return
        if operator in _MOVE:
            self._advance = 0.0
        elif operator in _SHOW:
            if operator in (b"'", b'"'):
                self._advance = 0.0
            shown = operands[-1] if operator != b"TJ" else (operands[0] if operands else [])
            start = self._point(self._advance, cm, tm)
            width = self._measure(shown if operator == b"TJ" else [shown])
            self._advance = None if width is None or self._advance is None else self._advance + width
            end = self._point(self._advance, cm, tm)
            if start is None or end is None:
                self._measured = False
            if self._start is None:
                self._start = start
            self._end = end

    def take(self) -> tuple[Point, Point] | None:
        """(start, end) in user space of the text shown since the last call, or None when
        some of it could not be measured (or nothing was shown)."""
        extent = (self._start, self._end) if self._measured and self._start and self._end else None
        self._start = self._end = None
        self._measured = True
        return extent

    def _point(self, advance: float | None, cm, tm) -> Point | None:
        if advance is None:
            return None
        u = advance * tm[0] + tm[4]
        v = advance * tm[1] + tm[5]
        return u * cm[0] + v * cm[2] + cm[4], u * cm[1] + v * cm[3] + cm[5]

    def _measure(self, items) -> float | None:
        """The advance (text space, before the text matrix) of a shown string or TJ array."""
        font = self._font
        if font is None or not font.usable:
            return None
        total = 0.0
        for item in items:
            if isinstance(item, (int, float)):
                total -= float(item) / 1000 * self._size * self._scale
                continue
            data = _bytes(item)
            if data is None:
                return None
            for code in font.codes(data):
                glyph = font.width(code) / 1000 * self._size + self._char_spacing
                if code == 32 and not font.two_byte:
                    glyph += self._word_spacing
                total += glyph * self._scale
        return total


def _number(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


# A list bullet drawn in a symbol font (Word's and LibreOffice's default bullets: Symbol's
# •, Wingdings' ● ■ ▪ ◆ ❖ ➢ ✓) comes out of the text layer as a private-use character
# (U+F0xx: the font's code). They are read as the marks the cleaning knows.
SYMBOL_MARKS = str.maketrans({
    "\uf0b7": "・", "\uf06c": "●", "\uf06e": "■", "\uf0a7": "■", "\uf075": "◆", "\uf076": "◆",
    "\uf0d8": "・", "\uf0fc": "✓",
})
# a piece of nothing but one of these, before text on its line, is a list item's bullet
LIST_BULLETS = frozenset("・●■◆◇□•‣▪➢►") | frozenset(k for k in map(chr, SYMBOL_MARKS) if k != "\uf0fc")


def with_marks(text: str) -> str:
    """The text with symbol-font bullets as ordinary marks."""
    return text.translate(SYMBOL_MARKS)
