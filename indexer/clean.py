"""Cleaning of decoded report text before structure parsing.

Reports arrive as web-page text with inline HTML inside tab-separated cells, as
PDF text whose lines are wrapped mid-word, and with page furniture or website
menus around the content. This module turns raw lines into `Row`s: cleaned
cells of items, each remembering the source lines it came from, so passages
can cite their origin. Original characters are kept; NFKC is used only for
the matching done here (`norm`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


_NOT_CIRCLED = re.compile(f"[^{CIRCLED}]+")
_HAS_CIRCLED = re.compile(f"[{CIRCLED}]")


def norm(text: str) -> str:
    """NFKC form used for matching only (full-width digits, half-width kana).

    Circled numbers (①②③) are kept: reports number their goals with them, and
    NFKC would turn them into plain digits.
    """
    if _HAS_CIRCLED.search(text) is None:  # (most text: one NFKC call, no callback per run)
        return unicodedata.normalize("NFKC", text)
    return _NOT_CIRCLED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def circled_value(ch: str) -> int | None:
    idx = CIRCLED.find(ch)
    return idx + 1 if idx >= 0 else None


@dataclass
class Row:
    """One logical line: its table cells (tab- or " | "-separated), each a list of
    cleaned items, and the source lines it came from.

    `normalized` is the row's text in the matching form (`norm`), computed once:
    detectors and the structure parser read it instead of re-normalising text.
    """

    cells: list[list[str]]
    start: int  # first source line (1-based)
    end: int    # last source line
    source: str = ""  # the source text the row was cleaned from (wrapped lines rejoined)

    @property
    def items(self) -> list[str]:
        return [item for cell in self.cells for item in cell]

    @property
    def text(self) -> str:
        return " ".join(self.items)

    @property
    def first(self) -> str:
        for cell in self.cells:
            if cell:
                return cell[0]
        return ""

    @cached_property
    def normalized(self) -> str:
        """The row's text (items joined by spaces) in NFKC matching form."""
        return norm(self.text)

    @cached_property
    def compact(self) -> str:
        """`normalized` without any whitespace (letter-spaced PDF text reads whole)."""
        return compact(self.normalized)

    @cached_property
    def normalized_source(self) -> str:
        """The source text in matching form, markup included (names written with it keep it)."""
        return norm(self.source)

    @property
    def filled_cells(self) -> list[list[str]]:
        return [c for c in self.cells if c]


# --- inline markup -----------------------------------------------------------

_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div|tr|td|th|h[1-6]|dd|dt)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# Item boundaries inside a cell: a bullet or item number ((1), （１）, 1., １．, ①)
# preceded by space.
_ITEM_BOUNDARY = re.compile(
    rf"(?<=\S)[ \u3000]+(?=[・●○◆■□◇※{CIRCLED}]|[(（][\d０-９]{{1,2}}[)）]|[\d０-９]{{1,2}}[.．](?![\d０-９]))"
)
# Bullets run together without space ("。・次の項目"), as some cells have.
_GLUED_BULLET = re.compile(r"(?<=。)(?=[・●○■□◆◇])")
_MD_BULLET = re.compile(r"^\s*-\s+")


def split_items(cell: str) -> list[str]:
    """Strip inline markup from one cell and split it into list items."""
    cell = _MD_BULLET.sub("", cell.replace("**", ""))
    parts = _BLOCK_TAG.split(cell)
    items: list[str] = []
    for part in parts:
        part = html.unescape(_ANY_TAG.sub("", part))
        part = _GLUED_BULLET.sub(" ", part)
        # In a letter-spaced label (3 情 報 収 集 ・ 提 供 事 業) a "・" is a letter, not a bullet.
        for item in [part] if is_letter_spaced(part) else _ITEM_BOUNDARY.split(part):
            item = unspread(_MD_BULLET.sub("", item).strip(" \u3000\t"))
            if item:
                items.append(item)
    if len(items) >= 2 and all(_ONE_LETTER.fullmatch(item) for item in items):
        # 取<br>組<br>内<br>容: a label written down a narrow cell one letter per line is one word
        return ["".join(items)]
    return items


