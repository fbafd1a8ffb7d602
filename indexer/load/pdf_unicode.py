"""Characters a PDF's text layer names wrongly: radicals for ideographs.

A font often draws an ideograph and the radical of the same shape with one glyph
(子 and ⼦ KANGXI RADICAL CHILD, 西 and ⻄ CJK RADICAL WEST TWO). A PDF's ToUnicode
map names each glyph once, and some writers (Chromium's 印刷 → PDF に保存, among others)
pick the radical: the page shows 西区子育て支援, the text layer says ⻄区⼦育て⽀援, and
neither search nor the ward's name (⻄区) finds it. Report text never means a radical,
so each is read as its ideograph: the Kangxi radicals (U+2F00–U+2FD5) as NFKC reads them
(⼾ as 戸, the form Japanese writes), the CJK radicals supplement (U+2E80–U+2EF3) where the
radical is a whole ideograph of its own shape (⻄ 西, ⻑ 長, ⺠ 民 …; the component forms
such as ⺅ or ⻌ stay), and the hyphenation point ‧ that such fonts give for 中黒 ・
between two Japanese letters.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement: the radical -> the ideograph it is drawn as (Unicode's
# EquivalentUnifiedIdeograph, the forms that are whole ideographs used in Japanese text).
_SUPPLEMENT = {
    "⺟": "母", "⺠": "民", "⺩": "王", "⺬": "示", "⺮": "竹", "⺯": "糸", "⺷": "羊",
    "⻁": "虎", "⻄": "西", "⻆": "角", "⻊": "足", "⻑": "長", "⻘": "青", "⻝": "食",
    "⻣": "骨", "⻤": "鬼", "⻨": "麦", "⻩": "黄", "⻫": "斉", "⻭": "歯", "⻯": "竜", "⻲": "亀",
}
# Kangxi radicals whose NFKC form is not the one Japanese text writes.
_KANGXI_JAPANESE = {"⼾": "戸"}
_RADICAL = re.compile(r"[\u2e80-\u2ef3\u2f00-\u2fd5]")
_JAPANESE = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# ‧ (U+2027) between two Japanese letters: 子育て‧教育, 健康‧医療; and, on a page of Japanese
# text, anywhere but inside a word of Latin letters (the hyphenation point's own use, syl‧la‧ble):
# beside a digit, a bracket, a space or a line's end (「）‧多胎児」, 「‧18区」, 「自治会‧」 at a
# wrapped line's end in Chromium's print of a ward page) it is 中黒 as well
_HYPHENATION_POINT = re.compile(rf"(?<=[{_JAPANESE}])\u2027(?=[{_JAPANESE}])")
_NOT_IN_A_LATIN_WORD = re.compile(r"(?<![A-Za-z])\u2027|\u2027(?![A-Za-z])")
_ANY_JAPANESE = re.compile(rf"[{_JAPANESE}]")


def _ideograph(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _SUPPLEMENT:
        return _SUPPLEMENT[ch]
    if ch in _KANGXI_JAPANESE:
        return _KANGXI_JAPANESE[ch]
    if ch >= "\u2f00":
        return unicodedata.normalize("NFKC", ch)
    return ch


def radicals(text: str) -> str:
    """`text` with radicals read as the ideographs they are drawn as (a text piece of a
    page, read one by one)."""
    return _RADICAL.sub(_ideograph, text) if _RADICAL.search(text) else text


def ideographs(text: str) -> str:
    """`radicals`, and a hyphenation point read as 中黒 ・ between Japanese letters, and on a
    page of Japanese text anywhere but inside a word of Latin letters (a page's text, where
    the letters around it are known)."""
    text = radicals(text)  # first, so that ‧ between two radicals is seen between ideographs
    if "\u2027" in text:
        text = _HYPHENATION_POINT.sub("・", text)
        if "\u2027" in text and _ANY_JAPANESE.search(text):
            text = _NOT_IN_A_LATIN_WORD.sub("・", text)
    return text
