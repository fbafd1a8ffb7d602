"""Word's automatic numbering, as a reader sees it.

A Word list paragraph (style "List Number", or a paragraph numbered with the 段落番号
button) does not hold its number in its text: the number comes from numbering.xml
(w:numPr → w:num → w:abstractNum → w:lvl: start, numFmt, lvlText). Reports number
their goals this way (1. 地域の…, ① …, (1) …), and without the numbers two goals read
as two unnumbered lines. `Numbering.label(paragraph)` returns the number as Word
shows it ("1.", "①", "(2)", "イ") or "" for a paragraph that is not numbered; bullets
become "・".
"""

from __future__ import annotations

from docx.oxml.ns import qn

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * (1 + (n - 1) // 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("aiueo", "aiueoFullWidth") and 1 <= n <= len(_AIUEO):
        return _AIUEO[n - 1]
    if fmt in ("iroha", "irohaFullWidth") and 1 <= n <= len(_IROHA):
        return _IROHA[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    return str(n)  # decimal, decimalFullWidth, decimalZero, … as plain digits


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Counters of one document's numbered lists, read in document order."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) -> start, fmt, text
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read_styles(self, document) -> None:
        """The paragraph styles' numbering, base styles and the default paragraph style, read
        once from styles.xml: python-docx's `paragraph.style` scans every style of the
        document for each paragraph without a style of its own (seconds per thousand
        paragraphs)."""
        self.paragraph_styles: set[str] = set()
        self.based_on: dict[str, str | None] = {}
        self.default_style: str | None = None
        try:
            styles = document.styles.element.findall(qn("w:style"))
        except Exception:  # noqa: BLE001 - no styles part: direct numbering only
            styles = []
        for style in styles:
            sid = style.get(qn("w:styleId"))
            if sid is None:
                continue
            self.based_on.setdefault(sid, _val(style, "w:basedOn"))
            if (style.get(qn("w:type")) or "paragraph") == "paragraph":
                self.paragraph_styles.add(sid)
                if (style.get(qn("w:default")) or "").lower() in ("1", "true", "on"):
                    self.default_style = sid  # the last default, as Word (and python-docx) take it
            ppr = style.find(qn("w:pPr"))
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num is not None and _val(num, "w:numId") and sid not in self.style_num:
                self.style_num[sid] = (_val(num, "w:numId"), int(_val(num, "w:ilvl") or 0))

    def _read(self, root) -> None:
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for a in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl")) or 0)
                levels[ilvl] = (int(_val(lvl, "w:start") or 1), _val(lvl, "w:numFmt") or "decimal",
                                _val(lvl, "w:lvlText") or "")
            abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")) or 0)
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start), *levels[ilvl][1:])
            for ilvl, level in levels.items():
                self.levels[(num_id, ilvl)] = level

    def _num_of(self, paragraph) -> tuple[str, int] | None:
        ppr = paragraph._p.pPr
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num is not None:
            num_id = _val(num, "w:numId")
            if num_id is None or num_id == "0":
                return None  # numbering switched off for this paragraph
            return num_id, int(_val(num, "w:ilvl") or 0)
        sid = _val(ppr, "w:pStyle") if ppr is not None else None
        if sid not in self.paragraph_styles:
            sid = self.default_style
        seen: set[str] = set()
        while sid is not None and sid not in seen:  # (a style based on itself ends the walk)
            if sid in self.style_num:
                return self.style_num[sid]
            seen.add(sid)
            sid = self.based_on.get(sid)
        return None

    def label(self, paragraph) -> str:
        """The number Word shows in front of `paragraph`, or ""."""
        if not paragraph.text.strip():
            return ""
        found = self._num_of(paragraph)
        if found is None or found not in self.levels:
            return ""
        num_id, ilvl = found
        start, fmt, text = self.levels[found]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "・"
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        out = text
        for k in range(ilvl, -1, -1):
            level = self.levels.get((num_id, k))
            if level is None:
                continue
            value = counters.get(k, level[0])
            out = out.replace(f"%{k + 1}", _format(value, level[1]))
        return out.strip()