# One letter of a word (a kanji or kana), as a label written down a narrow cell has on each line.
_ONE_LETTER = re.compile(r"[一-龥々ぁ-ゖァ-ヺー]")


# A table's "none" mark: a cell holding only a dash (「-」「－」「―」「ー」 as offices type it).
_NONE_MARK = re.compile(r"^[-－―‐ー−]$")


def table_cells(line: str) -> list[list[str]]:
    """A line's cells, each split into items. In a row of several cells a dash alone is the
    table's "none" mark and stays, so the numbers after it keep their columns
    (「区委託クラス - - 47 43」 is not 「区委託クラス 47 43」); a dash alone on a line is an empty
    bullet and holds nothing."""
    cells = [split_items(c) for c in split_cells(line)]
    if len(cells) > 1:
        return cells
    return [[item for item in cell if not _NONE_MARK.match(item)] for cell in cells]


# --- page furniture and website boilerplate -----------------------------------

_FURNITURE = re.compile(
    r"^(?:様式\s*\d+(?:-\d+)?(?!\d).*評価シート|【?単年度事業評価様式】?|改訂版|"
    r"[-－―]\s*\d+\s*[-－―]|\d+\s*/\s*\d+|\d+\s*ページ|ページの先頭へ.*|"
    # page numbers as printed in footers: ページ 3/12, 3 / 12 ページ, P.3, p. 3 of 12, Page 3
    r"(?:ページ|P\.?|page)\s*\d+(?:\s*(?:/|of)\s*\d+)?|\d+\s*/\s*\d+\s*ページ|"
    r"このページの先頭へ.*|Copyright.*|©.*|"
    # a spreadsheet's default sheet name printed in the page header: Sheet1
    r"Sheet\d{1,2}|"
    # a web page's breadcrumb: (site name) トップ > 事業評価 > …
    r"(?:\S{1,30}\s+)?(?:トップ(?:ページ)?|ホーム|TOP|HOME|Home)\s*[>＞»›](?:\s*[^\s>＞»›。]{1,30}\s*[>＞»›]?)+|"
    # a web page's date and id stamps: 更新日：2023年6月30日, 最終更新日 2024/3/1, ページID：83892
    r"(?:(?:最終)?更新日(?:時)?|掲載日|公開日|ページID|ページ番号)\s*[:：]?\s*"
    r"(?:令和|平成)?[\d元]+(?:\s*[年月日./-]\s*[\d元]+)*\s*日?|"
    # a blank form's own instruction left in the filled-in report: ※…を具体的に記入してください。,
    # （数値で示せるものは数値で記入）
    r"[※＊*].{0,80}?(?:記入|記載|入力)(?:してください|して下さい|すること|する|のこと)?[。.]?|"
    r"[(（].{0,80}?(?:記入|記載|入力)(?:してください|して下さい|すること|する|のこと)?[。.]?[)）])$",
    re.I,
)
_BOILERPLATE = re.compile(
    r"(TEL|FAX|電話[:：]|〒\s*\d{3}|開館時間|休館日|臨時休館|アクセス$|^マップ$|MAP$|"
    r"募集$|ブログ$|登録フォーム|お問い合わせ|サイトマップ|^\S*[市区]\S*町\d+[-－]\d+|"
    r"^\S+(?:\s+\d+|\d)階$|\d{2,4}[-－]\d{2,4}[-－]\d{3,4})",
    re.I,
)
_SENTENCE_END = re.compile(r"[。．！？!?」』）)]$")


def is_furniture(line: str) -> bool:
    """Page furniture: sheet names, page numbers, revision stamps."""
    s = norm(line).strip()
    # also when a layout bracketed or letter-spaced it: 【様式1-1】 …, 様 式 1 - 1 …
    return bool(_FURNITURE.match(s) or _FURNITURE.match(re.sub(r"[\s【】\[\]〔〕]", "", s)))


def _is_menu_like(line: str) -> bool:
    """A short line that reads like a menu entry rather than a sentence (a clause
    mark 、 outside a phone number: a line of prose wrapped by a PDF, such as
    「臨時休館中に電話での子育て相談を毎日受け、手遊び動」)."""
    s = norm(line).strip()
    prose = "、" in s and not _PHONE.search(s)
    return (bool(s) and len(s) <= 40 and not _SENTENCE_END.search(s) and "\t" not in s
            and not _PIPE_ROW.search(s) and not prose)


_PHONE = re.compile(r"\d{2,4}[-－]\d{2,4}[-－]\d{3,4}")
# A page's text wraps at least this many half-width columns wide for a line that reaches it
# to be read as a wrapped line of prose (a menu's entries are short, a page of them narrow).
_PROSE_WRAP_MIN = 40
# ... and ends at most this many columns short of it (two full-width letters: a line breaks
# before a letter that does not fit, a digit or a mark sets the others' width apart)
_WRAP_SLACK = 4


def _wrapped_prose(lines: list[str], i: int, width: int) -> bool:
    """Whether line i is a line of prose wrapped where the text wraps (it reaches the text's
    wrap width, and the next line goes on with it, starting no item of its own): 「・連合町内会
    ・自治会連絡協議会や…の会議で提供会員募集」 / 「に関して説明し、…」 in a PDF's text is no site
    menu's 〇〇募集 entry, however it ends."""
    if width < _PROSE_WRAP_MIN or display_width(lines[i]) < width - _WRAP_SLACK or i + 1 >= len(lines):
        return False
    following = norm(lines[i + 1]).strip(" \u3000")
    return bool(following) and "\t" not in lines[i + 1] and not _STARTS_NEW.match(following)


def boilerplate_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to a website menu / address / contact block.

    A block is seeded by a line that looks like contact data or a menu entry
    (TEL/FAX, opening hours, 〇〇募集, アクセス …) and grows over the adjacent
    short, sentence-less lines, so a site menu at the end of a page goes as a
    whole while the report's sentences stay.
    """
    drop: set[int] = set()
    # (_is_menu_like first: it bounds the length, and _BOILERPLATE backtracks over long
    # runs without spaces — 20,000 full-width digits took 3.4 s)
    seeds = [i for i, l in enumerate(lines) if l.strip() and "\t" not in l
             and _is_menu_like(l) and _BOILERPLATE.search(norm(l).strip())]
    if seeds:
        width = _wrap_width(lines)
        seeds = [i for i in seeds if not _wrapped_prose(lines, i, width)]
    for seed in seeds:
        if seed in drop:
            continue
        drop.add(seed)
        for step in (-1, 1):
            i = seed + step
            while 0 <= i < len(lines):
                line = lines[i]
                if not line.strip():
                    i += step
                    continue
                if _is_menu_like(line) and not _looks_like_label(line):
                    drop.add(i)
                    i += step
                    continue
                break
    return drop


def running_lines(lines: list[str]) -> set[int]:
    """Indexes of a running header or footer repeated at page breaks in text copied
    out of a PDF: a short line that recurs next to a page number (― 2 ―, 3 / 12),
    the title at the top of page 1 or a line repeated on three pages or more; never a
    section heading (取組の課題 may open a page). The first occurrence stays."""
    from .headings import heading_key  # headings builds on this module's norm

    near_page_number: set[int] = set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for pos, i in enumerate(filled):
        if _FURNITURE.match(norm(lines[i]).strip()) and re.search(r"\d", lines[i]):
            near_page_number.update(filled[max(0, pos - 2):pos + 3])
    if not near_page_number:
        return set()
    seen: dict[str, list[int]] = {}
    for i in filled:
        key = re.sub(r"\s+", "", norm(lines[i]))
        if "\t" not in lines[i] and len(key) <= 80:
            seen.setdefault(key, []).append(i)
    drop: set[int] = set()
    top = set(filled[:3])
    for places in seen.values():
        later = places[1:]
        if (later and all(i in near_page_number for i in later) and (places[0] in top or len(later) >= 2)
                and heading_key(lines[places[0]].split("\t")[0]) is None):
            drop.update(later)
    return drop


_LABEL_WORDS = re.compile(
    r"(重点目標|取組内容|取組の成果|取組の課題|評価の理由|振り返りの視点|目指す拠点の姿|"
    r"成果|課題|事業|年度|評価|達成度|^[①-⑳]|^\d)"
)


def _looks_like_label(line: str) -> bool:
    return bool(_LABEL_WORDS.search(norm(line).strip()))


# --- wrapped lines -----------------------------------------------------------

_STARTS_NEW = re.compile(rf"^[\s\u3000]*(?:[・●○◯◎◆■□◇※⇒\-【(（{CIRCLED}]|〇(?![〇一二三四五六七八九十])|\d+[\s.．、)）]|[ア-ン]\s)")
_HEADING_WORD = re.compile(
    r"^(取り?組み?(?:の?内容|の成果|の課題)|今後の課題|事業の内容|事業目的|事業の実施者|事業実施期間|"
    r"評価の理由|振り返りの視点|目指す拠点の姿|拠点事業としての成果と課題)"
)
# A line of single letters or digits (grades "A B", table marks) never continues a sentence.
_LONE_MARK = re.compile(r"^[ \u3000]*[A-Za-z0-9](?:[ \u3000]+[A-Za-z0-9])*[ \u3000]*$")
# A title line ends with the name of the document or programme; it is never wrapped.
# (also the names other cities give their sheets: 自己評価, 事業評価, 評価表, 評価調書, 事業報告)
_TITLE_END = re.compile(r"(評価シート|評価結果|評価書|報告書|事業の評価|のまとめ|実施概要|支援拠点事業|支援センター事業"
                        r"|(?:自己|事業|第三者|年度)評価|評価(?:表|票|調書)|(?:事業|実績|状況)報告|状況の評価)$")
# A line that opens with a fiscal year and ends naming what the document is (令和元年度　東区子育て
# 支援センター　運営評価): a title, never wrapped.
_YEAR_TITLE = re.compile(r"^[\s\u3000]*(?:令和|平成|[RH]\d|(?:19|20)\d\d)[^。]*(?:評価|報告|振り返り|計画|まとめ)$")
# A label spread over its cell by a PDF layout: 取 組 内 容.
_LETTER_SPACED = re.compile(r"^[ \u3000]*(?:\S[ \u3000]+){2,}\S(?:[ \u3000]|$)")
_MARKUP = re.compile(r"<[A-Za-z/]")


# A whole cell spread letter by letter (Word / Excel 均等割り付け, a PDF of it):
# single characters, one space apart, some of them Japanese (or two Japanese
# characters: 対 象, 氏 名).
_SPREAD = re.compile(r"^\S(?:[ \u3000]\S){2,}$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def unspread(text: str) -> str:
    """「年 間 利 用 者 数」 -> 「年間利用者数」: a cell spread letter by letter, read
    as the words it shows (for display and for the index); a leading number
    keeps its space. Anything else is returned as it is."""
    pair = len(text) == 3 and text[1] in " \u3000" and _JAPANESE.fullmatch(text[0]) and _JAPANESE.fullmatch(text[2])
    if not pair and not (_SPREAD.match(text) and _JAPANESE.search(text)):
        return text
    # a number before a spread name keeps its space: 「3 情 報 収 集」 -> 「3 情報収集」
    keep = 2 if (text[0].isdigit() or text[0] in CIRCLED) and _JAPANESE.fullmatch(text[2]) else 0
    return text[:keep] + re.sub(r"[ \u3000]", "", text[keep:])


def is_letter_spaced(text: str) -> bool:
    """取 組 内 容: text that starts with single characters separated by spaces."""
    return bool(_LETTER_SPACED.match(text))


# A PDF wraps lines near the full text width; shorter lines are headings.
MIN_WRAPPED_CHARS = 20
# A block rejoined from wrapped lines is closed at this length (about two pages of running
# text; no report paragraph comes near it): every rejoin looks at the whole block, so a text
# whose lines never end a sentence would otherwise cost the square of its length.
MAX_JOINED_CHARS = 4000
# ... and a wrapped line is at least this share of the document's wide lines
# (the 90th percentile of line widths), so a title or a web page's short lines
# are never glued to the next line.
WRAP_WIDTH_SHARE = 0.6


# East Asian wide characters (kana, CJK, full-width forms): two columns each.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def display_width(text: str) -> int:
    """Width in half-width columns (full-width characters count 2)."""
    s = text.strip(" \u3000")
    return len(s) + len(_WIDE.findall(s))


def _wrap_width(lines: list[str]) -> int:
    widths = sorted(display_width(line) for line in lines if _wrappable(line))
    return widths[int(len(widths) * 0.9)] if widths else 0


def _wrappable(line: str) -> bool:
    s = line.strip(" \u3000")
    return (bool(s) and "\t" not in line and not _MARKUP.search(line) and not _PIPE_ROW.search(line)
            and not is_letter_spaced(line))


def _continues(previous: str, line: str, heading_key) -> bool:
    """Whether `line` (NFKC) continues the wrapped text `previous` (NFKC). A rating line
    (法人評価：Ｂ　区評価：Ｃ, 自己評価　法人：Ａ　区：Ａ, 達成度 A) never does: it stands under a wide
    heading (a programme's long name) that did not end a sentence."""
    from .ratings import is_rating_line  # ratings builds on this module's norm

    return (len(previous.strip()) >= MIN_WRAPPED_CHARS
            and not _SENTENCE_END.search(previous)
            and not _TITLE_END.search(previous)
            and not _YEAR_TITLE.match(previous)
            and not _STARTS_NEW.match(line)
            and not _LONE_MARK.match(line)
            and not _HEADING_WORD.match(line.strip(" \u3000"))
            and heading_key(line.split("\t")[0]) is None
            and not is_rating_line(line))


def _last_cell(line: str) -> str:
    return line.rsplit("\t", 1)[-1]


def _cell_wrap_width(lines: list[str]) -> int:
    """The wide lines' width of table rows' last cells (a sheet's text column)."""
    widths = sorted(display_width(_last_cell(line)) for line in lines
                    if "\t" in line and _last_cell(line).strip() and not _MARKUP.search(line))
    return widths[int(len(widths) * 0.9)] if widths else 0


def _continues_cell(previous: str, line: str, last_width: int, min_width: float, heading_key) -> bool:
    """Whether table row `line` (tab-separated) only continues the last cell of `previous`:
    a form's text typed line by line into the rows of one column (Excel 方眼紙), each row
    about as wide as the column's wide rows, the text running on mid-sentence."""
    if "\t" not in previous or line.count("\t") != previous.count("\t") or last_width < min_width:
        return False
    *before, text = line.split("\t")
    if any(c.strip() for c in before) or not text.strip() or _MARKUP.search(line) or _MARKUP.search(previous):
        return False
    return _continues(norm(_last_cell(previous)).rstrip(), norm(text), heading_key)


def join_wrapped(lines: list[str], dropped: set[int]) -> list[tuple[str, int, int]]:
    """Rejoin lines that a PDF wrapped mid-sentence.

    Returns (text, first_line, last_line) with 1-based line numbers. A line is
    continued by the next when it is about as wide as the document's wide lines
    and does not end a sentence or a title, the next line does
    not start a new item (bullet, number, bracket) or read as a heading
    (`headings.heading_key`: 取組内容, 令和5年度 重点目標, …), and neither
    is a table row or markup. Blank lines always break, and so does a block
    reaching `MAX_JOINED_CHARS`.
    """
    from .headings import heading_key  # headings builds on this module's norm

    out: list[tuple[str, int, int]] = []
    current: tuple[str, int, int] | None = None
    min_width = _wrap_width(lines) * WRAP_WIDTH_SHARE
    min_cell_width = _cell_wrap_width(lines) * WRAP_WIDTH_SHARE if "\t" in "".join(lines) else 0
    last_width = 0  # width of the last source line of the current row
    for idx, line in enumerate(lines):
        if idx in dropped or is_furniture(line):
            if current:
                out.append(current)
                current = None
            continue
        if not line.strip(" \u3000\t"):
            if current:
                out.append(current)
                current = None
            out.append(("", idx + 1, idx + 1))
            continue
        width = display_width(line)
        if current and len(current[0]) + len(line) > MAX_JOINED_CHARS:
            out.append(current)
            current = None
        if (current and last_width >= min_width and _wrappable(current[0]) and _wrappable(line)
                and _continues(norm(current[0]).rstrip(), norm(line), heading_key)):
            current = (current[0].rstrip() + line.strip(" \u3000"), current[1], idx + 1)
            last_width = width
            continue
        if current and min_cell_width and _continues_cell(current[0], line, last_width, min_cell_width, heading_key):
            text = _last_cell(line).strip(" \u3000")
            current = (current[0].rstrip() + text, current[1], idx + 1)
            last_width = display_width(text)
            continue
        if current:
            out.append(current)
        current = (line.rstrip(), idx + 1, idx + 1)
        last_width = display_width(_last_cell(line)) if "\t" in line else width
    if current:
        out.append(current)
    return out


# Tables written with " | " between cells (text exports, Markdown tables).
_PIPE_ROW = re.compile(r"\S[ \u3000]+\|[ \u3000]+\S|^\s*\|.*\|\s*$")
# (possessive: a long run of tabs before no rule at all backtracked quadratically)
_PIPE_RULE = re.compile(r"^\s*+\|?(?:\s*+:?-{3,}:?\s*+\|)+\s*+:?-*:?\s*$")


# A full-width bar (｜) or box-drawing line (│) between cells, twice or more in a line: a table
# typed in a word processor or mail (重点目標｜取組内容｜成果｜課題); once, it may join a title.
_WIDE_BARS = ("｜", "│")


def split_cells(line: str) -> list[str]:
    """A line's table cells: tab-separated, " | "-separated or split by two or more full-width
    bars, else the whole line."""
    if "\t" in line:
        return line.split("\t")
    for bar in _WIDE_BARS:
        if line.count(bar) >= 2:
            inner = line.strip()
            if inner.startswith(bar) and inner.endswith(bar) and len(inner) > 1:
                inner = inner[1:-1]
            return [c.strip() for c in inner.split(bar)]
    if _PIPE_ROW.search(line):
        inner = line.strip()
        if inner.startswith("|") and inner.endswith("|") and len(inner) > 1:
            inner = inner[1:-1]
        return [c.strip() for c in inner.split("|")]
    return [line]


# A page number that copying out of a PDF left inside a sentence: 「家庭の多くが、 － 2 － 先輩家庭と」.
_INLINE_PAGE_NUMBER = re.compile(r"(?<=\S)[ \u3000]+[-－―]\s*\d{1,3}\s*[-－―][ \u3000]+(?=\S)")


# An e-mail's quote marks before a line of the quoted message: "> ", ">> ", "> > ".
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
# A quoted message: at least this many lines quoted in a row.
QUOTED_RUN = 3


def unquoted(lines: list[str]) -> list[str]:
    """The lines with an e-mail's quote marks removed from each run of QUOTED_RUN or more
    quoted lines (a report pasted into a reply): the quoted text reads as the report it is,
    a line that is only ">" is a blank line. A lone line starting with ">" stays as it is."""
    quoted = [bool(_QUOTE_MARKS.match(line)) and not line.lstrip().startswith(">=") for line in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        if not quoted[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and quoted[j]:
            j += 1
        if j - i >= QUOTED_RUN:
            for k in range(i, j):
                out[k] = _QUOTE_MARKS.sub("", lines[k], count=1)
        i = j
    return out


def to_rows(text: str) -> tuple[list[str], list[Row]]:
    """Raw text -> (raw lines, cleaned rows). Blank lines become empty rows.

    This is the one place text is normalised for the later stages: each row
    carries its cells, its source lines and its `normalized` form.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if ">" in text:
        raw = unquoted(raw)
    dropped = boilerplate_lines(raw) | running_lines(raw)
    rows: list[Row] = []
    for joined, start, end in join_wrapped(raw, dropped):
        if not joined.strip():
            rows.append(Row([], start, end))
            continue
        if _PIPE_RULE.match(joined):
            continue
        joined = _INLINE_PAGE_NUMBER.sub("", joined)
        cells = table_cells(joined)
        rows.append(Row(cells, start, end, joined))
    return raw, rows


def compact(text: str) -> str:
    """Text with all whitespace removed: for containment checks."""
    return re.sub(r"\s+", "", text)
